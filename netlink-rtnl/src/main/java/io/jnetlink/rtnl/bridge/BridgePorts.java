package io.jnetlink.rtnl.bridge;

import static io.jnetlink.core.codec.Netlink.NLA_F_NESTED;
import static io.jnetlink.core.codec.Netlink.NLM_F_ACK;
import static io.jnetlink.core.codec.Netlink.NLM_F_REQUEST;
import static io.jnetlink.rtnl.bridge.Br.*;

import io.jnetlink.core.Errno;
import io.jnetlink.core.NetlinkException;
import io.jnetlink.core.NoSuchDeviceException;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.socket.NetlinkSocket;
import io.jnetlink.rtnl.family.KernelLacksException;
import io.jnetlink.rtnl.family.RtnlFamily;
import io.jnetlink.rtnl.link.Links;
import java.util.List;
import java.util.Objects;

/**
 * The bridge ports of one network namespace, seen from the bridge (AF_BRIDGE): their options
 * ({@code bridge link set|show}) and VLANs ({@code bridge vlan add|del|show}).
 *
 * <p>Each method is one netlink exchange on the given NETLINK_ROUTE socket, plus one RTM_GETLINK
 * when a port is given by name. Failures raise {@link NetlinkException} (or a subclass) naming the
 * operation, with the kernel's extended-ACK text. A kernel built without VLAN filtering refuses
 * VLAN requests with {@link Errno#EOPNOTSUPP}: that comes out as a {@link KernelLacksException}.
 */
public final class BridgePorts {
    /**
     * The bridge-port family: links as AF_BRIDGE reports them (RTM_NEWLINK / RTM_DELLINK /
     * RTM_GETLINK of family AF_BRIDGE over {@code struct ifinfomsg}, announced on RTNLGRP_LINK),
     * decoded into {@link PortInfo}. Options are set with RTM_SETLINK, which iproute2's
     * {@code bridge link set} uses.
     */
    public static final RtnlFamily<PortInfo> FAMILY = RtnlFamily.builder("bridge port", PortInfo.class)
            .types(RTM_NEWLINK, RTM_DELLINK, RTM_GETLINK)
            .header("struct ifinfomsg", IFINFOMSG_LEN)
            .attributeNames(IFLA_NAMES)
            .groups(RTNLGRP_LINK)
            .decoder(PortInfo::decode)
            .build();

    private final NetlinkSocket rtnl;

    /**
     * Bridge ports of the namespace {@code rtnl} belongs to.
     *
     * @param rtnl a NETLINK_ROUTE socket of the namespace
     */
    public BridgePorts(NetlinkSocket rtnl) {
        this.rtnl = Objects.requireNonNull(rtnl, "rtnl");
    }

    /**
     * Sets options of bridge port {@code port} (RTM_SETLINK, AF_BRIDGE, IFLA_PROTINFO), as
     * {@code bridge link set dev PORT ...}.
     *
     * @param port the port's name
     * @param options the options to set (those left unset stay as they are)
     * @throws IllegalArgumentException if no option is set
     * @throws NoSuchDeviceException    if there is no such link
     * @throws NetlinkException         (EOPNOTSUPP) if the link is not a bridge port
     */
    public void set(String port, PortOptions options) {
        set(Links.indexOf(rtnl, port), options);
    }

    /**
     * {@link #set(String, PortOptions)} for a port given by index.
     *
     * @param port the port's index
     * @param options the options to set (those left unset stay as they are)
     */
    public void set(int port, PortOptions options) {
        Objects.requireNonNull(options, "options");
        if (options.isEmpty()) {
            throw new IllegalArgumentException("no bridge port option to set");
        }
        rtnl.request("set bridge port " + port + " " + options, w -> encodeOptions(w, port, options));
    }

    /** {@return every bridge port with its options and VLANs (RTM_GETLINK dump of AF_BRIDGE)} */
    public List<PortInfo> list() {
        return FAMILY.dump(rtnl, "list bridge ports", BridgePorts::dumpFilter, null);
    }

    /**
     * Bridge port {@code port} with its options and VLANs.
     *
     * @param port the port's name
     * @throws NoSuchDeviceException if there is no such link or it is no bridge port
     * @return the port
     */
    public PortInfo get(String port) {
        return get(Links.indexOf(rtnl, port));
    }

    /**
     * {@link #get(String)} for a port given by index.
     *
     * @param port the port's index
     * @return the port
     */
    public PortInfo get(int port) {
        List<PortInfo> found = FAMILY.dump(rtnl, "get bridge port " + port, BridgePorts::dumpFilter,
                p -> p.ifindex() == port);
        if (!found.isEmpty()) {
            return found.get(0);
        }
        throw new NoSuchDeviceException("get bridge port " + port, "no bridge port with index " + port);
    }

    /**
     * Adds VLANs to bridge port {@code port} (RTM_SETLINK, AF_BRIDGE, IFLA_AF_SPEC), as
     * {@code bridge vlan add dev PORT vid ...}.
     *
     * @param port the port's name
     * @param vlan the VLANs to add
     * @throws KernelLacksException if this kernel has no bridge VLAN filtering
     */
    public void addVlan(String port, PortVlan vlan) {
        vlan("add " + vlan + " to bridge port " + port, RTM_SETLINK, Links.indexOf(rtnl, port), vlan);
    }

    /**
     * Deletes VLANs from bridge port {@code port} (RTM_DELLINK), as {@code bridge vlan del dev PORT vid ...}.
     *
     * @param port the port's name
     * @param vlan the VLANs to delete
     */
    public void deleteVlan(String port, PortVlan vlan) {
        vlan("delete " + vlan + " from bridge port " + port, RTM_DELLINK, Links.indexOf(rtnl, port), vlan);
    }

    private void vlan(String op, int type, int port, PortVlan vlan) {
        Objects.requireNonNull(vlan, "vlan");
        try {
            rtnl.request(op, w -> encodeVlan(w, type, port, vlan));
        } catch (NetlinkException e) {
            if (e.errno() == Errno.EOPNOTSUPP) {
                throw new KernelLacksException(e, "bridge VLAN filtering (CONFIG_BRIDGE_VLAN_FILTERING)");
            }
            throw e;
        }
    }

    /** The header of the RTM_GETLINK dump of AF_BRIDGE, asking for VLANs too (RTEXT_FILTER_BRVLAN). */
    static void dumpFilter(MessageWriter w) {
        ifinfomsg(w, 0);
        w.attrU32(IFLA_EXT_MASK, RTEXT_FILTER_BRVLAN);
    }

    /** The RTM_SETLINK of port options, attributes in {@code bridge link set}'s order. */
    static void encodeOptions(MessageWriter w, int port, PortOptions o) {
        w.begin(RTM_SETLINK, NLM_F_REQUEST | NLM_F_ACK);
        ifinfomsg(w, port);
        w.nest(IFLA_PROTINFO | NLA_F_NESTED, p -> {
            flag(p, IFLA_BRPORT_MODE, o.hairpin());
            flag(p, IFLA_BRPORT_UNICAST_FLOOD, o.flood());
            flag(p, IFLA_BRPORT_LEARNING, o.learning());
            if (o.cost() != null) {
                p.attrU32(IFLA_BRPORT_COST, o.cost());
            }
            if (o.priority() != null) {
                p.attrU16(IFLA_BRPORT_PRIORITY, o.priority());
            }
            flag(p, IFLA_BRPORT_ISOLATED, o.isolated());
        });
        w.end();
    }

    /** The RTM_SETLINK (add) or RTM_DELLINK (delete) of port VLANs, a range as a begin/end pair. */
    static void encodeVlan(MessageWriter w, int type, int port, PortVlan v) {
        // RTM_SETLINK adds (as bridge vlan add sends it); RTM_DELLINK of AF_BRIDGE deletes VLANs, not the link.
        w.begin(type, NLM_F_REQUEST | NLM_F_ACK);
        ifinfomsg(w, port);
        w.nest(IFLA_AF_SPEC, s -> {
            if (v.last() == v.vid()) {
                s.nest(IFLA_BRIDGE_VLAN_INFO, i -> i.u16(v.flags()).u16(v.vid()));
            } else {
                s.nest(IFLA_BRIDGE_VLAN_INFO, i -> i.u16(v.flags() | BRIDGE_VLAN_INFO_RANGE_BEGIN).u16(v.vid()));
                s.nest(IFLA_BRIDGE_VLAN_INFO, i -> i.u16(v.flags() | BRIDGE_VLAN_INFO_RANGE_END).u16(v.last()));
            }
        });
        w.end();
    }

    private static void flag(MessageWriter w, int type, Boolean on) {
        if (on != null) {
            w.attrU8(type, on ? 1 : 0);
        }
    }

    private static void ifinfomsg(MessageWriter w, int index) {
        w.u8(AF_BRIDGE).u8(0).u16(0).s32(index).u32(0).u32(0);
    }
}
