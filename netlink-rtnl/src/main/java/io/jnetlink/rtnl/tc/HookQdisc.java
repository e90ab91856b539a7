package io.jnetlink.rtnl.tc;

import io.jnetlink.core.codec.MessageWriter;

/**
 * What {@link Ingress} and {@link Clsact} share: no options, parent {@code ffff:fff1} and handle
 * {@code ffff:}, as {@code tc qdisc add dev X ingress|clsact} writes them.
 */
sealed interface HookQdisc extends QdiscKind permits Ingress, Clsact {
    @Override
    default void writeOptions(MessageWriter w) {
        // no options: tc sends none (the kernel answers with an empty TCA_OPTIONS)
    }

    @Override
    default Handle defaultParent() {
        return Handle.INGRESS;
    }

    @Override
    default Handle defaultHandle() {
        return Handle.major(0xFFFF);
    }
}
