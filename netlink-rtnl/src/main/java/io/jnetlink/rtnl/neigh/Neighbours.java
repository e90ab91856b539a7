package io.jnetlink.rtnl.neigh;

import static io.jnetlink.core.codec.Netlink.NLM_F_CREATE;
import static io.jnetlink.core.codec.Netlink.NLM_F_EXCL;
import static io.jnetlink.core.codec.Netlink.NLM_F_REPLACE;
import static io.jnetlink.rtnl.neigh.Nd.*;

import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.net.Interfaces;
import io.jnetlink.core.net.Mac;
import io.jnetlink.core.socket.NetlinkSocket;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.rtnl.family.RtnlFamily;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * The neighbour tables (ARP for IPv4, NDP for IPv6) of one network namespace: {@code ip neigh
 * show|add|replace|del}, the {@code arp} view.
 *
 * <p>Each method is one netlink exchange on the given NETLINK_ROUTE socket. Failures raise
 * {@link io.jnetlink.core.NetlinkException} (or a subclass) naming the operation, with the
 * kernel's extended-ACK text.
 */
public final class Neighbours {
    /**
     * The neighbour family: RTM_NEWNEIGH / RTM_DELNEIGH / RTM_GETNEIGH over {@code struct ndmsg},
     * announced on RTNLGRP_NEIGH, decoded into {@link NeighbourInfo} (IPv4 and IPv6 entries).
     */
    public static final RtnlFamily<NeighbourInfo> FAMILY = RtnlFamily.builder("neighbour", NeighbourInfo.class)
            .types(RTM_NEWNEIGH, RTM_DELNEIGH, RTM_GETNEIGH)
            .header("struct ndmsg", NDMSG_LEN)
            .attributeNames(NAMES)
            .groups(RTNLGRP_NEIGH)
            .decoder(NeighbourInfo::decode)
            .build();

    private final NetlinkSocket rtnl;

    /**
     * Neighbours of the namespace {@code rtnl} belongs to.
     *
     * @param rtnl a NETLINK_ROUTE socket of the namespace
     */
    public Neighbours(NetlinkSocket rtnl) {
        this.rtnl = Objects.requireNonNull(rtnl, "rtnl");
    }

    /** {@return every IPv4 and IPv6 neighbour entry of every link, in any state (RTM_GETNEIGH dump)} */
    public List<NeighbourInfo> list() {
        return FAMILY.dump(rtnl, "list neighbours");
    }

    /**
     * {@return the neighbour entries of link {@code ifindex} (RTM_GETNEIGH dump filtered by NDA_IFINDEX)}
     *
     * @param ifindex the link's index
     */
    public List<NeighbourInfo> list(int ifindex) {
        Interfaces.requireIndex(ifindex);
        return dump("list neighbours of link " + ifindex, ifindex);
    }

    /**
     * Adds a permanent entry: {@code ip} is at {@code mac} on link {@code ifindex} (RTM_NEWNEIGH,
     * NUD_PERMANENT, NLM_F_CREATE|NLM_F_EXCL), as {@code ip neigh add IP lladdr MAC nud permanent dev X}.
     *
     * @param ifindex the link's index
     * @param ip the neighbour's IP address
     * @param mac its link-layer address
     * @throws IllegalArgumentException                if {@code mac} is not a MAC address
     * @throws io.jnetlink.core.AlreadyExistsException if an entry for {@code ip} exists
     */
    public void addPermanent(int ifindex, InetAddress ip, String mac) {
        add(NeighbourSpec.permanent(ifindex, ip, mac));
    }

    /**
     * Adds or overwrites a permanent entry (NLM_F_CREATE|NLM_F_REPLACE), as {@code ip neigh replace}.
     *
     * @param ifindex the link's index
     * @param ip the neighbour's IP address
     * @param mac its link-layer address
     */
    public void replacePermanent(int ifindex, InetAddress ip, String mac) {
        replace(NeighbourSpec.permanent(ifindex, ip, mac));
    }

    /**
     * Adds an entry (RTM_NEWNEIGH, NLM_F_CREATE|NLM_F_EXCL), as {@code ip neigh add}.
     *
     * @param spec the entry
     * @throws io.jnetlink.core.AlreadyExistsException if an entry for the address exists
     */
    public void add(NeighbourSpec spec) {
        rtnl.request("add " + spec, w -> encodeNew(w, NLM_F_CREATE | NLM_F_EXCL, spec));
    }

    /**
     * Adds or overwrites an entry (RTM_NEWNEIGH, NLM_F_CREATE|NLM_F_REPLACE), as {@code ip neigh replace}.
     *
     * @param spec the entry
     */
    public void replace(NeighbourSpec spec) {
        rtnl.request("replace " + spec, w -> encodeNew(w, NLM_F_CREATE | NLM_F_REPLACE, spec));
    }

    /**
     * Deletes the entry for {@code ip} on link {@code ifindex} (RTM_DELNEIGH), as {@code ip neigh del}.
     *
     * @param ifindex the link's index
     * @param ip the neighbour's IP address
     * @throws io.jnetlink.core.NetlinkException with ENOENT if there is no such entry
     */
    public void delete(int ifindex, InetAddress ip) {
        Interfaces.requireIndex(ifindex);
        Objects.requireNonNull(ip, "ip");
        rtnl.request("delete neighbour " + IpPrefix.format(ip) + " on link " + ifindex, w -> encodeDelete(w, ifindex, ip));
    }

    /** A dump of link {@code ifindex}'s entries, filtered by the kernel and again here. */
    private List<NeighbourInfo> dump(String op, int ifindex) {
        return FAMILY.dump(rtnl, op, w -> dumpFilter(w, ifindex), n -> n.ifindex() == ifindex);
    }

    /** The RTM_GETNEIGH dump request; ifindex 0 means all links. */
    static void encodeDump(MessageWriter w, int ifindex) {
        FAMILY.writeDump(w, d -> dumpFilter(d, ifindex));
    }

    private static void dumpFilter(MessageWriter w, int ifindex) {
        // Strict checking wants the header all zero but family and NTF_PROXY; filters are attributes.
        ndmsg(w, 0, 0, 0);
        if (ifindex != 0) {
            w.attrU32(NDA_IFINDEX, ifindex);
        }
    }

    /** The RTM_NEWNEIGH of a permanent entry, as iproute2 writes it. */
    static void encodeNew(MessageWriter w, int createFlags, int ifindex, InetAddress ip, byte[] lladdr) {
        encodeNew(w, createFlags, NeighbourSpec.permanent(ifindex, ip, Mac.format(lladdr)));
    }

    /** The RTM_NEWNEIGH of {@code spec}, as iproute2 writes it. */
    static void encodeNew(MessageWriter w, int createFlags, NeighbourSpec spec) {
        FAMILY.begin(w, RTM_NEWNEIGH, createFlags);
        ndmsg(w, IpPrefix.familyOf(spec.address()), spec.ifindex(), spec.state().bit());
        w.attrAddress(NDA_DST, spec.address());
        if (spec.macBytes() != null) {
            w.attrBytes(NDA_LLADDR, spec.macBytes());
        }
        w.end();
    }

    /** The RTM_DELNEIGH, as iproute2 writes it (its state field says permanent; the kernel ignores it). */
    static void encodeDelete(MessageWriter w, int ifindex, InetAddress ip) {
        FAMILY.begin(w, RTM_DELNEIGH, 0);
        ndmsg(w, IpPrefix.familyOf(ip), ifindex, NeighbourState.PERMANENT.bit());
        w.attrAddress(NDA_DST, ip);
        w.end();
    }

    private static void ndmsg(MessageWriter w, int family, int ifindex, int state) {
        w.u8(family).u8(0).u16(0).s32(ifindex).u16(state).u8(0).u8(0);
    }
}
