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
 * An immutable value, safe to share between threads and to reuse as a template, made like every
 * request spec by a nested {@link Builder} whose {@link Builder#build()} checks it. The factories
 * ({@link #to}, {@link #defaultVia}) return a built route, and each setter on a route returns a
 * new route made the same way: its builder copied ({@link #toBuilder()}), changed and built again.
 *
 * <pre>{@code
 * Route.defaultVia("192.168.15.5");
 * Route.to("10.9.0.0/16").via("192.168.15.7").dev("veth-red").src("192.168.15.1").metric(50).table(1000);
 * Route.to("fd00:9::/64").type(RouteType.BLACKHOLE);
 * Route.to("10.70.0.0/16").nexthop("10.1.0.9", "a0", 2).nexthop("10.2.0.9", "b0", 1);
 * Route.builder().to("10.9.0.0/16").via("192.168.15.7").table(1000).build();   // the builder form
 * }</pre>
 *
 * <p>The address family comes from the addresses: destination, gateways and preferred source must
 * all be of one family, or the setter (or {@code build()}) that mixes them throws {@link IllegalArgumentException}
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

    /** A private copy of the builder this route was built from; never changed afterwards. */
    private final Builder f;

    private Route(Builder f) {
        this.f = f;
    }

    /**
     * A new builder: a default route (of the family of the addresses given), nothing else set.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A new builder holding this route's settings, to change and build again.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        return f.copy();
    }

    /**
     * {@return the default route through gateway {@code gateway} (IPv4 or IPv6)}
     *
     * @param gateway the gateway's address (literal)
     */
    public static Route defaultVia(String gateway) {
        return builder().via(gateway).build();
    }

    /**
     * {@return a route to {@code prefix}: CIDR text ({@code "10.9.0.0/16"}, {@code "fd00:9::/64"}), an address
     * alone (a host route), or {@code "default"}}
     *
     * @param prefix the destination prefix
     * @throws IllegalArgumentException if the prefix is malformed or has host bits set
     */
    public static Route to(String prefix) {
        return builder().to(prefix).build();
    }

    /**
     * {@return a route to {@code prefix}}
     *
     * @param prefix the destination prefix
     * @throws IllegalArgumentException if the prefix has host bits set (the kernel would refuse
     *                                  an IPv4 one and silently mask an IPv6 one)
     */
    public static Route to(IpPrefix prefix) {
        return builder().to(prefix).build();
    }

    /**
     * This route through gateway {@code gateway}.
     *
     * @param gateway the gateway's address (literal)
     * @return a copy with it
     */
    public Route via(String gateway) {
        return toBuilder().via(gateway).build();
    }

    /**
     * This route through gateway {@code gateway}.
     *
     * @param gateway the gateway's address
     * @return a copy with it
     */
    public Route via(InetAddress gateway) {
        return toBuilder().via(gateway).build();
    }

    /**
     * This route out of the link named {@code linkName} (looked up when the route is sent).
     *
     * @param linkName the output link's name
     * @return a copy with it
     */
    public Route dev(String linkName) {
        return toBuilder().dev(linkName).build();
    }

    /**
     * This route out of link {@code ifindex}.
     *
     * @param ifindex the output link's index
     * @return a copy with it
     */
    public Route dev(int ifindex) {
        return toBuilder().dev(ifindex).build();
    }

    /**
     * This route with preferred source address {@code address} (RTA_PREFSRC; {@code ip route ... src}).
     *
     * @param address the address literal
     * @return a copy with it
     */
    public Route src(String address) {
        return toBuilder().src(address).build();
    }

    /**
     * This route with metric (priority) {@code metric}; lower wins.
     *
     * @param metric the metric
     * @return a copy with it
     */
    public Route metric(int metric) {
        return toBuilder().metric(metric).build();
    }

    /**
     * This route with metric (priority) {@code metric}, 0..2^32-1.
     *
     * @param metric the metric
     * @return a copy with it
     */
    public Route metric(long metric) {
        return toBuilder().metric(metric).build();
    }

    /**
     * This route in routing table {@code table} (1..2^32-1, read as unsigned; 254 is main, 255 local).
     *
     * @param table the table number
     * @return a copy with it
     */
    public Route table(int table) {
        return toBuilder().table(table).build();
    }

    /**
     * This route with scope {@code scope}.
     *
     * @param scope the scope
     * @return a copy with it
     */
    public Route scope(Scope scope) {
        return toBuilder().scope(scope).build();
    }

    /**
     * This route installed by protocol {@code protocol} (default {@link RouteProtocol#BOOT}).
     *
     * @param protocol the protocol
     * @return a copy with it
     */
    public Route protocol(RouteProtocol protocol) {
        return toBuilder().protocol(protocol).build();
    }

    /**
     * This route of type {@code type} (default {@link RouteType#UNICAST}).
     *
     * @param type the route type
     * @return a copy with it
     */
    public Route type(RouteType type) {
        return toBuilder().type(type).build();
    }

    /** {@return this route taking the gateway as directly on the link even if no address says so (RTNH_F_ONLINK)} */
    public Route onlink() {
        return toBuilder().onlink().build();
    }

    /**
     * This route with one more path: through {@code gateway} (may be null) out of the link named
     * {@code linkName} (may be null), with {@code weight} 1..256. A multipath route has no gateway
     * or link of its own.
     *
     * @param gateway the gateway, or null
     * @param linkName the output link's name
     * @param weight the path weight (1..256)
     * @return a copy with it
     */
    public Route nexthop(String gateway, String linkName, int weight) {
        return toBuilder().nexthop(gateway, linkName, weight).build();
    }

    /**
     * This route with one more path, through {@code gateway} (may be null) out of link {@code ifindex} (0: none).
     *
     * @param gateway the gateway, or null
     * @param ifindex the output link's index
     * @param weight the path weight (1..256)
     * @return a copy with it
     */
    public Route nexthop(String gateway, int ifindex, int weight) {
        return toBuilder().nexthop(gateway, ifindex, weight).build();
    }

    /**
     * This route with one more path.
     *
     * @param hop the path
     * @return a copy with it
     */
    public Route nexthop(Hop hop) {
        return toBuilder().nexthop(hop).build();
    }

    /**
     * This route through nexthop object {@code id} ({@code ip route add PREFIX nhid ID}, see
     * {@link io.jnetlink.rtnl.nexthop.Nexthops}): the route then has no gateway, link or nexthops of
     * its own, and follows the object when it changes.
     *
     * @param id the nexthop object id
     * @return a copy with it
     */
    public Route nhid(long id) {
        return toBuilder().nhid(id).build();
    }

    // ---- reading -------------------------------------------------------------------------

    /**
     * {@link IpPrefix#AF_INET} or {@link IpPrefix#AF_INET6}.
     *
     * @return the address family
     */
    public int family() {
        for (InetAddress a : f.addresses()) {
            if (a != null) {
                return IpPrefix.familyOf(a);
            }
        }
        return IpPrefix.AF_INET;
    }

    /** {@return the destination; the default route as {@code 0.0.0.0/0} or {@code ::/0}} */
    public IpPrefix destination() {
        if (f.dst != null) {
            return f.dst;
        }
        return new IpPrefix(IpPrefix.byAddress(new byte[family() == IpPrefix.AF_INET ? 4 : 16]), 0);
    }

    /** {@return the gateway, or null} */
    public InetAddress gateway() {
        return f.gateway;
    }

    /** {@return the output link's name, or null (none, or given by index)} */
    public String linkName() {
        return f.linkName;
    }

    /** {@return the output link's index, or 0 (none, or given by name)} */
    public int ifindex() {
        return f.ifindex;
    }

    /** {@return the preferred source address, or null} */
    public InetAddress source() {
        return f.source;
    }

    /** {@return the metric, or -1 when not given} */
    public long metric() {
        return f.metric;
    }

    /** {@return the table, or 0 when not given (then main, 254, or local, 255, for local-like types)} */
    public int table() {
        return f.table;
    }

    /** {@return the scope given, or null (then derived as the class comment says)} */
    public Scope scope() {
        return f.scope;
    }

    /** {@return the protocol given, or null} */
    public RouteProtocol protocol() {
        return f.protocol;
    }

    /** {@return the type given, or null (unicast when adding, any when deleting)} */
    public RouteType type() {
        return f.type;
    }

    /** {@return whether RTNH_F_ONLINK is set} */
    public boolean isOnlink() {
        return f.onlink;
    }

    /** {@return the paths of a multipath route; empty for an ordinary route} */
    public List<Hop> nexthops() {
        return f.hops;
    }

    /** {@return the nexthop object the route goes through (RTA_NH_ID), or 0} */
    public long nexthopId() {
        return f.nhid;
    }

    /** Whether a link (by name or index) is given. */
    boolean hasDevice() {
        return f.linkName != null || f.ifindex != 0;
    }

    private static String familyName(int family) {
        return family == IpPrefix.AF_INET ? "IPv4" : "IPv6";
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (f.type != null && f.type != RouteType.UNICAST) {
            sb.append(f.type.label()).append(' ');
        }
        sb.append(f.dst == null ? "default" : f.dst.toString());
        if (f.gateway != null) {
            sb.append(" via ").append(IpPrefix.format(f.gateway));
        }
        if (hasDevice()) {
            sb.append(" dev ").append(f.linkName != null ? f.linkName : Integer.toString(f.ifindex));
        }
        if (f.source != null) {
            sb.append(" src ").append(IpPrefix.format(f.source));
        }
        if (f.nhid != 0) {
            sb.append(" nhid ").append(f.nhid);
        }
        if (f.metric >= 0) {
            sb.append(" metric ").append(f.metric);
        }
        if (f.table != 0) {
            sb.append(" table ").append(Integer.toUnsignedString(f.table));
        }
        if (f.scope != null) {
            sb.append(" scope ").append(f.scope);
        }
        if (f.protocol != null) {
            sb.append(" proto ").append(f.protocol);
        }
        if (f.onlink) {
            sb.append(" onlink");
        }
        for (Hop h : f.hops) {
            sb.append(' ').append(h);
        }
        return sb.toString();
    }

    /**
     * Builds a {@link Route}; values are checked when set, and {@link #build()} checks that the
     * addresses are of one family and that gateway, link, nexthops and nexthop object do not
     * contradict each other. Mutable and not thread-safe; the routes it builds are neither.
     */
    public static final class Builder implements Cloneable {
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

        private Builder() {}

        /**
         * To {@code prefix}: CIDR text ({@code "10.9.0.0/16"}, {@code "fd00:9::/64"}), an address
         * alone (a host route), or {@code "default"} (the default when not called).
         *
         * @param prefix the destination prefix
         * @throws IllegalArgumentException if the prefix is malformed or has host bits set
         * @return this builder
         */
        public Builder to(String prefix) {
            Objects.requireNonNull(prefix, "prefix");
            if (prefix.strip().toLowerCase(Locale.ROOT).equals("default")) {
                this.dst = null;
                return this;
            }
            return to(IpPrefix.parse(prefix));
        }

        /**
         * To {@code prefix}.
         *
         * @param prefix the destination prefix
         * @throws IllegalArgumentException if the prefix has host bits set (the kernel would refuse
         *                                  an IPv4 one and silently mask an IPv6 one)
         * @return this builder
         */
        public Builder to(IpPrefix prefix) {
            Objects.requireNonNull(prefix, "prefix");
            if (!prefix.isNetwork()) {
                throw new IllegalArgumentException("route destination " + prefix + " has host bits set; the network is "
                        + prefix.network());
            }
            this.dst = prefix;
            return this;
        }

        /**
         * Through gateway {@code gateway}.
         *
         * @param gateway the gateway's address (literal)
         * @return this builder
         */
        public Builder via(String gateway) {
            return via(address("gateway", gateway));
        }

        /**
         * Through gateway {@code gateway}.
         *
         * @param gateway the gateway's address
         * @return this builder
         */
        public Builder via(InetAddress gateway) {
            this.gateway = Objects.requireNonNull(gateway, "gateway");
            return this;
        }

        /**
         * Out of the link named {@code linkName} (looked up when the route is sent).
         *
         * @param linkName the output link's name
         * @return this builder
         */
        public Builder dev(String linkName) {
            Interfaces.validateName(linkName);
            this.linkName = linkName;
            this.ifindex = 0;
            return this;
        }

        /**
         * Out of link {@code ifindex}.
         *
         * @param ifindex the output link's index
         * @return this builder
         */
        public Builder dev(int ifindex) {
            Interfaces.requireIndex(ifindex);
            this.ifindex = ifindex;
            this.linkName = null;
            return this;
        }

        /**
         * With preferred source address {@code address} (RTA_PREFSRC; {@code ip route ... src}).
         *
         * @param address the address literal
         * @return this builder
         */
        public Builder src(String address) {
            this.source = address("source address", address);
            return this;
        }

        /**
         * With metric (priority) {@code metric}; lower wins.
         *
         * @param metric the metric
         * @return this builder
         */
        public Builder metric(int metric) {
            return metric((long) metric);
        }

        /**
         * With metric (priority) {@code metric}, 0..2^32-1.
         *
         * @param metric the metric
         * @return this builder
         */
        public Builder metric(long metric) {
            if (metric < 0 || metric > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("metric " + metric + " is out of range 0..4294967295");
            }
            this.metric = metric;
            return this;
        }

        /**
         * In routing table {@code table} (1..2^32-1, read as unsigned; 254 is main, 255 local).
         *
         * @param table the table number
         * @return this builder
         */
        public Builder table(int table) {
            if (table == 0) {
                throw new IllegalArgumentException("table 0 is not a routing table (RT_TABLE_UNSPEC)");
            }
            this.table = table;
            return this;
        }

        /**
         * With scope {@code scope}.
         *
         * @param scope the scope
         * @return this builder
         */
        public Builder scope(Scope scope) {
            this.scope = Objects.requireNonNull(scope, "scope");
            return this;
        }

        /**
         * Installed by protocol {@code protocol} (default {@link RouteProtocol#BOOT}).
         *
         * @param protocol the protocol
         * @return this builder
         */
        public Builder protocol(RouteProtocol protocol) {
            this.protocol = Objects.requireNonNull(protocol, "protocol");
            return this;
        }

        /**
         * Of type {@code type} (default {@link RouteType#UNICAST}).
         *
         * @param type the route type
         * @return this builder
         */
        public Builder type(RouteType type) {
            this.type = Objects.requireNonNull(type, "type");
            return this;
        }

        /**
         * Take the gateway as directly on the link even if no address says so (RTNH_F_ONLINK).
         *
         * @return this builder
         */
        public Builder onlink() {
            this.onlink = true;
            return this;
        }

        /**
         * Adds a path to a multipath route: through {@code gateway} (may be null) out of the link
         * named {@code linkName} (may be null), with {@code weight} 1..256. A multipath route has no
         * gateway or link of its own.
         *
         * @param gateway the gateway, or null
         * @param linkName the output link's name
         * @param weight the path weight (1..256)
         * @return this builder
         */
        public Builder nexthop(String gateway, String linkName, int weight) {
            return nexthop(new Hop(gateway == null ? null : address("nexthop gateway", gateway), linkName, 0, weight));
        }

        /**
         * Adds a path through {@code gateway} (may be null) out of link {@code ifindex} (0: none).
         *
         * @param gateway the gateway, or null
         * @param ifindex the output link's index
         * @param weight the path weight (1..256)
         * @return this builder
         */
        public Builder nexthop(String gateway, int ifindex, int weight) {
            return nexthop(new Hop(gateway == null ? null : address("nexthop gateway", gateway), null, ifindex, weight));
        }

        /**
         * Adds a path.
         *
         * @param hop the path
         * @return this builder
         */
        public Builder nexthop(Hop hop) {
            List<Hop> h = new ArrayList<>(hops);
            h.add(Objects.requireNonNull(hop, "hop"));
            this.hops = List.copyOf(h);
            return this;
        }

        /**
         * Through nexthop object {@code id} ({@code ip route add PREFIX nhid ID}, see
         * {@link io.jnetlink.rtnl.nexthop.Nexthops}): the route then has no gateway, link or nexthops
         * of its own, and follows the object when it changes.
         *
         * @param id the nexthop object id
         * @return this builder
         */
        public Builder nhid(long id) {
            if (id < 1 || id > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("nexthop id must be 1..4294967295, got " + id);
            }
            this.nhid = id;
            return this;
        }

        /**
         * {@return the route}
         *
         * @throws IllegalArgumentException if the addresses are not all of one family, or a
         *                                  multipath route or a route through a nexthop object has
         *                                  a gateway or link of its own
         */
        public Route build() {
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
            boolean hasDevice = linkName != null || ifindex != 0;
            Route r = new Route(copy());
            if (!hops.isEmpty() && (gateway != null || hasDevice)) {
                throw new IllegalArgumentException("route " + r + ": give either a gateway/link or nexthops, not both");
            }
            if (nhid != 0 && (gateway != null || hasDevice || !hops.isEmpty())) {
                throw new IllegalArgumentException("route " + r + ": a route through a nexthop object has no gateway, link"
                        + " or nexthops of its own");
            }
            return r;
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

        private static InetAddress address(String what, String text) {
            try {
                return IpPrefix.parseAddress(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid " + what + ": " + e.getMessage(), e);
            }
        }

        /** A copy to change independently; shallow is exact, every field holds an immutable value. */
        private Builder copy() {
            try {
                return (Builder) super.clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
