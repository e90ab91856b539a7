package io.jnetlink.rtnl.bridge;

import static io.jnetlink.rtnl.bridge.Br.*;

import io.jnetlink.core.MalformedMessageException;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.core.codec.Netlink;
import io.jnetlink.core.net.Mac;
import io.jnetlink.rtnl.family.Attributes;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * One FDB entry as the kernel reports it (an RTM_NEWNEIGH of family AF_BRIDGE), from
 * {@link Fdb#list()}: a bridge's learned and configured entries and a VXLAN device's remotes.
 *
 * <p>Immutable and safe to hand to another thread. A decoded entry keeps the bytes of its message
 * (a copy of the datagram made once and shared with the other entries of the same datagram, never
 * the socket's buffer): decoding checks the message whole and reads its numbers; the MAC text,
 * the remote's address and the unmodeled attributes become objects when first asked for.
 *
 * <p>The accessors are those of a record with these components, and equality is over all of them:
 *
 * <ul>
 *   <li>{@code mac}: the MAC address, lower-case colon form
 *   <li>{@code ifindex}: the device (port or VXLAN device) the entry is on
 *   <li>{@code stateBits}: the {@code NUD_*} bits as reported
 *   <li>{@code flags}: the {@code NTF_*} flags (self 2, master 4, extern_learn 16, sticky 64, ...)
 *   <li>{@code vlan}: the VLAN (NDA_VLAN), or 0
 *   <li>{@code destination}: the remote VTEP of a VXLAN entry (NDA_DST), or null
 *   <li>{@code vni}: the remote VNI (NDA_VNI), or -1
 *   <li>{@code port}: the remote UDP port (NDA_PORT), or 0
 *   <li>{@code masterIndex}: the bridge the device is a port of (NDA_MASTER), or 0
 *   <li>{@code unknown}: attributes not modelled here (NDA_CACHEINFO, NDA_SRC_VNI, ...), kept as received
 * </ul>
 */
public final class FdbEntryInfo {
    /** The attributes decoded into fields; the others are {@link #unknown()}. */
    private static final long MODELED = Attributes.mask(NDA_LLADDR, NDA_VLAN, NDA_DST, NDA_VNI, NDA_PORT, NDA_MASTER);

    private final int ifindex;
    private final int stateBits;
    private final int flags;
    private final int vlan;
    private final long vni;
    private final int port;
    private final int masterIndex;
    /** The retained datagram the message is in. */
    private final MemorySegment data;
    // where the payloads are in data (-1: absent), and the attribute run
    private final int macAt;
    private final int destinationAt;
    private final int destinationLength;
    private final int attributesAt;
    private final int attributesEnd;
    private final boolean hasUnknown;
    // Made on first use; immutable values, so a race at worst makes one twice (no lock needed).
    private String mac;
    private InetAddress destination;
    private List<RawAttribute> unknown;

    private FdbEntryInfo(int ifindex, int stateBits, int flags, int vlan, long vni, int port, int masterIndex,
                         MemorySegment data, int macAt, int destinationAt, int destinationLength, int attributesAt,
                         int attributesEnd, boolean hasUnknown) {
        this.ifindex = ifindex;
        this.stateBits = stateBits;
        this.flags = flags;
        this.vlan = vlan;
        this.vni = vni;
        this.port = port;
        this.masterIndex = masterIndex;
        this.data = data;
        this.macAt = macAt;
        this.destinationAt = destinationAt;
        this.destinationLength = destinationLength;
        this.attributesAt = attributesAt;
        this.attributesEnd = attributesEnd;
        this.hasUnknown = hasUnknown;
    }

    /** {@return the MAC address, lower-case colon form} */
    public String mac() {
        String m = mac;
        if (m == null) {
            mac = m = Mac.format(data, macAt, 6);
        }
        return m;
    }

    /** {@return the device (port or VXLAN device) the entry is on} */
    public int ifindex() {
        return ifindex;
    }

    /** {@return the {@code NUD_*} bits as reported} */
    public int stateBits() {
        return stateBits;
    }

    /** {@return the {@code NTF_*} flags (self 2, master 4, extern_learn 16, sticky 64, ...)} */
    public int flags() {
        return flags;
    }

    /** {@return the VLAN (NDA_VLAN), or 0} */
    public int vlan() {
        return vlan;
    }

    /** {@return the remote VTEP of a VXLAN entry (NDA_DST), or null} */
    public InetAddress destination() {
        InetAddress d = destination;
        if (d == null && destinationAt >= 0) {
            destination = d = AttributeCursor.address(data, destinationAt, destinationLength);
        }
        return d;
    }

    /** {@return the remote VNI (NDA_VNI), or -1} */
    public long vni() {
        return vni;
    }

    /** {@return the remote UDP port (NDA_PORT), or 0} */
    public int port() {
        return port;
    }

    /** {@return the bridge the device is a port of (NDA_MASTER), or 0} */
    public int masterIndex() {
        return masterIndex;
    }

    /** {@return attributes not modelled here (NDA_CACHEINFO, NDA_SRC_VNI, ...), kept as received} */
    public List<RawAttribute> unknown() {
        List<RawAttribute> u = unknown;
        if (u == null) {
            u = hasUnknown ? Attributes.unmodeled(data, attributesAt, attributesEnd, MODELED, NDA_NAMES) : List.of();
            unknown = u;
        }
        return u;
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
        AttributeCursor a = Fdb.FAMILY.scan(m); // the view's own cursor: one pass, nothing allocated
        if (m.u8(0) != AF_BRIDGE) {
            return null;
        }
        int ifindex = m.u32(4);
        int state = m.u16(8);
        int flags = m.u8(10);
        int mac = -1;
        int vlan = 0;
        int dst = -1;
        int dstLength = 0;
        long vni = -1;
        int port = 0;
        int master = 0;
        boolean unknown = false;
        while (a.next()) {
            switch (a.type()) {
                case NDA_LLADDR -> {
                    if (a.length() != 6) {
                        throw a.malformed("MAC address (6 bytes) expected, got " + a.length() + " bytes");
                    }
                    mac = Math.toIntExact(a.payloadOffset());
                }
                case NDA_VLAN -> vlan = a.u16();
                case NDA_DST -> {
                    if (a.length() != 4 && a.length() != 16) {
                        throw a.malformed("address expected (4 or 16 bytes), got " + a.length() + " bytes");
                    }
                    dst = Math.toIntExact(a.payloadOffset());
                    dstLength = a.length();
                }
                case NDA_VNI -> vni = Integer.toUnsignedLong(a.u32());
                case NDA_PORT -> port = a.u16be();
                case NDA_MASTER -> master = a.u32();
                default -> unknown = true;
            }
        }
        if (mac < 0) {
            throw new MalformedMessageException("NDA_LLADDR", m.payloadOffset(), "an FDB entry without a MAC address");
        }
        return new FdbEntryInfo(ifindex, state, flags, vlan, vni, port, master, m.retained(), mac, dst, dstLength,
                Math.toIntExact(m.payloadOffset() + Netlink.align(NDMSG_LEN)), Math.toIntExact(m.offset() + m.length()),
                unknown);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof FdbEntryInfo e && ifindex == e.ifindex && stateBits == e.stateBits
                && flags == e.flags && vlan == e.vlan && vni == e.vni && port == e.port && masterIndex == e.masterIndex
                && mac().equals(e.mac()) && Objects.equals(destination(), e.destination())
                && unknown().equals(e.unknown());
    }

    @Override
    public int hashCode() {
        return Objects.hash(mac(), ifindex, stateBits, flags, vlan, destination(), vni, port, masterIndex, unknown());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("FdbEntryInfo[").append(mac()).append(" dev ").append(ifindex);
        if (vlan != 0) {
            sb.append(" vlan ").append(vlan);
        }
        FdbEntry.appendRemote(sb, destination(), vni, port);
        if (masterIndex != 0) {
            sb.append(" master ").append(masterIndex);
        }
        return sb.append(" state 0x").append(Integer.toHexString(stateBits)).append(" flags 0x")
                .append(Integer.toHexString(flags)).append(']').toString();
    }
}
