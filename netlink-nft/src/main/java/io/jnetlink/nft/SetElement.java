package io.jnetlink.nft;

import java.time.Duration;
import java.util.Objects;

/**
 * One element of a named set or map, in nft's words: a key ({@code 10.0.0.1}, {@code 10.0.0.0/24},
 * {@code 10.0.0.1-10.0.0.9}, {@code 10.0.0.1 . 22}), for a map the value it maps to ({@code accept},
 * {@code jump CHAIN}, {@code 192.168.0.1 . 8080}), and its options.
 *
 * <p>Keys and values are text as nft reads and prints them; the set's types
 * ({@link SetSpec}) give them their bytes, and {@link SetSpec} normalizes them when it takes them
 * (so {@code fd00:0::1} becomes {@code fd00::1}), which is how an element read back from the kernel
 * equals the one that was added. What the kernel reports about an element's state
 * ({@link #expires}, {@link #packets}, {@link #bytes}) is not part of a spec;
 * {@link #withoutState()} drops it.
 *
 * @param key     the key, as nft prints it
 * @param value   the mapped value of a map element, else null
 * @param timeout the element's own timeout, or null for the set's default (or none)
 * @param expires how long the element has left, as the kernel reported it; null in a spec
 * @param comment the element's comment, or null
 * @param packets packets counted by the element's counter, or -1 without a counter
 * @param bytes   bytes counted by the element's counter, or -1 without a counter
 */
public record SetElement(String key, String value, Duration timeout, Duration expires, String comment,
                         long packets, long bytes) {
    /** nft keeps comments of up to 128 bytes (NFT_USERDATA_MAXLEN 256 less room for other data). */
    static final int MAX_COMMENT = 128;

    /** Checks the components. */
    public SetElement {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("set element key is empty");
        }
        key = key.strip();
        if (value != null) {
            value = value.strip();
            if (value.isEmpty()) {
                throw new IllegalArgumentException("element " + key + ": map value is empty");
            }
        }
        if (timeout != null && (timeout.isNegative() || timeout.isZero() || timeout.toMillis() == 0)) {
            throw new IllegalArgumentException("element " + key + ": timeout must be at least 1ms, got " + timeout);
        }
    }

    /**
     * {@return a set element with key {@code key}}
     *
     * @param key the key, as nft writes it
     */
    public static SetElement of(String key) {
        return new SetElement(key, null, null, null, null, -1, -1);
    }

    /**
     * {@return a map element: {@code key : value}}
     *
     * @param key the key, as nft writes it
     * @param value the value, as nft writes it
     */
    public static SetElement mapping(String key, String value) {
        return new SetElement(key, Objects.requireNonNull(value, "map value"), null, null, null, -1, -1);
    }

    /**
     * {@return the same element with its own timeout (the set needs the timeout flag)}
     *
     * @param t the timeout
     */
    public SetElement timeout(Duration t) {
        return new SetElement(key, value, t, expires, comment, packets, bytes);
    }

    /**
     * {@return the same element with a comment}
     *
     * @param text the comment
     */
    public SetElement comment(String text) {
        return new SetElement(key, value, timeout, expires, text, packets, bytes);
    }

    /** {@return whether the kernel reported a counter for this element ({@link #packets}, {@link #bytes})} */
    public boolean hasCounter() {
        return packets >= 0;
    }

    /** {@return the element as a spec: without the expiry and counter values the kernel reported} */
    public SetElement withoutState() {
        return new SetElement(key, value, timeout, null, comment, -1, -1);
    }

    SetElement withKey(String k, String v) {
        return new SetElement(k, v, timeout, expires, comment, packets, bytes);
    }

    /**
     * The element as nft prints it in a set's {@code elements = { ... }}: key, counter, timeout,
     * expiry, comment, then {@code : value} for a map.
     */
    @Override
    public String toString() {
        return SetText.element(new StringBuilder(), this, false, false).toString();
    }
}
