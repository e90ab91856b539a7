package io.jnetlink.rtnl.route;

import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.core.net.IpPrefix;
import java.net.InetAddress;
import java.util.List;

/**
 * One path of a multipath route (a {@code struct rtnexthop} inside RTA_MULTIPATH).
 *
 * @param gateway its RTA_GATEWAY, or null
 * @param ifindex the output link, or 0
 * @param weight  the weight ({@code rtnh_hops + 1}, as iproute2 shows it)
 * @param flags   the {@code RTNH_F_*} flags
 * @param unknown its other attributes, kept as received
 */
public record NextHop(InetAddress gateway, int ifindex, int weight, int flags, List<RawAttribute> unknown) {
    /** Copies the lists, so the record is immutable. */
    public NextHop {
        unknown = List.copyOf(unknown);
    }

    @Override
    public String toString() {
        return "nexthop" + (gateway != null ? " via " + IpPrefix.format(gateway) : "") + " oif " + ifindex
                + " weight " + weight + (flags != 0 ? " flags 0x" + Integer.toHexString(flags) : "");
    }
}
