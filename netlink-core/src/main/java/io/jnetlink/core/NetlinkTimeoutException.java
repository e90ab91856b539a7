package io.jnetlink.core;

/** No answer arrived from the kernel within the socket's receive timeout. */
public class NetlinkTimeoutException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    public NetlinkTimeoutException(String operation, int sequence) {
        super(operation, Errno.EAGAIN.value(), null, -1, sequence, "no reply within the receive timeout");
    }
}
