package io.jnetlink.core;

/**
 * The link named or indexed in a request does not exist (ENODEV), or a name given to the library
 * names no link in that namespace.
 */
public class NoSuchDeviceException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    public NoSuchDeviceException(String operation, int errno, String extAckMessage, int extAckOffset, int sequence) {
        super(operation, errno, extAckMessage, extAckOffset, sequence);
    }

    /** The full form: {@code detail} is the library's explanation, or null. */
    NoSuchDeviceException(String operation, int errno, String extAckMessage, int extAckOffset, int sequence, String detail) {
        super(operation, errno, extAckMessage, extAckOffset, sequence, detail);
    }

    /**
     * A missing link the library noticed itself (no kernel text).
     *
     * @param detail the library's explanation ("no link with index 9"), kept in {@link #detail()}
     */
    public NoSuchDeviceException(String operation, String detail) {
        super(operation, Errno.ENODEV.value(), null, -1, 0, java.util.Objects.requireNonNull(detail, "detail"));
    }

    /** A link the library looked up by name was not there: the explanation is in {@link #detail()}. */
    public static NoSuchDeviceException named(String operation, String linkName) {
        return new NoSuchDeviceException(operation, "no link named \"" + linkName + "\"");
    }
}
