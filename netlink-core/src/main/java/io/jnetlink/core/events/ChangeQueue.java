package io.jnetlink.core.events;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Changes delivered as a blocking queue instead of a callback: pass it as the listener of a
 * {@link WatchedTable}, then take changes on any thread.
 *
 * <pre>{@code
 * ChangeQueue<Integer, LinkInfo> q = new ChangeQueue<>();
 * try (var t = netns.watchLinks(q)) {
 *     Change<Integer, LinkInfo> c = q.take();
 * }
 * }</pre>
 *
 * @param <K> the type of an object's identity
 * @param <V> the type of an object's state
 */
public final class ChangeQueue<K, V> implements Consumer<Change<K, V>> {
    private final BlockingQueue<Change<K, V>> queue = new LinkedBlockingQueue<>();

    /** An empty queue; pass it as a watch's listener. */
    public ChangeQueue() {}

    @Override
    public void accept(Change<K, V> change) {
        queue.add(change);
    }

    /**
     * {@return the next change, waiting as long as it takes}
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public Change<K, V> take() throws InterruptedException {
        return queue.take();
    }

    /**
     * {@return the next change, or null if none arrives within {@code timeout}}
     *
     * @param timeout how long to wait at most
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public Change<K, V> poll(Duration timeout) throws InterruptedException {
        return queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** {@return how many changes are waiting} */
    public int size() {
        return queue.size();
    }
}
