package io.jnetlink.rtnl.route;

import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.core.net.Interfaces;
import io.jnetlink.rtnl.family.Scope;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
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
 * Route.to("10.70.0.0/16").nexthop("10.1.0.9", "a0", 2).nexthop("10.2.0.9", "b0", 1);
 * }</pre>
 *
 * <p>The address family comes from the addresses: destination, gateways and preferred source must
 * all be of one family, or the method that mixes them throws {@link IllegalArgumentException}
 * before anything is sent. {@code "default"} takes the family of the gateway or source; alone it
 * means IPv4 (as in iproute2); {@code "::/0"} is the IPv6 default.
 *
 * <p>Defaults follow iproute2: table main (local for local, broadcast, anycast and NAT routes),
 * protocol boot, type unicast, scope link for a unicast route without gateway, host for local and
 * NAT routes, link for broadcast, multicast and anycast, global otherwise. When deleting, what was
 * not given is a wildcard (as {@code ip route del}).
 */
public final class Route {
    /**
     * One path of a multipath route ({@code ip route add ... nexthop via GW dev DEV weight W}).
     *
     * @param gateway  the gateway, or null
     * @param linkName the output link by name, or null
     * @param ifindex  the output link by index, or 0
     * @param weight   the weight, 1..256
     */
    public record Hop(InetAddress gateway, String linkName, int ifindex, int weight) {
        /** Checks the weight and that a gateway or a link is given. */
        public Hop {
            if (weight < 1 || weight > 256) {
                throw new IllegalArgumentException("nexthop weight " + weight + " is out of range 1..256");
            }
            if (gateway == null && linkName == null && ifindex == 0) {
                throw new IllegalArgumentException("a nexthop needs a gateway or a link");
            }
            if (linkName != null) {
                Interfaces.validateName(linkName);
            }
            if (ifindex < 0) {
                throw new IllegalArgumentException("link index must be positive, got " + ifindex);
            }
        }

        @Override
        public String toString() {
            return "nexthop" + (gateway != null ? " via " + IpPrefix.format(gateway) : "")
                    + (linkName != null ? " dev " + linkName : ifindex != 0 ? " dev " + ifindex : "")
                    + " weight " + weight;
        }
    }

    private IpPrefix dst;            // null: default route of the family of the other addresses
    private InetAddress gateway;
    private String linkName;
    private int ifindex;
    private InetAddress source;
    private long metric = -1;        // -1: not given
    private int table;               // 0: not given
    private Scope scope;
    private RouteProtocol protocol;
    private RouteType type;
    private boolean onlink;
    private List<Hop> hops = List.of();
    private long nhid;               // 0: not through a nexthop object

    private Route() {}

    private Route copy() {
        Route r = new Route();
        r.dst = dst;
        r.gateway = gateway;
        r.linkName = linkName;
        r.ifindex = ifindex;
        r.source = source;
        r.metric = metric;
        r.table = table;
        r.scope = scope;
        r.protocol = protocol;
        r.type = type;
        r.onlink = onlink;
        r.hops = hops;
        r.nhid = nhid;
        return r;
    }

    /** The default route through gateway {@code gateway} (IPv4 or IPv6). */
    public static Route defaultVia(String gateway) {
        return new Route().via(gateway);
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
            return new Route();
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
        Route r = new Route();
        r.dst = prefix;
        return r;
    }

    /** Through gateway {@code gateway}. */
    public Route via(String gateway) {
        return via(address("gateway", gateway));
    }

    /** Through gateway {@code gateway}. */
    public Route via(InetAddress gateway) {
        Route r = copy();
        r.gateway = Objects.requireNonNull(gateway, "gateway");
        return r.checked();
    }

    /** Out of the link named {@code linkName} (looked up when the route is sent). */
    public Route dev(String linkName) {
        Interfaces.validateName(linkName);
        Route r = copy();
        r.linkName = linkName;
        r.ifindex = 0;
        return r.checked();
    }

    /** Out of link {@code ifindex}. */
    public Route dev(int ifindex) {
        Interfaces.requireIndex(ifindex);
        Route r = copy();
        r.ifindex = ifindex;
        r.linkName = null;
        return r.checked();
    }

    /** With preferred source address {@code address} (RTA_PREFSRC; {@code ip route ... src}). */
    public Route src(String address) {
        Route r = copy();
        r.source = address("source address", address);
        return r.checked();
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
        Route r = copy();
        r.metric = metric;
        return r;
    }

    /** In routing table {@code table} (1..2^32-1, read as unsigned; 254 is main, 255 local). */
    public Route table(int table) {
        if (table == 0) {
            throw new IllegalArgumentException("table 0 is not a routing table (RT_TABLE_UNSPEC)");
        }
        Route r = copy();
        r.table = table;
        return r;
    }

    /** With scope {@code scope}. */
    public Route scope(Scope scope) {
        Route r = copy();
        r.scope = Objects.requireNonNull(scope, "scope");
        return r;
    }

    /** Installed by protocol {@code protocol} (default {@link RouteProtocol#BOOT}). */
    public Route protocol(RouteProtocol protocol) {
        Route r = copy();
        r.protocol = Objects.requireNonNull(protocol, "protocol");
        return r;
    }

    /** Of type {@code type} (default {@link RouteType#UNICAST}). */
    public Route type(RouteType type) {
        Route r = copy();
        r.type = Objects.requireNonNull(type, "type");
        return r;
    }

    /** Take the gateway as directly on the link even if no address says so (RTNH_F_ONLINK). */
    public Route onlink() {
        Route r = copy();
        r.onlink = true;
        return r;
    }

    /**
     * Adds a path to a multipath route: through {@code gateway} (may be null) out of the link
     * named {@code linkName} (may be null), with {@code weight} 1..256. A multipath route has no
     * gateway or link of its own.
     */
    public Route nexthop(String gateway, String linkName, int weight) {
        return nexthop(new Hop(gateway == null ? null : address("nexthop gateway", gateway), linkName, 0, weight));
    }

    /** Adds a path through {@code gateway} (may be null) out of link {@code ifindex} (0: none). */
    public Route nexthop(String gateway, int ifindex, int weight) {
        return nexthop(new Hop(gateway == null ? null : address("nexthop gateway", gateway), null, ifindex, weight));
    }

    /** Adds a path. */
    public Route nexthop(Hop hop) {
        Route r = copy();
        List<Hop> h = new ArrayList<>(hops);
        h.add(Objects.requireNonNull(hop, "hop"));
        r.hops = List.copyOf(h);
        return r.checked();
    }

    /**
     * Through nexthop object {@code id} ({@code ip route add PREFIX nhid ID}, see
     * {@link io.jnetlink.rtnl.nexthop.Nexthops}): the route then has no gateway, link or nexthops of
     * its own, and follows the object when it changes.
     */
    public Route nhid(long id) {
        if (id < 1 || id > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("nexthop id must be 1..4294967295, got " + id);
        }
        Route r = copy();
        r.nhid = id;
        return r.checked();
    }

    // ---- reading -------------------------------------------------------------------------

    /** {@link IpPrefix#AF_INET} or {@link IpPrefix#AF_INET6}. */
    public int family() {
        for (InetAddress a : addresses()) {
            if (a != null) {
                return IpPrefix.familyOf(a);
            }
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

    /** The paths of a multipath route; empty for an ordinary route. */
    public List<Hop> nexthops() {
        return hops;
    }

    /** The nexthop object the route goes through (RTA_NH_ID), or 0. */
    public long nexthopId() {
        return nhid;
    }

    /** Whether a link (by name or index) is given. */
    boolean hasDevice() {
        return linkName != null || ifindex != 0;
    }

    private static InetAddress address(String what, String text) {
        try {
            return IpPrefix.parseAddress(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid " + what + ": " + e.getMessage(), e);
        }
    }

    /** Destination, gateway, source, then the nexthops' gateways. */
    private List<InetAddress> addresses() {
        List<InetAddress> a = new ArrayList<>();
        a.add(dst == null ? null : dst.address());
        a.add(gateway);
        a.add(source);
        for (Hop h : hops) {
            a.add(h.gateway());
        }
        return a;
    }

    /** Throws if the addresses are not all of one family, or a multipath route has its own gateway or link. */
    private Route checked() {
        String first = null;
        int family = 0;
        List<InetAddress> addr = addresses();
        for (int i = 0; i < addr.size(); i++) {
            InetAddress a = addr.get(i);
            if (a == null) {
                continue;
            }
            String text = switch (i) {
                case 0 -> "destination " + dst;
                case 1 -> "gateway " + IpPrefix.format(a);
                case 2 -> "source " + IpPrefix.format(a);
                default -> "nexthop gateway " + IpPrefix.format(a);
            };
            int f = IpPrefix.familyOf(a);
            if (family == 0) {
                family = f;
                first = text;
            } else if (f != family) {
                throw new IllegalArgumentException("route mixes address families: " + text + " is " + familyName(f)
                        + " but " + first + " is " + familyName(family));
            }
        }
        if (!hops.isEmpty() && (gateway != null || hasDevice())) {
            throw new IllegalArgumentException("route " + this + ": give either a gateway/link or nexthops, not both");
        }
        if (nhid != 0 && (gateway != null || hasDevice() || !hops.isEmpty())) {
            throw new IllegalArgumentException("route " + this + ": a route through a nexthop object has no gateway, link"
                    + " or nexthops of its own");
        }
        return this;
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
        if (nhid != 0) {
            sb.append(" nhid ").append(nhid);
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
        for (Hop h : hops) {
            sb.append(' ').append(h);
        }
        return sb.toString();
    }
}
