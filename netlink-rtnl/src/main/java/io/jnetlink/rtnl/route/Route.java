package io.jnetlink.rtnl.route;

import io.jnetlink.rtnl.IpPrefix;
import io.jnetlink.rtnl.LinkNames;
import io.jnetlink.rtnl.Scope;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Objects;

/**
 * A route to add, replace or delete: the request side of {@code ip route add|replace|del}.
 * Immutable; each method returns a changed copy, so a route can be reused as a template.
 *
 * <pre>{@code
 * Route.defaultVia("192.168.15.5");
 * Route.to("10.9.0.0/16").via("192.168.15.7").dev("veth-red").src("192.168.15.1").metric(50).table(1000);
 * Route.to("fd00:9::/64").type(RouteType.BLACKHOLE);
 * }</pre>
 *
 * <p>The address family comes from the addresses: destination, gateway and preferred source must
 * all be of one family, or the method that mixes them throws {@link IllegalArgumentException}
 * before anything is sent. {@code "default"} takes the family of the gateway or source; alone it
 * means IPv4 (as in iproute2); {@code "::/0"} is the IPv6 default.
 *
 * <p>Defaults follow iproute2: table main (local for local, broadcast, anycast and NAT routes), protocol boot, type unicast, scope link for a unicast
 * route without gateway, host for local and NAT routes, link for broadcast, multicast and anycast,
 * global otherwise. When deleting, what was not given is a wildcard (as {@code ip route del}).
 */
public final class Route {
    private final IpPrefix dst;          // null: default route of the family of the other addresses
    private final InetAddress gateway;
    private final String linkName;
    private final int ifindex;
    private final InetAddress source;
    private final long metric;           // -1: not given
    private final int table;             // 0: not given (main)
    private final Scope scope;
    private final RouteProtocol protocol;
    private final RouteType type;
    private final boolean onlink;

    private Route(IpPrefix dst, InetAddress gateway, String linkName, int ifindex, InetAddress source, long metric,
                  int table, Scope scope, RouteProtocol protocol, RouteType type, boolean onlink) {
        this.dst = dst;
        this.gateway = gateway;
        this.linkName = linkName;
        this.ifindex = ifindex;
        this.source = source;
        this.metric = metric;
        this.table = table;
        this.scope = scope;
        this.protocol = protocol;
        this.type = type;
        this.onlink = onlink;
        checkFamilies();
    }

    /** The default route through gateway {@code gateway} (IPv4 or IPv6). */
    public static Route defaultVia(String gateway) {
        return new Route(null, null, null, 0, null, -1, 0, null, null, null, false).via(gateway);
    }

    /**
     * A route to {@code prefix}: CIDR text ({@code "10.9.0.0/16"}, {@code "fd00:9::/64"}), an address
     * alone (a host route), or {@code "default"}.
     *
     * @throws IllegalArgumentException if the prefix is malformed or has host bits set
     */
    public static Route to(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.strip().toLowerCase(Locale.ROOT).equals("default")) {
            return new Route(null, null, null, 0, null, -1, 0, null, null, null, false);
        }
        return to(IpPrefix.parse(prefix));
    }

    /**
     * A route to {@code prefix}.
     *
     * @throws IllegalArgumentException if the prefix has host bits set (the kernel would refuse
     *                                  an IPv4 one and silently mask an IPv6 one)
     */
    public static Route to(IpPrefix prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (!prefix.isNetwork()) {
            throw new IllegalArgumentException("route destination " + prefix + " has host bits set; the network is "
                    + prefix.network());
        }
        return new Route(prefix, null, null, 0, null, -1, 0, null, null, null, false);
    }

    /** Through gateway {@code gateway}. */
    public Route via(String gateway) {
        InetAddress g;
        try {
            g = IpPrefix.parseAddress(gateway);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid gateway: " + e.getMessage(), e);
        }
        return via(g);
    }

    /** Through gateway {@code gateway}. */
    public Route via(InetAddress gateway) {
        return new Route(dst, Objects.requireNonNull(gateway, "gateway"), linkName, ifindex, source, metric, table,
                scope, protocol, type, onlink);
    }

    /** Out of the link named {@code linkName} (looked up when the route is sent). */
    public Route dev(String linkName) {
        LinkNames.validateName(linkName);
        return new Route(dst, gateway, linkName, 0, source, metric, table, scope, protocol, type, onlink);
    }

    /** Out of link {@code ifindex}. */
    public Route dev(int ifindex) {
        if (ifindex <= 0) {
            throw new IllegalArgumentException("link index must be positive, got " + ifindex);
        }
        return new Route(dst, gateway, null, ifindex, source, metric, table, scope, protocol, type, onlink);
    }

    /** With preferred source address {@code address} (RTA_PREFSRC; {@code ip route ... src}). */
    public Route src(String address) {
        InetAddress s;
        try {
            s = IpPrefix.parseAddress(address);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid source address: " + e.getMessage(), e);
        }
        return new Route(dst, gateway, linkName, ifindex, s, metric, table, scope, protocol, type, onlink);
    }

    /** With metric (priority) {@code metric}; lower wins. */
    public Route metric(int metric) {
        return metric((long) metric);
    }

    /** With metric (priority) {@code metric}, 0..2^32-1. */
    public Route metric(long metric) {
        if (metric < 0 || metric > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("metric " + metric + " is out of range 0..4294967295");
        }
        return new Route(dst, gateway, linkName, ifindex, source, metric, table, scope, protocol, type, onlink);
    }

    /** In routing table {@code table} (1..2^32-1, read as unsigned; 254 is main, 255 local). */
    public Route table(int table) {
        if (table == 0) {
            throw new IllegalArgumentException("table 0 is not a routing table (RT_TABLE_UNSPEC)");
        }
        return new Route(dst, gateway, linkName, ifindex, source, metric, table, scope, protocol, type, onlink);
    }

    /** With scope {@code scope}. */
    public Route scope(Scope scope) {
        return new Route(dst, gateway, linkName, ifindex, source, metric, table, Objects.requireNonNull(scope, "scope"),
                protocol, type, onlink);
    }

    /** Installed by protocol {@code protocol} (default {@link RouteProtocol#BOOT}). */
    public Route protocol(RouteProtocol protocol) {
        return new Route(dst, gateway, linkName, ifindex, source, metric, table, scope,
                Objects.requireNonNull(protocol, "protocol"), type, onlink);
    }

    /** Of type {@code type} (default {@link RouteType#UNICAST}). */
    public Route type(RouteType type) {
        return new Route(dst, gateway, linkName, ifindex, source, metric, table, scope, protocol,
                Objects.requireNonNull(type, "type"), onlink);
    }

    /** Take the gateway as directly on the link even if no address says so (RTNH_F_ONLINK). */
    public Route onlink() {
        return new Route(dst, gateway, linkName, ifindex, source, metric, table, scope, protocol, type, true);
    }

    // ---- reading -------------------------------------------------------------------------

    /** {@link IpPrefix#AF_INET} or {@link IpPrefix#AF_INET6}. */
    public int family() {
        if (dst != null) {
            return dst.family();
        }
        if (gateway != null) {
            return IpPrefix.familyOf(gateway);
        }
        if (source != null) {
            return IpPrefix.familyOf(source);
        }
        return IpPrefix.AF_INET;
    }

    /** The destination; the default route as {@code 0.0.0.0/0} or {@code ::/0}. */
    public IpPrefix destination() {
        if (dst != null) {
            return dst;
        }
        return new IpPrefix(IpPrefix.byAddress(new byte[family() == IpPrefix.AF_INET ? 4 : 16]), 0);
    }

    /** The gateway, or null. */
    public InetAddress gateway() {
        return gateway;
    }

    /** The output link's name, or null (none, or given by index). */
    public String linkName() {
        return linkName;
    }

    /** The output link's index, or 0 (none, or given by name). */
    public int ifindex() {
        return ifindex;
    }

    /** The preferred source address, or null. */
    public InetAddress source() {
        return source;
    }

    /** The metric, or -1 when not given. */
    public long metric() {
        return metric;
    }

    /** The table, or 0 when not given (then main, 254, or local, 255, for local-like types). */
    public int table() {
        return table;
    }

    /** The scope given, or null (then derived as the class comment says). */
    public Scope scope() {
        return scope;
    }

    /** The protocol given, or null. */
    public RouteProtocol protocol() {
        return protocol;
    }

    /** The type given, or null (unicast when adding, any when deleting). */
    public RouteType type() {
        return type;
    }

    /** Whether RTNH_F_ONLINK is set. */
    public boolean isOnlink() {
        return onlink;
    }

    /** Whether a link (by name or index) is given. */
    boolean hasDevice() {
        return linkName != null || ifindex != 0;
    }

    /** Throws if the destination, gateway and source are not all of one family. */
    private void checkFamilies() {
        String first = null;
        int family = 0;
        String[] what = {"destination", "gateway", "source"};
        InetAddress[] addr = {dst == null ? null : dst.address(), gateway, source};
        for (int i = 0; i < 3; i++) {
            if (addr[i] == null) {
                continue;
            }
            String text = what[i] + " " + (i == 0 ? dst.toString() : IpPrefix.format(addr[i]));
            int f = IpPrefix.familyOf(addr[i]);
            if (family == 0) {
                family = f;
                first = text;
            } else if (f != family) {
                throw new IllegalArgumentException("route mixes address families: " + text + " is " + familyName(f)
                        + " but " + first + " is " + familyName(family));
            }
        }
    }

    private static String familyName(int family) {
        return family == IpPrefix.AF_INET ? "IPv4" : "IPv6";
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (type != null && type != RouteType.UNICAST) {
            sb.append(type.label()).append(' ');
        }
        sb.append(dst == null ? "default" : dst.toString());
        if (gateway != null) {
            sb.append(" via ").append(IpPrefix.format(gateway));
        }
        if (hasDevice()) {
            sb.append(" dev ").append(linkName != null ? linkName : Integer.toString(ifindex));
        }
        if (source != null) {
            sb.append(" src ").append(IpPrefix.format(source));
        }
        if (metric >= 0) {
            sb.append(" metric ").append(metric);
        }
        if (table != 0) {
            sb.append(" table ").append(Integer.toUnsignedString(table));
        }
        if (scope != null) {
            sb.append(" scope ").append(scope);
        }
        if (protocol != null) {
            sb.append(" proto ").append(protocol);
        }
        if (onlink) {
            sb.append(" onlink");
        }
        return sb.toString();
    }
}
