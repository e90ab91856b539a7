package io.jnetlink.core.events;

/**
 * One change to a watched table: something was added, changed or removed.
 *
 * @param kind      what happened
 * @param key       the identity of the object (a link index, an address and its link, ...)
 * @param value     the object's state after the change; for {@link Kind#REMOVED}, its last state
 * @param synthetic true when the change was not announced by the kernel but derived by re-reading
 *                  the table after lost events (an overrun) or a restarted watch
 * @param <K> the type of an object's identity
 * @param <V> the type of an object's state
 */
public record Change<K, V>(Kind kind, K key, V value, boolean synthetic) {
    /** What happened to the object. */
    public enum Kind {
        /** The object appeared. */
        ADDED,
        /** The object's state changed. */
        CHANGED,
        /** The object went away. */
        REMOVED
    }
}
