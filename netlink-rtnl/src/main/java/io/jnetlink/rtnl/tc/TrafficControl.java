package io.jnetlink.rtnl.tc;

import io.jnetlink.core.socket.NetlinkSocket;
import java.util.Objects;

/**
 * Traffic control of one network namespace, what {@code tc} does: its {@link #qdiscs()},
 * {@link #classes()} and {@link #filters()}.
 * Obtained from {@code Netns.tc()}; every request goes through the namespace's NETLINK_ROUTE
 * socket.
 */
public final class TrafficControl {
    private final Qdiscs qdiscs;
    private final TcClasses classes;
    private final Filters filters;

    /**
     * Traffic control of the namespace {@code rtnl} belongs to.
     *
     * @param rtnl a NETLINK_ROUTE socket of the namespace
     */
    public TrafficControl(NetlinkSocket rtnl) {
        Objects.requireNonNull(rtnl, "rtnl");
        this.qdiscs = new Qdiscs(rtnl);
        this.classes = new TcClasses(rtnl);
        this.filters = new Filters(rtnl);
    }

    /**
     * {@code tc qdisc}.
     *
     * @return the service
     */
    public Qdiscs qdiscs() {
        return qdiscs;
    }

    /**
     * {@code tc class}.
     *
     * @return the service
     */
    public TcClasses classes() {
        return classes;
    }

    /**
     * {@code tc filter}.
     *
     * @return the service
     */
    public Filters filters() {
        return filters;
    }
}
