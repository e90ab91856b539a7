package io.jnetlink.core.netns;

import io.jnetlink.core.Errno;
import io.jnetlink.core.NetlinkException;
import io.jnetlink.core.PermissionException;
import io.jnetlink.core.ffi.Libc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs code on a thread inside another network namespace without ever leaving a JVM thread there.
 *
 * <p>Every hop starts a fresh platform thread (never a virtual thread, whose carrier is shared,
 * and never a pooled thread that would run other work afterwards). That thread calls
 * {@code setns(target)}, runs the task, then {@code setns(original)}; it then ends. If switching
 * back fails the thread ends all the same, so it is retired, never reused. The original namespace
 * is the one the JVM started in, held open by a descriptor for the life of the process.
 */
final class NamespaceThreads {
    private static final Logger LOG = LoggerFactory.getLogger(NamespaceThreads.class);
    private static final AtomicLong COUNTER = new AtomicLong();
    /** The JVM's own network namespace (of its main thread), open for the life of the process. */
    static final int ORIGINAL_FD = openOriginal();

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
     * {@link CompletionException}.
     */
    static <T> T call(String nsName, int nsFd, Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread t = Thread.ofPlatform()
                .name("netns-" + nsName + "-" + COUNTER.incrementAndGet())
                .daemon(true)
                .unstarted(() -> hop(nsName, nsFd, task, result));
        t.start();
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException("interrupted while waiting for code in namespace " + nsName, e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                r.addSuppressed(new Exception("(ran in namespace " + nsName + " on thread " + t.getName() + ")"));
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            if (c instanceof IOException io) {
                throw new UncheckedIOException(io.getMessage(), io);
            }
            throw new CompletionException(c);
        }
    }

    private static <T> void hop(String nsName, int nsFd, Callable<T> task, CompletableFuture<T> result) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Libc.newCallState(a);
            if (nsFd < 0) {
                if (Libc.unshare(st, Libc.CLONE_NEWNET) < 0) {
                    result.completeExceptionally(setnsFailure("create network namespace " + nsName, Libc.errno(st)));
                    return;
                }
            } else if (Libc.setns(st, nsFd, Libc.CLONE_NEWNET) < 0) {
                result.completeExceptionally(setnsFailure("enter network namespace " + nsName, Libc.errno(st)));
                return;
            }
            try {
                result.complete(task.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            } finally {
                if (Libc.setns(st, ORIGINAL_FD, Libc.CLONE_NEWNET) < 0) {
                    // The thread ends right here, so it is retired and runs nothing else.
                    LOG.error("thread {} could not return from namespace {} ({}); retiring it",
                            Thread.currentThread().getName(), nsName, Errno.of(Libc.errno(st)));
                }
            }
        }
    }

    static NetlinkException setnsFailure(String op, int errno) {
        if (errno == Errno.EPERM.value()) {
            return new PermissionException(op, errno, null, -1, 0, PermissionException.SYS_ADMIN);
        }
        return NetlinkException.ofSyscall(op, errno);
    }
}
