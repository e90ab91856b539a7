package io.jnetlink.core.events;

import io.jnetlink.core.OverrunException;
import io.jnetlink.core.codec.Message;
import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.socket.NetlinkSocket;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Multicast events of one namespace, read by a platform thread the subscription owns and handed
 * to a listener on that thread. {@link #close()} stops the thread and closes the socket.
 *
 * <p>Messages are views valid only during {@link Listener#onMessage}: decode them there. When the
 * kernel drops events because the receive buffer was full, {@link Listener#onOverrun()} is called
 * (and {@link #overruns()} counts it) after the events still queued were dropped: the listener
 * must re-read the state it keeps, as {@link WatchedTable} does.
 *
 * <p>The reader thread sleeps in the kernel until an event arrives or {@link #close()} wakes it:
 * an idle subscription makes no system calls at all, and closing it takes effect at once.
 */
public final class Subscription implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Subscription.class);
    /** The reader waits for events without a limit: {@link #close()} wakes it, so nothing else has to. */
    private static final Duration NO_LIMIT = ChronoUnit.FOREVER.getDuration();

    /** Receives the subscription's messages and overrun reports, on its thread. */
    public interface Listener {
        /**
         * One message of an event datagram; a view valid only during the call.
         *
         * @param m the message
         */
        void onMessage(Message m);

        /** Events were lost; state kept from events must be re-read. */
        default void onOverrun() {
        }

        /**
         * The reader thread stopped because of {@code error} (not called on close()).
         *
         * @param error what stopped it
         */
        default void onError(RuntimeException error) {
            LOG.error("event subscription stopped", error);
        }
    }

    private final NetlinkSocket socket;
    private final Thread thread;
    private final AtomicLong overruns = new AtomicLong();
    private volatile boolean closed;

    private Subscription(NetlinkSocket socket, Listener listener, String name, Runnable beforeLoop) {
        this.socket = socket;
        this.thread = Thread.ofPlatform().daemon(true).name(name).unstarted(() -> loop(listener, beforeLoop));
    }

    /**
     * Opens a socket of {@code protocol} in {@code ns}, joins {@code groups} and starts delivering.
     *
     * @param receiveBufferBytes the kernel receive buffer for the socket (0 keeps the default)
     * @param ns the namespace whose events to receive
     * @param protocol the netlink protocol, such as NETLINK_ROUTE
     * @param groups the multicast groups to join
     * @param listener receives the messages, on the subscription's thread
     * @return the running subscription; close it to stop
     */
    public static Subscription open(NetworkNamespace ns, int protocol, int[] groups, int receiveBufferBytes,
                                    Listener listener) {
        return open(ns, protocol, groups, receiveBufferBytes, listener, null);
    }

    /**
     * As {@link #open(NetworkNamespace, int, int[], int, Listener)}, running {@code beforeLoop} on
     * the reader thread after the groups are joined and before the first event is read (a
     * list-then-watch view takes its first dump there, so no event can slip between the two).
     * Views other than {@link WatchedTable} (nf_tables' ruleset watch, which groups events per
     * transaction) build on this.
     *
     * @param ns the namespace whose events to receive
     * @param protocol the netlink protocol, such as NETLINK_ROUTE
     * @param groups the multicast groups to join
     * @param receiveBufferBytes the kernel receive buffer for the socket (0 keeps the default)
     * @param listener receives the messages, on the subscription's thread
     * @param beforeLoop runs once on the reader thread before the first event is read, or null
     * @return the running subscription; close it to stop
     */
    public static Subscription open(NetworkNamespace ns, int protocol, int[] groups, int receiveBufferBytes,
                             Listener listener, Runnable beforeLoop) {
        Objects.requireNonNull(listener, "listener");
        if (groups.length == 0) {
            throw new IllegalArgumentException("subscribe to at least one multicast group");
        }
        NetlinkSocket s = ns.openSocket(protocol);
        try {
            if (receiveBufferBytes > 0) {
                s.receiveBufferSize(receiveBufferBytes);
            }
            s.receiveTimeout(NO_LIMIT);
            for (int g : groups) {
                if (g <= 0) {
                    throw new IllegalArgumentException("multicast group must be positive, got " + g);
                }
                s.joinGroup(g);
            }
            String who = ns.isSelf() ? "self" : ns.name();
            Subscription sub = new Subscription(s, listener, "netlink-events-" + who, beforeLoop);
            sub.thread.start();
            return sub;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void loop(Listener listener, Runnable beforeLoop) {
        try {
            if (beforeLoop != null) {
                beforeLoop.run();
            }
            while (!closed) {
                try {
                    socket.receiveEvents(listener::onMessage);
                } catch (OverrunException | io.jnetlink.core.socket.ReceiveTruncatedException e) {
                    // Either way events were lost (a too-large one, or many for a full buffer);
                    // the socket has adapted, and state kept from events must be re-read.
                    overruns.incrementAndGet();
                    socket.drainEvents();
                    listener.onOverrun();
                }
            }
        } catch (RuntimeException e) {
            if (!closed) {
                listener.onError(e);
            }
        } finally {
            socket.close();
        }
    }

    /** {@return how many overruns (lost events) the kernel reported so far} */
    public long overruns() {
        return overruns.get();
    }

    /** {@return whether the reader thread is still delivering} */
    public boolean isRunning() {
        return thread.isAlive();
    }

    /**
     * Stops the reader thread (waits for it) and closes the socket, at once: a reader waiting for
     * events is woken, one running a listener finishes that call first. Idempotent. Called from a
     * listener (on the reader thread), it stops the thread after the listener returns.
     */
    @Override
    public void close() {
        closed = true;
        if (Thread.currentThread() != thread) {
            // Wakes the reader if it waits in the kernel, and returns once it has left the socket.
            socket.close();
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
