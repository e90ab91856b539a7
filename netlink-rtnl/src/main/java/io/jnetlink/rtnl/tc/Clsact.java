package io.jnetlink.rtnl.tc;

import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;

/**
 * {@code clsact}: hooks for filters on both received and sent packets ({@code tc qdisc add dev X
 * clsact}); filters attach with parent {@link Handle#INGRESS_HOOK} or {@link Handle#EGRESS_HOOK}.
 * Parent {@code ffff:fff1}, handle {@code ffff:}, no options.
 */
public record Clsact() implements QdiscKind {
    static final String KIND = "clsact";

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
        return Handle.CLSACT;
    }

    @Override
    public Handle defaultHandle() {
        return Handle.major(0xFFFF);
    }

    static Clsact decode(AttributeCursor a) {
        return new Clsact();
    }
}
