package io.jnetlink.rtnl.route;

import static io.jnetlink.core.codec.Netlink.NLM_F_ACK;
import static io.jnetlink.core.codec.Netlink.NLM_F_CREATE;
import static io.jnetlink.core.codec.Netlink.NLM_F_EXCL;
import static io.jnetlink.core.codec.Netlink.NLM_F_REPLACE;
import static io.jnetlink.core.codec.Netlink.NLM_F_REQUEST;
import static io.jnetlink.rtnl.route.Rt.*;

import io.jnetlink.core.Errno;
import io.jnetlink.core.NetlinkException;
import io.jnetlink.core.NoSuchDeviceException;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.socket.NetlinkSocket;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.rtnl.family.Scope;
import io.jnetlink.rtnl.family.RtnlFamily;
import io.jnetlink.rtnl.link.Links;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * The routes of one network namespace: {@code ip route add|replace|del|show|get}.
 *
 * <p>Each method is one netlink exchange on the given NETLINK_ROUTE socket (whose namespace is the
 * one acted on), plus one RTM_GETLINK when a route names its link. Failures raise
 * {@link NetlinkException} (or a subclass) naming the operation, such as
 * {@code "add route default via 192.168.15.5"}, with the kernel's extended-ACK text ("Nexthop has
 * invalid gateway").
 */
public final class Routes {
    /** Every table (for {@link #list(int, int)}). */
    public static final int TABLE_ALL = 0;
    /** RT_TABLE_DEFAULT. */
    public static final int TABLE_DEFAULT = 253;
    /** RT_TABLE_MAIN: where routes go unless told otherwise. */
    public static final int TABLE_MAIN = 254;
    /** RT_TABLE_LOCAL: the kernel's local and broadcast routes. */
    public static final int TABLE_LOCAL = 255;

    /**
     * The route family: RTM_NEWROUTE / RTM_DELROUTE / RTM_GETROUTE over {@code struct rtmsg},
     * announced on RTNLGRP_IPV4_ROUTE and RTNLGRP_IPV6_ROUTE, decoded into {@link RouteInfo}.
     */
    public static final RtnlFamily<RouteInfo> FAMILY = RtnlFamily.builder("route", RouteInfo.class)
            .types(RTM_NEWROUTE, RTM_DELROUTE, RTM_GETROUTE)
            .header("struct rtmsg", RTMSG_LEN)
            .attributeNames(NAMES)
            .groups(RTNLGRP_IPV4_ROUTE, RTNLGRP_IPV6_ROUTE)
            .decoder(RouteInfo::decode)
            .build();

    private final NetlinkSocket rtnl;

    /**
     * Routes of the namespace {@code rtnl} belongs to.
     *
     * @param rtnl a NETLINK_ROUTE socket of the namespace
     */
    public Routes(NetlinkSocket rtnl) {
        this.rtnl = Objects.requireNonNull(rtnl, "rtnl");
    }

    /**
     * Adds a route (RTM_NEWROUTE with NLM_F_CREATE|NLM_F_EXCL), as {@code ip route add}.
     *
     * @param r the route
     * @throws io.jnetlink.core.AlreadyExistsException if the table has that route already
     * @throws NoSuchDeviceException                   if the named link does not exist
     */
    public void add(Route r) {
        send("add route " + r, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, r);
    }

    /**
     * Adds a route or replaces the one with the same key (NLM_F_CREATE|NLM_F_REPLACE), as {@code ip route replace}.
     *
     * @param r the route
     */
    public void replace(Route r) {
        send("replace route " + r, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_REPLACE, r);
    }

    /**
     * Deletes a route (RTM_DELROUTE), as {@code ip route del}: what {@code r} leaves out (protocol,
     * scope, type, gateway, link, metric) matches any.
     *
     * @param r the route
     * @throws NetlinkException with {@link Errno#ESRCH} if no such route exists
     */
    public void delete(Route r) {
        send("delete route " + r, RTM_DELROUTE, 0, r);
    }

    /**
     * Deletes exactly the route listed as {@code r} (same table, destination, type, gateway, link, metric).
     *
     * @param r the route
     */
    public void delete(RouteInfo r) {
        rtnl.request("delete route " + r, w -> encodeDelete(w, r));
    }

    /** {@return the IPv4 and IPv6 routes of the main table (RTM_GETROUTE dump)} */
    public List<RouteInfo> list() {
        return list(0, TABLE_MAIN);
    }

    /**
     * {@return the IPv4 and IPv6 routes of table {@code table} ({@link #TABLE_ALL} for every table)}
     *
     * @param table the table number
     */
    public List<RouteInfo> list(int table) {
        return list(0, table);
    }

    /**
     * Many routes at once, pipelined, with an error per route instead of a stop at the first: for
     * full tables (see {@link BulkRoutes}).
     *
     * @return the bulk operations
     */
    public BulkRoutes bulk() {
        return new BulkRoutes(rtnl, this);
    }

    /** {@return every IPv4 and IPv6 route of every table, local table included} */
    public List<RouteInfo> listAll() {
        return list(0, TABLE_ALL);
    }

    /**
     * {@return the routes of one family ({@link IpPrefix#AF_INET}, {@link IpPrefix#AF_INET6}, or 0 for
     * both) in table {@code table} ({@link #TABLE_ALL} for every table)} A table that does not
     * exist has no routes.
     *
     * @param family the address family, or 0 for both
     * @param table the table number
     */
    public List<RouteInfo> list(int family, int table) {
        if (family != 0 && family != IpPrefix.AF_INET && family != IpPrefix.AF_INET6) {
            throw new IllegalArgumentException("family must be 0, AF_INET (2) or AF_INET6 (10), got " + family);
        }
        String op = "list " + (family == IpPrefix.AF_INET ? "IPv4 " : family == IpPrefix.AF_INET6 ? "IPv6 " : "")
                + "routes of " + (table == TABLE_ALL ? "every table" : "table " + Integer.toUnsignedString(table));
        try {
            // The filter is the kernel's to honour; make sure (and drop cached clones).
            // the filter is in the decoder, which the dump calls once per message
            return FAMILY.dumpDecoded(rtnl, op, w -> dumpFilter(w, family, table), m -> {
                RouteInfo r = RouteInfo.decode(m);
                return r != null && (table == TABLE_ALL || r.table() == table) && (family == 0 || r.family() == family)
                        && (r.flags() & RTM_F_CLONED) == 0 ? r : null;
            });
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENOENT && table != TABLE_ALL) {
                return List.of(); // "FIB table does not exist"
            }
            throw e;
        }
    }

    /**
     * {@return the route the kernel would use for a packet to {@code destination} (RTM_GETROUTE lookup), as
     * {@code ip route get}} The answer is a resolved route: its destination is the address itself
     * (/32 or /128) and its table the one that matched.
     *
     * @param destination the destination address
     * @throws NetlinkException with {@link Errno#ENETUNREACH} (or EHOSTUNREACH, EINVAL) when no
     *                          route matches
     */
    public RouteInfo get(InetAddress destination) {
        Objects.requireNonNull(destination, "destination");
        int family = IpPrefix.familyOf(destination);
        String op = "look up route to " + IpPrefix.format(destination);
        RouteInfo r = rtnl.query(op, w -> {
            w.begin(RTM_GETROUTE, NLM_F_REQUEST | NLM_F_ACK);
            rtmsg(w, family, family == IpPrefix.AF_INET ? 32 : 128, 0, 0, 0, 0, 0);
            w.attrAddress(RTA_DST, destination);
            w.end();
        }, RouteInfo::decode);
        if (r == null) {
            throw new NetlinkException(op, Errno.ENETUNREACH, "the kernel answered with no route");
        }
        return r;
    }

    /**
     * {@link #get(InetAddress)} for an address literal.
     *
     * @param destination the destination address literal
     * @return the route
     */
    public RouteInfo get(String destination) {
        return get(IpPrefix.parseAddress(destination));
    }

    private void send(String op, int type, int flags, Route r) {
        Objects.requireNonNull(r, "route");
        int oif = r.ifindex();
        if (r.linkName() != null) {
            oif = indexOf(op, r.linkName());
        }
        List<Route.Hop> hops = r.nexthops();
        int[] hopIndexes = new int[hops.size()];
        for (int i = 0; i < hopIndexes.length; i++) {
            Route.Hop h = hops.get(i);
            hopIndexes[i] = h.linkName() != null ? indexOf(op, h.linkName()) : h.ifindex();
        }
        int index = oif;
        rtnl.request(op, w -> encode(w, type, flags, r, index, hopIndexes));
    }

    /** The index of link {@code linkName}, or 0 if it does not exist (for {@link BulkRoutes}). */
    int linkIndexOrZero(String linkName) {
        try {
            return Links.indexOf(rtnl, linkName);
        } catch (NoSuchDeviceException e) {
            return 0;
        }
    }

    private int indexOf(String op, String linkName) {
        try {
            return Links.indexOf(rtnl, linkName);
        } catch (NoSuchDeviceException e) {
            throw NoSuchDeviceException.named(op, linkName);
        }
    }

    /** Writes the RTM_GETROUTE dump request; family 0 and table 0 mean all. */
    static void encodeDump(MessageWriter w, int family, int table) {
        FAMILY.writeDump(w, d -> dumpFilter(d, family, table));
    }

    private static void dumpFilter(MessageWriter w, int family, int table) {
        // Strict checking: lengths, tos and scope zero; family, table, protocol and type filter.
        rtmsg(w, family, 0, table, 0, 0, 0, 0);
        if (Integer.compareUnsigned(table, 256) >= 0) {
            w.attrU32(RTA_TABLE, table);
        }
    }

    /**
     * Writes an RTM_NEWROUTE or RTM_DELROUTE for {@code r} out of link {@code oif} (0: none), the
     * nexthops out of the links they give by index.
     */
    static void encode(MessageWriter w, int type, int createFlags, Route r, int oif) {
        int[] hopIndexes = r.nexthops().stream().mapToInt(Route.Hop::ifindex).toArray();
        encode(w, type, createFlags, r, oif, hopIndexes);
    }

    /**
     * Writes an RTM_NEWROUTE or RTM_DELROUTE for {@code r} out of link {@code oif} (0: none), its
     * nexthops out of {@code hopIndexes}, with iproute2's defaults and attribute order.
     */
    static void encode(MessageWriter w, int type, int createFlags, Route r, int oif, int[] hopIndexes) {
        boolean delete = type == RTM_DELROUTE;
        int table = r.table() != 0 ? r.table() : defaultTable(r.type());
        int protocol = r.protocol() != null ? r.protocol().value() : delete ? 0 : RouteProtocol.BOOT.value();
        RouteType rtype = r.type() != null ? r.type() : delete ? RouteType.UNSPEC : RouteType.UNICAST;
        int scope = r.scope() != null ? r.scope().value() : defaultScope(rtype,
                r.gateway() != null || !r.nexthops().isEmpty() || r.nexthopId() != 0, delete).value();
        IpPrefix dst = r.destination();
        FAMILY.begin(w, type, createFlags);
        rtmsg(w, r.family(), dst.length(), table, protocol, scope, rtype.value(), r.isOnlink() ? RTNH_F_ONLINK : 0);
        if (dst.length() > 0) {
            w.attrAddress(RTA_DST, dst.address());
        }
        if (r.gateway() != null) {
            w.attrAddress(RTA_GATEWAY, r.gateway());
        }
        if (r.source() != null) {
            w.attrAddress(RTA_PREFSRC, r.source());
        }
        if (r.metric() >= 0) {
            w.attrU32(RTA_PRIORITY, (int) r.metric());
        }
        if (Integer.compareUnsigned(table, 256) >= 0) {
            w.attrU32(RTA_TABLE, table);
        }
        if (!r.nexthops().isEmpty()) {
            w.nest(RTA_MULTIPATH, mp -> {
                List<Route.Hop> hops = r.nexthops();
                for (int i = 0; i < hops.size(); i++) {
                    Route.Hop h = hops.get(i);
                    // struct rtnexthop: its length covers the attributes that follow it
                    int len = RTNH_LEN + (h.gateway() == null ? 0 : 4 + h.gateway().getAddress().length);
                    mp.u16(len).u8(0).u8(h.weight() - 1).s32(hopIndexes[i]);
                    if (h.gateway() != null) {
                        mp.attrAddress(RTA_GATEWAY, h.gateway());
                    }
                }
            });
        }
        if (r.nexthopId() != 0) {
            w.attrU32(RTA_NH_ID, (int) r.nexthopId());
        }
        if (oif > 0) {
            w.attrU32(RTA_OIF, oif);
        }
        w.end();
    }

    /** Writes an RTM_DELROUTE that matches exactly the listed route {@code r}. */
    static void encodeDelete(MessageWriter w, RouteInfo r) {
        FAMILY.begin(w, RTM_DELROUTE, 0);
        rtmsg(w, r.family(), r.destinationLength(), r.table(), r.protocol().value(), r.scope().value(),
                r.type().value(), 0);
        if (r.destinationLength() > 0 && r.destination() != null) {
            w.attrAddress(RTA_DST, r.destination());
        }
        // A route through a nexthop object matches by its id: the kernel refuses a gateway or link for it.
        boolean viaObject = r.nexthopId() != 0;
        if (r.gateway() != null && !viaObject) {
            w.attrAddress(RTA_GATEWAY, r.gateway());
        }
        if (r.prefsrc() != null) {
            w.attrAddress(RTA_PREFSRC, r.prefsrc());
        }
        if (r.priority() != 0) {
            w.attrU32(RTA_PRIORITY, (int) r.priority());
        }
        if (Integer.compareUnsigned(r.table(), 256) >= 0) {
            w.attrU32(RTA_TABLE, r.table());
        }
        if (viaObject) {
            w.attrU32(RTA_NH_ID, (int) r.nexthopId());
        } else if (r.oif() != 0) {
            w.attrU32(RTA_OIF, r.oif());
        }
        w.end();
    }

    /** iproute2's choice of table when none is given: local for local, broadcast, anycast and NAT routes, else main. */
    static int defaultTable(RouteType type) {
        if (type == null) {
            return TABLE_MAIN;
        }
        return switch (type) {
            case LOCAL, BROADCAST, ANYCAST, NAT -> TABLE_LOCAL;
            default -> TABLE_MAIN;
        };
    }

    /** iproute2's choice of scope when none is given. */
    static Scope defaultScope(RouteType type, boolean hasGateway, boolean delete) {
        return switch (type) {
            case LOCAL, NAT -> Scope.HOST;
            case BROADCAST, MULTICAST, ANYCAST -> Scope.LINK;
            case UNICAST, UNSPEC -> delete ? Scope.NOWHERE : hasGateway ? Scope.UNIVERSE : Scope.LINK;
            default -> Scope.UNIVERSE;
        };
    }

    private static void rtmsg(MessageWriter w, int family, int dstLen, int table, int protocol, int scope, int type,
                              int flags) {
        // src_len and tos are always 0 here; a table past 255 travels in RTA_TABLE with 0 in the header.
        w.u8(family).u8(dstLen).u8(0).u8(0).u8(Integer.compareUnsigned(table, 256) < 0 ? table : 0)
                .u8(protocol).u8(scope).u8(type).u32(flags);
    }
}
