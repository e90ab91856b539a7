package io.jnetlink.rtnl.nexthop;

import static io.jnetlink.core.codec.Netlink.NLA_F_NESTED;
import static io.jnetlink.core.codec.Netlink.NLM_F_CREATE;
import static io.jnetlink.core.codec.Netlink.NLM_F_EXCL;
import static io.jnetlink.core.codec.Netlink.NLM_F_REPLACE;
import static io.jnetlink.rtnl.nexthop.Nha.*;

import io.jnetlink.core.Errno;
import io.jnetlink.core.NetlinkException;
import io.jnetlink.core.NoSuchDeviceException;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.socket.NetlinkSocket;
import io.jnetlink.rtnl.family.RtnlFamily;
import io.jnetlink.rtnl.link.Links;
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
    /** The key of a request about one nexthop: an all-zero {@code struct nhmsg} and NHA_ID, as iproute2 writes it. */
    static final NetlinkSocket.KeyEncoder BY_ID = (w, id) -> {
        nhmsg(w, 0, 0);
        w.attrU32(NHA_ID, id);
    };

    /**
     * The nexthop family: RTM_NEWNEXTHOP / RTM_DELNEXTHOP / RTM_GETNEXTHOP over {@code struct nhmsg},
     * keyed by id, announced on RTNLGRP_NEXTHOP, decoded into {@link NexthopInfo}.
     */
    public static final RtnlFamily<NexthopInfo> FAMILY = RtnlFamily.builder("nexthop", NexthopInfo.class)
            .types(RTM_NEWNEXTHOP, RTM_DELNEXTHOP, RTM_GETNEXTHOP)
            .header("struct nhmsg", NHMSG_LEN)
            .keyHeader(BY_ID)
            .attributeNames(NAMES)
            .groups(RTNLGRP_NEXTHOP)
            .decoder(NexthopInfo::decode)
            .build();

    private final NetlinkSocket rtnl;

    /**
     * Nexthops of the namespace {@code rtnl} belongs to.
     *
     * @param rtnl a NETLINK_ROUTE socket of the namespace
     */
    public Nexthops(NetlinkSocket rtnl) {
        this.rtnl = Objects.requireNonNull(rtnl, "rtnl");
    }

    /**
     * Adds a nexthop (RTM_NEWNEXTHOP with NLM_F_CREATE|NLM_F_EXCL), as {@code ip nexthop add}.
     *
     * @param n the nexthop
     * @throws io.jnetlink.core.AlreadyExistsException if a nexthop with that id exists
     * @throws NoSuchDeviceException                   if the named link does not exist
     */
    public void add(Nexthop n) {
        send("add " + n, NLM_F_CREATE | NLM_F_EXCL, n);
    }

    /**
     * Adds a nexthop or replaces the one with its id (NLM_F_CREATE|NLM_F_REPLACE), as {@code ip nexthop replace}.
     *
     * @param n the nexthop
     */
    public void replace(Nexthop n) {
        send("replace " + n, NLM_F_CREATE | NLM_F_REPLACE, n);
    }

    /**
     * Deletes nexthop {@code id} (RTM_DELNEXTHOP), as {@code ip nexthop del id ID}; routes that use
     * it go with it, and groups lose it as a member.
     *
     * @param id the nexthop's id
     * @throws NetlinkException with {@link Errno#ENOENT} if there is no such nexthop
     */
    public void delete(long id) {
        requireId(id);
        FAMILY.delete(rtnl, "delete nexthop id", (int) id);
    }

    /**
     * Nexthop {@code id} (RTM_GETNEXTHOP), as {@code ip nexthop get id ID}.
     *
     * @param id the nexthop's id
     * @throws NetlinkException with {@link Errno#ENOENT} if there is no such nexthop
     * @return the nexthop
     */
    public NexthopInfo get(long id) {
        requireId(id);
        NexthopInfo n = FAMILY.get(rtnl, "get nexthop id", (int) id);
        if (n == null) {
            throw new NetlinkException("get nexthop id " + id, Errno.ENOENT, "the kernel answered with no nexthop");
        }
        return n;
    }

    /** {@return every nexthop object, singles and groups (RTM_GETNEXTHOP dump)} */
    public List<NexthopInfo> list() {
        return FAMILY.dump(rtnl, "list nexthops");
    }

    private void send(String op, int createFlags, Nexthop n) {
        Objects.requireNonNull(n, "nexthop");
        int index = n.linkName() != null ? Links.indexOf(rtnl, n.linkName()) : n.ifindex();
        rtnl.request(op, w -> encode(w, createFlags, n, index));
    }

    /**
     * Writes the RTM_NEWNEXTHOP for {@code n} out of link {@code oif} (0: none), as iproute2 does for
     * the command {@link Nexthop#toString()} spells.
     */
    static void encode(MessageWriter w, int createFlags, Nexthop n, int oif) {
        FAMILY.begin(w, RTM_NEWNEXTHOP, createFlags);
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
