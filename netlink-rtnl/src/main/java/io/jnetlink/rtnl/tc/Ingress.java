package io.jnetlink.rtnl.tc;

import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;

/**
 * {@code ingress}: the hook for filters on received packets ({@code tc qdisc add dev X ingress}):
 * parent {@code ffff:fff1}, handle {@code ffff:}, no options.
 */
public record Ingress() implements QdiscKind {
    static final String KIND = "ingress";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void writeOptions(MessageWriter w) {
        // no options: tc sends none
    }

    @Override
    public Handle defaultParent() {
        return Handle.INGRESS;
    }

    @Override
    public Handle defaultHandle() {
        return Handle.major(0xFFFF);
    }

    static Ingress decode(AttributeCursor a) {
        return new Ingress(); // the kernel sends an empty TCA_OPTIONS
    }
}
