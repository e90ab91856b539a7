package io.jnetlink.rtnl.route;

import static io.jnetlink.rtnl.route.Rt.*;

import io.jnetlink.core.MalformedMessageException;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.rtnl.family.Attributes;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.rtnl.family.Scope;
import io.jnetlink.core.codec.Netlink;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * One route as the kernel reports it (an RTM_NEWROUTE message), from a dump or a lookup.
 *
 * @param family            {@link IpPrefix#AF_INET} or {@link IpPrefix#AF_INET6}
 * @param destinationLength the destination prefix length (0 for a default route)
 * @param sourceLength      the source prefix length (policy routing on source; usually 0)
 * @param tos               the type-of-service match
 * @param table             the table (RTA_TABLE, which holds ids beyond 255; unsigned)
 * @param protocol          who installed the route
 * @param scope             the scope
 * @param type              the type
 * @param flags             the {@code RTM_F_*}/{@code RTNH_F_*} flags of the header
 * @param destination       RTA_DST, or null (a default route has none)
 * @param source            RTA_SRC (source prefix), or null
 * @param gateway           RTA_GATEWAY, or null
 * @param oif               RTA_OIF, the output link index, or 0
 * @param iif               RTA_IIF, the input link index (in lookups with one), or 0
 * @param prefsrc           RTA_PREFSRC, the preferred source address, or null
 * @param priority          RTA_PRIORITY, the metric, 0 when absent
 * @param nexthops          the paths of a multipath route (RTA_MULTIPATH), empty otherwise; for a
 *                          route through a nexthop object, the kernel's expansion of that object
 * @param nexthopId         RTA_NH_ID, the nexthop object the route goes through, or 0
 * @param unknown           attributes not modelled here (RTA_METRICS, RTA_CACHEINFO,
 *                          RTA_PREF, RTA_UID, ...), kept as received
 */
public record RouteInfo(int family, int destinationLength, int sourceLength, int tos, int table,
                        RouteProtocol protocol, Scope scope, RouteType type, int flags, InetAddress destination,
                        InetAddress source, InetAddress gateway, int oif, int iif, InetAddress prefsrc, long priority,
                        List<NextHop> nexthops, long nexthopId, List<RawAttribute> unknown) {
    /** Copies the lists, so the record is immutable. */
    public RouteInfo {
        nexthops = List.copyOf(nexthops);
        unknown = List.copyOf(unknown);
    }

    /** The destination as a prefix: {@code 10.9.0.0/16}, or {@code 0.0.0.0/0} / {@code ::/0} for a default route. */
    public IpPrefix destinationPrefix() {
        InetAddress d = destination != null ? destination
                : IpPrefix.byAddress(new byte[family == IpPrefix.AF_INET ? 4 : 16]);
        return new IpPrefix(d, destinationLength);
    }

    /** Whether this is a default route (destination length 0). */
    public boolean isDefault() {
        return destinationLength == 0;
    }

    /** The metric: the same as {@link #priority()}. */
    public long metric() {
        return priority;
    }

    /** Whether this is an IPv4 route. */
    public boolean isIpv4() {
        return family == IpPrefix.AF_INET;
    }

    /** The table as an unsigned number. */
    public long tableId() {
        return Integer.toUnsignedLong(table);
    }

    /**
     * Decodes an RTM_NEWROUTE (or RTM_DELROUTE) message.
     *
     * @return the route, or null for another message type or a family other than IPv4 and IPv6
     *         (multicast and MPLS routes share the message type)
     * @throws MalformedMessageException if the message breaks the format
     */
    public static RouteInfo decode(Message m) {
        if (m.type() != RTM_NEWROUTE && m.type() != RTM_DELROUTE) {
            return null;
        }
        m.requirePayload(RTMSG_LEN, "struct rtmsg");
        int family = m.u8(0);
        if (family != IpPrefix.AF_INET && family != IpPrefix.AF_INET6) {
            return null;
        }
        int addrLen = family == IpPrefix.AF_INET ? 4 : 16;
        int dstLen = m.u8(1);
        int srcLen = m.u8(2);
        if (dstLen > addrLen * 8 || srcLen > addrLen * 8) {
            throw new MalformedMessageException("rtmsg", m.payloadOffset() + 1, "prefix length " + Math.max(dstLen, srcLen)
                    + " too long for family " + family);
        }
        int tos = m.u8(3);
        int table = m.u8(4);
        RouteProtocol protocol = RouteProtocol.of(m.u8(5));
        Scope scope = Scope.of(m.u8(6));
        RouteType type;
        try {
            type = RouteType.of(m.u8(7));
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("rtmsg.rtm_type", m.payloadOffset() + 7, e.getMessage());
        }
        int flags = m.u32(8);
        InetAddress dst = null;
        InetAddress src = null;
        InetAddress gw = null;
        InetAddress prefsrc = null;
        int oif = 0;
        int iif = 0;
        long priority = 0;
        List<RawAttribute> unknown = new ArrayList<>(2);
        long nhid = 0;
        List<NextHop> nexthops = List.of();
        AttributeCursor a = Routes.FAMILY.attributes(m);
        while (a.next()) {
            switch (a.type()) {
                case RTA_DST -> dst = Attributes.address(a, addrLen);
                case RTA_SRC -> src = Attributes.address(a, addrLen);
                case RTA_GATEWAY -> gw = Attributes.address(a, addrLen);
                case RTA_PREFSRC -> prefsrc = Attributes.address(a, addrLen);
                case RTA_OIF -> oif = a.u32();
                case RTA_IIF -> iif = a.u32();
                case RTA_PRIORITY -> priority = Integer.toUnsignedLong(a.u32());
                case RTA_TABLE -> table = a.u32();
                case RTA_MULTIPATH -> nexthops = nexthops(a, addrLen);
                case RTA_NH_ID -> nhid = Integer.toUnsignedLong(a.u32());
                default -> unknown.add(a.raw());
            }
        }
        return new RouteInfo(family, dstLen, srcLen, tos, table, protocol, scope, type, flags, dst, src, gw, oif, iif,
                prefsrc, priority, nexthops, nhid, unknown);
    }

    /** Reads the {@code struct rtnexthop} run of an RTA_MULTIPATH attribute, each with its own attributes. */
    private static List<NextHop> nexthops(AttributeCursor a, int addrLen) {
        List<NextHop> out = new ArrayList<>(2);
        MemorySegment seg = a.segment();
        long pos = a.payloadOffset();
        long end = pos + a.length();
        while (end - pos >= RTNH_LEN) {
            int len = seg.get(ValueLayout.JAVA_SHORT_UNALIGNED, pos) & 0xFFFF;
            if (len < RTNH_LEN || len > end - pos) {
                throw a.malformed("rtnexthop length " + len + " at offset " + pos + " does not fit ("
                        + (end - pos) + " bytes left)");
            }
            int flags = seg.get(ValueLayout.JAVA_BYTE, pos + 2) & 0xFF;
            int hops = seg.get(ValueLayout.JAVA_BYTE, pos + 3) & 0xFF;
            int ifindex = seg.get(ValueLayout.JAVA_INT_UNALIGNED, pos + 4);
            InetAddress gw = null;
            List<RawAttribute> unknown = new ArrayList<>(0);
            AttributeCursor c = new AttributeCursor(seg, pos + RTNH_LEN, pos + len, NAMES);
            while (c.next()) {
                if (c.type() == RTA_GATEWAY) {
                    gw = Attributes.address(c, addrLen);
                } else {
                    unknown.add(c.raw());
                }
            }
            out.add(new NextHop(gw, ifindex, hops + 1, flags, unknown));
            pos += Netlink.align(len);
        }
        if (pos < end) {
            throw a.malformed((end - pos) + " trailing bytes after the last rtnexthop");
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("RouteInfo[");
        if (type != RouteType.UNICAST) {
            sb.append(type.label()).append(' ');
        }
        sb.append(isDefault() ? "default" : destinationPrefix().toString());
        if (gateway != null) {
            sb.append(" via ").append(IpPrefix.format(gateway));
        }
        if (oif != 0) {
            sb.append(" oif ").append(oif);
        }
        if (prefsrc != null) {
            sb.append(" src ").append(IpPrefix.format(prefsrc));
        }
        sb.append(" table ").append(tableId()).append(" proto ").append(protocol).append(" scope ").append(scope);
        if (priority != 0) {
            sb.append(" metric ").append(priority);
        }
        if (nexthopId != 0) {
            sb.append(" nhid ").append(nexthopId);
        }
        for (NextHop h : nexthops) {
            sb.append(' ').append(h);
        }
        if (flags != 0) {
            sb.append(" flags 0x").append(Integer.toHexString(flags));
        }
        return sb.append(']').toString();
    }
}
