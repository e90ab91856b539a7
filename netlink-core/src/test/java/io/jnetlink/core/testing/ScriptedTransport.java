package io.jnetlink.core.testing;

import io.jnetlink.core.NetlinkTimeoutException;
import io.jnetlink.core.socket.Transport;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * A transport that plays the kernel from a script: for protocol tests without a socket. Each
 * {@link #send} is recorded; the reply function turns the bytes sent into the datagrams the
 * "kernel" answers with, which {@link #receive} then hands out in order.
 */
public final class ScriptedTransport implements Transport {
    private final Arena arena = Arena.ofShared();
    private final Function<byte[], List<byte[]>> replies;
    private final Deque<byte[]> queue = new ArrayDeque<>();
    private final List<byte[]> sent = new ArrayList<>();
    private MemorySegment buffer = MemorySegment.NULL;
    private boolean closed;
    private java.time.Duration receiveTimeout;

    /** @param replies given the bytes of one send, the datagrams to answer with */
    public ScriptedTransport(Function<byte[], List<byte[]>> replies) {
        this.replies = replies;
    }

    /** Queues a datagram to be received (as an unsolicited message would be). */
    public void enqueue(byte[] datagram) {
        queue.add(datagram);
    }

    /** Every datagram sent so far. */
    public List<byte[]> sent() {
        return sent;
    }

    @Override
    public void send(MemorySegment data) {
        byte[] b = data.toArray(ValueLayout.JAVA_BYTE);
        sent.add(b);
        queue.addAll(replies.apply(b));
    }

    @Override
    public long receive(boolean wait) {
        byte[] d = queue.poll();
        if (d == null) {
            if (!wait) {
                return -1;
            }
            throw new NetlinkTimeoutException("receive on scripted transport", 0);
        }
        // a fresh buffer each time, so a test that keeps a view of an old one sees it unchanged
        buffer = arena.allocate(Math.max(1, d.length), 8);
        MemorySegment.copy(d, 0, buffer, ValueLayout.JAVA_BYTE, 0, d.length);
        return d.length;
    }

    @Override
    public MemorySegment buffer() {
        return buffer;
    }

    /** Recorded only: a scripted receive never waits (an empty script times out at once). */
    @Override
    public void receiveTimeout(java.time.Duration timeout) {
        receiveTimeout = timeout;
    }

    /** The last timeout set through the socket, or null. */
    public java.time.Duration receiveTimeout() {
        return receiveTimeout;
    }

    @Override
    public int portId() {
        return 4242;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            arena.close();
        }
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }
}
