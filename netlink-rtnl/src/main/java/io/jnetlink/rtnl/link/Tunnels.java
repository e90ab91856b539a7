package io.jnetlink.rtnl.link;

import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.net.IpPrefix;
import java.net.Inet4Address;
import java.net.InetAddress;

/** Checks and attributes the IP tunnel kinds share (gre, gretap, ipip, sit, ip6tnl, geneve). */
final class Tunnels {
    private Tunnels() {}

    /** {@code address} as a tunnel endpoint of a kind whose endpoints are IPv{@code version}. */
    static InetAddress endpoint(String kind, String what, String address, int version) {
        InetAddress a = IpPrefix.parseAddress(address);
        if ((a instanceof Inet4Address) != (version == 4)) {
            throw new IllegalArgumentException(kind + " " + what + " must be an IPv" + version + " address, got "
                    + address);
        }
        return a;
    }

    /** A tunnel's TTL (hop limit): 1..255, or 0 to inherit the inner packet's. */
    static int checkTtl(String kind, int ttl) {
        if (ttl < 0 || ttl > 255) {
            throw new IllegalArgumentException(kind + " ttl must be 0 (inherit) .. 255, got " + ttl);
        }
        return ttl;
    }

    /** The kernel reports an endpoint that was not given as 0.0.0.0 (or ::): null, as in a spec. */
    static InetAddress given(InetAddress a) {
        return a.isAnyLocalAddress() ? null : a;
    }

    /**
     * The four ENCAP attributes (type, flags, source port, destination port; consecutive numbers
     * from {@code encapType} in both IFLA_GRE_* and IFLA_IPTUN_*) saying "no UDP encapsulation", as
     * ip link always sends them.
     */
    static void writeNoEncapsulation(MessageWriter w, int encapType, int flags) {
        w.attrU16(encapType, 0);
        w.attrU16(encapType + 1, flags);
        w.attrU16Be(encapType + 2, 0);
        w.attrU16Be(encapType + 3, 0);
    }
}
