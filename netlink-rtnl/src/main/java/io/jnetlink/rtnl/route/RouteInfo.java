package io.jnetlink.rtnl.route;

import static io.jnetlink.rtnl.route.Rt.*;

import io.jnetlink.core.MalformedMessageException;
import io.jnetlink.core.codec.AttributeIndex;
import io.jnetlink.core.codec.AttributePolicy;
import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.rtnl.family.Scope;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.util.List;

/**
 * One route as the kernel reports it (an RTM_NEWROUTE message), from a dump or a lookup.
 *
 * <p>Immutable and safe to hand to another thread. A decoded route keeps the bytes of its message
 * (the datagram it came in, received or copied once and shared with the other routes of the same
 * datagram, never the socket's buffer). Decoding checks the message whole (every attribute's
 * length, the size of each modeled one, the route type, the prefix lengths, the multipath run) and
 * keeps only where the message is: the fields are read from it when one is first asked for, all
 * at once, so a dump of many routes costs little more than receiving it. One route kept alone
 * keeps its datagram (up to 32 KiB) alive.
 *
 * <p>The accessors are those of a record with these components, and equality is over all of them:
 *
 * <ul>
 *   <li>{@code family}: {@link IpPrefix#AF_INET} or {@link IpPrefix#AF_INET6}
 *   <li>{@code destinationLength}: the destination prefix length (0 for a default route)
 *   <li>{@code sourceLength}: the source prefix length (policy routing on source; usually 0)
 *   <li>{@code tos}: the type-of-service match
 *   <li>{@code table}: the table (RTA_TABLE, which holds ids beyond 255; unsigned)
 *   <li>{@code protocol}: who installed the route
 *   <li>{@code scope}: the scope
 *   <li>{@code type}: the type
 *   <li>{@code flags}: the {@code RTM_F_*}/{@code RTNH_F_*} flags of the header
 *   <li>{@code destination}: RTA_DST, or null (a default route has none)
 *   <li>{@code source}: RTA_SRC (source prefix), or null
 *   <li>{@code gateway}: RTA_GATEWAY, or null
 *   <li>{@code oif}: RTA_OIF, the output link index, or 0
 *   <li>{@code iif}: RTA_IIF, the input link index (in lookups with one), or 0
 *   <li>{@code prefsrc}: RTA_PREFSRC, the preferred source address, or null
 *   <li>{@code priority}: RTA_PRIORITY, the metric, 0 when absent
 *   <li>{@code nexthops}: the paths of a multipath route (RTA_MULTIPATH), empty otherwise; for a route through a nexthop object, the kernel's expansion of that object
 *   <li>{@code nexthopId}: RTA_NH_ID, the nexthop object the route goes through, or 0
 *   <li>{@code unknown}: attributes not modelled here (RTA_METRICS, RTA_CACHEINFO, RTA_PREF, RTA_UID, ...), kept as received
 * </ul>
 */
public final class RouteInfo {
    /** The sizes of the modeled attributes of an IPv4 route, checked as the message is indexed. */
    private static final AttributePolicy V4 = policy(4);
    /** The same for IPv6. */
    private static final AttributePolicy V6 = policy(16);
    /** The retained datagram the message is in. */
    private final MemorySegment data;
    /** Where the message's header is in {@link #data}. */
    private final int at;
    // kept from decoding: what a dump's filter reads of every route, without reading the rest
    private final int family;
    private final int table;
    private final int flags;
    /**
     * The fields, read on first use. Immutable once made (final fields; its lazily made values are
     * immutable too), so a thread that races another here sees null (and reads them itself) or a
     * complete object: no lock needed.
     */
    private RouteFields fields;

    private RouteInfo(MemorySegment data, int at, int family, int table, int flags) {
        this.data = data;
        this.at = at;
        this.family = family;
        this.table = table;
        this.flags = flags;
    }

    private RouteFields f() {
        RouteFields r = fields;
        if (r == null) {
            fields = r = RouteFields.read(data, at);
        }
        return r;
    }

    /** {@return {@link IpPrefix#AF_INET} or {@link IpPrefix#AF_INET6}} */
    public int family() {
        return family;
    }

    /** {@return the destination prefix length (0 for a default route)} */
    public int destinationLength() {
        return f().destinationLength();
    }

    /** {@return the source prefix length (policy routing on source; usually 0)} */
    public int sourceLength() {
        return f().sourceLength();
    }

    /** {@return the type-of-service match} */
    public int tos() {
        return f().tos();
    }

    /** {@return the table (RTA_TABLE, which holds ids beyond 255; unsigned)} */
    public int table() {
        return table;
    }

    /** {@return who installed the route} */
    public RouteProtocol protocol() {
        return f().protocol();
    }

    /** {@return the scope} */
    public Scope scope() {
        return f().scope();
    }

    /** {@return the type} */
    public RouteType type() {
        return f().type();
    }

    /** {@return the {@code RTM_F_*}/{@code RTNH_F_*} flags of the header} */
    public int flags() {
        return flags;
    }

    /** {@return RTA_DST, or null (a default route has none)} */
    public InetAddress destination() {
        return f().destination();
    }

    /** {@return RTA_SRC (source prefix), or null} */
    public InetAddress source() {
        return f().source();
    }

    /** {@return RTA_GATEWAY, or null} */
    public InetAddress gateway() {
        return f().gateway();
    }

    /** {@return RTA_OIF, the output link index, or 0} */
    public int oif() {
        return f().oif();
    }

    /** {@return RTA_IIF, the input link index (in lookups with one), or 0} */
    public int iif() {
        return f().iif();
    }

    /** {@return RTA_PREFSRC, the preferred source address, or null} */
    public InetAddress prefsrc() {
        return f().prefsrc();
    }

    /** {@return RTA_PRIORITY, the metric, 0 when absent} */
    public long priority() {
        return f().priority();
    }

    /**
     * {@return the paths of a multipath route (RTA_MULTIPATH), empty otherwise; for a route through a
     * nexthop object, the kernel's expansion of that object}
     */
    public List<NextHop> nexthops() {
        return f().nexthops();
    }

    /** {@return RTA_NH_ID, the nexthop object the route goes through, or 0} */
    public long nexthopId() {
        return f().nexthopId();
    }

    /**
     * {@return attributes not modelled here (RTA_METRICS, RTA_CACHEINFO, RTA_PREF, RTA_UID, ...), kept as
     * received}
     */
    public List<RawAttribute> unknown() {
        return f().unknown();
    }

    /** {@return the destination as a prefix: {@code 10.9.0.0/16}, or {@code 0.0.0.0/0} / {@code ::/0} for a default route} */
    public IpPrefix destinationPrefix() {
        return f().destinationPrefix();
    }

    /** {@return whether this is a default route (destination length 0)} */
    public boolean isDefault() {
        return f().isDefault();
    }

    /** {@return the metric: the same as {@link #priority()}} */
    public long metric() {
        return f().metric();
    }

    /** {@return whether this is an IPv4 route} */
    public boolean isIpv4() {
        return family == IpPrefix.AF_INET;
    }

    /** {@return the table as an unsigned number} */
    public long tableId() {
        return Integer.toUnsignedLong(table);
    }

    /**
     * Decodes an RTM_NEWROUTE (or RTM_DELROUTE) message.
     *
     * @param m the message
     * @return the route, or null for another message type or a family other than IPv4 and IPv6
     *         (multicast and MPLS routes share the message type)
     * @throws MalformedMessageException if the message breaks the format (checked here, whole)
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
        // one pass over the attribute headers that also checks each modeled attribute's size:
        // everything that reading the fields later could trip on is checked here
        AttributeIndex x = m.index(RTMSG_LEN, addrLen == 4 ? V4 : V6, true);
        int dstLen = x.header8(1);
        int srcLen = x.header8(2);
        if (dstLen > addrLen * 8 || srcLen > addrLen * 8) {
            throw new MalformedMessageException("rtmsg", m.payloadOffset() + 1, "prefix length " + Math.max(dstLen, srcLen)
                    + " too long for family " + family);
        }
        if (!RouteType.isKnown(x.header8(7))) {
            throw new MalformedMessageException("rtmsg.rtm_type", m.payloadOffset() + 7,
                    "unknown route type " + x.header8(7));
        }
        int table = x.u32(RTA_TABLE, x.header8(4));
        if (x.has(RTA_MULTIPATH)) {
            RouteFields.nexthops(x.cursor(RTA_MULTIPATH), addrLen); // checks the rtnexthop run
        }
        return new RouteInfo(x.retained(), (int) m.offset(), family, table, x.header32(8));
    }

    private static AttributePolicy policy(int addrLen) {
        String address = (addrLen == 4 ? "IPv4" : "IPv6") + " address (" + addrLen + " bytes)";
        AttributePolicy.Builder b = AttributePolicy.builder(NAMES);
        for (int t : new int[] {RTA_DST, RTA_SRC, RTA_GATEWAY, RTA_PREFSRC}) {
            b.exact(t, addrLen, address);
        }
        for (int t : new int[] {RTA_OIF, RTA_IIF, RTA_PRIORITY, RTA_TABLE, RTA_NH_ID}) {
            b.exact(t, 4, "u32");
        }
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof RouteInfo r && f().equals(r.f());
    }

    @Override
    public int hashCode() {
        return f().hashCode();
    }

    @Override
    public String toString() {
        return f().toString();
    }
}
