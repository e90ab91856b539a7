package io.jnetlink.rtnl.nexthop;

import static io.jnetlink.rtnl.nexthop.Nha.*;

import io.jnetlink.core.MalformedMessageException;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.Netlink;
import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.rtnl.family.Attributes;
import io.jnetlink.rtnl.family.Scope;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One nexthop object as the kernel reports it (an RTM_NEWNEXTHOP message).
 *
 * <p>Immutable and safe to hand to another thread. A decoded nexthop keeps the bytes of its
 * message (a copy of the datagram made once and shared with the other nexthops of the same
 * datagram, never the socket's buffer): decoding checks the message whole and reads its numbers;
 * the gateway, the group members and the unmodeled attributes become objects when first asked for.
 *
 * <p>The accessors are those of a record with these components, and equality is over all of them:
 *
 * <ul>
 *   <li>{@code id}: the id
 *   <li>{@code family}: {@link IpPrefix#AF_INET} or {@link IpPrefix#AF_INET6}, or 0 for a group
 *   <li>{@code scope}: the scope the kernel gave it (link for a gateway, host for a link alone)
 *   <li>{@code protocol}: who installed it (0 unspec unless the request said)
 *   <li>{@code flags}: the {@code RTNH_F_*} flags (onlink 4, dead 1, linkdown 16, ...)
 *   <li>{@code gateway}: the gateway, or null
 *   <li>{@code oif}: the link index, or 0
 *   <li>{@code blackhole}: whether it drops what is sent to it
 *   <li>{@code fdb}: whether it belongs to the bridge FDB (VXLAN)
 *   <li>{@code group}: the members of a group, empty for a single nexthop
 *   <li>{@code resilience}: the buckets and timers of a resilient group, or null
 *   <li>{@code unknown}: attributes not modelled here (NHA_ENCAP, NHA_MASTER, newer ones), kept as received
 * </ul>
 */
public final class NexthopInfo {
    /** The attributes decoded into fields; the others are {@link #unknown()}. */
    private static final long MODELED = Attributes.mask(NHA_ID, NHA_GATEWAY, NHA_OIF, NHA_BLACKHOLE, NHA_FDB,
            NHA_GROUP, NHA_GROUP_TYPE, NHA_RES_GROUP);

    private final long id;
    private final int family;
    private final Scope scope;
    private final int protocol;
    private final int flags;
    private final int oif;
    private final boolean blackhole;
    private final boolean fdb;
    private final Resilience resilience;
    /** The retained datagram the message is in. */
    private final MemorySegment data;
    // where the payloads are in data (-1: absent), their lengths, and the attribute run
    private final int gatewayAt;
    private final int gatewayLength;
    private final int groupAt;
    private final int groupLength;
    private final int attributesAt;
    private final int attributesEnd;
    private final boolean hasUnknown;
    // Made on first use; immutable values, so a race at worst makes one twice (no lock needed).
    private InetAddress gateway;
    private List<GroupMember> group;
    private List<RawAttribute> unknown;

    private NexthopInfo(long id, int family, Scope scope, int protocol, int flags, int oif, boolean blackhole,
                        boolean fdb, Resilience resilience, MemorySegment data, int gatewayAt, int gatewayLength,
                        int groupAt, int groupLength, int attributesAt, int attributesEnd, boolean hasUnknown) {
        this.id = id;
        this.family = family;
        this.scope = scope;
        this.protocol = protocol;
        this.flags = flags;
        this.oif = oif;
        this.blackhole = blackhole;
        this.fdb = fdb;
        this.resilience = resilience;
        this.data = data;
        this.gatewayAt = gatewayAt;
        this.gatewayLength = gatewayLength;
        this.groupAt = groupAt;
        this.groupLength = groupLength;
        this.attributesAt = attributesAt;
        this.attributesEnd = attributesEnd;
        this.hasUnknown = hasUnknown;
    }

    /** {@return the id} */
    public long id() {
        return id;
    }

    /** {@return {@link IpPrefix#AF_INET} or {@link IpPrefix#AF_INET6}, or 0 for a group} */
    public int family() {
        return family;
    }

    /** {@return the scope the kernel gave it (link for a gateway, host for a link alone)} */
    public Scope scope() {
        return scope;
    }

    /** {@return who installed it (0 unspec unless the request said)} */
    public int protocol() {
        return protocol;
    }

    /** {@return the {@code RTNH_F_*} flags (onlink 4, dead 1, linkdown 16, ...)} */
    public int flags() {
        return flags;
    }

    /** {@return the gateway, or null} */
    public InetAddress gateway() {
        InetAddress g = gateway;
        if (g == null && gatewayAt >= 0) {
            gateway = g = AttributeCursor.address(data, gatewayAt, gatewayLength);
        }
        return g;
    }

    /** {@return the link index, or 0} */
    public int oif() {
        return oif;
    }

    /** {@return whether it drops what is sent to it} */
    public boolean blackhole() {
        return blackhole;
    }

    /** {@return whether it belongs to the bridge FDB (VXLAN)} */
    public boolean fdb() {
        return fdb;
    }

    /** {@return the members of a group, empty for a single nexthop} */
    public List<GroupMember> group() {
        List<GroupMember> g = group;
        if (g == null) {
            g = groupAt < 0 ? List.of() : members(data, groupAt, groupLength);
            group = g;
        }
        return g;
    }

    /** {@return the buckets and timers of a resilient group, or null} */
    public Resilience resilience() {
        return resilience;
    }

    /** {@return attributes not modelled here (NHA_ENCAP, NHA_MASTER, newer ones), kept as received} */
    public List<RawAttribute> unknown() {
        List<RawAttribute> u = unknown;
        if (u == null) {
            u = hasUnknown ? Attributes.unmodeled(data, attributesAt, attributesEnd, MODELED, NAMES) : List.of();
            unknown = u;
        }
        return u;
    }

    /** {@return whether the onlink flag is set} */
    public boolean onlink() {
        return (flags & RTNH_F_ONLINK) != 0;
    }

    /** {@return whether this is a group} */
    public boolean isGroup() {
        return groupAt >= 0;
    }

    /**
     * {@return the request that makes this nexthop again (its link by index): a nexthop added from a spec
     * with the link by index reads back as a record whose {@code toNexthop()} equals that spec}
     *
     * @throws IllegalArgumentException if the kernel's nexthop cannot be written as a request
     */
    public Nexthop toNexthop() {
        Resilience res = resilience == null ? null
                : new Resilience(resilience.buckets(), resilience.idleTimer(), resilience.unbalancedTimer(), Duration.ZERO);
        return new Nexthop(id, isGroup() ? 0 : family, gateway(), oif, null, blackhole, onlink(), group(), res);
    }

    /**
     * Decodes an RTM_NEWNEXTHOP (or RTM_DELNEXTHOP) message.
     *
     * @param m the message
     * @return the nexthop, or null for another message type
     * @throws MalformedMessageException if the message breaks the format
     */
    public static NexthopInfo decode(Message m) {
        if (m.type() != RTM_NEWNEXTHOP && m.type() != RTM_DELNEXTHOP) {
            return null;
        }
        AttributeCursor a = Nexthops.FAMILY.scan(m); // the view's own cursor: one pass, nothing allocated
        int family = m.u8(0);
        Scope scope = Scope.of(m.u8(1));
        int protocol = m.u8(2);
        int flags = m.u32(4);
        long id = 0;
        int gatewayAt = -1;
        int gatewayLength = 0;
        int oif = 0;
        boolean blackhole = false;
        boolean fdb = false;
        int groupAt = -1;
        int groupLength = 0;
        int groupType = NEXTHOP_GRP_TYPE_MPATH;
        Resilience resilience = null;
        boolean unknown = false;
        while (a.next()) {
            switch (a.type()) {
                case NHA_ID -> id = Integer.toUnsignedLong(a.u32());
                case NHA_GATEWAY -> {
                    gatewayAt = checkGateway(a, family);
                    gatewayLength = a.length();
                }
                case NHA_OIF -> oif = a.u32();
                case NHA_BLACKHOLE -> blackhole = a.flag();
                case NHA_FDB -> fdb = a.flag();
                case NHA_GROUP -> {
                    groupAt = checkGroup(a);
                    groupLength = a.length();
                }
                case NHA_GROUP_TYPE -> groupType = a.u16();
                case NHA_RES_GROUP -> resilience = resilience(a);
                default -> unknown = true;
            }
        }
        if (id == 0) {
            throw new MalformedMessageException("NHA_ID", m.payloadOffset(), "a nexthop without an id");
        }
        if ((groupType == NEXTHOP_GRP_TYPE_RES) != (resilience != null)) {
            throw new MalformedMessageException("NHA_RES_GROUP", m.payloadOffset(),
                    "group type " + groupType + (resilience == null ? " without" : " with") + " resilient group data");
        }
        return new NexthopInfo(id, family, scope, protocol, flags, oif, blackhole, fdb, resilience, m.retained(),
                gatewayAt, gatewayLength, groupAt, groupLength,
                Math.toIntExact(m.payloadOffset() + Netlink.align(NHMSG_LEN)), Math.toIntExact(m.offset() + m.length()),
                unknown);
    }

    /** Checks the gateway under {@code a} against the family; returns where it is. */
    private static int checkGateway(AttributeCursor a, int family) {
        int len = family == IpPrefix.AF_INET ? 4 : family == IpPrefix.AF_INET6 ? 16 : -1;
        if (a.length() != len) {
            throw a.malformed("gateway of " + (len == -1 ? "a nexthop of family " + family
                    : (len == 4 ? "IPv4 (4 bytes)" : "IPv6 (16 bytes)")) + ", got " + a.length() + " bytes");
        }
        return Math.toIntExact(a.payloadOffset());
    }

    /** Checks the array of struct nexthop_grp under {@code a}; returns where it is. */
    private static int checkGroup(AttributeCursor a) {
        if (a.length() == 0 || a.length() % GRP_LEN != 0) {
            throw a.malformed("array of struct nexthop_grp (8 bytes each) expected, got " + a.length() + " bytes");
        }
        MemorySegment s = a.segment();
        for (long p = a.payloadOffset(); p < a.payloadOffset() + a.length(); p += GRP_LEN) {
            if (s.get(ValueLayout.JAVA_INT_UNALIGNED, p) == 0) {
                throw a.malformed("group member with id 0");
            }
        }
        return Math.toIntExact(a.payloadOffset());
    }

    /** The checked group members, {@code length} bytes at {@code at} of {@code s}. */
    private static List<GroupMember> members(MemorySegment s, int at, int length) {
        GroupMember[] out = new GroupMember[length / GRP_LEN];
        for (int i = 0; i < out.length; i++) {
            long p = at + (long) i * GRP_LEN;
            long id = Integer.toUnsignedLong(s.get(ValueLayout.JAVA_INT_UNALIGNED, p));
            int weight = (s.get(ValueLayout.JAVA_BYTE, p + 4) & 0xFF) + 1;
            out[i] = new GroupMember(id, weight);
        }
        return List.of(out);
    }

    private static Resilience resilience(AttributeCursor a) {
        int buckets = -1;
        long idle = 0;
        long unbalancedTimer = 0;
        long unbalancedTime = 0;
        AttributeCursor c = a.nested(RES_NAMES);
        while (c.next()) {
            switch (c.type()) {
                case NHA_RES_GROUP_BUCKETS -> buckets = c.u16();
                case NHA_RES_GROUP_IDLE_TIMER -> idle = Integer.toUnsignedLong(c.u32());
                case NHA_RES_GROUP_UNBALANCED_TIMER -> unbalancedTimer = Integer.toUnsignedLong(c.u32());
                case NHA_RES_GROUP_UNBALANCED_TIME -> unbalancedTime = c.u64();
                default -> { } // padding and newer attributes: the group is described without them
            }
        }
        if (buckets < 1) {
            throw a.malformed("resilient group without buckets");
        }
        if (unbalancedTime < 0 || unbalancedTime > 0xFFFF_FFFFL) {
            throw a.malformed("unbalanced time " + Long.toUnsignedString(unbalancedTime) + " ticks out of range");
        }
        return new Resilience(buckets, Resilience.ofTicks(idle), Resilience.ofTicks(unbalancedTimer),
                Resilience.ofTicks(unbalancedTime));
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof NexthopInfo n && id == n.id && family == n.family && scope.equals(n.scope)
                && protocol == n.protocol && flags == n.flags && oif == n.oif && blackhole == n.blackhole
                && fdb == n.fdb && Objects.equals(resilience, n.resilience) && Objects.equals(gateway(), n.gateway())
                && group().equals(n.group()) && unknown().equals(n.unknown());
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, family, scope, protocol, flags, gateway(), oif, blackhole, fdb, group(), resilience,
                unknown());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("NexthopInfo[id ").append(id);
        if (isGroup()) {
            sb.append(" group ").append(group());
            if (resilience != null) {
                sb.append(' ').append(resilience);
            }
        }
        if (blackhole) {
            sb.append(" blackhole");
        }
        if (gatewayAt >= 0) {
            sb.append(" via ").append(IpPrefix.format(gateway()));
        }
        if (oif != 0) {
            sb.append(" oif ").append(oif);
        }
        if (fdb) {
            sb.append(" fdb");
        }
        return sb.append(" scope ").append(scope).append(" proto ").append(protocol).append(" flags 0x")
                .append(Integer.toHexString(flags)).append(']').toString();
    }
}
