package io.jnetlink.core.socket;

import java.lang.foreign.MemorySegment;

/**
 * Moves datagrams between a {@link NetlinkSocket} and the kernel. The real one is a netlink socket
 * ({@link NetlinkSocket#open}); tests, the library's and yours, script one to exercise the protocol
 * logic without a kernel (see {@code ScriptedTransport} in the test jar).
 *
 * <p>Called only under the socket's lock, so implementations need not be thread-safe.
 */
public interface Transport extends AutoCloseable {
    /**
     * Sends {@code data} as one datagram.
     *
     * @throws io.jnetlink.core.NetlinkException if the send fails
     */
    void send(MemorySegment data);

    /**
     * Receives one whole datagram, never truncated, into {@link #buffer()} (from offset 0). Returns
     * its length rather than a view of it, so that receiving allocates nothing.
     *
     * @param wait false to return -1 at once when nothing is queued
     * @return the datagram's length in bytes; -1 only when {@code wait} is false and nothing is
     *         queued
     * @throws io.jnetlink.core.NetlinkTimeoutException if {@code wait} and nothing arrived in time
     * @throws io.jnetlink.core.OverrunException if the kernel dropped messages (ENOBUFS)
     */
    long receive(boolean wait);

    /**
     * The buffer holding the datagram the last {@link #receive} took, at offset 0; valid until the
     * next receive (which may also replace the buffer by a larger one).
     */
    MemorySegment buffer();

    /** The port id the kernel gave this socket (0 for a scripted transport). */
    int portId();

    /** Joins (or leaves) a multicast group. */
    default void membership(int group, boolean join) {
        throw new UnsupportedOperationException("this transport has no multicast groups");
    }

    /** Releases the descriptor and buffers. */
    @Override
    void close();
}
