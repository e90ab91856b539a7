package io.jnetlink.rtnl.nexthop;

import static io.jnetlink.core.codec.Netlink.NLA_F_NESTED;
import static io.jnetlink.core.codec.Netlink.NLM_F_ACK;
import static io.jnetlink.core.codec.Netlink.NLM_F_CREATE;
import static io.jnetlink.core.codec.Netlink.NLM_F_DUMP;
import static io.jnetlink.core.codec.Netlink.NLM_F_EXCL;
import static io.jnetlink.core.codec.Netlink.NLM_F_REPLACE;
import static io.jnetlink.core.codec.Netlink.NLM_F_REQUEST;
import static io.jnetlink.rtnl.nexthop.Nha.*;

import io.jnetlink.core.Errno;
import io.jnetlink.core.NetlinkException;
import io.jnetlink.core.NoSuchDeviceException;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.socket.NetlinkSocket;
import io.jnetlink.rtnl.LinkNames;
import java.util.List;
import java.util.Objects;

/**
 * The nexthop objects of one network namespace: {@code ip nexthop add|replace|del|get|show}.
 *
 * <p>Each method is one netlink exchange on the given NETLINK_ROUTE socket, plus one RTM_GETLINK
 * when a nexthop names its link. Failures raise {@link NetlinkException} (or a subclass) naming the
 * operation, such as {@code "add nexthop id 1 via 192.168.15.7 dev gx0"}, with the kernel's
 * extended-ACK text ("Nexthop device is not up").
 */
public final class Nexthops {
    private final NetlinkSocket rtnl;

    /** Nexthops of the namespace {@code rtnl} belongs to. */
    public Nexthops(NetlinkSocket rtnl) {
        this.rtnl = Objects.requireNonNull(rtnl, "rtnl");
    }

    /**
     * Adds a nexthop (RTM_NEWNEXTHOP with NLM_F_CREATE|NLM_F_EXCL), as {@code ip nexthop add}.
     *
     * @throws io.jnetlink.core.AlreadyExistsException if a nexthop with that id exists
     * @throws NoSuchDeviceException                   if the named link does not exist
     */
    public void add(Nexthop n) {
        send("add " + n, NLM_F_CREATE | NLM_F_EXCL, n);
    }

    /** Adds a nexthop or replaces the one with its id (NLM_F_CREATE|NLM_F_REPLACE), as {@code ip nexthop replace}. */
    public void replace(Nexthop n) {
        send("replace " + n, NLM_F_CREATE | NLM_F_REPLACE, n);
    }

    /**
     * Deletes nexthop {@code id} (RTM_DELNEXTHOP), as {@code ip nexthop del id ID}; routes that use
     * it go with it, and groups lose it as a member.
     *
     * @throws NetlinkException with {@link Errno#ENOENT} if there is no such nexthop
     */
    public void delete(long id) {
        requireId(id);
        rtnl.request("delete nexthop id " + id, w -> encodeById(w, RTM_DELNEXTHOP, NLM_F_REQUEST | NLM_F_ACK, id));
    }

    /**
     * Nexthop {@code id} (RTM_GETNEXTHOP), as {@code ip nexthop get id ID}.
     *
     * @throws NetlinkException with {@link Errno#ENOENT} if there is no such nexthop
     */
    public NexthopInfo get(long id) {
        requireId(id);
        String op = "get nexthop id " + id;
        NexthopInfo n = rtnl.query(op, w -> encodeById(w, RTM_GETNEXTHOP, NLM_F_REQUEST | NLM_F_ACK, id),
                NexthopInfo::decode);
        if (n == null) {
            throw new NetlinkException(op, Errno.ENOENT.value(), "the kernel answered with no nexthop", -1, 0);
        }
        return n;
    }

    /** Every nexthop object, singles and groups (RTM_GETNEXTHOP dump). */
    public List<NexthopInfo> list() {
        return rtnl.dumpAll("list nexthops", Nexthops::encodeDump, NexthopInfo::decode);
    }

    private void send(String op, int createFlags, Nexthop n) {
        Objects.requireNonNull(n, "nexthop");
        int oif = n.ifindex();
        if (n.linkName() != null) {
            try {
                oif = LinkNames.indexOf(rtnl, n.linkName());
            } catch (NoSuchDeviceException e) {
                throw NoSuchDeviceException.named(op, n.linkName());
            }
        }
        int index = oif;
        rtnl.request(op, w -> encode(w, createFlags, n, index));
    }

    /** The RTM_GETNEXTHOP dump request (strict checking: the header all zero). */
    static void encodeDump(MessageWriter w) {
        w.begin(RTM_GETNEXTHOP, NLM_F_REQUEST | NLM_F_DUMP);
        nhmsg(w, 0, 0);
        w.end();
    }

    /** RTM_DELNEXTHOP or RTM_GETNEXTHOP of one id, as iproute2 writes it. */
    static void encodeById(MessageWriter w, int type, int flags, long id) {
        w.begin(type, flags);
        nhmsg(w, 0, 0);
        w.attrU32(NHA_ID, (int) id);
        w.end();
    }

    /**
     * Writes the RTM_NEWNEXTHOP for {@code n} out of link {@code oif} (0: none), as iproute2 does for
     * the command {@link Nexthop#toString()} spells.
     */
    static void encode(MessageWriter w, int createFlags, Nexthop n, int oif) {
        w.begin(RTM_NEWNEXTHOP, NLM_F_REQUEST | NLM_F_ACK | createFlags);
        nhmsg(w, n.family(), n.onlink() ? RTNH_F_ONLINK : 0);
        if (n.id() != 0) {
            w.attrU32(NHA_ID, (int) n.id());
        }
        if (n.isGroup()) {
            w.nest(NHA_GROUP, g -> {
                for (GroupMember m : n.group()) {
                    g.u32((int) m.id()).u8(m.weight() - 1).u8(0).u16(0);
                }
            });
            Resilience r = n.resilience();
            if (r != null) {
                w.nest(NHA_RES_GROUP | NLA_F_NESTED, res -> {
                    res.attrU16(NHA_RES_GROUP_BUCKETS, r.buckets());
                    res.attrU32(NHA_RES_GROUP_IDLE_TIMER, (int) Resilience.ticks(r.idleTimer()));
                    res.attrU32(NHA_RES_GROUP_UNBALANCED_TIMER, (int) Resilience.ticks(r.unbalancedTimer()));
                });
                w.attrU16(NHA_GROUP_TYPE, NEXTHOP_GRP_TYPE_RES);
            }
        }
        if (n.blackhole()) {
            w.attrFlag(NHA_BLACKHOLE);
        }
        if (n.gateway() != null) {
            w.attrAddress(NHA_GATEWAY, n.gateway());
        }
        if (oif != 0) {
            w.attrU32(NHA_OIF, oif);
        }
        w.end();
    }

    private static void nhmsg(MessageWriter w, int family, int flags) {
        // scope and protocol are the kernel's to report; requests leave them 0, as iproute2 does.
        w.u8(family).u8(0).u8(0).u8(0).u32(flags);
    }

    private static void requireId(long id) {
        if (id < 1 || id > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("nexthop id must be 1..4294967295, got " + id);
        }
    }
}
