package io.jnetlink.testing;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Service} running inside a {@link Node}: stop it with {@link #stop()} (the lab stops
 * every service still running when it closes).
 *
 * <p>Threads: the service's main thread is a fresh platform thread that entered the node's
 * namespace (through {@link io.jnetlink.rtnl.Netns#run}); the caller's thread never does. Threads
 * from {@link ServiceContext#thread} are started inside the node too.
 */
public final class RunningService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunningService.class);
    /** How long {@link #stop()} waits for the service's threads to end. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final Node node;
    private final String name;
    private final Context context = new Context();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final CountDownLatch ended = new CountDownLatch(1);
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private volatile Thread main;
    private volatile boolean stopping;
    private volatile Throwable failure;
    private Thread launcher;

    RunningService(Node node, String name) {
        this.node = node;
        this.name = name;
    }

    /** Starts {@code service}: returns once its thread is inside the node (not once it is ready). */
    void start(Service service) {
        CountDownLatch inside = new CountDownLatch(1);
        launcher = Thread.ofPlatform().name("lab-" + node.name() + "-" + name).daemon().unstarted(() -> {
            try {
                node.netns().run(() -> {
                    main = Thread.currentThread();
                    threads.add(main);
                    inside.countDown();
                    try {
                        service.run(context);
                    } catch (Throwable t) {
                        if (!(stopping && isStopNoise(t))) {
                            failure = t;
                            LOG.warn("service {} in node {} failed", name, node.name(), t);
                        }
                    } finally {
                        threads.remove(main);
                    }
                });
            } catch (Throwable t) {
                failure = t;
            } finally {
                inside.countDown();
                ended.countDown();
            }
        });
        launcher.start();
        try {
            inside.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IllegalStateException("interrupted while starting service " + name + " in " + node.name(), e);
        }
    }

    /** {@return the service's name} */
    public String name() {
        return name;
    }

    /** {@return the node it runs in} */
    public Node node() {
        return node;
    }

    /** {@return whether its main code still runs} */
    public boolean isRunning() {
        return ended.getCount() > 0;
    }

    /** {@return what ended the service with an exception (not counting what {@link #stop()} caused), or null} */
    public Throwable failure() {
        return failure;
    }

    /**
     * Waits until the service has called {@link ServiceContext#ready()}.
     *
     * @param timeout how long to wait at most
     * @throws IllegalStateException if it ended (or failed) before, or did not get ready in time
     * @return this service
     */
    public RunningService awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (ready.await(10, TimeUnit.MILLISECONDS)) {
                    return this;
                }
                if (ended.getCount() == 0) {
                    throw new IllegalStateException("service " + name + " in node " + node.name()
                            + " ended before it was ready", failure);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for service " + name, e);
        }
        throw new IllegalStateException("service " + name + " in node " + node.name() + " not ready after " + timeout);
    }

    /**
     * Stops the service: marks it stopping, closes what it registered with
     * {@link ServiceContext#closeOnStop}, interrupts its threads and waits (up to 5 s) for them to
     * end. Idempotent.
     *
     * @return true if every thread of the service ended
     */
    public boolean stop() {
        stopping = true;
        List<AutoCloseable> toClose;
        synchronized (closeables) {
            toClose = new ArrayList<>(closeables);
            closeables.clear();
        }
        for (AutoCloseable c : toClose) {
            closeQuietly(c);
        }
        for (Thread t : threads) {
            t.interrupt();
        }
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        boolean all = true;
        try {
            if (!ended.await(STOP_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)) {
                all = false;
            }
            for (Thread t : threads) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !t.join(Duration.ofNanos(left))) {
                    all = false;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            all = false;
        }
        if (!all) {
            LOG.warn("service {} in node {} did not stop within {}", name, node.name(), STOP_TIMEOUT);
        }
        return all;
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    private static boolean isStopNoise(Throwable t) {
        return t instanceof InterruptedException || t instanceof IOException
                || t instanceof java.io.UncheckedIOException || t.getCause() instanceof InterruptedException;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // stopping: a resource that fails to close is no reason to keep the service alive
        }
    }

    @Override
    public String toString() {
        return "RunningService[" + name + " in " + node.name() + (isRunning() ? ", running" : ", ended") + "]";
    }

    private final class Context implements ServiceContext {
        @Override
        public Node node() {
            return node;
        }

        @Override
        public boolean stopping() {
            return stopping;
        }

        @Override
        public void ready() {
            ready.countDown();
        }

        @Override
        public <T extends AutoCloseable> T closeOnStop(T resource) {
            boolean now;
            synchronized (closeables) {
                now = stopping;
                if (!now) {
                    closeables.add(resource);
                }
            }
            if (now) {
                closeQuietly(resource);
            }
            return resource;
        }

        @Override
        public Thread thread(String threadName, ThrowingRunnable body) {
            Thread t = Thread.ofPlatform().name(name + "-" + threadName).daemon().unstarted(() -> {
                try {
                    body.run();
                } catch (Throwable e) {
                    if (!(stopping && isStopNoise(e))) {
                        failure = e;
                        LOG.warn("thread {} of service {} in node {} failed", threadName, name, node.name(), e);
                    }
                } finally {
                    threads.remove(Thread.currentThread());
                }
            });
            threads.add(t);
            if (threads.contains(Thread.currentThread())) {
                t.start(); // started from inside the node: the new thread is born there
            } else {
                node.netns().run(t::start);
            }
            if (stopping) {
                t.interrupt();
            }
            return t;
        }
    }
}
