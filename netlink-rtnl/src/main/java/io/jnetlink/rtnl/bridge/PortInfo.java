package io.jnetlink.rtnl.bridge;

import static io.jnetlink.rtnl.bridge.Br.*;

import io.jnetlink.core.MalformedMessageException;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.RawAttribute;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * One bridge port as the kernel reports it to AF_BRIDGE (an RTM_NEWLINK of family AF_BRIDGE):
 * its STP state and port options (IFLA_PROTINFO) and, when asked for, its VLANs (IFLA_AF_SPEC).
 *
 * @param ifindex     the port's link index
 * @param name        the port's name
 * @param masterIndex the bridge's link index
 * @param stpState    the STP state (0 disabled, 1 listening, 2 learning, 3 forwarding, 4 blocking)
 * @param priority    the STP port priority
 * @param cost        the STP path cost
 * @param hairpin     hairpin mode
 * @param flood       unknown-unicast flooding
 * @param learning    learning
 * @param isolated    isolation
 * @param vlans       the port's VLANs (ranges as the kernel groups them), empty when not asked for or none
 * @param unknown     IFLA_PROTINFO attributes not modelled here, kept as received
 */
public record PortInfo(int ifindex, String name, int masterIndex, int stpState, int priority, long cost,
                       boolean hairpin, boolean flood, boolean learning, boolean isolated, List<PortVlan> vlans,
                       List<RawAttribute> unknown) {
    /** Copies the lists, so the record is immutable. */
    public PortInfo {
        vlans = List.copyOf(vlans);
        unknown = List.copyOf(unknown);
    }

    /**
     * {@return the options as a request would set them (for comparing with what was set)}
     *
     * @throws IllegalArgumentException if the kernel's cost or priority is outside what a request may set
     */
    public PortOptions options() {
        return new PortOptions(hairpin, flood, learning, (int) cost, priority, isolated);
    }

    /**
     * Decodes an RTM_NEWLINK (or, for a port leaving its bridge, RTM_DELLINK) of family AF_BRIDGE.
     *
     * @param m the message
     * @return the port, or null for another message type or family, or a link with no port
     *         information (the bridge itself)
     * @throws MalformedMessageException if the message breaks the format
     */
    public static PortInfo decode(Message m) {
        if (m.type() != RTM_NEWLINK && m.type() != RTM_DELLINK) {
            return null;
        }
        AttributeCursor a = BridgePorts.FAMILY.attributes(m);
        if (m.u8(0) != AF_BRIDGE) {
            return null;
        }
        int ifindex = m.u32(4);
        String name = null;
        int master = 0;
        boolean port = false;
        int state = 0;
        int priority = 0;
        long cost = 0;
        boolean hairpin = false;
        boolean flood = false;
        boolean learning = false;
        boolean isolated = false;
        List<PortVlan> vlans = new ArrayList<>(0);
        List<RawAttribute> unknown = new ArrayList<>(0);
        while (a.next()) {
            switch (a.type()) {
                case IFLA_IFNAME -> name = a.string();
                case IFLA_MASTER -> master = a.u32();
                case IFLA_PROTINFO -> {
                    port = true;
                    AttributeCursor p = a.nested(BRPORT_NAMES);
                    while (p.next()) {
                        switch (p.type()) {
                            case IFLA_BRPORT_STATE -> state = p.u8();
                            case IFLA_BRPORT_PRIORITY -> priority = p.u16();
                            case IFLA_BRPORT_COST -> cost = Integer.toUnsignedLong(p.u32());
                            case IFLA_BRPORT_MODE -> hairpin = p.u8() != 0;
                            case IFLA_BRPORT_UNICAST_FLOOD -> flood = p.u8() != 0;
                            case IFLA_BRPORT_LEARNING -> learning = p.u8() != 0;
                            case IFLA_BRPORT_ISOLATED -> isolated = p.u8() != 0;
                            default -> unknown.add(p.raw());
                        }
                    }
                }
                case IFLA_AF_SPEC -> vlans(a, vlans);
                default -> { } // the link's own attributes (MTU, operstate, ...) are Links' business
            }
        }
        if (!port) {
            return null;
        }
        return new PortInfo(ifindex, name, master, state, priority, cost, hairpin, flood, learning, isolated, vlans,
                unknown);
    }

    /** Reads the IFLA_BRIDGE_VLAN_INFO entries of IFLA_AF_SPEC, joining range begin/end pairs. */
    private static void vlans(AttributeCursor a, List<PortVlan> out) {
        AttributeCursor v = a.nested(BRIDGE_NAMES);
        int rangeStart = -1;
        while (v.next()) {
            if (v.type() != IFLA_BRIDGE_VLAN_INFO) {
                continue; // IFLA_BRIDGE_FLAGS and tunnel info say nothing about the port's VLANs
            }
            if (v.length() != VLAN_INFO_LEN) {
                throw v.malformed("struct bridge_vlan_info (4 bytes) expected, got " + v.length() + " bytes");
            }
            int flags = v.segment().get(ValueLayout.JAVA_SHORT_UNALIGNED, v.payloadOffset()) & 0xFFFF;
            int vid = v.segment().get(ValueLayout.JAVA_SHORT_UNALIGNED, v.payloadOffset() + 2) & 0xFFFF;
            try {
                if ((flags & BRIDGE_VLAN_INFO_RANGE_BEGIN) != 0) {
                    rangeStart = vid;
                } else if ((flags & BRIDGE_VLAN_INFO_RANGE_END) != 0) {
                    if (rangeStart < 0) {
                        throw v.malformed("VLAN range end " + vid + " without a beginning");
                    }
                    out.add(new PortVlan(rangeStart, vid, false, (flags & BRIDGE_VLAN_INFO_UNTAGGED) != 0));
                    rangeStart = -1;
                } else {
                    out.add(new PortVlan(vid, vid, (flags & BRIDGE_VLAN_INFO_PVID) != 0,
                            (flags & BRIDGE_VLAN_INFO_UNTAGGED) != 0));
                }
            } catch (IllegalArgumentException e) {
                throw v.malformed(e.getMessage());
            }
        }
    }

    @Override
    public String toString() {
        return "PortInfo[" + name + " (" + ifindex + ") master " + masterIndex + " state " + stpState + " cost " + cost
                + " priority " + priority + " hairpin " + hairpin + " flood " + flood + " learning " + learning
                + " isolated " + isolated + (vlans.isEmpty() ? "" : " vlans " + vlans) + "]";
    }
}
