package io.jnetlink.core.netns;

import io.jnetlink.core.AlreadyExistsException;
import io.jnetlink.core.Errno;
import io.jnetlink.core.NetlinkException;
import io.jnetlink.core.NoSuchNamespaceException;
import io.jnetlink.core.PermissionException;
import io.jnetlink.core.ffi.Libc;
import io.jnetlink.core.socket.NetlinkSocket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A handle to one network namespace: named ones live under {@code /run/netns} exactly as
 * {@code ip netns} keeps them, so each tool sees the other's.
 *
 * <ul>
 *   <li>{@link #create(String)} makes a namespace (like {@code ip netns add}) and returns a handle
 *       that <em>owns</em> it: {@link #close()} deletes it, so try-with-resources leaves nothing
 *       behind. {@link #keep()} gives up ownership.</li>
 *   <li>{@link #open(String)} opens an existing one; {@link #close()} then only releases the
 *       handle's descriptor and sockets. {@link #delete()} deletes it either way (like
 *       {@code ip netns del}).</li>
 *   <li>{@link #self()} is the namespace the JVM started in.</li>
 * </ul>
 *
 * <p><b>Threads.</b> No JVM thread is ever left in a foreign namespace. Code that must run inside
 * ({@link #run}, {@link #exec}, {@link #sysctl}, opening sockets) runs on a fresh platform thread
 * that enters with {@code setns}, does the work and comes back; it then ends. Sockets opened that
 * way ({@link #socket(int)}) belong to the namespace for life and are used from any thread
 * afterwards, so ordinary netlink requests involve no thread switch at all. A handle is safe to
 * share between threads.
 */
public final class NetworkNamespace implements InNamespace, AutoCloseable {
    /** Where iproute2 keeps named network namespaces. */
    public static final Path RUN_NETNS = Path.of("/run/netns");
    /** Longest name accepted (a file name, NAME_MAX). */
    public static final int MAX_NAME_LENGTH = 255;

    private static final NetworkNamespace SELF = new NetworkNamespace(null, NamespaceThreads.ORIGINAL_FD, false, -1);

    private final String name;
    private final int fd;
    private final long inode;
    private final Map<Integer, NetlinkSocket> sockets = new ConcurrentHashMap<>();
    private volatile boolean owned;
    private volatile boolean closed;
    private volatile boolean deleted;

    private NetworkNamespace(String name, int fd, boolean owned, long inode) {
        this.name = name;
        this.fd = fd;
        this.owned = owned;
        this.inode = inode;
    }

    // ---- create / open / list / delete --------------------------------------------------------

    /**
     * Creates the named namespace, as {@code ip netns add NAME} does: {@code /run/netns} becomes a
     * shared mount, a new namespace is made by {@code unshare(CLONE_NEWNET)} on a throwaway thread
     * and bind-mounted to {@code /run/netns/NAME}. The handle owns it: {@link #close()} deletes it.
     *
     * @throws IllegalArgumentException if the name is not a valid namespace name
     * @throws AlreadyExistsException   if a namespace of that name exists
     * @throws PermissionException      without CAP_SYS_ADMIN
     */
    public static NetworkNamespace create(String name) {
        validateName(name);
        String op = "create network namespace " + name;
        ensureRunDir(op);
        Path path = RUN_NETNS.resolve(name);
        try {
            Files.createFile(path);
        } catch (FileAlreadyExistsException e) {
            throw new AlreadyExistsException(op, Errno.EEXIST.value(),
                    "a namespace named \"" + name + "\" exists already in " + RUN_NETNS, -1, 0);
        } catch (AccessDeniedException e) {
            throw permission(op, Errno.EACCES);
        } catch (IOException e) {
            throw new UncheckedIOException(op + ": cannot create " + path, e);
        }
        try {
            NamespaceThreads.call(name, -1, () -> {
                try (Arena a = Arena.ofConfined()) {
                    MemorySegment st = Libc.newCallState(a);
                    int rc = Libc.mount(st, a.allocateFrom("/proc/thread-self/ns/net"),
                            a.allocateFrom(path.toString()), a.allocateFrom("none"), Libc.MS_BIND, MemorySegment.NULL);
                    if (rc < 0) {
                        throw syscall(op + ": bind mount to " + path, Libc.errno(st));
                    }
                }
                return null;
            });
            return openPath(name, path, true, op);
        } catch (RuntimeException e) {
            // Leave nothing half-made: no mount, no file.
            detachAndRemove(path);
            throw e;
        }
    }

    /**
     * Opens a named namespace that exists (made by this library, by {@code ip netns add}, or by
     * anything else that bind-mounts under {@code /run/netns}).
     *
     * @throws NoSuchNamespaceException if there is none of that name
     */
    public static NetworkNamespace open(String name) {
        validateName(name);
        return openPath(name, RUN_NETNS.resolve(name), false, "open network namespace " + name);
    }

    /** The network namespace the JVM started in. Closing or deleting it is not possible. */
    public static NetworkNamespace self() {
        return SELF;
    }

    /** The names under {@code /run/netns}, sorted: what {@code ip netns list} shows. */
    public static List<String> list() {
        if (!Files.isDirectory(RUN_NETNS)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(RUN_NETNS)) {
            List<String> names = new ArrayList<>();
            s.forEach(p -> names.add(p.getFileName().toString()));
            names.sort(null);
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("list " + RUN_NETNS, e);
        }
    }

    /** Whether a namespace of this name exists under {@code /run/netns}. */
    public static boolean exists(String name) {
        validateName(name);
        return Files.exists(RUN_NETNS.resolve(name));
    }

    /**
     * Deletes the named namespace, as {@code ip netns del NAME} does: unmounts and removes
     * {@code /run/netns/NAME}. The namespace itself goes away once nothing (no process, no open
     * descriptor) holds it any more.
     *
     * @throws NoSuchNamespaceException if there is none of that name
     */
    public static void delete(String name) {
        validateName(name);
        Path path = RUN_NETNS.resolve(name);
        String op = "delete network namespace " + name;
        if (!Files.exists(path)) {
            throw new NoSuchNamespaceException(op, "no namespace named \"" + name + "\" in " + RUN_NETNS);
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Libc.newCallState(a);
            if (Libc.umount2(st, a.allocateFrom(path.toString()), Libc.MNT_DETACH) < 0) {
                int err = Libc.errno(st);
                if (err != Errno.EINVAL.value()) { // EINVAL: not a mount point; remove the file anyway
                    throw syscall(op + ": unmount " + path, err);
                }
            }
        }
        try {
            Files.delete(path);
        } catch (NoSuchFileException e) {
            throw new NoSuchNamespaceException(op, "no namespace named \"" + name + "\" in " + RUN_NETNS);
        } catch (AccessDeniedException e) {
            throw permission(op, Errno.EACCES);
        } catch (IOException e) {
            throw new UncheckedIOException(op + ": cannot remove " + path, e);
        }
    }

    /**
     * Checks a namespace name before any file is touched: not empty, not "." or "..", no '/', no
     * control characters, at most {@value #MAX_NAME_LENGTH} bytes.
     *
     * @throws IllegalArgumentException naming the problem
     */
    public static void validateName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("namespace name is null");
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException("namespace name is empty");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("namespace name \"" + name + "\" is not allowed");
        }
        if (name.indexOf('/') >= 0) {
            throw new IllegalArgumentException("namespace name \"" + name + "\" contains '/'");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("namespace name contains control character 0x"
                        + Integer.toHexString(c) + " at index " + i);
            }
        }
        int bytes = name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("namespace name is " + bytes + " bytes long; at most "
                    + MAX_NAME_LENGTH + " allowed");
        }
    }

    // ---- the handle ---------------------------------------------------------------------------

    /** The name under {@code /run/netns}, or null for {@link #self()}. */
    public String name() {
        return name;
    }

    /** Whether this is the namespace the JVM started in. */
    public boolean isSelf() {
        return this == SELF;
    }

    /** Whether {@link #close()} deletes the namespace (the handle came from {@link #create}). */
    public boolean isOwned() {
        return owned;
    }

    /** Gives up ownership: {@link #close()} will leave the namespace in place. */
    public NetworkNamespace keep() {
        owned = false;
        return this;
    }

    @Override
    public NetworkNamespace namespace() {
        return this;
    }

    /**
     * A descriptor referring to the namespace, for requests that name a namespace by descriptor
     * (IFLA_NET_NS_FD). Owned by the handle: do not close it.
     */
    public int fd() {
        ensureUsable("use");
        return fd;
    }

    /**
     * Throws {@link NoSuchNamespaceException} if the namespace was deleted (by this library, by
     * {@code ip netns del}, by anyone) since the handle was opened, and {@link IllegalStateException}
     * if the handle was closed.
     */
    public void ensureAlive() {
        ensureUsable("use");
    }

    /**
     * The netlink socket of {@code protocol} in this namespace, opened on first use and then shared
     * (it is thread-safe). Closed with the handle.
     */
    public NetlinkSocket socket(int protocol) {
        ensureUsable("open a netlink socket in");
        NetlinkSocket s = sockets.get(protocol);
        if (s != null) {
            return s;
        }
        synchronized (sockets) {
            ensureUsable("open a netlink socket in");
            return sockets.computeIfAbsent(protocol, this::openSocket);
        }
    }

    /** A new netlink socket in this namespace that the caller owns and closes (for events). */
    public NetlinkSocket openSocket(int protocol) {
        ensureUsable("open a netlink socket in");
        return call(() -> NetlinkSocket.open(protocol));
    }

    /**
     * Runs {@code task} inside this namespace on a platform thread of its own and returns its
     * result. Java sockets opened there belong to this namespace and stay there. An
     * {@link IOException} comes out as {@link UncheckedIOException}; other checked exceptions in a
     * {@link java.util.concurrent.CompletionException}.
     */
    public <T> T run(Callable<T> task) {
        ensureUsable("run code in");
        return call(task);
    }

    /** Runs {@code task} inside this namespace (see {@link #run(Callable)}). */
    public void run(Runnable task) {
        run(() -> {
            task.run();
            return null;
        });
    }

    /** Starts a program inside this namespace, like {@code ip netns exec NAME command...}. */
    public Process exec(String... command) {
        return start(new ProcessBuilder(command));
    }

    /** Starts {@code builder}'s program inside this namespace (it inherits the namespace). */
    public Process start(ProcessBuilder builder) {
        ensureUsable("start a program in");
        return call(builder::start);
    }

    /**
     * Reads a network sysctl of this namespace, such as {@code net.ipv4.ip_forward}. Keys may use
     * '/' as the separator where a part (an interface name) holds a dot.
     */
    public String sysctl(String key) {
        Path p = sysctlPath(key);
        ensureUsable("read sysctl in");
        return call(() -> {
            try {
                return Files.readString(p).strip();
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("no sysctl " + key + " in " + label());
            }
        });
    }

    /** Writes a network sysctl of this namespace, such as {@code net.ipv4.ip_forward = 1}. */
    public void sysctl(String key, String value) {
        Path p = sysctlPath(key);
        if (value == null || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("sysctl value must be one line, got " + value);
        }
        ensureUsable("write sysctl in");
        call(() -> {
            try {
                Files.writeString(p, value);
                return null;
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("no sysctl " + key + " in " + label());
            } catch (AccessDeniedException e) {
                throw permission("write sysctl " + key + " in " + label(), Errno.EACCES);
            } catch (IOException e) {
                throw new IllegalArgumentException("sysctl " + key + " = " + value + " refused in " + label()
                        + ": " + e.getMessage(), e);
            }
        });
    }

    /** Deletes this namespace (see {@link #delete(String)}) and closes the handle. */
    public void delete() {
        if (isSelf()) {
            throw new UnsupportedOperationException("the JVM's own namespace cannot be deleted");
        }
        closeResources();
        if (!deleted) {
            deleted = true;
            delete(name);
        }
    }

    /**
     * Releases the handle's sockets and descriptor; if the handle owns the namespace (it came from
     * {@link #create} and {@link #keep()} was not called) also deletes it. Idempotent. Does nothing
     * for {@link #self()}.
     */
    @Override
    public void close() {
        if (isSelf()) {
            return;
        }
        closeResources();
        if (owned && !deleted) {
            deleted = true;
            if (Files.exists(RUN_NETNS.resolve(name))) {
                delete(name);
            }
        }
    }

    private synchronized void closeResources() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (sockets) {
            for (NetlinkSocket s : sockets.values()) {
                s.close();
            }
            sockets.clear();
        }
        try (Arena a = Arena.ofConfined()) {
            Libc.close(Libc.newCallState(a), fd);
        }
    }

    @Override
    public String toString() {
        return isSelf() ? "NetworkNamespace[self]" : "NetworkNamespace[" + name + "]";
    }

    // ---- internals ----------------------------------------------------------------------------

    private String label() {
        return isSelf() ? "the JVM's own network namespace" : "network namespace " + name;
    }

    private <T> T call(Callable<T> task) {
        if (isSelf()) {
            // Every JVM thread is in the original namespace, the calling one included.
            try {
                return task.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }
        return NamespaceThreads.call(name, fd, task);
    }

    private void ensureUsable(String what) {
        if (isSelf()) {
            return;
        }
        if (closed) {
            throw new IllegalStateException("cannot " + what + " " + label() + ": the handle is closed");
        }
        if (deleted || currentInode(RUN_NETNS.resolve(name)) != inode) {
            throw new NoSuchNamespaceException(what + " " + label(),
                    "namespace \"" + name + "\" was deleted after this handle was opened");
        }
    }

    private static NetworkNamespace openPath(String name, Path path, boolean owned, String op) {
        long ino = currentInode(path);
        if (ino < 0) {
            throw new NoSuchNamespaceException(op, "no namespace named \"" + name + "\" in " + RUN_NETNS);
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Libc.newCallState(a);
            int fd = Libc.open(st, a.allocateFrom(path.toString()), Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
            if (fd < 0) {
                int err = Libc.errno(st);
                if (err == Errno.ENOENT.value()) {
                    throw new NoSuchNamespaceException(op, "no namespace named \"" + name + "\" in " + RUN_NETNS);
                }
                throw syscall(op, err);
            }
            return new NetworkNamespace(name, fd, owned, ino);
        }
    }

    /** The inode of a namespace's bind mount (the namespace's identity), or -1 if it is gone. */
    private static long currentInode(Path path) {
        try {
            Object ino = Files.getAttribute(path, "unix:ino");
            Object dev = Files.getAttribute(path, "unix:dev");
            // A bare file left by a failed mount is on the /run file system, not nsfs: no namespace.
            long rootDev = (long) Files.getAttribute(RUN_NETNS, "unix:dev");
            return ((Long) dev) == rootDev ? -1 : (Long) ino;
        } catch (NoSuchFileException e) {
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException("stat " + path, e);
        }
    }

    private static void ensureRunDir(String op) {
        try {
            Files.createDirectories(RUN_NETNS);
        } catch (AccessDeniedException e) {
            throw permission(op, Errno.EACCES);
        } catch (IOException e) {
            throw new UncheckedIOException(op + ": cannot create " + RUN_NETNS, e);
        }
        // As iproute2: make /run/netns a shared mount (bind-mounting it onto itself first if it
        // is not a mount point), so namespaces mounted here show up in every mount namespace.
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Libc.newCallState(a);
            MemorySegment dir = a.allocateFrom(RUN_NETNS.toString());
            MemorySegment none = a.allocateFrom("none");
            MemorySegment empty = a.allocateFrom("");
            boolean bound = false;
            while (Libc.mount(st, empty, dir, none, Libc.MS_SHARED | Libc.MS_REC, MemorySegment.NULL) < 0) {
                int err = Libc.errno(st);
                if (err != Errno.EINVAL.value() || bound) {
                    throw syscall(op + ": make " + RUN_NETNS + " a shared mount", err);
                }
                if (Libc.mount(st, dir, dir, none, Libc.MS_BIND | Libc.MS_REC, MemorySegment.NULL) < 0) {
                    throw syscall(op + ": bind mount " + RUN_NETNS + " onto itself", Libc.errno(st));
                }
                bound = true;
            }
        }
    }

    private static void detachAndRemove(Path path) {
        try (Arena a = Arena.ofConfined()) {
            Libc.umount2(Libc.newCallState(a), a.allocateFrom(path.toString()), Libc.MNT_DETACH);
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // best effort: the original failure is what the caller needs to see
        }
    }

    private static Path sysctlPath(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("sysctl key is empty");
        }
        String[] parts = key.indexOf('/') >= 0 ? key.split("/") : key.split("\\.");
        if (!parts[0].equals("net")) {
            // Only net.* sysctls belong to a network namespace; others would change the whole machine.
            throw new IllegalArgumentException("sysctl " + key + " is not per network namespace (only net.* are)");
        }
        Path p = Path.of("/proc/sys");
        for (String part : parts) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("sysctl key " + key + " has an empty or relative part");
            }
            p = p.resolve(part);
        }
        return p;
    }

    private static NetlinkException permission(String op, Errno e) {
        return new PermissionException(op, e.value(), null, -1, 0, PermissionException.SYS_ADMIN);
    }

    private static NetlinkException syscall(String op, int errno) {
        return NamespaceThreads.setnsFailure(op, errno);
    }
}
