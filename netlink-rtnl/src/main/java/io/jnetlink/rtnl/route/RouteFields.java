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
import java.util.Objects;

/**
 * The fields of a {@link RouteInfo}, read from its retained message the first time one is asked
 * for (the message was checked whole when it was decoded, so reading it cannot fail). Equality and
 * text are {@link RouteInfo}'s.
 */
final class RouteFields {
    /** The attributes decoded into fields; the others are {@link #unknown()}. */
    static final long MODELED = Attributes.mask(RTA_DST, RTA_SRC, RTA_GATEWAY, RTA_PREFSRC, RTA_OIF, RTA_IIF,
            RTA_PRIORITY, RTA_TABLE, RTA_MULTIPATH, RTA_NH_ID);

    private final int family;
    private final int destinationLength;
    private final int sourceLength;
    private final int tos;
    private final int table;
    private final RouteProtocol protocol;
    private final Scope scope;
    private final RouteType type;
    private final int flags;
    private final int oif;
    private final int iif;
    private final long priority;
    private final List<NextHop> nexthops;
    private final long nexthopId;
    /** The retained datagram the message is in. */
    private final MemorySegment data;
    // where the addresses' payloads are in data (-1: absent), and the attribute run
    private final int destinationAt;
    private final int sourceAt;
    private final int gatewayAt;
    private final int prefsrcAt;
    private final int attributesAt;
    private final int attributesEnd;
    private final boolean hasUnknown;
    // Made on first use; immutable values, so a race at worst makes one twice (no lock needed).
    private InetAddress destination;
    private InetAddress source;
    private InetAddress gateway;
    private InetAddress prefsrc;
    private List<RawAttribute> unknown;

    private RouteFields(int family, int destinationLength, int sourceLength, int tos, int table, RouteProtocol protocol,
                      Scope scope, RouteType type, int flags, int oif, int iif, long priority, List<NextHop> nexthops,
                      long nexthopId, MemorySegment data, int destinationAt, int sourceAt, int gatewayAt,
                      int prefsrcAt, int attributesAt, int attributesEnd, boolean hasUnknown) {
        this.family = family;
        this.destinationLength = destinationLength;
        this.sourceLength = sourceLength;
        this.tos = tos;
        this.table = table;
        this.protocol = protocol;
        this.scope = scope;
        this.type = type;
        this.flags = flags;
        this.oif = oif;
        this.iif = iif;
        this.priority = priority;
        this.nexthops = nexthops;
        this.nexthopId = nexthopId;
        this.data = data;
        this.destinationAt = destinationAt;
        this.sourceAt = sourceAt;
        this.gatewayAt = gatewayAt;
        this.prefsrcAt = prefsrcAt;
        this.attributesAt = attributesAt;
        this.attributesEnd = attributesEnd;
        this.hasUnknown = hasUnknown;
    }

    /**
     * {@link IpPrefix#AF_INET} or {@link IpPrefix#AF_INET6}.
     *
     * @return the address family
     */
    public int family() {
        return family;
    }

    /** {@return the destination prefix length (0 for a default route)} */
    public int destinationLength() {
        return destinationLength;
    }

    /** {@return the source prefix length (policy routing on source; usually 0)} */
    public int sourceLength() {
        return sourceLength;
    }

    /** {@return the type-of-service match} */
    public int tos() {
        return tos;
    }

    /** {@return the table (RTA_TABLE, which holds ids beyond 255; unsigned)} */
    public int table() {
        return table;
    }

    /** {@return who installed the route} */
    public RouteProtocol protocol() {
        return protocol;
    }

    /** {@return the scope} */
    public Scope scope() {
        return scope;
    }

    /** {@return the type} */
    public RouteType type() {
        return type;
    }

    /** {@return the {@code RTM_F_*}/{@code RTNH_F_*} flags of the header} */
    public int flags() {
        return flags;
    }

    /**
     * RTA_DST, or null (a default route has none).
     *
     * @return the address, or null
     */
    public InetAddress destination() {
        InetAddress a = destination;
        if (a == null && destinationAt >= 0) {
            destination = a = Attributes.address(data, destinationAt, addressLength());
        }
        return a;
    }

    /**
     * RTA_SRC (source prefix), or null.
     *
     * @return the address, or null
     */
    public InetAddress source() {
        InetAddress a = source;
        if (a == null && sourceAt >= 0) {
            source = a = Attributes.address(data, sourceAt, addressLength());
        }
        return a;
    }

    /**
     * RTA_GATEWAY, or null.
     *
     * @return the address, or null
     */
    public InetAddress gateway() {
        InetAddress a = gateway;
        if (a == null && gatewayAt >= 0) {
            gateway = a = Attributes.address(data, gatewayAt, addressLength());
        }
        return a;
    }

    /**
     * RTA_OIF, the output link index, or 0.
     *
     * @return the link's index, or 0
     */
    public int oif() {
        return oif;
    }

    /**
     * RTA_IIF, the input link index (in lookups with one), or 0.
     *
     * @return the link's index, or 0
     */
    public int iif() {
        return iif;
    }

    /**
     * RTA_PREFSRC, the preferred source address, or null.
     *
     * @return the address, or null
     */
    public InetAddress prefsrc() {
        InetAddress a = prefsrc;
        if (a == null && prefsrcAt >= 0) {
            prefsrc = a = Attributes.address(data, prefsrcAt, addressLength());
        }
        return a;
    }

    /**
     * RTA_PRIORITY, the metric, 0 when absent.
     *
     * @return the metric
     */
    public long priority() {
        return priority;
    }

    /**
     * {@return the paths of a multipath route (RTA_MULTIPATH), empty otherwise; for a route through a
     * nexthop object, the kernel's expansion of that object}
     */
    public List<NextHop> nexthops() {
        return nexthops;
    }

    /**
     * RTA_NH_ID, the nexthop object the route goes through, or 0.
     *
     * @return the id, or 0
     */
    public long nexthopId() {
        return nexthopId;
    }

    /**
     * Attributes not modelled here (RTA_METRICS, RTA_CACHEINFO, RTA_PREF, RTA_UID, ...), kept as received.
     *
     * @return the attributes, in the order received
     */
    public List<RawAttribute> unknown() {
        List<RawAttribute> u = unknown;
        if (u == null) {
            u = hasUnknown ? Attributes.unmodeled(data, attributesAt, attributesEnd, MODELED, NAMES) : List.of();
            unknown = u;
        }
        return u;
    }

    private int addressLength() {
        return family == IpPrefix.AF_INET ? 4 : 16;
    }

    /** {@return the destination as a prefix: {@code 10.9.0.0/16}, or {@code 0.0.0.0/0} / {@code ::/0} for a default route} */
    public IpPrefix destinationPrefix() {
        InetAddress d = destination() != null ? destination()
                : IpPrefix.byAddress(new byte[family == IpPrefix.AF_INET ? 4 : 16]);
        return new IpPrefix(d, destinationLength);
    }

    /** {@return whether this is a default route (destination length 0)} */
    public boolean isDefault() {
        return destinationLength == 0;
    }

    /** {@return the metric: the same as {@link #priority()}} */
    public long metric() {
        return priority;
    }

    /** {@return whether this is an IPv4 route} */
    public boolean isIpv4() {
        return family == IpPrefix.AF_INET;
    }

    /** {@return the table as an unsigned number} */
    public long tableId() {
        return Integer.toUnsignedLong(table);
    }

    /** Reads the route message at {@code at} of {@code data} (a retained datagram it was decoded from). */
    static RouteFields read(MemorySegment data, int at) {
        Message m = Message.at(data, at);
        int family = m.u8(0);
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
        int dst = -1;
        int src = -1;
        int gw = -1;
        int prefsrc = -1;
        int oif = 0;
        int iif = 0;
        long priority = 0;
        boolean unknown = false;
        long nhid = 0;
        List<NextHop> nexthops = List.of();
        long multipath = -1;
        AttributeCursor a = Routes.FAMILY.scan(m); // the view's own cursor: one pass, nothing allocated
        while (a.next()) {
            switch (a.type()) {
                case RTA_DST -> dst = Attributes.checkAddress(a, addrLen);
                case RTA_SRC -> src = Attributes.checkAddress(a, addrLen);
                case RTA_GATEWAY -> gw = Attributes.checkAddress(a, addrLen);
                case RTA_PREFSRC -> prefsrc = Attributes.checkAddress(a, addrLen);
                case RTA_OIF -> oif = a.u32();
                case RTA_IIF -> iif = a.u32();
                case RTA_PRIORITY -> priority = Integer.toUnsignedLong(a.u32());
                case RTA_TABLE -> table = a.u32();
                case RTA_MULTIPATH -> multipath = a.payloadOffset() - Netlink.NLA_HDRLEN; // the last one counts
                case RTA_NH_ID -> nhid = Integer.toUnsignedLong(a.u32());
                default -> unknown = true;
            }
        }
        if (multipath >= 0) {
            // as decoding checked it: the last RTA_MULTIPATH, like every other attribute sent twice
            AttributeCursor mp = new AttributeCursor(data, multipath, m.offset() + m.length(), NAMES);
            mp.next();
            nexthops = List.copyOf(nexthops(mp, addrLen));
        }
        return new RouteFields(family, dstLen, srcLen, tos, table, protocol, scope, type, flags, oif, iif, priority,
                nexthops, nhid, data, dst, src, gw, prefsrc,
                Math.toIntExact(m.payloadOffset() + io.jnetlink.core.codec.Netlink.align(RTMSG_LEN)),
                Math.toIntExact(m.offset() + m.length()), unknown);
    }

    /** Reads the {@code struct rtnexthop} run of an RTA_MULTIPATH attribute, each with its own attributes. */
    static List<NextHop> nexthops(AttributeCursor a, int addrLen) {
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
    public boolean equals(Object o) {
        return o == this || o instanceof RouteFields r && family == r.family && destinationLength == r.destinationLength
                && sourceLength == r.sourceLength && tos == r.tos && table == r.table && protocol == r.protocol
                && scope == r.scope && type == r.type && flags == r.flags && oif == r.oif && iif == r.iif
                && priority == r.priority && nexthopId == r.nexthopId && nexthops.equals(r.nexthops)
                && Objects.equals(destination(), r.destination()) && Objects.equals(source(), r.source())
                && Objects.equals(gateway(), r.gateway()) && Objects.equals(prefsrc(), r.prefsrc())
                && unknown().equals(r.unknown());
    }

    @Override
    public int hashCode() {
        return Objects.hash(family, destinationLength, sourceLength, tos, table, protocol, scope, type, flags,
                destination(), source(), gateway(), oif, iif, prefsrc(), priority, nexthops, nexthopId, unknown());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("RouteInfo[");
        if (type != RouteType.UNICAST) {
            sb.append(type.label()).append(' ');
        }
        sb.append(isDefault() ? "default" : destinationPrefix().toString());
        if (gateway() != null) {
            sb.append(" via ").append(IpPrefix.format(gateway()));
        }
        if (oif != 0) {
            sb.append(" oif ").append(oif);
        }
        if (prefsrc() != null) {
            sb.append(" src ").append(IpPrefix.format(prefsrc()));
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
