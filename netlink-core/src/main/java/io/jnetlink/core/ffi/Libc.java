package io.jnetlink.core.ffi;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * Downcall handles to the C library: every native call the library makes goes through here.
 *
 * <p>Each handle captures {@code errno} with {@link Linker.Option#captureCallState}. The caller
 * passes the capture segment ({@link #newCallState(Arena)}): it is never a shared static, so two
 * threads never race on one. Sockets keep one per socket, used under the socket's lock; rare calls
 * (namespace switching, mounts) allocate one per call.
 *
 * <p>Return values follow C: {@code -1} means failure, and {@link #errno(MemorySegment)} then
 * reads the reason from the capture segment. This package is not exported from the module.
 */
public final class Libc {
    private Libc() {}

    // <sys/socket.h>, <linux/netlink.h>, <sched.h>, <fcntl.h>, <sys/mount.h>, <poll.h>, <sys/eventfd.h>
    public static final int AF_NETLINK = 16;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_CLOEXEC = 0x80000;
    public static final int SOL_SOCKET = 1;
    public static final int SOL_NETLINK = 270;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUF = 8;
    public static final int SO_SNDBUFFORCE = 32;
    public static final int SO_RCVBUFFORCE = 33;
    public static final int MSG_PEEK = 0x2;
    public static final int MSG_TRUNC = 0x20;
    public static final int MSG_DONTWAIT = 0x40;
    public static final int NETLINK_ADD_MEMBERSHIP = 1;
    public static final int NETLINK_DROP_MEMBERSHIP = 2;
    public static final int NETLINK_NO_ENOBUFS = 5;
    public static final int NETLINK_CAP_ACK = 10;
    public static final int NETLINK_EXT_ACK = 11;
    public static final int NETLINK_GET_STRICT_CHK = 12;
    public static final int CLONE_NEWNET = 0x40000000;
    public static final int O_RDONLY = 0;
    public static final int O_CREAT = 0x40;
    public static final int O_EXCL = 0x80;
    public static final int O_CLOEXEC = 0x80000;
    public static final int O_RDWR = 2;
    public static final long MS_BIND = 4096;
    public static final long MS_REC = 16384;
    public static final long MS_SHARED = 1 << 20;
    public static final int MNT_DETACH = 2;
    public static final short POLLIN = 0x1;
    public static final int EFD_NONBLOCK = 0x800;
    public static final int EFD_CLOEXEC = 0x80000;

    /** {@code struct sockaddr_nl}: family (u16), pad (u16), pid (u32), groups (u32). */
    public static final StructLayout SOCKADDR_NL = MemoryLayout.structLayout(
            JAVA_SHORT.withName("nl_family"),
            JAVA_SHORT.withName("nl_pad"),
            JAVA_INT.withName("nl_pid"),
            JAVA_INT.withName("nl_groups"));

    /** {@code struct pollfd}: fd (int), events (short), revents (short). */
    public static final StructLayout POLLFD = MemoryLayout.structLayout(
            JAVA_INT.withName("fd"), JAVA_SHORT.withName("events"), JAVA_SHORT.withName("revents"));

    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    // Each downcall handle is built on first use, in a holder class of its own: the JVM initialises
    // a nested class when it is first touched, so a process pays only for the calls it makes (the
    // first handle costs tens of milliseconds, each further one several: a CNI plugin call, a fresh
    // JVM each time, needs about half of them). A holder's static final field is as constant to the
    // JIT as a field of Libc itself, so the hot calls (sendto, recvfrom, poll) inline the same.

    /** The linker and libc's symbols: set up with the first handle. */
    private static final class Native {
        static final Linker LINKER = Linker.nativeLinker();
        static final SymbolLookup LIBC = LINKER.defaultLookup();
        static final Linker.Option CAPTURE = Linker.Option.captureCallState("errno");
    }

    private static MemorySegment symbol(String name) {
        return Native.LIBC.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no symbol " + name));
    }

    /** A handle that captures errno. */
    private static MethodHandle handle(String name, FunctionDescriptor fd, Linker.Option... more) {
        Linker.Option[] options = new Linker.Option[more.length + 1];
        options[0] = Native.CAPTURE;
        System.arraycopy(more, 0, options, 1, more.length);
        return Native.LINKER.downcallHandle(symbol(name), fd, options);
    }

    private static final class Socket {
        static final MethodHandle H =
                handle("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    }
    private static final class Bind {
        static final MethodHandle H =
                handle("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    }
    private static final class Getsockname {
        static final MethodHandle H =
                handle("getsockname", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    }
    private static final class Setsockopt {
        static final MethodHandle H = handle("setsockopt",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    }
    private static final class Getsockopt {
        static final MethodHandle H = handle("getsockopt",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    }
    private static final class Sendto {
        static final MethodHandle H = handle("sendto", FunctionDescriptor.of(
                JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    }
    private static final class Recvfrom {
        static final MethodHandle H = handle("recvfrom", FunctionDescriptor.of(
                JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS));
    }
    /**
     * recvfrom into a Java array: a critical downcall (no thread-state change, heap access allowed).
     * Only ever called with MSG_DONTWAIT, so it never blocks; while it runs (the kernel may build
     * the next part of a dump inside it, ~0.1 ms) the GC waits for it to return.
     */
    private static final class RecvfromHeap {
        static final MethodHandle H = handle("recvfrom", FunctionDescriptor.of(
                JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS), Linker.Option.critical(true));
    }
    private static final class Close {
        static final MethodHandle H = handle("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }
    private static final class Open {
        static final MethodHandle H =
                handle("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    }
    private static final class Setns {
        static final MethodHandle H = handle("setns", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    }
    private static final class Unshare {
        static final MethodHandle H = handle("unshare", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }
    private static final class Mount {
        static final MethodHandle H = handle("mount",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
    }
    private static final class Umount2 {
        static final MethodHandle H = handle("umount2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    }
    private static final class Gettid {
        static final MethodHandle H = handle("gettid", FunctionDescriptor.of(JAVA_INT));
    }
    private static final class Poll {
        static final MethodHandle H =
                handle("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    }
    private static final class Eventfd {
        static final MethodHandle H = handle("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    }
    private static final class Write {
        static final MethodHandle H =
                handle("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    }
    // ioctl(int fd, unsigned long request, ...): variadic, so the third argument is declared as such
    private static final class IoctlPointer {
        static final MethodHandle H = handle("ioctl",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), Linker.Option.firstVariadicArg(2));
    }
    private static final class IoctlValue {
        static final MethodHandle H = handle("ioctl",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG), Linker.Option.firstVariadicArg(2));
    }
    // malloc and free leave errno alone: no capture
    private static final class Malloc {
        static final MethodHandle H =
                Native.LINKER.downcallHandle(symbol("malloc"), FunctionDescriptor.of(ADDRESS, JAVA_LONG));
    }
    private static final class Free {
        static final MethodHandle H =
                Native.LINKER.downcallHandle(symbol("free"), FunctionDescriptor.ofVoid(ADDRESS));
    }

    /**
     * {@code size} bytes of native memory that are <em>not</em> zeroed, owned by {@code arena}
     * (freed when it closes, and inaccessible afterwards like any segment of the arena). For large
     * buffers that are written before they are read (a socket's send and receive buffers):
     * {@link Arena#allocate} zeroes every byte, which touches every page up front; on a virtual
     * machine the page faults of a fresh 64 KiB buffer cost more than the rest of opening a socket.
     * malloc's alignment (16 bytes on x86-64 and aarch64) is enough for netlink.
     */
    public static MemorySegment allocateUninitialized(Arena arena, long size) {
        MemorySegment p;
        try {
            p = (MemorySegment) Malloc.H.invokeExact(size);
        } catch (Throwable t) {
            throw fatal(t);
        }
        if (p.equals(MemorySegment.NULL)) {
            throw new OutOfMemoryError("malloc of " + size + " bytes of native memory failed");
        }
        return p.reinterpret(size, arena, Libc::free);
    }

    private static void free(MemorySegment p) {
        try {
            Free.H.invokeExact(p);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    /** A fresh errno capture segment from {@code arena}; one owner at a time. */
    public static MemorySegment newCallState(Arena arena) {
        return arena.allocate(CALL_STATE);
    }

    /** The errno the last call through {@code state} captured. */
    public static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    public static int socket(MemorySegment state, int domain, int type, int protocol) {
        try {
            return (int) Socket.H.invokeExact(state, domain, type, protocol);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static int bind(MemorySegment state, int fd, MemorySegment addr, int len) {
        try {
            return (int) Bind.H.invokeExact(state, fd, addr, len);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static int getsockname(MemorySegment state, int fd, MemorySegment addr, MemorySegment len) {
        try {
            return (int) Getsockname.H.invokeExact(state, fd, addr, len);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static int setsockopt(MemorySegment state, int fd, int level, int name, MemorySegment val, int len) {
        try {
            return (int) Setsockopt.H.invokeExact(state, fd, level, name, val, len);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static int getsockopt(MemorySegment state, int fd, int level, int name, MemorySegment val, MemorySegment len) {
        try {
            return (int) Getsockopt.H.invokeExact(state, fd, level, name, val, len);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static long sendto(MemorySegment state, int fd, MemorySegment buf, long len, int flags) {
        try {
            return (long) Sendto.H.invokeExact(state, fd, buf, len, flags, MemorySegment.NULL, 0);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static long recvfrom(MemorySegment state, int fd, MemorySegment buf, long len, int flags) {
        try {
            return (long) Recvfrom.H.invokeExact(state, fd, buf, len, flags, MemorySegment.NULL, MemorySegment.NULL);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    /**
     * recvfrom(2) with MSG_DONTWAIT into {@code buf}, a segment over a Java array, without copying
     * through native memory (a critical downcall: it must not block, so MSG_DONTWAIT is always added).
     *
     * @param state the errno capture segment
     * @param fd the socket
     * @param buf a heap segment to receive into
     * @param len how many bytes of {@code buf} the kernel may write
     * @param flags MSG_* flags (MSG_DONTWAIT is added)
     * @return the datagram's size (MSG_TRUNC: its whole size), or -1 with errno in {@code state}
     */
    public static long recvfromHeap(MemorySegment state, int fd, MemorySegment buf, long len, int flags) {
        try {
            return (long) RecvfromHeap.H.invokeExact(state, fd, buf, len, flags | MSG_DONTWAIT, MemorySegment.NULL,
                    MemorySegment.NULL);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static int close(MemorySegment state, int fd) {
        try {
            return (int) Close.H.invokeExact(state, fd);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static int open(MemorySegment state, MemorySegment path, int flags, int mode) {
        try {
            return (int) Open.H.invokeExact(state, path, flags, mode);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static int setns(MemorySegment state, int fd, int nstype) {
        try {
            return (int) Setns.H.invokeExact(state, fd, nstype);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static int unshare(MemorySegment state, int flags) {
        try {
            return (int) Unshare.H.invokeExact(state, flags);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static int mount(MemorySegment state, MemorySegment source, MemorySegment target,
                            MemorySegment fstype, long flags, MemorySegment data) {
        try {
            return (int) Mount.H.invokeExact(state, source, target, fstype, flags, data);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static int umount2(MemorySegment state, MemorySegment target, int flags) {
        try {
            return (int) Umount2.H.invokeExact(state, target, flags);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static int gettid(MemorySegment state) {
        try {
            return (int) Gettid.H.invokeExact(state);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    /** {@code poll(2)} over {@code count} {@link #POLLFD}s; {@code timeoutMillis} -1 waits without limit. */
    public static int poll(MemorySegment state, MemorySegment fds, long count, int timeoutMillis) {
        try {
            return (int) Poll.H.invokeExact(state, fds, count, timeoutMillis);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static int eventfd(MemorySegment state, int initialValue, int flags) {
        try {
            return (int) Eventfd.H.invokeExact(state, initialValue, flags);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    /** {@code ioctl(fd, request, arg)} with a pointer argument (a struct the call reads or fills). */
    public static int ioctl(MemorySegment state, int fd, long request, MemorySegment arg) {
        try {
            return (int) IoctlPointer.H.invokeExact(state, fd, request, arg);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    /** {@code ioctl(fd, request, value)} with an integer argument passed by value (TUNSETPERSIST, ...). */
    public static int ioctl(MemorySegment state, int fd, long request, long value) {
        try {
            return (int) IoctlValue.H.invokeExact(state, fd, request, value);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static long write(MemorySegment state, int fd, MemorySegment buf, long len) {
        try {
            return (long) Write.H.invokeExact(state, fd, buf, len);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    private static Error fatal(Throwable t) {
        // invokeExact on a correctly typed handle throws only what the JVM throws (OOM, ...).
        if (t instanceof Error e) {
            throw e;
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        return new AssertionError("native call failed unexpectedly", t);
    }
}
