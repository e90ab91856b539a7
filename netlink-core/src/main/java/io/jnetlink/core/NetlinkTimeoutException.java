package io.jnetlink.core;

/** No answer arrived from the kernel within the socket's receive timeout. */
public class NetlinkTimeoutException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    /**
     * No reply to request {@code sequence} within the socket's receive timeout.
     *
     * @param operation what was being done
     * @param sequence the request's sequence number
     */
    public NetlinkTimeoutException(String operation, int sequence) {
        super(operation, Errno.EAGAIN.value(), null, -1, sequence, "no reply within the receive timeout");
    }
}
