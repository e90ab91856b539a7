package io.jnetlink.rtnl.tc;

/**
 * {@code clsact}: hooks for filters on both received and sent packets ({@code tc qdisc add dev X
 * clsact}); filters attach with parent {@link Handle#INGRESS_HOOK} or {@link Handle#EGRESS_HOOK}.
 */
public record Clsact() implements HookQdisc {
    static final String KIND = "clsact";

    @Override
    public String kind() {
        return KIND;
    }
}
