package io.jnetlink.core.events;

import io.jnetlink.core.codec.Message;
import io.jnetlink.core.netns.NetworkNamespace;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * List-then-watch: a table of kernel objects (links, addresses, routes, neighbours of one
 * namespace) that starts from a full dump and then follows the kernel's events, so it never
 * silently goes stale.
 *
 * <p>The groups are joined before the first dump, on the reader thread, so no event can fall
 * between the dump and the watch. When the kernel reports an overrun (events lost, ENOBUFS) the
 * table drops the queued events, dumps again, compares with what it held and emits the
 * synthetic changes ({@link Change#synthetic()}) that bring listeners back in step. Listeners run
 * on the subscription's thread; {@link #snapshot()} may be called from any thread.
 *
 * @param <K> the object's identity
 * @param <V> the object's decoded state (compared with {@code equals} to detect changes)
 */
public final class WatchedTable<K, V> implements AutoCloseable {

    /**
     * Where a table's contents come from.
     *
     * @param <K> the type of an object's identity
     * @param <V> the type of an object's state
     */
    public interface Source<K, V> {
        /** {@return a consistent full read of the table (a dump), keyed by identity} */
        Map<K, V> dump();

        /**
         * {@return the change an event message announces, or null to ignore it (another family, a type
         * the table does not hold)} For "new" messages the kind may be ADDED or CHANGED; the table
         * decides which from what it holds.
         *
         * @param event an event message (a view valid only during the call)
         */
        Change<K, V> decode(Message event);
    }

    private final Source<K, V> source;
    private final Consumer<Change<K, V>> listener;
    private final Map<K, V> state = new ConcurrentHashMap<>();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final AtomicLong resyncs = new AtomicLong();
    private volatile RuntimeException failure;
    private final Subscription subscription;

    private WatchedTable(NetworkNamespace ns, int protocol, int[] groups, int receiveBufferBytes,
                         Source<K, V> source, Consumer<Change<K, V>> listener) {
        this.source = Objects.requireNonNull(source, "source");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.subscription = Subscription.open(ns, protocol, groups, receiveBufferBytes, new Subscription.Listener() {
            @Override
            public void onMessage(Message m) {
                apply(m);
            }

            @Override
            public void onOverrun() {
                resync();
            }

            @Override
            public void onError(RuntimeException error) {
                failure = error;
                ready.countDown();
            }
        }, () -> {
            resync();
            ready.countDown();
        });
    }

    /**
     * Starts watching: joins {@code groups} in {@code ns}, dumps, then applies events. Returns
     * once the first dump is in (or throws what it threw).
     *
     * @param receiveBufferBytes the event socket's kernel receive buffer, 0 for the default; a
     *                           small one makes overruns (and resyncs) likelier, a large one rarer
     * @param <K> the type of an object's identity
     * @param <V> the type of an object's state
     * @param ns the namespace to watch
     * @param protocol the netlink protocol, such as NETLINK_ROUTE
     * @param groups the multicast groups whose events change the table
     * @param source how to dump the table and decode its events
     * @param listener receives each change, on the watch's thread
     * @return the watch, holding the first dump; close it to stop
     */
    public static <K, V> WatchedTable<K, V> open(NetworkNamespace ns, int protocol, int[] groups,
                                                 int receiveBufferBytes, Source<K, V> source,
                                                 Consumer<Change<K, V>> listener) {
        WatchedTable<K, V> t = new WatchedTable<>(ns, protocol, groups, receiveBufferBytes, source, listener);
        try {
            if (!t.ready.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("first dump of the watched table did not finish in 60 s");
            }
        } catch (InterruptedException e) {
            t.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the first dump", e);
        }
        if (t.failure != null) {
            t.close();
            throw t.failure;
        }
        return t;
    }

    private void apply(Message m) {
        Change<K, V> c = source.decode(m);
        if (c == null) {
            return;
        }
        K key = c.key();
        if (c.kind() == Change.Kind.REMOVED) {
            V old = state.remove(key);
            if (old != null) {
                listener.accept(new Change<>(Change.Kind.REMOVED, key, c.value() != null ? c.value() : old, false));
            }
            return;
        }
        V old = state.put(key, c.value());
        if (old == null) {
            listener.accept(new Change<>(Change.Kind.ADDED, key, c.value(), false));
        } else if (!old.equals(c.value())) {
            listener.accept(new Change<>(Change.Kind.CHANGED, key, c.value(), false));
        }
    }

    /** Drops queued events (all older than the dump that follows), dumps and emits the difference. */
    private void resync() {
        resyncs.incrementAndGet();
        Map<K, V> fresh = dumpPatiently();
        Map<K, V> before = new HashMap<>(state);
        for (Map.Entry<K, V> e : fresh.entrySet()) {
            V old = before.remove(e.getKey());
            state.put(e.getKey(), e.getValue());
            if (old == null) {
                listener.accept(new Change<>(Change.Kind.ADDED, e.getKey(), e.getValue(), true));
            } else if (!old.equals(e.getValue())) {
                listener.accept(new Change<>(Change.Kind.CHANGED, e.getKey(), e.getValue(), true));
            }
        }
        for (Map.Entry<K, V> e : before.entrySet()) {
            state.remove(e.getKey());
            listener.accept(new Change<>(Change.Kind.REMOVED, e.getKey(), e.getValue(), true));
        }
    }

    /**
     * Dumps; a table under heavy churn can keep interrupting dumps, and giving up would leave the
     * view stale, so keep trying (with a growing pause) for up to a minute.
     */
    private Map<K, V> dumpPatiently() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long pauseMs = 1;
        while (true) {
            try {
                return source.dump();
            } catch (io.jnetlink.core.DumpInterruptedException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(pauseMs);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pauseMs = Math.min(pauseMs * 2, 100);
            }
        }
    }

    /** {@return a copy of the table as it stands now} */
    public Map<K, V> snapshot() {
        return Map.copyOf(state);
    }

    /** {@return how many times the kernel reported lost events} */
    public long overruns() {
        return subscription.overruns();
    }

    /** {@return how many full re-reads were done (the first dump included)} */
    public long resyncs() {
        return resyncs.get();
    }

    /** {@return the error that stopped the watch, or null while it runs} */
    public RuntimeException failure() {
        return failure;
    }

    /**
     * Waits until no event has arrived for {@code quiet}, or {@code max} passed; for tests and tools.
     *
     * @param quiet how long no event must arrive
     * @param max how long to wait at most
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public void awaitQuiet(Duration quiet, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        Map<K, V> last = snapshot();
        long lastResyncs = resyncs();
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(20);
            Map<K, V> now = snapshot();
            if (!now.equals(last) || resyncs() != lastResyncs) {
                last = now;
                lastResyncs = resyncs();
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince >= quiet.toNanos()) {
                return;
            }
        }
    }

    /** Stops watching and releases the socket and thread. */
    @Override
    public void close() {
        subscription.close();
    }
}
