package io.jnetlink.rtnl.bridge;

import static io.jnetlink.rtnl.bridge.Br.*;

import io.jnetlink.core.MalformedMessageException;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.rtnl.neigh.NeighbourInfo;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * One FDB entry as the kernel reports it (an RTM_NEWNEIGH of family AF_BRIDGE), from
 * {@link Fdb#list()}: a bridge's learned and configured entries and a VXLAN device's remotes.
 *
 * @param mac         the MAC address, lower-case colon form
 * @param ifindex     the device (port or VXLAN device) the entry is on
 * @param stateBits   the {@code NUD_*} bits as reported
 * @param flags       the {@code NTF_*} flags (self 2, master 4, extern_learn 16, sticky 64, ...)
 * @param vlan        the VLAN (NDA_VLAN), or 0
 * @param destination the remote VTEP of a VXLAN entry (NDA_DST), or null
 * @param vni         the remote VNI (NDA_VNI), or -1
 * @param port        the remote UDP port (NDA_PORT), or 0
 * @param masterIndex the bridge the device is a port of (NDA_MASTER), or 0
 * @param unknown     attributes not modelled here (NDA_CACHEINFO, NDA_SRC_VNI, ...), kept as received
 */
public record FdbEntryInfo(String mac, int ifindex, int stateBits, int flags, int vlan, InetAddress destination,
                           long vni, int port, int masterIndex, List<RawAttribute> unknown) {
    /** Copies the list, so the record is immutable. */
    public FdbEntryInfo {
        unknown = List.copyOf(unknown);
    }

    /** {@return the state as {@code bridge fdb} names it} */
    public FdbState state() {
        return FdbState.ofReported(stateBits);
    }

    /** {@return whether the entry is the device's own (NTF_SELF)} */
    public boolean self() {
        return (flags & NTF_SELF) != 0;
    }

    /** {@return whether the entry is the master bridge's (NTF_MASTER)} */
    public boolean master() {
        return (flags & NTF_MASTER) != 0;
    }

    /**
     * Decodes an RTM_NEWNEIGH (or RTM_DELNEIGH) of family AF_BRIDGE.
     *
     * @param m the message
     * @return the entry, or null for another message type or family
     * @throws MalformedMessageException if the message breaks the format
     */
    public static FdbEntryInfo decode(Message m) {
        if (m.type() != RTM_NEWNEIGH && m.type() != RTM_DELNEIGH) {
            return null;
        }
        AttributeCursor a = Fdb.FAMILY.attributes(m);
        if (m.u8(0) != AF_BRIDGE) {
            return null;
        }
        int ifindex = m.u32(4);
        int state = m.u16(8);
        int flags = m.u8(10);
        String mac = null;
        int vlan = 0;
        InetAddress dst = null;
        long vni = -1;
        int port = 0;
        int master = 0;
        List<RawAttribute> unknown = new ArrayList<>(2);
        while (a.next()) {
            switch (a.type()) {
                case NDA_LLADDR -> {
                    if (a.length() != 6) {
                        throw a.malformed("MAC address (6 bytes) expected, got " + a.length() + " bytes");
                    }
                    mac = NeighbourInfo.formatMac(a.bytes());
                }
                case NDA_VLAN -> vlan = a.u16();
                case NDA_DST -> dst = a.address();
                case NDA_VNI -> vni = Integer.toUnsignedLong(a.u32());
                case NDA_PORT -> port = a.u16be();
                case NDA_MASTER -> master = a.u32();
                default -> unknown.add(a.raw());
            }
        }
        if (mac == null) {
            throw new MalformedMessageException("NDA_LLADDR", m.payloadOffset(), "an FDB entry without a MAC address");
        }
        return new FdbEntryInfo(mac, ifindex, state, flags, vlan, dst, vni, port, master, unknown);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("FdbEntryInfo[").append(mac).append(" dev ").append(ifindex);
        if (vlan != 0) {
            sb.append(" vlan ").append(vlan);
        }
        FdbEntry.appendRemote(sb, destination, vni, port);
        if (masterIndex != 0) {
            sb.append(" master ").append(masterIndex);
        }
        return sb.append(" state 0x").append(Integer.toHexString(stateBits)).append(" flags 0x")
                .append(Integer.toHexString(flags)).append(']').toString();
    }
}
