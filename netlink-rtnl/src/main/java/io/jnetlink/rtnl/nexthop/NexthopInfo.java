package io.jnetlink.rtnl.nexthop;

import static io.jnetlink.rtnl.nexthop.Nha.*;

import io.jnetlink.core.MalformedMessageException;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.rtnl.family.Scope;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One nexthop object as the kernel reports it (an RTM_NEWNEXTHOP message).
 *
 * @param id         the id
 * @param family     {@link IpPrefix#AF_INET} or {@link IpPrefix#AF_INET6}, or 0 for a group
 * @param scope      the scope the kernel gave it (link for a gateway, host for a link alone)
 * @param protocol   who installed it (0 unspec unless the request said)
 * @param flags      the {@code RTNH_F_*} flags (onlink 4, dead 1, linkdown 16, ...)
 * @param gateway    the gateway, or null
 * @param oif        the link index, or 0
 * @param blackhole  whether it drops what is sent to it
 * @param fdb        whether it belongs to the bridge FDB (VXLAN)
 * @param group      the members of a group, empty for a single nexthop
 * @param resilience the buckets and timers of a resilient group, or null
 * @param unknown    attributes not modelled here (NHA_ENCAP, NHA_MASTER, newer ones), kept as received
 */
public record NexthopInfo(long id, int family, Scope scope, int protocol, int flags, InetAddress gateway, int oif,
                          boolean blackhole, boolean fdb, List<GroupMember> group, Resilience resilience,
                          List<RawAttribute> unknown) {
    /** Copies the lists, so the record is immutable. */
    public NexthopInfo {
        group = List.copyOf(group);
        unknown = List.copyOf(unknown);
    }

    /** {@return whether the onlink flag is set} */
    public boolean onlink() {
        return (flags & RTNH_F_ONLINK) != 0;
    }

    /** {@return whether this is a group} */
    public boolean isGroup() {
        return !group.isEmpty();
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
        return new Nexthop(id, isGroup() ? 0 : family, gateway, oif, null, blackhole, onlink(), group, res);
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
        AttributeCursor a = Nexthops.FAMILY.attributes(m);
        int family = m.u8(0);
        Scope scope = Scope.of(m.u8(1));
        int protocol = m.u8(2);
        int flags = m.u32(4);
        long id = 0;
        InetAddress gateway = null;
        int oif = 0;
        boolean blackhole = false;
        boolean fdb = false;
        List<GroupMember> group = List.of();
        int groupType = NEXTHOP_GRP_TYPE_MPATH;
        Resilience resilience = null;
        List<RawAttribute> unknown = new ArrayList<>(0);
        while (a.next()) {
            switch (a.type()) {
                case NHA_ID -> id = Integer.toUnsignedLong(a.u32());
                case NHA_GATEWAY -> gateway = gateway(a, family);
                case NHA_OIF -> oif = a.u32();
                case NHA_BLACKHOLE -> blackhole = a.flag();
                case NHA_FDB -> fdb = a.flag();
                case NHA_GROUP -> group = group(a);
                case NHA_GROUP_TYPE -> groupType = a.u16();
                case NHA_RES_GROUP -> resilience = resilience(a);
                default -> unknown.add(a.raw());
            }
        }
        if (id == 0) {
            throw new MalformedMessageException("NHA_ID", m.payloadOffset(), "a nexthop without an id");
        }
        if ((groupType == NEXTHOP_GRP_TYPE_RES) != (resilience != null)) {
            throw new MalformedMessageException("NHA_RES_GROUP", m.payloadOffset(),
                    "group type " + groupType + (resilience == null ? " without" : " with") + " resilient group data");
        }
        return new NexthopInfo(id, family, scope, protocol, flags, gateway, oif, blackhole, fdb, group, resilience, unknown);
    }

    private static InetAddress gateway(AttributeCursor a, int family) {
        int len = family == IpPrefix.AF_INET ? 4 : family == IpPrefix.AF_INET6 ? 16 : -1;
        if (a.length() != len) {
            throw a.malformed("gateway of " + (len == -1 ? "a nexthop of family " + family
                    : (len == 4 ? "IPv4 (4 bytes)" : "IPv6 (16 bytes)")) + ", got " + a.length() + " bytes");
        }
        return a.address();
    }

    private static List<GroupMember> group(AttributeCursor a) {
        if (a.length() == 0 || a.length() % GRP_LEN != 0) {
            throw a.malformed("array of struct nexthop_grp (8 bytes each) expected, got " + a.length() + " bytes");
        }
        MemorySegment s = a.segment();
        List<GroupMember> out = new ArrayList<>(a.length() / GRP_LEN);
        for (long p = a.payloadOffset(); p < a.payloadOffset() + a.length(); p += GRP_LEN) {
            long id = Integer.toUnsignedLong(s.get(ValueLayout.JAVA_INT_UNALIGNED, p));
            int weight = (s.get(ValueLayout.JAVA_BYTE, p + 4) & 0xFF) + 1;
            if (id == 0) {
                throw a.malformed("group member with id 0");
            }
            out.add(new GroupMember(id, weight));
        }
        return out;
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
    public String toString() {
        StringBuilder sb = new StringBuilder("NexthopInfo[id ").append(id);
        if (isGroup()) {
            sb.append(" group ").append(group);
            if (resilience != null) {
                sb.append(' ').append(resilience);
            }
        }
        if (blackhole) {
            sb.append(" blackhole");
        }
        if (gateway != null) {
            sb.append(" via ").append(IpPrefix.format(gateway));
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
