package io.jnetlink.testing;

/**
 * What a running {@link Service} gets: whether it should stop, a place to register what must be
 * closed to unblock it, and threads that live in the same node.
 */
public interface ServiceContext {
    /** {@return the node the service runs in} */
    Node node();

    /** {@return whether {@link RunningService#stop()} was called (or the lab is closing)} */
    boolean stopping();

    /** Tells {@link RunningService#awaitReady} waiters that the service serves now (its sockets are bound). */
    void ready();

    /**
     * Registers {@code resource} to be closed when the service is stopped (a server socket whose
     * {@code accept()} then throws, a selector, a client), and returns it. Closed at once if the
     * service is stopping already.
     *
     * @param <T> the resource's type
     * @param resource what to close when the service stops
     * @return {@code resource}
     */
    <T extends AutoCloseable> T closeOnStop(T resource);

    /**
     * Starts a platform thread inside the node that runs {@code body}; it is interrupted and
     * joined when the service stops. Use these, not a pool or virtual threads, for the service's
     * own concurrency: a thread belongs to the namespace it was started in, and a shared pool's
     * threads would carry the node's namespace into unrelated work (or the other way round).
     *
     * @param name the thread's name (after the service's)
     * @param body the code the thread runs
     * @return the started thread
     */
    Thread thread(String name, ThrowingRunnable body);

    /** A body that may throw; an exception other than an interruption is kept as the service's failure. */
    @FunctionalInterface
    interface ThrowingRunnable {
        /**
         * Runs.
         *
         * @throws Exception anything the body fails with
         */
        void run() throws Exception;
    }
}
