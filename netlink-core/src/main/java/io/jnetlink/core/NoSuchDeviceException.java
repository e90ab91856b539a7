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

    /** A link the library looked up by name was not there. */
    public static NoSuchDeviceException named(String operation, String linkName) {
        return new NoSuchDeviceException(operation, Errno.ENODEV.value(),
                "no link named \"" + linkName + "\"", -1, 0);
    }
}
