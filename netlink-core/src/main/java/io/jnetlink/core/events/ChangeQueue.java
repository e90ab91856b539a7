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
 */
public final class ChangeQueue<K, V> implements Consumer<Change<K, V>> {
    private final BlockingQueue<Change<K, V>> queue = new LinkedBlockingQueue<>();

    @Override
    public void accept(Change<K, V> change) {
        queue.add(change);
    }

    /** The next change, waiting as long as it takes. */
    public Change<K, V> take() throws InterruptedException {
        return queue.take();
    }

    /** The next change, or null if none arrives within {@code timeout}. */
    public Change<K, V> poll(Duration timeout) throws InterruptedException {
        return queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** How many changes are waiting. */
    public int size() {
        return queue.size();
    }
}
