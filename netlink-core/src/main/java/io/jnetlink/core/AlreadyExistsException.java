package io.jnetlink.core;

/** The object to be created exists already (EEXIST): a link, address, route or namespace name. */
public class AlreadyExistsException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    public AlreadyExistsException(String operation, int errno, String extAckMessage, int extAckOffset, int sequence) {
        super(operation, errno, extAckMessage, extAckOffset, sequence);
    }

    /** The full form: {@code detail} is the library's explanation, or null. */
    AlreadyExistsException(String operation, int errno, String extAckMessage, int extAckOffset, int sequence, String detail) {
        super(operation, errno, extAckMessage, extAckOffset, sequence, detail);
    }

    /**
     * An object the library found to exist already itself (no kernel text).
     *
     * @param detail the library's explanation, kept in {@link #detail()}
     */
    public AlreadyExistsException(String operation, String detail) {
        super(operation, Errno.EEXIST.value(), null, -1, 0, java.util.Objects.requireNonNull(detail, "detail"));
    }
}
