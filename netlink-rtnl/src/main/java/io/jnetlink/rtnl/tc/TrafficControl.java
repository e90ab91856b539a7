package io.jnetlink.rtnl.tc;

import io.jnetlink.core.socket.NetlinkSocket;
import java.util.Objects;

/**
 * Traffic control of one network namespace, what {@code tc} does: its {@link #qdiscs()}.
 * Obtained from {@code Netns.tc()}; every request goes through the namespace's NETLINK_ROUTE
 * socket.
 */
public final class TrafficControl {
    private final Qdiscs qdiscs;

    /** Traffic control of the namespace {@code rtnl} belongs to. */
    public TrafficControl(NetlinkSocket rtnl) {
        Objects.requireNonNull(rtnl, "rtnl");
        this.qdiscs = new Qdiscs(rtnl);
    }

    /** {@code tc qdisc}. */
    public Qdiscs qdiscs() {
        return qdiscs;
    }
}
