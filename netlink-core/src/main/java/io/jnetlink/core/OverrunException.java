package io.jnetlink.core;

/**
 * The kernel dropped multicast messages because the socket's receive buffer was full (ENOBUFS).
 * Events were lost: whoever keeps state from events must re-read it (dump) to get back in step.
 */
public class OverrunException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    /**
     * The kernel dropped events for this socket (ENOBUFS): re-read what it watches.
     *
     * @param operation what was being done
     */
    public OverrunException(String operation) {
        super(operation, Errno.ENOBUFS.value(), null, -1, 0, "receive buffer overrun, events were lost");
    }
}
