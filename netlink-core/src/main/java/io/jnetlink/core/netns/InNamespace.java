package io.jnetlink.core.netns;

/**
 * Anything that stands for one network namespace: the core handle itself, or a higher-level
 * facade over it (the rtnetlink {@code Netns}). APIs that work "in" a namespace, such as the
 * nf_tables client, take this so they accept either.
 */
public interface InNamespace {
    /** {@return the namespace handle} */
    NetworkNamespace namespace();
}
