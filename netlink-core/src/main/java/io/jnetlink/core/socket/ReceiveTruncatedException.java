package io.jnetlink.core.socket;

import io.jnetlink.core.Errno;
import io.jnetlink.core.NetlinkException;

/**
 * A datagram from the kernel was larger than the socket's receive buffer and was lost. The socket
 * has grown its buffer and sizes every datagram first from now on, so retrying the request
 * succeeds; dumps do that by themselves.
 */
public class ReceiveTruncatedException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    /** The size of the lost datagram. */
    private final long size;

    /**
     * A datagram of {@code size} bytes did not fit a {@code buffer}-byte receive buffer.
     *
     * @param operation what was being done
     * @param size the datagram's size in bytes
     * @param buffer the receive buffer's size in bytes
     */
    public ReceiveTruncatedException(String operation, long size, long buffer) {
        super(operation, Errno.EMSGSIZE.value(), null, -1, 0, "a datagram of " + size + " bytes did not fit the "
                + buffer + "-byte receive buffer and was lost; the buffer has grown, retry");
        this.size = size;
    }

    /** {@return the size of the lost datagram} */
    public long size() {
        return size;
    }
}
