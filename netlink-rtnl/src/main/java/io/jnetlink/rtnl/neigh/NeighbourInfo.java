package io.jnetlink.rtnl.neigh;

import static io.jnetlink.rtnl.neigh.Nd.*;

import io.jnetlink.core.MalformedMessageException;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.core.net.Mac;
import io.jnetlink.rtnl.family.Attributes;
import io.jnetlink.core.net.IpPrefix;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One neighbour (ARP or NDP) entry as the kernel reports it (an RTM_NEWNEIGH message): what
 * {@code ip neigh} and {@code arp} show.
 *
 * <p>Immutable and safe to hand to another thread. A decoded entry keeps the bytes of its message
 * (a copy of the datagram made once and shared with the other entries of the same datagram, never
 * the socket's buffer): decoding checks the message whole and reads its numbers; the address, the
 * MAC text and the unmodeled attributes become objects when first asked for.
 *
 * <p>The accessors are those of a record with these components, and equality is over all of them:
 *
 * <ul>
 *   <li>{@code family}: {@link IpPrefix#AF_INET} or {@link IpPrefix#AF_INET6}
 *   <li>{@code ifindex}: the link's index
 *   <li>{@code address}: NDA_DST, the neighbour's IP address
 *   <li>{@code mac}: NDA_LLADDR as lower-case colon-separated hex ("02:00:00:00:00:09"), or null when the entry has none (incomplete or failed entries)
 *   <li>{@code stateBits}: the raw {@code NUD_*} bits; see {@link #states()} and {@link #state()}
 *   <li>{@code flags}: the {@code NTF_*} flags (router, proxy, ...)
 *   <li>{@code type}: the ndm_type (a route type number; unicast for ordinary entries)
 *   <li>{@code unknown}: attributes not modelled here (NDA_CACHEINFO, NDA_PROBES, ...), kept as received
 * </ul>
 */
public final class NeighbourInfo {
    /** The attributes decoded into fields; the others are {@link #unknown()}. */
    private static final long MODELED = Attributes.mask(NDA_DST, NDA_LLADDR);

    private final int family;
    private final int ifindex;
    private final int stateBits;
    private final int flags;
    private final int type;
    /** The retained datagram the message is in. */
    private final MemorySegment data;
    // where the payloads are in data (-1: absent), and the attribute run
    private final int addressAt;
    private final int macAt;
    private final int macLength;
    private final int attributesAt;
    private final int attributesEnd;
    private final boolean hasUnknown;
    // Made on first use; immutable values, so a race at worst makes one twice (no lock needed).
    private InetAddress address;
    private String mac;
    private List<RawAttribute> unknown;

    private NeighbourInfo(int family, int ifindex, int stateBits, int flags, int type, MemorySegment data,
                          int addressAt, int macAt, int macLength, int attributesAt, int attributesEnd,
                          boolean hasUnknown) {
        this.family = family;
        this.ifindex = ifindex;
        this.stateBits = stateBits;
        this.flags = flags;
        this.type = type;
        this.data = data;
        this.addressAt = addressAt;
        this.macAt = macAt;
        this.macLength = macLength;
        this.attributesAt = attributesAt;
        this.attributesEnd = attributesEnd;
        this.hasUnknown = hasUnknown;
    }

    /**
     * {@link IpPrefix#AF_INET} or {@link IpPrefix#AF_INET6}.
     *
     * @return the address family
     */
    public int family() {
        return family;
    }

    /** {@return the link's index} */
    public int ifindex() {
        return ifindex;
    }

    /**
     * NDA_DST, the neighbour's IP address.
     *
     * @return the address
     */
    public InetAddress address() {
        InetAddress a = address;
        if (a == null) {
            address = a = Attributes.address(data, addressAt, family == IpPrefix.AF_INET ? 4 : 16);
        }
        return a;
    }

    /**
     * NDA_LLADDR as lower-case colon-separated hex ("02:00:00:00:00:09"), or null when the entry
     * has none (incomplete or failed entries).
     *
     * @return the MAC address, or null
     */
    public String mac() {
        if (macAt < 0) {
            return null;
        }
        String m = mac;
        if (m == null) {
            mac = m = Mac.format(data, macAt, macLength);
        }
        return m;
    }

    /** {@return the raw {@code NUD_*} bits; see {@link #states()} and {@link #state()}} */
    public int stateBits() {
        return stateBits;
    }

    /** {@return the {@code NTF_*} flags (router, proxy, ...)} */
    public int flags() {
        return flags;
    }

    /** {@return the ndm_type (a route type number; unicast for ordinary entries)} */
    public int type() {
        return type;
    }

    /**
     * Attributes not modelled here (NDA_CACHEINFO, NDA_PROBES, ...), kept as received.
     *
     * @return the attributes, in the order received
     */
    public List<RawAttribute> unknown() {
        List<RawAttribute> u = unknown;
        if (u == null) {
            u = hasUnknown ? Attributes.unmodeled(data, attributesAt, attributesEnd, MODELED, NAMES) : List.of();
            unknown = u;
        }
        return u;
    }

    /** NTF_ROUTER: the neighbour is a router (IPv6). */
    public static final int NTF_ROUTER = 1 << 7;

    /** {@return the states set (one in practice; {@link NeighbourState#NONE} when none)} */
    public Set<NeighbourState> states() {
        return NeighbourState.fromBits(stateBits);
    }

    /**
     * {@return the primary state: the one bit set, or when several are, the most lasting one (permanent,
     * noarp, reachable, stale, delay, probe, incomplete, failed); {@link NeighbourState#NONE} when none}
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

    /** {@return whether the entry is permanent (set by an administrator)} */
    public boolean isPermanent() {
        return (stateBits & NeighbourState.PERMANENT.bit()) != 0;
    }

    /**
     * Decodes an RTM_NEWNEIGH (or RTM_DELNEIGH) message.
     *
     * @param m the message
     * @return the entry, or null for another message type, a family other than IPv4 and IPv6
     *         (bridge FDB entries share the message type), or an entry without NDA_DST
     * @throws MalformedMessageException if the message breaks the format (checked here, whole)
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
        int dst = -1;
        int mac = -1;
        int macLength = 0;
        boolean unknown = false;
        AttributeCursor a = Neighbours.FAMILY.scan(m); // the view's own cursor: one pass, nothing allocated
        while (a.next()) {
            switch (a.type()) {
                case NDA_DST -> dst = Attributes.checkAddress(a, addrLen);
                case NDA_LLADDR -> {
                    mac = a.length() == 0 ? -1 : Math.toIntExact(a.payloadOffset());
                    macLength = a.length();
                }
                default -> unknown = true;
            }
        }
        if (dst < 0) {
            return null;
        }
        return new NeighbourInfo(family, ifindex, state, flags, type, m.retained(), dst, mac, macLength,
                Math.toIntExact(m.payloadOffset() + io.jnetlink.core.codec.Netlink.align(NDMSG_LEN)),
                Math.toIntExact(m.offset() + m.length()), unknown);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof NeighbourInfo n && family == n.family && ifindex == n.ifindex
                && stateBits == n.stateBits && flags == n.flags && type == n.type && address().equals(n.address())
                && Objects.equals(mac(), n.mac()) && unknown().equals(n.unknown());
    }

    @Override
    public int hashCode() {
        return Objects.hash(family, ifindex, address(), mac(), stateBits, flags, type, unknown());
    }

    /**
     * Link-layer address bytes as lower-case colon-separated hex (see {@link Mac#format(byte[])}).
     *
     * @param b the address bytes
     * @return the text
     */
    public static String formatMac(byte[] b) {
        return Mac.format(b);
    }

    /**
     * Parses a 6-byte MAC address "02:00:00:00:00:09" (colons or dashes; either case; multicast
     * allowed), by the library's one set of rules: {@link Mac#parse}.
     *
     * @param text the address
     * @throws IllegalArgumentException naming the input if it is not six two-digit hex octets
     * @return the six bytes
     */
    public static byte[] parseMac(String text) {
        return Mac.parse(text);
    }

    @Override
    public String toString() {
        return "NeighbourInfo[" + IpPrefix.format(address()) + " link " + ifindex + (mac() != null ? " lladdr " + mac() : "")
                + " " + states() + (flags != 0 ? " flags 0x" + Integer.toHexString(flags) : "") + "]";
    }
}
