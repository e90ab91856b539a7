package io.jnetlink.rtnl.neigh;

import static io.jnetlink.rtnl.neigh.Nd.*;

import io.jnetlink.core.MalformedMessageException;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.core.net.Mac;
import io.jnetlink.rtnl.family.Attributes;
import io.jnetlink.core.net.IpPrefix;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One neighbour (ARP or NDP) entry as the kernel reports it (an RTM_NEWNEIGH message): what
 * {@code ip neigh} and {@code arp} show.
 *
 * @param family  {@link IpPrefix#AF_INET} or {@link IpPrefix#AF_INET6}
 * @param ifindex the link's index
 * @param address NDA_DST, the neighbour's IP address
 * @param mac     NDA_LLADDR as lower-case colon-separated hex ("02:00:00:00:00:09"), or null when
 *                the entry has none (incomplete or failed entries)
 * @param stateBits the raw {@code NUD_*} bits; see {@link #states()} and {@link #state()}
 * @param flags   the {@code NTF_*} flags (router, proxy, ...)
 * @param type    the ndm_type (a route type number; unicast for ordinary entries)
 * @param unknown attributes not modelled here (NDA_CACHEINFO, NDA_PROBES, ...), kept as received
 */
public record NeighbourInfo(int family, int ifindex, InetAddress address, String mac, int stateBits, int flags,
                            int type, List<RawAttribute> unknown) {
    /** NTF_ROUTER: the neighbour is a router (IPv6). */
    public static final int NTF_ROUTER = 1 << 7;

    /** Copies the lists, so the record is immutable. */
    public NeighbourInfo {
        unknown = List.copyOf(unknown);
    }

    /** The states set (one in practice; {@link NeighbourState#NONE} when none). */
    public Set<NeighbourState> states() {
        return NeighbourState.fromBits(stateBits);
    }

    /**
     * The primary state: the one bit set, or when several are, the most lasting one (permanent,
     * noarp, reachable, stale, delay, probe, incomplete, failed); {@link NeighbourState#NONE} when none.
     */
    public NeighbourState state() {
        NeighbourState[] order = {NeighbourState.PERMANENT, NeighbourState.NOARP, NeighbourState.REACHABLE,
                                  NeighbourState.STALE, NeighbourState.DELAY, NeighbourState.PROBE,
                                  NeighbourState.INCOMPLETE, NeighbourState.FAILED};
        for (NeighbourState s : order) {
            if ((stateBits & s.bit()) != 0) {
                return s;
            }
        }
        return NeighbourState.NONE;
    }

    /** Whether the entry is permanent (set by an administrator). */
    public boolean isPermanent() {
        return (stateBits & NeighbourState.PERMANENT.bit()) != 0;
    }

    /**
     * Decodes an RTM_NEWNEIGH (or RTM_DELNEIGH) message.
     *
     * @return the entry, or null for another message type, a family other than IPv4 and IPv6
     *         (bridge FDB entries share the message type), or an entry without NDA_DST
     * @throws MalformedMessageException if the message breaks the format
     */
    public static NeighbourInfo decode(Message m) {
        if (m.type() != RTM_NEWNEIGH && m.type() != RTM_DELNEIGH) {
            return null;
        }
        m.requirePayload(NDMSG_LEN, "struct ndmsg");
        int family = m.u8(0);
        if (family != IpPrefix.AF_INET && family != IpPrefix.AF_INET6) {
            return null;
        }
        int addrLen = family == IpPrefix.AF_INET ? 4 : 16;
        int ifindex = m.u32(4);
        int state = m.u16(8);
        int flags = m.u8(10);
        int type = m.u8(11);
        InetAddress dst = null;
        String mac = null;
        List<RawAttribute> unknown = new ArrayList<>(2);
        AttributeCursor a = Neighbours.FAMILY.attributes(m);
        while (a.next()) {
            switch (a.type()) {
                case NDA_DST -> dst = Attributes.address(a, addrLen);
                case NDA_LLADDR -> mac = a.length() == 0 ? null : Mac.format(a.segment(), a.payloadOffset(), a.length());
                default -> unknown.add(a.raw());
            }
        }
        if (dst == null) {
            return null;
        }
        return new NeighbourInfo(family, ifindex, dst, mac, state, flags, type, unknown);
    }

    /** Link-layer address bytes as lower-case colon-separated hex (see {@link Mac#format(byte[])}). */
    public static String formatMac(byte[] b) {
        return Mac.format(b);
    }

    /**
     * Parses a 6-byte MAC address "02:00:00:00:00:09" (colons or dashes; either case; multicast
     * allowed), by the library's one set of rules: {@link Mac#parse}.
     *
     * @throws IllegalArgumentException naming the input if it is not six two-digit hex octets
     */
    public static byte[] parseMac(String text) {
        return Mac.parse(text);
    }

    @Override
    public String toString() {
        return "NeighbourInfo[" + IpPrefix.format(address) + " link " + ifindex + (mac != null ? " lladdr " + mac : "")
                + " " + states() + (flags != 0 ? " flags 0x" + Integer.toHexString(flags) : "") + "]";
    }
}
