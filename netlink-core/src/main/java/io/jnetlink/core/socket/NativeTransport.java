package io.jnetlink.core.socket;

import io.jnetlink.core.Errno;
import io.jnetlink.core.NetlinkException;
import io.jnetlink.core.NetlinkTimeoutException;
import io.jnetlink.core.OverrunException;
import io.jnetlink.core.ffi.Libc;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;

/**
 * A real {@code AF_NETLINK} socket.
 *
 * <p>Receiving takes one {@code recvfrom} per datagram into a 64 KiB buffer, with MSG_TRUNC so the
 * kernel reports a datagram's real size. The kernel's dump datagrams never exceed 32 KiB (it sizes
 * them by the reader's buffer, capped there), and unicast replies above 64 KiB are rare (a device
 * with hundreds of VFs). Should one not fit, it is not silently cut: the receive throws
 * {@link ReceiveTruncatedException}, the buffer grows to the datagram's size and from then on the
 * socket sizes every datagram first (MSG_PEEK | MSG_TRUNC, then the real receive), so it cannot
 * happen twice. Dumps retry by themselves.
 *
 * <p><b>Waiting.</b> Every receive first tries without blocking: the kernel answers rtnetlink and
 * nf_tables requests inside the send (and queues the next part of a dump inside the receive before
 * it), so a request's reply is almost always there and costs one system call. Only when nothing is
 * queued does the receive wait, in {@code poll(2)} on the socket and on an eventfd that
 * {@link #wakeUp()} signals: a close from another thread ends the wait at once, with no periodic
 * wake-up, and the descriptor is closed only afterwards, by {@link #close()} under the socket's
 * lock, so it is never closed (or reused by the kernel for a new file) while a receiver is in it.
 */
final class NativeTransport implements Transport {
    /** Default receive buffer: twice the largest dump datagram the kernel makes. */
    static final int DEFAULT_RECEIVE = 64 * 1024;
    private static final int SOCKET_BUFFER = 4 << 20;
    /**
     * The array a dump datagram is received into: the kernel makes dump datagrams of at most 32 KiB
     * less its own overhead (it sizes them by the largest read it saw, capped there).
     */
    static final int OWNED_RECEIVE = 32 * 1024;

    private final Arena arena = Arena.ofShared();
    private final MemorySegment state = Libc.newCallState(arena);
    private final MemorySegment intBox = arena.allocate(ValueLayout.JAVA_INT);
    private final int fd;
    /** Signalled by {@link #wakeUp()}; never read, so once signalled it ends every later wait too. */
    private final int wakeFd;
    /** Two pollfds: the socket, then {@link #wakeFd}. */
    private final MemorySegment pollFds;
    /**
     * Guards {@link #wakeUp()} against {@link #close()}: the wake-up comes from another thread, and
     * must never write to the eventfd's number once it is closed (the kernel may have reused it).
     */
    private final Object wakeLock = new Object();
    /** The 8-byte counter increment and errno capture of {@link #wakeUp()}, under {@link #wakeLock}. */
    private final MemorySegment wakeWord = arena.allocate(ValueLayout.JAVA_LONG);
    private final MemorySegment wakeState = Libc.newCallState(arena);
    /** Milliseconds a waiting receive waits, -1 for no limit. */
    private int timeoutMillis;
    private final int portId;
    private final String what;
    private MemorySegment rbuf;
    private boolean peekFirst;
    /** The size of the last datagram {@link #receiveOwned} took: how the next one is received. */
    private long lastOwned = OWNED_RECEIVE;
    private volatile boolean closed;

    NativeTransport(int protocol, Duration receiveTimeout) {
        this(protocol, receiveTimeout, DEFAULT_RECEIVE);
    }

    /** For tests: a socket whose receive buffer starts at {@code receiveBytes}. */
    NativeTransport(int protocol, Duration receiveTimeout, int receiveBytes) {
        what = protocol == 0 ? "NETLINK_ROUTE socket" : protocol == 12 ? "NETLINK_NETFILTER socket"
                : "netlink socket (protocol " + protocol + ")";
        int f = Libc.socket(state, Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, protocol);
        if (f < 0) {
            int err = Libc.errno(state);
            arena.close();
            throw NetlinkException.ofSyscall("open " + what, err);
        }
        fd = f;
        int w = -1;
        try {
            w = Libc.eventfd(state, 0, Libc.EFD_CLOEXEC | Libc.EFD_NONBLOCK);
            if (w < 0) {
                throw NetlinkException.ofSyscall("eventfd for " + what, Libc.errno(state));
            }
            pollFds = arena.allocate(Libc.POLLFD, 2);
            pollFds.set(ValueLayout.JAVA_INT, 0, fd);
            pollFds.set(ValueLayout.JAVA_SHORT, 4, Libc.POLLIN);
            pollFds.set(ValueLayout.JAVA_INT, 8, w);
            pollFds.set(ValueLayout.JAVA_SHORT, 12, Libc.POLLIN);
            rbuf = Libc.allocateUninitialized(arena, receiveBytes);
            bufferSize(Libc.SO_RCVBUFFORCE, Libc.SO_RCVBUF);
            bufferSize(Libc.SO_SNDBUFFORCE, Libc.SO_SNDBUF);
            option(Libc.NETLINK_EXT_ACK, true);
            option(Libc.NETLINK_CAP_ACK, true);
            // Strict checking arrived in 4.20; without it dumps are merely unfiltered, so go on.
            setIntOption(Libc.SOL_NETLINK, Libc.NETLINK_GET_STRICT_CHK, 1);
            receiveTimeout(receiveTimeout);
            MemorySegment addr = arena.allocate(Libc.SOCKADDR_NL);
            addr.set(ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_NETLINK);
            if (Libc.bind(state, fd, addr, (int) addr.byteSize()) < 0) {
                throw NetlinkException.ofSyscall("bind " + what, Libc.errno(state));
            }
            intBox.set(ValueLayout.JAVA_INT, 0, (int) addr.byteSize());
            if (Libc.getsockname(state, fd, addr, intBox) < 0) {
                throw NetlinkException.ofSyscall("getsockname " + what, Libc.errno(state));
            }
            portId = addr.get(ValueLayout.JAVA_INT, 4);
        } catch (RuntimeException e) {
            Libc.close(state, fd);
            if (w >= 0) {
                Libc.close(state, w);
            }
            arena.close();
            throw e;
        }
        wakeFd = w;
    }

    private void option(int name, boolean on) {
        if (setIntOption(Libc.SOL_NETLINK, name, on ? 1 : 0) < 0) {
            throw NetlinkException.ofSyscall("setsockopt " + name + " on " + what, Libc.errno(state));
        }
    }

    private int setIntOption(int level, int name, int value) {
        intBox.set(ValueLayout.JAVA_INT, 0, value);
        return Libc.setsockopt(state, fd, level, name, intBox, 4);
    }

    private void bufferSize(int forced, int plain) {
        // FORCE ignores the rmem_max/wmem_max limits but needs CAP_NET_ADMIN; fall back quietly.
        if (setIntOption(Libc.SOL_SOCKET, forced, SOCKET_BUFFER) < 0) {
            setIntOption(Libc.SOL_SOCKET, plain, SOCKET_BUFFER);
        }
    }

    /** Sets the kernel receive buffer (SO_RCVBUF[FORCE]); for event sockets. */
    @Override
    public void receiveBufferSize(int bytes) {
        if (setIntOption(Libc.SOL_SOCKET, Libc.SO_RCVBUFFORCE, bytes) < 0
                && setIntOption(Libc.SOL_SOCKET, Libc.SO_RCVBUF, bytes) < 0) {
            throw NetlinkException.ofSyscall("set receive buffer of " + what, Libc.errno(state));
        }
    }

    /** The wait of {@link #receive}, kept here: poll(2) takes it per call, no socket option needed. */
    @Override
    public void receiveTimeout(Duration timeout) {
        long millis;
        try {
            // round up: a positive timeout below a millisecond must not become poll's "don't wait"
            millis = timeout.plusNanos(999_999).toMillis();
        } catch (ArithmeticException tooLong) {
            millis = Long.MAX_VALUE;
        }
        timeoutMillis = millis > Integer.MAX_VALUE ? -1 : (int) Math.max(1, millis);
    }

    /** Turns off ENOBUFS reports (NETLINK_NO_ENOBUFS); the library never does this by default. */
    void noEnobufs(boolean on) {
        option(Libc.NETLINK_NO_ENOBUFS, on);
    }

    @Override
    public void send(MemorySegment data) {
        ensureOpen();
        while (true) {
            long n = Libc.sendto(state, fd, data, data.byteSize(), 0);
            if (n >= 0) {
                if (n != data.byteSize()) {
                    throw new NetlinkException("send on " + what, Errno.EMSGSIZE,
                            "sent " + n + " of " + data.byteSize() + " bytes");
                }
                return;
            }
            int err = Libc.errno(state);
            if (err != Errno.EINTR.value()) {
                throw NetlinkException.ofSyscall("send on " + what, err);
            }
        }
    }

    @Override
    public MemorySegment buffer() {
        return rbuf;
    }

    @Override
    public long receive(boolean wait) {
        ensureOpen();
        long n;
        int peek = peekFirst ? Libc.MSG_PEEK : 0;
        while (true) {
            n = Libc.recvfrom(state, fd, rbuf, rbuf.byteSize(), peek | Libc.MSG_TRUNC | Libc.MSG_DONTWAIT);
            if (n >= 0) {
                break;
            }
            int err = Libc.errno(state);
            if (err == Errno.EINTR.value()) {
                continue;
            }
            if (err == Errno.EAGAIN.value()) {
                if (!wait || !awaitReadable()) {
                    return -1;
                }
                continue;
            }
            if (err == Errno.ENOBUFS.value()) {
                throw new OverrunException("receive on " + what);
            }
            throw NetlinkException.ofSyscall("receive on " + what, err);
        }
        if (!peekFirst) {
            if (n > rbuf.byteSize()) {
                long had = rbuf.byteSize();
                rbuf = Libc.allocateUninitialized(arena, Math.max(n, had * 2));
                peekFirst = true;
                throw new ReceiveTruncatedException("receive on " + what, n, had);
            }
            return n;
        }
        if (n > rbuf.byteSize()) {
            // Larger than the buffer: grow it, then take the datagram for real.
            rbuf = Libc.allocateUninitialized(arena, Math.max(n, rbuf.byteSize() * 2));
            long m = take(rbuf, rbuf.byteSize());
            if (m != n) {
                throw new NetlinkException("receive on " + what, Errno.EMSGSIZE,
                        "datagram changed size between peek (" + n + ") and receive (" + m + ")");
            }
        } else {
            // Already copied by the peek: just drop it from the queue.
            take(MemorySegment.NULL, 0);
        }
        return n;
    }

    /**
     * Receives straight into a new array of {@link #OWNED_RECEIVE} bytes (a critical downcall with
     * MSG_DONTWAIT: the kernel copies the datagram into the Java heap, no copy through native
     * memory), as long as the datagrams come large (a link or route dump fills each to ~32 KiB).
     * After a small one, and after a datagram did not fit (the socket then sizes each one first),
     * the datagram is received into the native buffer and copied out at its exact size.
     */
    @Override
    public MemorySegment receiveOwned(boolean wait) {
        ensureOpen();
        if (peekFirst || lastOwned < OWNED_RECEIVE / 2) {
            // Small datagrams (an address dump's come ~5 KiB each): clearing a 32 KiB array for
            // each costs more than copying the datagram out of the buffer at its own size.
            MemorySegment d = Transport.super.receiveOwned(wait);
            if (d != null) {
                lastOwned = d.byteSize();
            }
            return d;
        }
        byte[] into = new byte[OWNED_RECEIVE];
        MemorySegment heap = MemorySegment.ofArray(into);
        long n;
        while (true) {
            n = Libc.recvfromHeap(state, fd, heap, into.length, Libc.MSG_TRUNC);
            if (n >= 0) {
                break;
            }
            int err = Libc.errno(state);
            if (err == Errno.EINTR.value()) {
                continue;
            }
            if (err == Errno.EAGAIN.value()) {
                if (!wait || !awaitReadable()) {
                    return null;
                }
                continue;
            }
            if (err == Errno.ENOBUFS.value()) {
                throw new OverrunException("receive on " + what);
            }
            throw NetlinkException.ofSyscall("receive on " + what, err);
        }
        if (n > into.length) {
            if (rbuf.byteSize() < n) {
                rbuf = Libc.allocateUninitialized(arena, n);
            }
            peekFirst = true;
            throw new ReceiveTruncatedException("receive on " + what, n, into.length);
        }
        lastOwned = n;
        return heap.asSlice(0, n);
    }

    /**
     * Waits until the socket is readable (true) or {@link #wakeUp()} was called (false).
     *
     * @throws NetlinkTimeoutException if neither happened within the receive timeout
     */
    private boolean awaitReadable() {
        long deadline = timeoutMillis < 0 ? 0 : System.nanoTime() + timeoutMillis * 1_000_000L;
        int waitMillis = timeoutMillis;
        while (true) {
            pollFds.set(ValueLayout.JAVA_SHORT, 6, (short) 0);
            pollFds.set(ValueLayout.JAVA_SHORT, 14, (short) 0);
            int r = Libc.poll(state, pollFds, 2, waitMillis);
            if (r > 0) {
                if (pollFds.get(ValueLayout.JAVA_SHORT, 14) != 0) {
                    return false; // woken: the socket is being closed
                }
                return true; // readable, or an error (POLLERR) that the receive will report
            }
            if (r == 0) {
                throw new NetlinkTimeoutException("receive on " + what, 0);
            }
            int err = Libc.errno(state);
            if (err != Errno.EINTR.value()) {
                throw NetlinkException.ofSyscall("poll on " + what, err);
            }
            if (timeoutMillis >= 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new NetlinkTimeoutException("receive on " + what, 0);
                }
                waitMillis = (int) Math.max(1, (left + 999_999) / 1_000_000);
            }
        }
    }

    /**
     * Ends a waiting receive at once (and every later wait): one 8-byte write to the eventfd, which
     * is safe from any thread and never blocks. Touches no buffer of the socket's arena; the
     * eventfd stays open until {@link #close()}, which the socket calls only after the receiver has
     * left.
     */
    @Override
    public void wakeUp() {
        synchronized (wakeLock) {
            if (closed) {
                return;
            }
            wakeWord.set(ValueLayout.JAVA_LONG, 0, 1L);
            // EAGAIN only if the counter is near overflow: it is signalled then anyway.
            Libc.write(wakeState, wakeFd, wakeWord, 8);
        }
    }

    @Override
    public Arena arena() {
        return arena;
    }

    private long take(MemorySegment into, long cap) {
        while (true) {
            long m = Libc.recvfrom(state, fd, into, cap, Libc.MSG_TRUNC | Libc.MSG_DONTWAIT);
            if (m >= 0) {
                return m;
            }
            int err = Libc.errno(state);
            if (err == Errno.ENOBUFS.value()) {
                // An overrun flagged between the peek and the receive: the datagram stays queued.
                throw new OverrunException("receive on " + what);
            }
            if (err != Errno.EINTR.value()) {
                throw NetlinkException.ofSyscall("receive on " + what, err);
            }
        }
    }

    @Override
    public int portId() {
        return portId;
    }

    @Override
    public void membership(int group, boolean join) {
        ensureOpen();
        if (setIntOption(Libc.SOL_NETLINK, join ? Libc.NETLINK_ADD_MEMBERSHIP : Libc.NETLINK_DROP_MEMBERSHIP,
                group) < 0) {
            throw NetlinkException.ofSyscall((join ? "join" : "leave") + " multicast group " + group + " on " + what,
                    Libc.errno(state));
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        synchronized (wakeLock) {
            closed = true;
            Libc.close(state, fd);
            Libc.close(state, wakeFd);
        }
        arena.close();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(what + " is closed");
        }
    }
}
