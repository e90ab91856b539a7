package io.jnetlink.rtnl.bridge;

import static io.jnetlink.core.codec.Netlink.NLM_F_APPEND;
import static io.jnetlink.core.codec.Netlink.NLM_F_CREATE;
import static io.jnetlink.core.codec.Netlink.NLM_F_EXCL;
import static io.jnetlink.core.codec.Netlink.NLM_F_REPLACE;
import static io.jnetlink.rtnl.bridge.Br.*;

import io.jnetlink.core.Errno;
import io.jnetlink.core.NetlinkException;
import io.jnetlink.core.NoSuchDeviceException;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.socket.NetlinkSocket;
import io.jnetlink.rtnl.family.RtnlFamily;
import io.jnetlink.rtnl.link.Links;
import io.jnetlink.rtnl.neigh.NeighbourInfo;
import java.util.List;
import java.util.Objects;

/**
 * The forwarding databases of the bridges and VXLAN devices of one network namespace:
 * {@code bridge fdb add|append|replace|del|show}.
 *
 * <p>Each method is one netlink exchange on the given NETLINK_ROUTE socket, plus one RTM_GETLINK
 * when an entry names its device. Failures raise {@link io.jnetlink.core.NetlinkException} (or a
 * subclass) naming the operation, with the kernel's extended-ACK text.
 */
public final class Fdb {
    /**
     * The FDB family: RTM_NEWNEIGH / RTM_DELNEIGH / RTM_GETNEIGH of family AF_BRIDGE over
     * {@code struct ndmsg}, announced on RTNLGRP_NEIGH (with the neighbour tables), decoded into
     * {@link FdbEntryInfo}.
     */
    public static final RtnlFamily<FdbEntryInfo> FAMILY = RtnlFamily.builder("fdb", FdbEntryInfo.class)
            .types(RTM_NEWNEIGH, RTM_DELNEIGH, RTM_GETNEIGH)
            .header("struct ndmsg", NDMSG_LEN)
            .attributeNames(NDA_NAMES)
            .groups(RTNLGRP_NEIGH)
            .decoder(FdbEntryInfo::decode)
            .build();

    private final NetlinkSocket rtnl;

    /**
     * The FDB of the namespace {@code rtnl} belongs to.
     *
     * @param rtnl a NETLINK_ROUTE socket of the namespace
     */
    public Fdb(NetlinkSocket rtnl) {
        this.rtnl = Objects.requireNonNull(rtnl, "rtnl");
    }

    /**
     * Adds an entry (RTM_NEWNEIGH, NLM_F_CREATE|NLM_F_EXCL), as {@code bridge fdb add}.
     *
     * @param e the entry
     * @throws io.jnetlink.core.AlreadyExistsException if the entry exists
     * @throws NoSuchDeviceException                   if the named device does not exist
     */
    public void add(FdbEntry e) {
        send("add " + e, RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_EXCL, e);
    }

    /**
     * Appends a remote to an entry (NLM_F_CREATE|NLM_F_APPEND), as {@code bridge fdb append}: on a
     * VXLAN device the all-zero MAC then floods to every appended destination.
     *
     * @param e the entry with the remote to append
     */
    public void append(FdbEntry e) {
        send("append " + e, RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_APPEND, e);
    }

    /**
     * Adds an entry or replaces the one for its MAC (NLM_F_CREATE|NLM_F_REPLACE), as {@code bridge fdb replace}.
     *
     * @param e the entry
     */
    public void replace(FdbEntry e) {
        send("replace " + e, RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_REPLACE, e);
    }

    /**
     * Deletes an entry (RTM_DELNEIGH), as {@code bridge fdb del}; for a VXLAN entry with several
     * remotes, the destination says which one.
     *
     * @param e the entry
     * @throws io.jnetlink.core.NetlinkException with ENOENT if there is no such entry
     */
    public void delete(FdbEntry e) {
        send("delete " + e, RTM_DELNEIGH, 0, e);
    }

    /** {@return every FDB entry of every bridge port and VXLAN device (RTM_GETNEIGH dump of AF_BRIDGE)} */
    public List<FdbEntryInfo> list() {
        return FAMILY.dump(rtnl, "list FDB entries", Fdb::dumpFilter, null);
    }

    /**
     * {@return the FDB entries on device {@code ifindex} (a port or a VXLAN device)}
     *
     * @param ifindex the device's index
     */
    public List<FdbEntryInfo> list(int ifindex) {
        return FAMILY.dump(rtnl, "list FDB entries of link " + ifindex, Fdb::dumpFilter, e -> e.ifindex() == ifindex);
    }

    private void send(String op, int type, int createFlags, FdbEntry e) {
        Objects.requireNonNull(e, "entry");
        int ifindex = e.linkName() != null ? Links.indexOf(rtnl, e.linkName()) : e.ifindex();
        try {
            rtnl.request(op, w -> encode(w, type, createFlags, e, ifindex));
        } catch (NetlinkException x) {
            throw explain(x, e);
        }
    }

    /**
     * A bridge refuses an entry for a VLAN with a bare EINVAL (and a line in the kernel log) when
     * the VLAN is not configured on the port; say so beside the errno.
     */
    static NetlinkException explain(NetlinkException x, FdbEntry e) {
        if (e.vlan() == 0 || x.errno() != Errno.EINVAL || x.extAckMessage() != null || x.detail() != null) {
            return x;
        }
        NetlinkException n = NetlinkException.of(x.operation(), x.errnoValue(), null, x.extAckOffset(), x.sequence(),
                "a bridge takes an FDB entry for VLAN " + e.vlan() + " only if that VLAN is configured on the port"
                        + " (bridge vlan add), which needs a kernel with bridge VLAN filtering");
        n.initCause(x);
        return n;
    }

    /** The header of the RTM_GETNEIGH dump of family AF_BRIDGE (strict checking: the rest of it zero). */
    static void dumpFilter(MessageWriter w) {
        ndmsg(w, 0, 0, 0);
    }

    /**
     * Writes the RTM_NEWNEIGH or RTM_DELNEIGH for {@code e} on device {@code ifindex}, as
     * {@code bridge fdb} does: a delete carries the permanent state whatever the entry's.
     */
    static void encode(MessageWriter w, int type, int createFlags, FdbEntry e, int ifindex) {
        int state = type == RTM_DELNEIGH ? FdbState.PERMANENT.requestBits() : e.state().requestBits();
        FAMILY.begin(w, type, createFlags);
        ndmsg(w, ifindex, state, e.flags());
        w.attrBytes(NDA_LLADDR, NeighbourInfo.parseMac(e.mac()));
        if (e.destination() != null) {
            w.attrAddress(NDA_DST, e.destination());
        }
        if (e.vlan() != 0) {
            w.attrU16(NDA_VLAN, e.vlan());
        }
        if (e.port() != 0) {
            w.attrU16Be(NDA_PORT, e.port());
        }
        if (e.vni() != -1) {
            w.attrU32(NDA_VNI, (int) e.vni());
        }
        w.end();
    }

    private static void ndmsg(MessageWriter w, int ifindex, int state, int flags) {
        w.u8(AF_BRIDGE).u8(0).u16(0).s32(ifindex).u16(state).u8(flags).u8(0);
    }
}
