package io.jnetlink.core;

/** The object to be created exists already (EEXIST): a link, address, route or namespace name. */
public class AlreadyExistsException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    /**
     * The kernel's refusal; see {@link NetlinkException#of(String, int, String, int, int)}.
     *
     * @param operation what was being done
     * @param errno the positive errno (EEXIST)
     * @param extAckMessage the kernel's extended-ACK text, or null
     * @param extAckOffset byte offset of the offending attribute in the request, or -1
     * @param sequence the request's sequence number
     */
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
     * @param operation what was being done
     */
    public AlreadyExistsException(String operation, String detail) {
        super(operation, Errno.EEXIST.value(), null, -1, 0, java.util.Objects.requireNonNull(detail, "detail"));
    }
}
