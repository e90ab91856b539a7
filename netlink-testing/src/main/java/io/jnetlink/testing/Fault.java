package io.jnetlink.testing;

/**
 * A fault in force in a {@link Lab}: a partition, a one-way block, loss, a rate limit, a
 * disconnected node. Made by the lab's fault methods, which return once the kernel holds it;
 * {@link #remove()} takes it away again in one call, and returns once the kernel no longer holds
 * it. Closing the lab removes every fault.
 */
public interface Fault extends AutoCloseable {
    /** {@return what the fault is, in words: {@code "partition [n1] | [n2, n3]"}} */
    String description();

    /** {@return whether the fault is still in force} */
    boolean isActive();

    /** Removes the fault (nothing if it was removed already). */
    void remove();

    /** Same as {@link #remove()}. */
    @Override
    default void close() {
        remove();
    }
}
