package io.jnetlink.core.socket;

import io.jnetlink.core.DumpInterruptedException;
import io.jnetlink.core.NetlinkException;
import io.jnetlink.core.NetlinkTimeoutException;
import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.MessageWriter;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A netlink socket with the protocol done for you: sequence numbers, request + ACK, multipart
 * dumps, extended-ACK errors, pipelining.
 *
 * <p>Opened in the network namespace of the calling thread ({@link #open(int)}); a socket stays in
 * that namespace for life. To get one in another namespace, ask the namespace handle for it.
 *
 * <p><b>Threads.</b> A socket may be used from any number of threads, platform or virtual. Each
 * call is one exchange (send the requests, read until each has its answer) done under the socket's
 * lock, so exchanges never interleave; concurrent callers take turns. For throughput from one
 * thread, put many requests into one exchange ({@link #pipeline}). Replies are handed to handlers
 * as views of the socket's buffer, valid only during the callback: copy out what you keep, or
 * keep {@link Message#retained()} (each datagram copied at most once, however many of its
 * messages keep it).
 *
 * <p><b>Allocation.</b> The send and receive buffers are made once per socket. The keyed forms
 * ({@link #query(String, int, KeyEncoder, Decoder)}, {@link #request(String, int, KeyEncoder)})
 * with constant encoders and decoders allocate nothing between the call and the decoder: the
 * operation's text ("get link 7") is built only when an exception needs it. The forms that take
 * an {@link Encoder} are as fast but allocate whatever their lambdas capture.
 *
 * <p>Options on by default: NETLINK_EXT_ACK (the kernel explains errors; the text lands in
 * {@link NetlinkException#extAckMessage()}), NETLINK_CAP_ACK (ACKs do not echo the request) and
 * NETLINK_GET_STRICT_CHK (dump filters are honoured). A datagram is never silently truncated:
 * one that does not fit the receive buffer raises {@link ReceiveTruncatedException} and makes the
 * socket size every later datagram first (dumps retry by themselves). Every blocking receive has a timeout
 * (default 10 s, {@link #receiveTimeout(Duration)}): a kernel that does not answer raises
 * {@link NetlinkTimeoutException}. A dump that the kernel flags NLM_F_DUMP_INTR is retried up to
 * {@link #DUMP_ATTEMPTS} times, then {@link DumpInterruptedException} is thrown.
 */
public final class NetlinkSocket implements AutoCloseable {
    /** How many times a dump is tried before an interrupted dump is an error. */
    public static final int DUMP_ATTEMPTS = 5;
    /** The receive timeout of a new socket. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** Writes one or more requests; each {@link MessageWriter#begin} starts one. */
    @FunctionalInterface
    public interface Encoder {
        /**
         * Writes the request(s).
         *
         * @param w the writer, positioned where the next message begins
         */
        void encode(MessageWriter w);
    }

    /**
     * Writes one request about a numeric key (a link index, a table handle) given as an argument,
     * so that the encoder can be a constant: a request written this way allocates nothing.
     */
    @FunctionalInterface
    public interface KeyEncoder {
        /**
         * Writes the request about {@code key}.
         *
         * @param w the writer, positioned where the next message begins
         * @param key the key the request is about
         */
        void encode(MessageWriter w, int key);
    }

    /** The key of an exchange that has none: its operation text is the verb alone. */
    public static final int NO_KEY = Integer.MIN_VALUE;

    /**
     * Turns a reply message into a value; may return null to skip it.
     *
     * @param <T> the value type
     */
    @FunctionalInterface
    public interface Decoder<T> {
        /**
         * Decodes one reply.
         *
         * @param m the reply (a view valid only during the call)
         * @return the value, or null to skip the message
         */
        T decode(Message m);
    }

    /** Receives each reply of an exchange with the index of the request it answers. */
    @FunctionalInterface
    public interface ReplyHandler {
        /**
         * Handles one reply.
         *
         * @param requestIndex the index of the request it answers, from 0 in the order written
         * @param m the reply (a view valid only during the call)
         */
        void onReply(int requestIndex, Message m);
    }

    /** Receives the messages of a dump; told to start over when an interrupted dump is retried. */
    public interface DumpHandler {
        /**
         * Handles one message of the dump.
         *
         * @param m the message (a view valid only during the call)
         */
        void onMessage(Message m);

        /** The dump was interrupted and is read again from the start: forget what was received. */
        default void onRestart() {
        }
    }

    private final Transport transport;
    private final int protocol;
    private final ReentrantLock lock = new ReentrantLock();
    /** The writer's arena when this socket made one; null when it lives in the transport's. */
    private final Arena arena;
    private final MessageWriter writer;
    private final Exchange exchange = new Exchange();
    /** The decoder and result of the {@link #query} under way (guarded by the lock; no box per call). */
    private Decoder<?> queryDecoder;
    private Object queryResult;
    private final ReplyHandler queryHandler = (i, m) -> {
        if (queryResult == null) {
            queryResult = queryDecoder.decode(m);
        }
    };
    private int seq = 1;
    /** Set under the lock once the transport is closed. */
    private boolean closed;
    /** Set by {@link #close()} before it waits for the lock: nothing new starts after it. */
    private volatile boolean closing;
    /** True while a thread waits in {@link #receiveEvents}: the one wait {@link #close()} cuts short. */
    private volatile boolean eventWait;

    private NetlinkSocket(Transport transport, int protocol) {
        this.transport = transport;
        this.protocol = protocol;
        // One shared arena per socket, not two: closing a shared arena costs a handshake with
        // every thread of the JVM (tens of microseconds), which namespace teardown pays per socket.
        Arena shared = transport.arena();
        this.arena = shared == null ? Arena.ofShared() : null;
        this.writer = new MessageWriter(shared != null ? shared : arena, 16 * 1024);
        // Start at a random point so replies to a previous owner of the port id never match.
        this.seq = (int) (System.nanoTime() & 0x3FFF_FFFF) | 1;
    }

    /**
     * Opens a netlink socket of {@code protocol} ({@link io.jnetlink.core.codec.Netlink#NETLINK_ROUTE},
     * {@link io.jnetlink.core.codec.Netlink#NETLINK_NETFILTER}, ...) in the calling thread's network
     * namespace.
     *
     * @param protocol the netlink protocol
     * @return the open socket, bound in the calling thread's network namespace
     */
    public static NetlinkSocket open(int protocol) {
        return new NetlinkSocket(new NativeTransport(protocol, DEFAULT_TIMEOUT), protocol);
    }

    /**
     * {@return a socket over any transport: for tests that script the kernel's side}
     *
     * @param transport what carries the datagrams
     * @param protocol the netlink protocol it stands for
     */
    public static NetlinkSocket over(Transport transport, int protocol) {
        return new NetlinkSocket(transport, protocol);
    }

    /** {@return the netlink protocol this socket speaks} */
    public int protocol() {
        return protocol;
    }

    /** {@return the port id the kernel assigned} */
    public int portId() {
        return transport.portId();
    }

    /**
     * Sets the timeout of every blocking receive. A timeout too long to count
     * ({@code ChronoUnit.FOREVER.getDuration()}) makes {@link #receiveEvents} wait until an event
     * comes or the socket is closed, with no periodic wake-up; a request keeps waiting for its
     * answer that long too, so keep a finite one on a socket that sends requests.
     *
     * @param timeout how long a blocking receive waits
     * @throws UnsupportedOperationException if the transport cannot time out a receive
     */
    public void receiveTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("receive timeout must be positive, got " + timeout);
        }
        withLock(() -> transport.receiveTimeout(timeout));
    }

    /**
     * Sets the kernel's receive buffer for this socket (SO_RCVBUFFORCE, else SO_RCVBUF).
     *
     * @param bytes the buffer size in bytes
     * @throws UnsupportedOperationException if the transport has no kernel buffer
     */
    public void receiveBufferSize(int bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("receive buffer size must be positive, got " + bytes);
        }
        withLock(() -> transport.receiveBufferSize(bytes));
    }

    // ---- requests ------------------------------------------------------------------------

    /**
     * Sends one request that expects only an ACK (its flags must include NLM_F_ACK) and waits for
     * it.
     *
     * @param operation what is being done, for the exception ("create link veth0")
     * @param encoder writes the request
     * @throws NetlinkException if the kernel refused
     */
    public void request(String operation, Encoder encoder) {
        lock.lock();
        try {
            exchangeLocked(operation, NO_KEY, encoder, null, null, Exchange.Mode.ACK);
            throwFirst();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Like {@link #request(String, Encoder)} for a request about one numeric key: the operation
     * text ({@code verb + " " + key}, "delete link 7") is built only if it fails, and a constant
     * {@code encoder} makes the call allocation-free.
     *
     * @param verb what is done, such as "delete link"
     * @param key the key the request is about
     * @param encoder writes the request
     */
    public void request(String verb, int key, KeyEncoder encoder) {
        java.util.Objects.requireNonNull(encoder, "encoder");
        lock.lock();
        try {
            exchangeLocked(verb, key, null, encoder, null, Exchange.Mode.ACK);
            throwFirst();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends one request that is answered by one message (a GET by key, or a NEW with NLM_F_ECHO)
     * and returns that message decoded; null if the kernel sent only an ACK. Without NLM_F_ACK in
     * the request the exchange ends with the reply itself (one datagram instead of two: the
     * fastest form for GETs); with it, it ends with the ACK.
     *
     * @param <T> the value type
     * @param operation what is done, in the user's words, for errors
     * @param encoder writes the request
     * @param decoder turns the answer into the value
     * @return the decoded answer
     */
    public <T> T query(String operation, Encoder encoder, Decoder<T> decoder) {
        return query(operation, NO_KEY, encoder, null, decoder);
    }

    /**
     * Like {@link #query(String, Encoder, Decoder)} for a request about one numeric key (a GET by
     * index): the operation text ({@code verb + " " + key}, "get link 7") is built only if it
     * fails. With a constant {@code encoder} and {@code decoder}, nothing is allocated on the way to
     * the kernel and back; only what the decoder makes.
     *
     * @param <T> the value type
     * @param verb what is done, such as "get link"
     * @param key the key the request is about
     * @param encoder writes the request
     * @param decoder turns the answer into the value
     * @return the decoded answer
     */
    public <T> T query(String verb, int key, KeyEncoder encoder, Decoder<T> decoder) {
        java.util.Objects.requireNonNull(encoder, "encoder");
        return query(verb, key, null, encoder, decoder);
    }

    private <T> T query(String verb, int key, Encoder encoder, KeyEncoder keyEncoder, Decoder<T> decoder) {
        java.util.Objects.requireNonNull(decoder, "decoder");
        lock.lock();
        try {
            queryDecoder = decoder;
            queryResult = null;
            exchangeLocked(verb, key, encoder, keyEncoder, queryHandler, Exchange.Mode.REPLY);
            throwFirst();
            @SuppressWarnings("unchecked")
            T t = (T) queryResult;
            return t;
        } finally {
            queryDecoder = null;
            queryResult = null;
            lock.unlock();
        }
    }

    /**
     * Sends every request {@code encoder} writes (GETs by key) in one datagram and hands each reply
     * to {@code handler} with its request's index; a request without NLM_F_ACK ends with its reply,
     * as in {@link #query}. Throws the first error after all were answered.
     *
     * @param operation what is done, in the user's words, for errors
     * @param encoder writes the requests
     * @param handler receives each reply with its request's index
     */
    public void queryAll(String operation, Encoder encoder, ReplyHandler handler) {
        lock.lock();
        try {
            exchangeLocked(operation, NO_KEY, encoder, null, handler, Exchange.Mode.REPLY);
            throwFirst();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs a dump (the request's flags must include NLM_F_DUMP) and hands every message to
     * {@code handler}. An interrupted dump is read again (after {@link DumpHandler#onRestart()}) up
     * to {@link #DUMP_ATTEMPTS} times.
     *
     * @param operation what is dumped, in the user's words, for errors
     * @param encoder writes the dump request
     * @param handler receives each message
     */
    public void dump(String operation, Encoder encoder, DumpHandler handler) {
        lock.lock();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    exchange.dumpTo(handler);
                    try {
                        exchangeLocked(operation, NO_KEY, encoder, null, null, Exchange.Mode.DUMP);
                    } finally {
                        exchange.dumpTo(null); // also when the exchange failed before it started
                    }
                } catch (ReceiveTruncatedException e) {
                    // The socket now sizes each datagram first; read the rest of the abandoned dump
                    // (the kernel refuses a new dump while one is running), then start again.
                    drainDump(exchange.firstSequence());
                    if (attempt == DUMP_ATTEMPTS) {
                        throw e;
                    }
                    handler.onRestart();
                    continue;
                }
                throwFirst();
                if (!exchange.interruptedAt(0)) {
                    return;
                }
                if (attempt == DUMP_ATTEMPTS) {
                    throw new DumpInterruptedException(operation, attempt, exchange.firstSequence());
                }
                handler.onRestart();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs a dump and returns each message decoded (nulls skipped), consistent or not at all.
     *
     * @param <T> the value type
     * @param operation what is dumped, in the user's words, for errors
     * @param encoder writes the dump request
     * @param decoder turns each message into a value, or null to skip it
     * @return the decoded values, in the kernel's order
     */
    public <T> List<T> dumpAll(String operation, Encoder encoder, Decoder<T> decoder) {
        List<T> out = new ArrayList<>();
        dump(operation, encoder, new DumpHandler() {
            @Override
            public void onMessage(Message m) {
                T t = decoder.decode(m);
                if (t != null) {
                    out.add(t);
                }
            }

            @Override
            public void onRestart() {
                out.clear();
            }
        });
        return out;
    }

    /**
     * Sends every message {@code encoder} writes in one datagram and waits for each one's answer.
     * Replies reach {@code handler} with the index of their request. Errors do not throw: the result
     * holds, per request, its exception or null. Requests without NLM_F_ACK are not waited for, but
     * an error the kernel sends for them is still collected (queued replies are drained after the
     * send, which the kernel processes synchronously).
     *
     * @param operation what is done, in the user's words, for errors
     * @param encoder writes the requests
     * @param handler receives each reply with its request's index
     * @return per request, the error or null; the array is shared by nothing
     */
    public NetlinkException[] pipeline(String operation, Encoder encoder, ReplyHandler handler) {
        lock.lock();
        try {
            exchangeLocked(operation, NO_KEY, encoder, null, handler, Exchange.Mode.ACK);
            NetlinkException[] errs = exchange.errors();
            return errs != null ? errs : new NetlinkException[exchange.count()];
        } finally {
            lock.unlock();
        }
    }

    /**
     * Like {@link #pipeline} but throws the first error.
     *
     * @param operation what is done, in the user's words, for errors
     * @param encoder writes the requests
     * @param handler receives each reply with its request's index
     */
    public void pipelineOrThrow(String operation, Encoder encoder, ReplyHandler handler) {
        lock.lock();
        try {
            exchangeLocked(operation, NO_KEY, encoder, null, handler, Exchange.Mode.ACK);
            throwFirst();
        } finally {
            lock.unlock();
        }
    }

    // ---- multicast -------------------------------------------------------------------------

    /**
     * Joins a multicast group (RTNLGRP_LINK, ...): the kernel then sends its events here.
     *
     * @param group the group number
     */
    public void joinGroup(int group) {
        withLock(() -> transport.membership(group, true));
    }

    /**
     * Leaves a multicast group.
     *
     * @param group the group number
     */
    public void leaveGroup(int group) {
        withLock(() -> transport.membership(group, false));
    }

    /**
     * Waits for the next datagram of events (up to the receive timeout) and hands each message in
     * it to {@code handler}. {@link #close()} from another thread ends the wait at once: this then
     * returns 0 (and the next call throws, the socket being closed).
     *
     * @param handler receives each message (a view valid only during the call)
     * @return the number of messages, 0 when the timeout passed with none or the socket was closed
     * @throws io.jnetlink.core.OverrunException when the kernel dropped events (ENOBUFS): state
     *         kept from events must be re-read
     */
    public int receiveEvents(java.util.function.Consumer<Message> handler) {
        lock.lock();
        try {
            ensureOpen();
            long size;
            // Announce the wait before looking at closing (close() does the reverse), so that
            // either this sees the close or the close sees this wait and wakes it.
            eventWait = true;
            try {
                if (closing) {
                    return 0;
                }
                size = transport.receive(true);
            } catch (NetlinkTimeoutException e) {
                return 0;
            } finally {
                eventWait = false;
            }
            if (size < 0) {
                return 0; // woken by close()
            }
            MemorySegment d = transport.buffer();
            Message m = new Message();
            long pos = 0;
            int n = 0;
            while (pos < size) {
                pos += m.bind(d, pos, size - pos);
                handler.accept(m);
                n++;
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Throws away every datagram queued on the socket without waiting (after an overrun, queued
     * events are older than the re-read that follows).
     *
     * @return how many datagrams were dropped
     */
    public int drainEvents() {
        lock.lock();
        try {
            ensureOpen();
            int n = 0;
            while (true) {
                try {
                    if (transport.receive(false) < 0) {
                        return n;
                    }
                    n++;
                } catch (io.jnetlink.core.OverrunException again) {
                    // the overrun flag is cleared by reporting it; keep draining
                }
            }
        } finally {
            lock.unlock();
        }
    }

    // ---- the exchange ----------------------------------------------------------------------

    /**
     * One exchange: encodes with {@code encoder}, or with {@code keyEncoder} and {@code key}; the
     * operation text for errors is {@link #describe describe(verb, key)}.
     */
    private void exchangeLocked(String verb, int key, Encoder encoder, KeyEncoder keyEncoder, ReplyHandler handler,
                                Exchange.Mode mode) {
        ensureOpen();
        writer.reset();
        try {
            if (keyEncoder != null) {
                keyEncoder.encode(writer, key);
            } else {
                encoder.encode(writer);
            }
        } catch (RuntimeException e) {
            writer.reset();
            throw e;
        }
        if (writer.inMessage()) {
            throw new IllegalStateException(describe(verb, key) + ": the encoder left a message open (missing end())");
        }
        if (writer.messageCount() == 0) {
            throw new IllegalStateException(describe(verb, key) + ": the encoder wrote no message");
        }
        int count = writer.messageCount();
        int first = seq;
        if (Integer.toUnsignedLong(first) + count > 0xFFFF_FFFFL) {
            first = 1; // the run would wrap through 0, which the kernel's notifications use
        }
        seq = first + count;
        exchange.start(verb, key, writer, first, handler, mode);
        try {
            transport.send(writer.written());
            while (!exchange.complete()) {
                // A dump's records keep their datagrams: receive each into an array of its own,
                // which they then share, rather than copying it out of the buffer (unless they
                // kept none of the last: a modeled-only decoder's).
                boolean owned = mode == Exchange.Mode.DUMP && exchange.lastDatagramKept();
                MemorySegment d = null;
                long size = -1;
                try {
                    if (owned) {
                        d = transport.receiveOwned(true);
                    } else {
                        size = transport.receive(true);
                    }
                } catch (NetlinkTimeoutException e) {
                    throw new NetlinkTimeoutException(describe(verb, key), first);
                }
                if (owned ? d == null : size < 0) {
                    // Only close() wakes a transport, and it waits for this exchange first.
                    throw new IllegalStateException(describe(verb, key) + ": the transport was woken mid-exchange");
                }
                if (owned) {
                    exchange.acceptOwned(d);
                } else {
                    exchange.accept(transport.buffer(), size);
                }
            }
            if (exchange.hasSilentRequests()) {
                long size;
                while ((size = transport.receive(false)) >= 0) {
                    exchange.accept(transport.buffer(), size);
                }
            }
        } finally {
            exchange.clear();
        }
    }

    /** The text of an operation: {@code verb}, followed by {@code key} unless it is {@link #NO_KEY}. */
    static String describe(String verb, int key) {
        return key == NO_KEY ? verb : verb + " " + key;
    }

    /** Reads datagrams until the dump with sequence {@code seq} has ended (or nothing comes). */
    private void drainDump(int seq) {
        Message m = new Message();
        try {
            while (true) {
                long size = transport.receive(true);
                if (size < 0) {
                    return;
                }
                MemorySegment d = transport.buffer();
                long pos = 0;
                while (pos < size) {
                    pos += m.bind(d, pos, size - pos);
                    if (m.sequence() == seq && (m.type() == io.jnetlink.core.codec.Netlink.NLMSG_DONE
                            || m.type() == io.jnetlink.core.codec.Netlink.NLMSG_ERROR)) {
                        return;
                    }
                }
            }
        } catch (NetlinkTimeoutException e) {
            // nothing more is coming
        }
    }

    private void throwFirst() {
        NetlinkException[] errs = exchange.errors();
        if (errs != null) {
            for (NetlinkException e : errs) {
                if (e != null) {
                    // Rethrow from the caller's stack, keeping the kernel's detail.
                    e.fillInStackTrace();
                    throw e;
                }
            }
        }
    }

    private void withLock(Runnable r) {
        lock.lock();
        try {
            ensureOpen();
            r.run();
        } finally {
            lock.unlock();
        }
    }

    private void ensureOpen() {
        if (closed || closing) {
            throw new IllegalStateException("netlink socket is closed");
        }
    }

    /** {@return whether {@link #close()} was called} */
    public boolean isClosed() {
        return closing || closed;
    }

    /**
     * Closes the descriptor and frees the buffers. A thread waiting in {@link #receiveEvents} is
     * woken at once (it returns 0); an exchange in progress (a request waiting for its answer) is
     * let finish first. The descriptor is closed only after every thread has left the socket, so
     * it is never closed, or reused for another file, while one is still reading it. Calls that
     * start after this one begins throw {@link IllegalStateException}.
     */
    @Override
    public void close() {
        // Before the lock: the receiver holds it while it waits, so wake it first. The order
        // (closing, then eventWait) pairs with receiveEvents' (eventWait, then closing).
        closing = true;
        if (eventWait) {
            transport.wakeUp();
        }
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            transport.close(); // frees the writer too when it lives in the transport's arena
            if (arena != null) {
                arena.close();
            }
        } finally {
            lock.unlock();
        }
    }
}
