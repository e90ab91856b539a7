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

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE = Linker.Option.captureCallState("errno");

    private static MethodHandle handle(String name, FunctionDescriptor fd) {
        MemorySegment fn = LIBC.find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no symbol " + name));
        return LINKER.downcallHandle(fn, fd, CAPTURE);
    }

    private static final MethodHandle SOCKET =
            handle("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle BIND =
            handle("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKNAME =
            handle("getsockname", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SETSOCKOPT = handle("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKOPT = handle("getsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SENDTO = handle("sendto", FunctionDescriptor.of(
            JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RECVFROM = handle("recvfrom", FunctionDescriptor.of(
            JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle CLOSE =
            handle("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle OPEN =
            handle("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    private static final MethodHandle SETNS =
            handle("setns", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle UNSHARE =
            handle("unshare", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle MOUNT = handle("mount",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
    private static final MethodHandle UMOUNT2 =
            handle("umount2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETTID = handle("gettid", FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle POLL =
            handle("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle EVENTFD =
            handle("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle WRITE =
            handle("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    // ioctl(int fd, unsigned long request, ...): variadic, so the third argument is declared as such
    private static final MethodHandle IOCTL_POINTER = LINKER.downcallHandle(
            LIBC.find("ioctl").orElseThrow(() -> new UnsatisfiedLinkError("libc has no symbol ioctl")),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), CAPTURE, Linker.Option.firstVariadicArg(2));
    private static final MethodHandle IOCTL_VALUE = LINKER.downcallHandle(
            LIBC.find("ioctl").orElseThrow(() -> new UnsatisfiedLinkError("libc has no symbol ioctl")),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG), CAPTURE, Linker.Option.firstVariadicArg(2));
    private static final MethodHandle MALLOC = LINKER.downcallHandle(
            LIBC.find("malloc").orElseThrow(() -> new UnsatisfiedLinkError("libc has no symbol malloc")),
            FunctionDescriptor.of(ADDRESS, JAVA_LONG));
    private static final MethodHandle FREE = LINKER.downcallHandle(
            LIBC.find("free").orElseThrow(() -> new UnsatisfiedLinkError("libc has no symbol free")),
            FunctionDescriptor.ofVoid(ADDRESS));

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
            p = (MemorySegment) MALLOC.invokeExact(size);
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
            FREE.invokeExact(p);
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
            return (int) SOCKET.invokeExact(state, domain, type, protocol);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static int bind(MemorySegment state, int fd, MemorySegment addr, int len) {
        try {
            return (int) BIND.invokeExact(state, fd, addr, len);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static int getsockname(MemorySegment state, int fd, MemorySegment addr, MemorySegment len) {
        try {
            return (int) GETSOCKNAME.invokeExact(state, fd, addr, len);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static int setsockopt(MemorySegment state, int fd, int level, int name, MemorySegment val, int len) {
        try {
            return (int) SETSOCKOPT.invokeExact(state, fd, level, name, val, len);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static int getsockopt(MemorySegment state, int fd, int level, int name, MemorySegment val, MemorySegment len) {
        try {
            return (int) GETSOCKOPT.invokeExact(state, fd, level, name, val, len);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static long sendto(MemorySegment state, int fd, MemorySegment buf, long len, int flags) {
        try {
            return (long) SENDTO.invokeExact(state, fd, buf, len, flags, MemorySegment.NULL, 0);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static long recvfrom(MemorySegment state, int fd, MemorySegment buf, long len, int flags) {
        try {
            return (long) RECVFROM.invokeExact(state, fd, buf, len, flags, MemorySegment.NULL, MemorySegment.NULL);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static int close(MemorySegment state, int fd) {
        try {
            return (int) CLOSE.invokeExact(state, fd);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static int open(MemorySegment state, MemorySegment path, int flags, int mode) {
        try {
            return (int) OPEN.invokeExact(state, path, flags, mode);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static int setns(MemorySegment state, int fd, int nstype) {
        try {
            return (int) SETNS.invokeExact(state, fd, nstype);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static int unshare(MemorySegment state, int flags) {
        try {
            return (int) UNSHARE.invokeExact(state, flags);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static int mount(MemorySegment state, MemorySegment source, MemorySegment target,
                            MemorySegment fstype, long flags, MemorySegment data) {
        try {
            return (int) MOUNT.invokeExact(state, source, target, fstype, flags, data);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static int umount2(MemorySegment state, MemorySegment target, int flags) {
        try {
            return (int) UMOUNT2.invokeExact(state, target, flags);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static int gettid(MemorySegment state) {
        try {
            return (int) GETTID.invokeExact(state);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    /** {@code poll(2)} over {@code count} {@link #POLLFD}s; {@code timeoutMillis} -1 waits without limit. */
    public static int poll(MemorySegment state, MemorySegment fds, long count, int timeoutMillis) {
        try {
            return (int) POLL.invokeExact(state, fds, count, timeoutMillis);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static int eventfd(MemorySegment state, int initialValue, int flags) {
        try {
            return (int) EVENTFD.invokeExact(state, initialValue, flags);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    /** {@code ioctl(fd, request, arg)} with a pointer argument (a struct the call reads or fills). */
    public static int ioctl(MemorySegment state, int fd, long request, MemorySegment arg) {
        try {
            return (int) IOCTL_POINTER.invokeExact(state, fd, request, arg);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    /** {@code ioctl(fd, request, value)} with an integer argument passed by value (TUNSETPERSIST, ...). */
    public static int ioctl(MemorySegment state, int fd, long request, long value) {
        try {
            return (int) IOCTL_VALUE.invokeExact(state, fd, request, value);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static long write(MemorySegment state, int fd, MemorySegment buf, long len) {
        try {
            return (long) WRITE.invokeExact(state, fd, buf, len);
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
