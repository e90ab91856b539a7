package io.jnetlink.rtnl.tc;

/**
 * {@code ingress}: the hook for filters on received packets ({@code tc qdisc add dev X ingress});
 * filters attach with parent {@code ffff:} or {@link Handle#INGRESS_HOOK}.
 */
public record Ingress() implements HookQdisc {
    static final String KIND = "ingress";

    @Override
    public String kind() {
        return KIND;
    }
}
