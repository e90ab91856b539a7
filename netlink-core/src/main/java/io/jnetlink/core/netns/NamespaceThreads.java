package io.jnetlink.core.netns;

import io.jnetlink.core.Errno;
import io.jnetlink.core.NetlinkException;
import io.jnetlink.core.PermissionException;
import io.jnetlink.core.ffi.Libc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs code on a thread inside another network namespace without ever leaving a JVM thread there.
 *
 * <p>A hop of user code ({@link #call}) starts a fresh platform thread (never a virtual thread,
 * whose carrier is shared, and never a pooled thread: user code may leave thread-locals behind, a
 * per-thread socket cache say, that would belong to the wrong namespace on the next hop). That
 * thread calls {@code setns(target)}, runs the task, then {@code setns(original)}; it then ends.
 * The library's own short tasks (bind-mounting a new namespace, opening a socket in one, reading a
 * sysctl: {@link #callInternal}) run on reusable platform workers instead, which do the same
 * enter/run/return and then wait for the next task in the original namespace; starting a thread
 * costs more than the task (0.1 to 0.3 ms against tens of microseconds). Whoever runs a hop, if
 * switching back fails the thread ends all the same, so it is retired, never reused. The original
 * namespace is the one the JVM started in, held open by a descriptor for the life of the process.
 *
 * <p>The hop thread hands its result to the caller only <em>after</em> it is back in the original
 * namespace. Handing it over wakes the caller, and waking a virtual thread submits it to the
 * scheduler, which may start a new carrier thread from the waking thread; a carrier started from a
 * thread inside a foreign namespace would inherit that namespace and run every virtual thread it
 * ever carries there. For the same reason a hop thread that could not switch back hands its result
 * to a relay thread (a platform thread that never leaves the original namespace), which wakes the
 * caller and logs the failure.
 *
 * <p>Rootless ({@link Rootless#active()}), no thread can return: the original namespace is the
 * host's, and entering it takes CAP_SYS_ADMIN over the host's user namespace, which a rootless JVM
 * does not hold. There every hop is one way: a fresh thread enters, runs the task, hands the
 * result to the relay and ends, for the library's own tasks too (no reusable workers).
 */
final class NamespaceThreads {
    private static final Logger LOG = LoggerFactory.getLogger(NamespaceThreads.class);
    private static final AtomicLong COUNTER = new AtomicLong();
    /** The JVM's own network namespace (of its main thread), open for the life of the process. */
    static final int ORIGINAL_FD = openOriginal();
    /** Whether a hop thread can never return to the original namespace (see the class comment). */
    static final boolean ONE_WAY = Rootless.active();
    /** Outcomes of hop threads that could not return, delivered by {@link #relay()}. */
    private static final BlockingQueue<Runnable> STRANDED = new LinkedBlockingQueue<>();
    private static volatile Thread relay;
    private static final AtomicLong WORKER_COUNTER = new AtomicLong();
    /** How many reusable workers run the library's own hops at most; further tasks queue. */
    static final int WORKER_COUNT = 4;
    /**
     * Workers for {@link #callInternal}: up to {@link #WORKER_COUNT} platform daemon threads, made
     * on demand and ended after 30 s idle; one that could not return to the original namespace is
     * ended at once ({@link Retired}) and replaced. A queue rather than a hand-off: a worker wakes
     * its caller before it is back waiting for work, so with a hand-off the caller's next task
     * would mostly find no waiting worker and start a thread after all. The tasks are short and
     * never hop themselves, so queueing behind a busy worker cannot deadlock.
     */
    private static final ThreadPoolExecutor WORKERS = new ThreadPoolExecutor(WORKER_COUNT, WORKER_COUNT, 30,
            TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = Thread.ofPlatform()
                        .name("netns-worker-" + WORKER_COUNTER.incrementAndGet())
                        .daemon(true)
                        .unstarted(r);
                t.setUncaughtExceptionHandler((th, e) -> {
                    if (!(e instanceof Retired)) {
                        LOG.error("netns worker {} failed", th.getName(), e);
                    }
                });
                return t;
            });

    static {
        WORKERS.allowCoreThreadTimeOut(true);
        // Started now, from the thread that first needs namespaces (in the original namespace in
        // practice), not later from one that may be inside another: rootless, the relay could
        // not move itself back.
        ensureRelay();
    }

    /** Thrown by a worker that could not return to the original namespace, so that it ends. */
    private static final class Retired extends RuntimeException {
        Retired() {
            super("retired: could not return to the original network namespace", null, false, false);
        }
    }

    private NamespaceThreads() {}

    private static int openOriginal() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Libc.newCallState(a);
            int fd = Libc.open(st, a.allocateFrom("/proc/self/ns/net"), Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
            if (fd < 0) {
                throw NetlinkException.ofSyscall("open /proc/self/ns/net", Libc.errno(st));
            }
            return fd;
        }
    }

    /**
     * Runs {@code task} on a new platform thread inside the namespace behind {@code nsFd} (or, for
     * {@code nsFd < 0}, inside a brand-new namespace made by {@code unshare}), waits
     * for it and returns its result. Exceptions of the task come out unchanged if unchecked; an
     * {@link IOException} as {@link UncheckedIOException}; other checked ones in a
     * {@link CompletionException}. Interrupting the caller interrupts the task, and the caller
     * still waits for the task to end (so no task outlives the call), then keeps its interrupt
     * status.
     */
    static <T> T call(String nsName, int nsFd, Callable<T> task) {
        ensureRelay();
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread t = Thread.ofPlatform()
                .name("netns-" + nsName + "-" + COUNTER.incrementAndGet())
                .daemon(true)
                .unstarted(() -> hop(nsName, nsFd, task, result));
        t.start();
        return await(result, nsName, t);
    }

    /**
     * Like {@link #call}, for the library's own short tasks that run no user code: on a reusable
     * worker thread (see the class comment). The caller is not interruptible while it waits (the
     * tasks are a few system calls); its interrupt status is kept.
     */
    static <T> T callInternal(String nsName, int nsFd, Callable<T> task) {
        if (ONE_WAY) {
            // No worker could come back to wait for the next task: a fresh thread each time.
            return call(nsName, nsFd, task);
        }
        ensureRelay();
        CompletableFuture<T> result = new CompletableFuture<>();
        WORKERS.execute(() -> {
            if (!hop(nsName, nsFd, task, result)) {
                throw new Retired();
            }
        });
        return await(result, nsName, null);
    }

    /**
     * Runs every task like {@link #callInternal}, all at once (each on its own worker, or rootless
     * on its own fresh thread), waits for every one and returns their outcomes in order: per task
     * its value, or its failure unwrapped as {@link #call} would throw it. Never throws for a
     * task's failure, so the caller can undo what the others did.
     */
    static <T> List<Outcome<T>> callInternalAll(List<String> nsNames, int nsFd, List<? extends Callable<T>> tasks) {
        if (nsNames.size() != tasks.size()) {
            throw new IllegalArgumentException(nsNames.size() + " names for " + tasks.size() + " tasks");
        }
        ensureRelay();
        int n = tasks.size();
        List<CompletableFuture<T>> results = new ArrayList<>(n);
        List<Thread> threads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String nsName = nsNames.get(i);
            Callable<T> task = tasks.get(i);
            CompletableFuture<T> result = new CompletableFuture<>();
            results.add(result);
            if (ONE_WAY) {
                Thread t = Thread.ofPlatform()
                        .name("netns-" + nsName + "-" + COUNTER.incrementAndGet())
                        .daemon(true)
                        .unstarted(() -> hop(nsName, nsFd, task, result));
                t.start();
                threads.add(t);
            } else {
                WORKERS.execute(() -> {
                    if (!hop(nsName, nsFd, task, result)) {
                        throw new Retired();
                    }
                });
                threads.add(null);
            }
        }
        List<Outcome<T>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            try {
                out.add(new Outcome<>(await(results.get(i), nsNames.get(i), threads.get(i)), null));
            } catch (RuntimeException | Error e) {
                out.add(new Outcome<>(null, e));
            }
        }
        return out;
    }

    /** What one task of {@link #callInternalAll} gave: its value, or (non-null) its failure. */
    record Outcome<T>(T value, Throwable failure) {}

    /**
     * Runs {@code task} on a new platform thread started from the original namespace, for a caller
     * inside another namespace that cannot hop back to it (rootless, see the class comment): the
     * relay thread, which never leaves the original namespace, starts the thread, so the thread is
     * born there. Waits for it and unwraps its failure as {@link #call} does.
     */
    static <T> T callAtHome(Callable<T> task) {
        ensureRelay();
        CompletableFuture<T> result = new CompletableFuture<>();
        STRANDED.add(() -> Thread.ofPlatform()
                .name("netns-self-" + COUNTER.incrementAndGet())
                .daemon(true)
                .start(() -> {
                    T value = null;
                    Throwable failure = null;
                    try {
                        value = task.call();
                    } catch (Throwable e) {
                        failure = e;
                    }
                    complete(result, value, failure);
                }));
        return await(result, "self", null);
    }

    /**
     * Waits for a hop's result and unwraps its failure. Interrupting the caller interrupts the hop
     * thread {@code t} if given; the caller still waits for the task to end (so no task outlives
     * the call), then keeps its interrupt status.
     */
    private static <T> T await(CompletableFuture<T> result, String nsName, Thread t) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                    if (t != null) {
                        t.interrupt();
                    }
                }
            }
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                r.addSuppressed(new Exception("(ran in namespace " + nsName
                        + (t != null ? " on thread " + t.getName() : " on a netns worker thread") + ")"));
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            if (c instanceof IOException io) {
                throw new UncheckedIOException(io.getMessage(), io);
            }
            throw new CompletionException(c);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Enters the namespace (or makes a new one), runs the task, returns to the original namespace
     * and completes {@code result}. Returns false if the thread could not return: the result then
     * goes through the relay and the thread must end.
     */
    private static <T> boolean hop(String nsName, int nsFd, Callable<T> task, CompletableFuture<T> result) {
        T value = null;
        Throwable failure = null;
        boolean returned;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Libc.newCallState(a);
            // The thread starts in the namespace of the thread that started it, which need not be
            // the original one (a caller inside run() of another namespace); setns back to the
            // original below makes no difference to that.
            if (nsFd < 0) {
                if (Libc.unshare(st, Libc.CLONE_NEWNET) < 0) {
                    failure = setnsFailure("create network namespace " + nsName, Libc.errno(st));
                }
            } else if (Libc.setns(st, nsFd, Libc.CLONE_NEWNET) < 0) {
                failure = setnsFailure("enter network namespace " + nsName, Libc.errno(st));
            }
            if (failure == null) {
                try {
                    value = task.call();
                } catch (Throwable e) {
                    failure = e;
                }
            }
            returned = !ONE_WAY && Libc.setns(st, ORIGINAL_FD, Libc.CLONE_NEWNET) == 0;
            if (!returned) {
                int errno = ONE_WAY ? 0 : Libc.errno(st);
                int tid = Libc.gettid(st);
                T v = value;
                Throwable f = failure;
                Thread thread = Thread.currentThread();
                // Nothing more happens on this thread: it ends right after, retired. The relay
                // waits for that (so the caller never sees it alive inside the namespace), then
                // wakes the caller from the original namespace.
                STRANDED.add(() -> {
                    if (!ONE_WAY) {
                        LOG.error("thread {} could not return from namespace {} ({}); retired it",
                                thread.getName(), nsName, Errno.of(errno));
                    }
                    joinUninterruptibly(thread);
                    awaitTaskGone(tid);
                    complete(result, v, f);
                });
                return false;
            }
        }
        complete(result, value, failure);
        return true;
    }

    /**
     * Waits until the kernel task {@code tid} of this process is gone. A joined Java thread has
     * ended for Java, while its kernel task still exists for a moment (the JVM tears it down after
     * waking the joiners), in the namespace it was in.
     */
    private static void awaitTaskGone(int tid) {
        Path task = Path.of("/proc/self/task", Integer.toString(tid));
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (Files.exists(task)) {
            if (System.nanoTime() > deadline) {
                LOG.error("netns: kernel task {} of an ended hop thread still exists after 2 s", tid);
                return;
            }
            LockSupport.parkNanos(100_000);
        }
    }

    private static void joinUninterruptibly(Thread t) {
        while (true) {
            try {
                t.join();
                return;
            } catch (InterruptedException e) {
                // the relay never stops; the thread ends within moments anyway
            }
        }
    }

    private static <T> void complete(CompletableFuture<T> result, T value, Throwable failure) {
        if (failure != null) {
            result.completeExceptionally(failure);
        } else {
            result.complete(value);
        }
    }

    private static void ensureRelay() {
        if (relay != null) {
            return;
        }
        synchronized (NamespaceThreads.class) {
            if (relay == null) {
                Thread r = Thread.ofPlatform().name("netns-relay").daemon(true).unstarted(NamespaceThreads::relay);
                r.start();
                relay = r;
            }
        }
    }

    private static void relay() {
        // Make sure of where this thread is: it may have been started from a thread that a user
        // moved into another namespace.
        // Rootless, entering is refused even where the thread is already (the host's namespace):
        // then only check.
        if (ONE_WAY) {
            if (!NsId.ofFd(ORIGINAL_FD).equals(NsId.of(Path.of("/proc/thread-self/ns/net")))) {
                LOG.error("netns relay thread was started outside the original namespace and cannot enter it");
            }
        } else {
            try (Arena a = Arena.ofConfined()) {
                MemorySegment st = Libc.newCallState(a);
                if (Libc.setns(st, ORIGINAL_FD, Libc.CLONE_NEWNET) < 0) {
                    LOG.error("netns relay thread cannot enter the original namespace ({})", Errno.of(Libc.errno(st)));
                }
            }
        }
        while (true) {
            try {
                STRANDED.take().run();
            } catch (InterruptedException e) {
                // a daemon that must keep running: ignore
            } catch (RuntimeException e) {
                LOG.error("netns relay: delivering a result failed", e);
            }
        }
    }

    static NetlinkException setnsFailure(String op, int errno) {
        if (errno == Errno.EPERM.value() || errno == Errno.EACCES.value()) {
            return new PermissionException(op, errno, null, -1, 0, PermissionException.SYS_ADMIN);
        }
        return NetlinkException.ofSyscall(op, errno);
    }
}
