package io.jnetlink.core.socket;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;

/**
 * Moves datagrams between a {@link NetlinkSocket} and the kernel. The real one is a netlink socket
 * ({@link NetlinkSocket#open}); tests, the library's and yours, script one to exercise the protocol
 * logic without a kernel (see {@code ScriptedTransport} in the test jar).
 *
 * <p>Called only under the socket's lock, so implementations need not be thread-safe; the one
 * exception is {@link #wakeUp()}, which {@link NetlinkSocket#close()} calls from another thread
 * while a receive may be waiting.
 *
 * <p>Options ({@link #receiveTimeout}, {@link #receiveBufferSize}) are part of the interface so
 * that a socket never has to know which transport it has; a transport without one throws
 * {@link UnsupportedOperationException} rather than ignoring it.
 */
public interface Transport extends AutoCloseable {
    /**
     * Sends {@code data} as one datagram.
     *
     * @param data the datagram
     * @throws io.jnetlink.core.NetlinkException if the send fails
     */
    void send(MemorySegment data);

    /**
     * Receives one whole datagram, never truncated, into {@link #buffer()} (from offset 0). Returns
     * its length rather than a view of it, so that receiving allocates nothing.
     *
     * @param wait false to return -1 at once when nothing is queued; true to wait up to the
     *             {@linkplain #receiveTimeout receive timeout} for a datagram
     * @return the datagram's length in bytes; -1 when nothing is queued and either {@code wait} is
     *         false or {@link #wakeUp()} was called (before or during the wait)
     * @throws io.jnetlink.core.NetlinkTimeoutException if {@code wait} and nothing arrived in time
     * @throws io.jnetlink.core.OverrunException if the kernel dropped messages (ENOBUFS)
     */
    long receive(boolean wait);

    /**
     * Receives the next datagram into memory of its own on the Java heap, for replies whose records
     * keep it (dumps): a writable view, from index 0, of a new array that nothing else writes,
     * sized to the datagram or larger (the view is exactly the datagram); the socket hands the
     * array to the records. The default copies what {@link #receive} took out of
     * {@link #buffer()}; a transport that can receive straight into the array does so. (A view of
     * anything else is treated as a buffer: the records copy it.)
     *
     * @param wait as for {@link #receive}
     * @return the datagram, or null where {@link #receive} returns a negative size
     * @throws ReceiveTruncatedException as {@link #receive} does
     */
    default MemorySegment receiveOwned(boolean wait) {
        long n = receive(wait);
        if (n < 0) {
            return null;
        }
        byte[] a = new byte[Math.toIntExact(n)];
        MemorySegment.copy(buffer(), java.lang.foreign.ValueLayout.JAVA_BYTE, 0, a, 0, a.length);
        return MemorySegment.ofArray(a);
    }

    /**
     * {@return the buffer holding the datagram the last {@link #receive} took, at offset 0; valid until the
     * next receive (which may also replace the buffer by a larger one)}
     */
    MemorySegment buffer();

    /** {@return the port id the kernel gave this socket (0 for a scripted transport)} */
    int portId();

    /**
     * Joins (or leaves) a multicast group.
     *
     * @param group the group number
     * @param join true to join, false to leave
     */
    default void membership(int group, boolean join) {
        throw new UnsupportedOperationException(getClass().getName() + " has no multicast groups");
    }

    /**
     * Sets how long a waiting {@link #receive} waits. A timeout too long for the transport to
     * count ({@code ChronoUnit.FOREVER.getDuration()}, anything over about 24 days) waits without
     * limit: for event sockets, which {@link #wakeUp()} ends.
     *
     * @param timeout how long a receive waits
     * @throws UnsupportedOperationException if this transport cannot time out a receive
     */
    default void receiveTimeout(Duration timeout) {
        throw new UnsupportedOperationException(getClass().getName() + " has no receive timeout");
    }

    /**
     * Sets the kernel's receive buffer for the socket (how many bytes of events may queue).
     *
     * @param bytes the buffer size in bytes
     * @throws UnsupportedOperationException if this transport has no kernel buffer
     */
    default void receiveBufferSize(int bytes) {
        throw new UnsupportedOperationException(getClass().getName() + " has no kernel receive buffer");
    }

    /**
     * Makes a {@link #receive} waiting in another thread return -1 at once, and every later one
     * that would wait. Thread-safe, and must not take the socket's lock (its caller waits for the
     * receiving thread to leave). A transport whose receive never blocks has nothing to do.
     */
    default void wakeUp() {
    }

    /**
     * {@return the arena that owns this transport's buffers and closes with it, for the socket to allocate
     * its own buffers in (one arena per socket: closing a shared arena costs a handshake with every
     * thread of the JVM); null to let the socket make its own}
     */
    default Arena arena() {
        return null;
    }

    /** Releases the descriptor and buffers. */
    @Override
    void close();
}
