package io.jnetlink.core.netns;

import io.jnetlink.core.AlreadyExistsException;
import io.jnetlink.core.NoSuchNamespaceException;
import io.jnetlink.core.PermissionException;
import io.jnetlink.core.codec.Netlink;
import io.jnetlink.core.socket.NetlinkSocket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <p><b>Threads.</b> No JVM thread is ever left in a foreign namespace. Code given to
 * {@link #run} runs on a fresh platform thread that enters with {@code setns}, does the work and
 * comes back; it then ends, so nothing the code left on the thread is seen by later work. The
 * library's own work inside ({@link #sysctl}, opening sockets, setting up a new namespace) runs
 * the same way on reusable worker threads, which wait in the JVM's own namespace between tasks
 * (starting a thread costs more than those tasks). Sockets opened that way
 * ({@link #socket(int)}) belong to the namespace for life and are used from any thread
 * afterwards, so ordinary netlink requests involve no thread switch at all. Programs
 * ({@link #exec}, {@link #start}) are started from the JVM's own namespace through
 * {@code nsenter}, so that the JDK's process-reaper threads stay home. Threads that the code
 * given to {@link #run} starts itself inherit this namespace: start none that outlive it (and
 * do not submit to shared pools such as the common ForkJoinPool from there, which may start
 * their worker threads from the submitting thread). A handle is safe to share between threads.
 */
public final class NetworkNamespace implements InNamespace, AutoCloseable {
    /** Where iproute2 keeps named network namespaces. */
    public static final Path RUN_NETNS = NamespaceDirectory.PATH;
    /** Longest name accepted (a file name, NAME_MAX). */
    public static final int MAX_NAME_LENGTH = 255;

    private static final Logger LOG = LoggerFactory.getLogger(NetworkNamespace.class);
    /** Identity (device and inode on nsfs) of the namespace the JVM started in. */
    private static final NsId ORIGINAL_ID = NsId.ofFd(NamespaceThreads.ORIGINAL_FD);
    private static final NetworkNamespace SELF =
            new NetworkNamespace(null, NamespaceThreads.ORIGINAL_FD, false, ORIGINAL_ID);
    /** Set in {@link #state} once the handle is closed; the bits below count users of {@link #fd}. */
    private static final long CLOSED = 1L << 62;

    private final String name;
    private final int fd;
    private final NsId id;
    private final Map<Integer, NetlinkSocket> sockets = new ConcurrentHashMap<>();
    /**
     * {@link #CLOSED} plus the number of calls using {@link #fd} right now. The descriptor is
     * closed by whoever brings this to exactly {@code CLOSED}: a descriptor closed under a running
     * call could be reused by the next open() of the process, and that call would then enter
     * whatever namespace the new descriptor refers to.
     */
    private final AtomicLong state = new AtomicLong();
    private volatile boolean owned;

    private NetworkNamespace(String name, int fd, boolean owned, NsId id) {
        this.name = name;
        this.fd = fd;
        this.owned = owned;
        this.id = id;
    }

    // ---- create / open / list / delete --------------------------------------------------------

    /**
     * Creates the named namespace, as {@code ip netns add NAME} does: {@code /run/netns} becomes a
     * shared mount, a new namespace is made by {@code unshare(CLONE_NEWNET)} on a throwaway thread
     * and bind-mounted to {@code /run/netns/NAME}. The handle owns it: {@link #close()} deletes it.
     *
     * @param name the namespace name (its file under {@code /run/netns})
     * @throws IllegalArgumentException if the name is not a valid namespace name
     * @throws AlreadyExistsException   if a namespace of that name exists
     * @throws PermissionException      without CAP_SYS_ADMIN
     * @return the new namespace, owned: {@link #close()} deletes it
     */
    public static NetworkNamespace create(String name) {
        validateName(name); // before List.of, which refuses a null with a bare NullPointerException
        return createAll(List.of(name), Map.of()).getFirst();
    }

    /**
     * Creates the named namespaces (each as {@link #create(String)} does) at once, and writes
     * {@code sysctls} (such as {@code net.ipv6.conf.default.accept_dad = 0}) into each of them
     * while the thread that made it is still inside, so they hold before anything is configured
     * there and cost no second hop. The namespaces are made in parallel, on the library's worker
     * threads (rootless: on fresh threads). All or nothing: if one cannot be made, or a sysctl
     * cannot be written, every namespace of the call is deleted again and the first failure is
     * thrown (the others suppressed in it).
     *
     * @param names   the names, all different
     * @param sysctls net.* keys and values, written in their iteration order in every namespace
     * @return the handles, in the order of {@code names}; each owns its namespace
     * @throws IllegalArgumentException if a name or a sysctl key is not valid, or a name repeats
     * @throws AlreadyExistsException   if a namespace of one of the names exists
     * @throws PermissionException      without CAP_SYS_ADMIN
     */
    public static List<NetworkNamespace> createAll(List<String> names, Map<String, String> sysctls) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String name : names) {
            validateName(name);
            if (!seen.add(name)) {
                throw new IllegalArgumentException("namespace name \"" + name + "\" is given twice");
            }
        }
        Map<String, Path> keys = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, String> e : sysctls.entrySet()) {
            keys.put(e.getKey(), Sysctls.path(e.getKey()));
            java.util.Objects.requireNonNull(e.getValue(), () -> "value of sysctl " + e.getKey());
        }
        List<Path> reserved = new java.util.ArrayList<>();
        List<NetworkNamespace> made = new java.util.ArrayList<>();
        List<NetlinkSocket> sockets = new java.util.ArrayList<>();
        try {
            for (String name : names) {
                reserved.add(NamespaceDirectory.reserve(name, "create network namespace " + name));
            }
            List<Callable<NetlinkSocket>> tasks = new java.util.ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                Path path = reserved.get(i);
                tasks.add(() -> {
                    String op = "create network namespace " + name;
                    NamespaceDirectory.mountCurrentThreadsNamespace(path, op);
                    for (Map.Entry<String, Path> k : keys.entrySet()) {
                        Sysctls.write(k.getKey(), k.getValue(), sysctls.get(k.getKey()), "network namespace " + name);
                    }
                    // Open the namespace's NETLINK_ROUTE socket while this thread is inside anyway:
                    // nearly every new namespace is configured next, and that spares a second hop.
                    return NetlinkSocket.open(Netlink.NETLINK_ROUTE);
                });
            }
            Throwable first = null; // a RuntimeException or an Error: what a hop throws
            for (NamespaceThreads.Outcome<NetlinkSocket> o : NamespaceThreads.callInternalAll(names, -1, tasks)) {
                sockets.add(o.value());
                if (o.failure() != null) {
                    if (first == null) {
                        first = o.failure();
                    } else {
                        first.addSuppressed(o.failure());
                    }
                }
            }
            if (first instanceof Error err) {
                throw err;
            }
            if (first != null) {
                throw (RuntimeException) first;
            }
            for (int i = 0; i < names.size(); i++) {
                NetworkNamespace ns = openPath(names.get(i), true, "create network namespace " + names.get(i));
                ns.sockets.put(Netlink.NETLINK_ROUTE, sockets.get(i));
                sockets.set(i, null); // the handle owns it now
                made.add(ns);
            }
            return List.copyOf(made);
        } catch (RuntimeException | Error e) {
            // Leave nothing half-made: no handle, no socket, no mount, no file.
            for (NetworkNamespace ns : made) {
                ns.closeSockets();
                ns.markClosed();
            }
            for (NetlinkSocket s : sockets) {
                if (s != null) {
                    s.close();
                }
            }
            for (Path p : reserved) {
                NamespaceDirectory.detachAndRemove(p);
            }
            throw e;
        }
    }

    /**
     * Opens a named namespace that exists (made by this library, by {@code ip netns add}, or by
     * anything else that bind-mounts under {@code /run/netns}).
     *
     * @param name the namespace name (its file under {@code /run/netns})
     * @throws NoSuchNamespaceException if there is none of that name
     * @return a handle that does not own it: {@link #close()} leaves it in place
     */
    public static NetworkNamespace open(String name) {
        validateName(name);
        return openPath(name, false, "open network namespace " + name);
    }

    /** {@return the network namespace the JVM started in} Closing or deleting it is not possible. */
    public static NetworkNamespace self() {
        return SELF;
    }

    /** {@return the names under {@code /run/netns}, sorted: what {@code ip netns list} shows} */
    public static List<String> list() {
        return NamespaceDirectory.list();
    }

    /**
     * {@return whether a namespace of this name exists under {@code /run/netns}}
     *
     * @param name the namespace name
     */
    public static boolean exists(String name) {
        validateName(name);
        return Files.exists(NamespaceDirectory.pathOf(name));
    }

    /**
     * Deletes the named namespace, as {@code ip netns del NAME} does: unmounts and removes
     * {@code /run/netns/NAME}. The namespace itself goes away once nothing (no process, no open
     * descriptor) holds it any more.
     *
     * @param name the namespace name
     * @throws NoSuchNamespaceException if there is none of that name
     */
    public static void delete(String name) {
        validateName(name);
        NamespaceDirectory.remove(name, "delete network namespace " + name);
    }

    /**
     * Checks a namespace name before any file is touched: not empty, not "." or "..", no '/', no
     * control characters, at most {@value #MAX_NAME_LENGTH} bytes.
     *
     * @param name the namespace name
     * @throws IllegalArgumentException naming the problem
     */
    public static void validateName(String name) {
        NamespaceDirectory.validateName(name);
    }

    // ---- the handle ---------------------------------------------------------------------------

    /** {@return the name under {@code /run/netns}, or null for {@link #self()}} */
    public String name() {
        return name;
    }

    /** {@return whether this is the namespace the JVM started in} */
    public boolean isSelf() {
        return this == SELF;
    }

    /** {@return whether {@link #close()} deletes the namespace (the handle came from {@link #create})} */
    public boolean isOwned() {
        return owned;
    }

    /**
     * Gives up ownership: {@link #close()} will leave the namespace in place.
     *
     * @return this handle
     */
    public NetworkNamespace keep() {
        owned = false;
        return this;
    }

    @Override
    public NetworkNamespace namespace() {
        return this;
    }

    /**
     * {@return a descriptor referring to the namespace, for requests that name a namespace by descriptor
     * (IFLA_NET_NS_FD)} Owned by the handle: do not close it, and do not use it after
     * {@link #close()} (the number may then refer to something else).
     */
    public int fd() {
        ensureUsable("use");
        return fd;
    }

    /**
     * Calls {@code use} with the namespace's descriptor (see {@link #fd()}), keeping it open until
     * {@code use} returns even if another thread closes the handle meanwhile; a descriptor
     * closed under a request could be reused for something else by then.
     *
     * @param <T> what {@code use} returns
     * @param use the code given the descriptor
     * @throws IllegalStateException    if the handle is closed
     * @throws NoSuchNamespaceException if the namespace was deleted
     * @return what {@code use} returned
     */
    public <T> T withFd(java.util.function.IntFunction<T> use) {
        if (isSelf()) {
            return use.apply(fd);
        }
        String what = "use";
        acquire(what);
        try {
            ensureUsable(what);
            return use.apply(fd);
        } finally {
            release();
        }
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
     * {@return the netlink socket of {@code protocol} in this namespace, opened on first use and then shared
     * (it is thread-safe)} Closed with the handle.
     *
     * @param protocol the netlink protocol, such as NETLINK_ROUTE
     */
    public NetlinkSocket socket(int protocol) {
        String what = "open a netlink socket in";
        ensureUsable(what);
        NetlinkSocket s = sockets.get(protocol);
        if (s != null) {
            return s;
        }
        synchronized (sockets) {
            // close() marks the handle closed before it takes this lock to close the sockets, so
            // a socket opened here is either refused or closed with the handle.
            ensureUsable(what);
            s = sockets.get(protocol);
            if (s == null) {
                s = openSocket(protocol);
                sockets.put(protocol, s);
            }
            return s;
        }
    }

    /**
     * {@return a new netlink socket in this namespace that the caller owns and closes (for events)}
     *
     * @param protocol the netlink protocol, such as NETLINK_ROUTE
     */
    public NetlinkSocket openSocket(int protocol) {
        return call("open a netlink socket in", true, () -> NetlinkSocket.open(protocol));
    }

    /**
     * Runs {@code task} inside this namespace on a platform thread of its own and returns its
     * result. Java sockets opened there belong to this namespace and stay there. An
     * {@link IOException} comes out as {@link UncheckedIOException}; other checked exceptions in a
     * {@link java.util.concurrent.CompletionException}.
     *
     * @param <T> the task's result type
     * @param task the code to run inside the namespace
     * @return what {@code task} returned
     */
    public <T> T run(Callable<T> task) {
        return call("run code in", false, task);
    }

    /**
     * Runs {@code task} inside this namespace (see {@link #run(Callable)}).
     *
     * @param task the code to run inside the namespace
     */
    public void run(Runnable task) {
        run(() -> {
            task.run();
            return null;
        });
    }

    /**
     * Starts a program inside this namespace, like {@code ip netns exec NAME command...} (see
     * {@link #start(ProcessBuilder)}).
     *
     * @param command the program and its arguments
     * @return the started program
     */
    public Process exec(String... command) {
        return start(new ProcessBuilder(command));
    }

    /**
     * Starts {@code builder}'s program inside this namespace, keeping the builder's directory,
     * environment and redirects.
     *
     * <p>The program is started by {@code nsenter --net=... -- command...} (util-linux) from a
     * thread in the JVM's own namespace, not from a thread inside this namespace: the JDK starts a
     * "process reaper" thread for every process from the thread that starts it, keeps it pooled,
     * and runs completion callbacks on it (waking virtual threads that wait for the process, which
     * can start scheduler carriers from it). Started from inside, that pooled thread would stay in
     * this namespace, keep it alive after deletion, and pass the namespace on to threads it starts.
     * nsenter enters through this handle's own descriptor ({@code /proc/PID/fd/N}), which stays
     * open until the program ends, so it reaches exactly this namespace.
     *
     * <p>A program that is not found gives {@link UncheckedIOException} as {@link ProcessBuilder}
     * would. Failures after that (nsenter refused by a missing capability) show as the program's
     * exit status 1 with nsenter's message on its standard error.
     *
     * @param builder the program to start, with its directory, environment and redirections
     * @throws IllegalStateException if nsenter is not installed
     * @return the started program
     */
    public Process start(ProcessBuilder builder) {
        String what = "start a program in";
        if (isSelf()) {
            return call(what, false, builder::start);
        }
        Programs.check(builder, label());
        acquire(what);
        boolean handedOver = false;
        try {
            ensureUsable(what);
            Process p = SELF.call(what, false, Programs.throughNsenter(builder, fd)::start);
            // The descriptor must outlive nsenter's open of it: keep it until the program ends.
            p.onExit().whenComplete((x, e) -> release());
            handedOver = true;
            return p;
        } finally {
            if (!handedOver) {
                release();
            }
        }
    }

    /**
     * Reads a network sysctl of this namespace, such as {@code net.ipv4.ip_forward}. Keys may use
     * '/' as the separator where a part (an interface name) holds a dot.
     *
     * @param key the sysctl's name, such as {@code net.ipv4.ip_forward}
     * @return its value, without the trailing newline
     */
    public String sysctl(String key) {
        Path p = Sysctls.path(key);
        return call("read sysctl in", true, () -> Sysctls.read(key, p, label()));
    }

    /**
     * Writes a network sysctl of this namespace, such as {@code net.ipv4.ip_forward = 1}.
     *
     * @param key the sysctl's name, such as {@code net.ipv4.ip_forward}
     * @param value the value to write
     */
    public void sysctl(String key, String value) {
        Path p = Sysctls.path(key);
        call("write sysctl in", true, () -> {
            Sysctls.write(key, p, value, label());
            return null;
        });
    }

    /**
     * Deletes this namespace (see {@link #delete(String)}) and closes the handle, owned or not.
     * Only the namespace this handle was opened on is deleted: if its name now refers to another
     * namespace (deleted and made again by someone else), that one is left alone.
     *
     * @throws NoSuchNamespaceException if the namespace was deleted already
     * @throws IllegalStateException    if the handle is closed
     */
    public void delete() {
        if (isSelf()) {
            throw new UnsupportedOperationException("the JVM's own namespace cannot be deleted");
        }
        ensureUsable("delete");
        if (!markClosed()) {
            throw closedException("delete");
        }
        closeSockets();
        delete(name);
    }

    /**
     * Releases the handle's sockets and descriptor; if the handle owns the namespace (it came from
     * {@link #create} and {@link #keep()} was not called) also deletes it, provided its name still
     * refers to this very namespace. Idempotent. Does nothing for {@link #self()}. Calls running
     * in the namespace at that moment finish first; only then is the descriptor closed.
     */
    @Override
    public void close() {
        if (isSelf() || !markClosed()) {
            return;
        }
        closeSockets();
        if (owned) {
            Path path = NamespaceDirectory.pathOf(name);
            NsId now = NsId.of(path);
            if (now == null) {
                return; // deleted already, by anyone
            }
            if (!now.equals(id)) {
                LOG.warn("not deleting {}: it is another namespace than the one this handle created", path);
                return;
            }
            try {
                delete(name);
            } catch (NoSuchNamespaceException gone) {
                // deleted by someone else in the meantime: what close() wanted anyway
            }
        }
    }

    /** Marks the handle closed; true for the one call that did. Closes the fd if nobody uses it. */
    private boolean markClosed() {
        long prev = state.getAndUpdate(s -> s | CLOSED);
        if ((prev & CLOSED) != 0) {
            return false;
        }
        if (prev == 0) {
            closeFd();
        }
        return true;
    }

    private void acquire(String what) {
        while (true) {
            long s = state.get();
            if ((s & CLOSED) != 0) {
                throw closedException(what);
            }
            if (state.compareAndSet(s, s + 1)) {
                return;
            }
        }
    }

    private void release() {
        if (state.decrementAndGet() == CLOSED) {
            closeFd();
        }
    }

    private void closeFd() {
        NamespaceDirectory.closeQuietly(fd);
    }

    private void closeSockets() {
        synchronized (sockets) {
            for (NetlinkSocket s : sockets.values()) {
                s.close();
            }
            sockets.clear();
        }
    }

    private IllegalStateException closedException(String what) {
        return new IllegalStateException("cannot " + what + " " + label() + ": the handle is closed");
    }

    @Override
    public String toString() {
        return isSelf() ? "NetworkNamespace[self]" : "NetworkNamespace[" + name + "]";
    }

    // ---- internals ----------------------------------------------------------------------------

    private String label() {
        return isSelf() ? "the JVM's own network namespace" : "network namespace " + name;
    }

    /**
     * Runs {@code task} in this namespace. {@code internal}: the task is the library's own (no user
     * code), so it may run on a reusable worker ({@link NamespaceThreads#callInternal}).
     */
    private <T> T call(String what, boolean internal, Callable<T> task) {
        if (isSelf()) {
            // Almost every thread is in the original namespace and runs the task itself; but a
            // thread inside run() of another namespace (or started from one) is not, so it hops.
            if (!ORIGINAL_ID.equals(NsId.of(Path.of("/proc/thread-self/ns/net")))) {
                if (NamespaceThreads.ONE_WAY) {
                    return NamespaceThreads.callAtHome(task); // no thread can enter it: start one there
                }
                return internal ? NamespaceThreads.callInternal("self", NamespaceThreads.ORIGINAL_FD, task)
                        : NamespaceThreads.call("self", NamespaceThreads.ORIGINAL_FD, task);
            }
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
        acquire(what);
        try {
            ensureUsable(what);
            return internal ? NamespaceThreads.callInternal(name, fd, task) : NamespaceThreads.call(name, fd, task);
        } finally {
            release();
        }
    }

    private void ensureUsable(String what) {
        if (isSelf()) {
            return;
        }
        if ((state.get() & CLOSED) != 0) {
            throw closedException(what);
        }
        // The handle's descriptor keeps the namespace alive after `ip netns del`; without this
        // check requests would quietly go to a namespace nobody can see any more.
        NsId now = NsId.of(NamespaceDirectory.pathOf(name));
        if (!id.equals(now)) {
            throw new NoSuchNamespaceException(what + " " + label(), now == null
                    ? "namespace \"" + name + "\" was deleted after this handle was opened"
                    : "namespace \"" + name + "\" was deleted after this handle was opened and its name now "
                            + "refers to another namespace");
        }
    }

    private static NetworkNamespace openPath(String name, boolean owned, String op) {
        int fd = NamespaceDirectory.open(name, op, ORIGINAL_ID.dev());
        // The identity comes from the descriptor itself, so it is the namespace actually opened.
        return new NetworkNamespace(name, fd, owned, NsId.ofFd(fd));
    }
}
