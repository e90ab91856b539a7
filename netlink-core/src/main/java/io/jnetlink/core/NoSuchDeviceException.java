package io.jnetlink.core;

/**
 * The link named or indexed in a request does not exist (ENODEV), or a name given to the library
 * names no link in that namespace.
 */
public class NoSuchDeviceException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    /**
     * The kernel's refusal; see {@link NetlinkException#of(String, int, String, int, int)}.
     *
     * @param operation what was being done
     * @param errno the positive errno (ENODEV)
     * @param extAckMessage the kernel's extended-ACK text, or null
     * @param extAckOffset byte offset of the offending attribute in the request, or -1
     * @param sequence the request's sequence number
     */
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
     * @param operation what was being done
     */
    public NoSuchDeviceException(String operation, String detail) {
        super(operation, Errno.ENODEV.value(), null, -1, 0, java.util.Objects.requireNonNull(detail, "detail"));
    }

    /**
     * A link the library looked up by name was not there: the explanation is in {@link #detail()}.
     *
     * @param operation what was being done
     * @param linkName the name looked up
     * @return the exception, not thrown yet
     */
    public static NoSuchDeviceException named(String operation, String linkName) {
        return new NoSuchDeviceException(operation, "no link named \"" + linkName + "\"");
    }
}
