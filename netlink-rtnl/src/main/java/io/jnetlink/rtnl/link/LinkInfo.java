package io.jnetlink.rtnl.link;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.core.net.Mac;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A link as the kernel reports it (RTM_NEWLINK): what {@code ip -d -s link show} prints.
 *
 * @param index        interface index
 * @param name         interface name
 * @param type         ARPHRD_* hardware type (1 = ether, 772 = loopback)
 * @param flags        IFF_* flags (use {@link #isUp()}, {@link #isLowerUp()})
 * @param operState    RFC 2863 operational state
 * @param mtu          MTU in bytes
 * @param mac          hardware address as "aa:bb:cc:dd:ee:ff", or null if the link has none
 * @param master       index of the master (bridge) or 0
 * @param kind         IFLA_INFO_KIND ("veth", "bridge", ...) or null for links without one
 * @param kindData     the kind's IFLA_INFO_DATA, decoded by the kind's own file ({@link Vxlan.Data},
 *                     ...) or kept raw ({@link KindData.Other}); null for links without a kind
 * @param peerIndex    IFLA_LINK: for a veth the peer's index (in the peer's namespace), else 0
 * @param linkNetnsId  IFLA_LINK_NETNSID: the peer's namespace id as seen from here, or -1
 * @param group        the link group
 * @param txQueueLen   transmit queue length
 * @param stats        64-bit counters, or null if the kernel sent none
 * @param unknown      attributes this record does not model, kept as received (split lazily);
 *                     {@link Unknown#NONE} when decoded with {@link #decodeModeled}. IFLA_LINKINFO
 *                     is kept here whole: only its kind and part of its data are modeled, and
 *                     its slave data and the kind's other settings must not vanish
 */
public record LinkInfo(int index, String name, int type, int flags, OperState operState, int mtu, String mac,
                       int master, String kind, KindData kindData, int peerIndex, int linkNetnsId, int group, int txQueueLen,
                       LinkStats stats, Unknown unknown) {

    /** Whether the link is administratively up (IFF_UP). */
    public boolean isUp() {
        return (flags & Ifla.IFF_UP) != 0;
    }

    /** Whether the link has carrier (IFF_LOWER_UP). */
    public boolean isLowerUp() {
        return (flags & Ifla.IFF_LOWER_UP) != 0;
    }

    /**
     * Decodes an RTM_NEWLINK message (a reply, dump entry or event), keeping the attributes the
     * record does not model in {@link #unknown()} (one copy of the attribute block, ~1.5 KB for a
     * veth).
     */
    public static LinkInfo decode(Message m) {
        return decode(m, true);
    }

    /**
     * Decodes an RTM_NEWLINK message into the modeled fields only: {@link #unknown()} is
     * {@link Unknown#NONE}. For hot paths (lookups, large dumps) where the unmodeled attributes
     * (IFLA_AF_SPEC, IFLA_STATS, IFLA_QDISC, ...) are not wanted; it skips copying them, which are
     * most of a link message's bytes.
     */
    public static LinkInfo decodeModeled(Message m) {
        return decode(m, false);
    }

    private static LinkInfo decode(Message m, boolean keepUnknown) {
        m.requirePayload(Ifla.IFINFOMSG_LEN, "struct ifinfomsg");
        int type = m.u16(2);
        int index = m.u32(4);
        int flags = m.u32(8);
        String name = null;
        String mac = null;
        String kind = null;
        KindData kindData = null;
        int mtu = 0;
        int master = 0;
        int peer = 0;
        int netnsid = -1;
        int group = 0;
        int txqlen = 0;
        OperState oper = OperState.UNKNOWN;
        LinkStats stats = null;
        AttributeCursor a = Links.FAMILY.attributes(m);
        long attrStart = m.payloadOffset() + Ifla.IFINFOMSG_LEN;
        while (a.next()) {
            switch (a.type()) {
                case Ifla.IFLA_IFNAME -> name = a.string();
                case Ifla.IFLA_MTU -> mtu = a.u32();
                case Ifla.IFLA_ADDRESS -> mac = a.length() == 0 ? null : Mac.format(a.segment(), a.payloadOffset(), a.length());
                case Ifla.IFLA_MASTER -> master = a.u32();
                case Ifla.IFLA_LINK -> peer = a.u32();
                case Ifla.IFLA_LINK_NETNSID -> netnsid = a.s32();
                case Ifla.IFLA_GROUP -> group = a.u32();
                case Ifla.IFLA_TXQLEN -> txqlen = a.u32();
                case Ifla.IFLA_OPERSTATE -> oper = OperState.of(a.u8());
                case Ifla.IFLA_STATS64 -> stats = LinkStats.decode(a);
                case Ifla.IFLA_LINKINFO -> {
                    kind = kindOf(a.nested(Ifla.INFO_NAMES));
                    if (kind != null) {
                        kindData = kindData(kind, a.nested(Ifla.INFO_NAMES));
                    }
                }
                default -> { }
            }
        }
        if (name == null) {
            throw new io.jnetlink.core.MalformedMessageException("IFLA_IFNAME", attrStart,
                    "link " + index + " has no name");
        }
        Unknown unknown = Unknown.NONE;
        if (keepUnknown) {
            byte[] block = new byte[(int) (m.offset() + m.length() - attrStart)];
            MemorySegment.copy(m.segment(), ValueLayout.JAVA_BYTE, attrStart, block, 0, block.length);
            unknown = new Unknown(block);
        }
        return new LinkInfo(index, name, type, flags, oper, mtu, mac, master, kind, kindData, peer, netnsid, group, txqlen,
                stats, unknown);
    }

    private static String kindOf(AttributeCursor info) {
        String kind = null;
        while (info.next()) {
            if (info.type() == Ifla.IFLA_INFO_KIND) {
                kind = knownKind(info);
                if (kind == null) {
                    kind = info.string();
                }
            }
        }
        return kind;
    }

    /** The kind's IFLA_INFO_DATA decoded by the kind's file, or raw for kinds without one. */
    private static KindData kindData(String kind, AttributeCursor info) {
        while (info.next()) {
            if (info.type() == Ifla.IFLA_INFO_DATA) {
                return LinkKind.decode(kind, info);
            }
        }
        return LinkKind.decode(kind, null);
    }

    /** The kinds a dump is full of, shared instead of decoded once per link. */
    private static final String[] KNOWN_KINDS = {"veth", "bridge", "vxlan", "macvlan", "tun", "dummy", "vlan", "bond"};

    private static String knownKind(AttributeCursor info) {
        MemorySegment s = info.segment();
        long off = info.payloadOffset();
        int len = info.length();
        outer:
        for (String k : KNOWN_KINDS) {
            int n = k.length();
            // sent with or without the terminating NUL
            if (len != n && !(len == n + 1 && s.get(ValueLayout.JAVA_BYTE, off + n) == 0)) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                if (s.get(ValueLayout.JAVA_BYTE, off + i) != k.charAt(i)) {
                    continue outer;
                }
            }
            return k;
        }
        return null;
    }

    /**
     * The attributes of a link message that {@link LinkInfo} does not model (IFLA_AF_SPEC,
     * IFLA_QDISC, ...), kept as received. Copied once as a block; split into attributes only when
     * asked, so decoding a large dump stays cheap. Equal when the bytes are equal.
     */
    public static final class Unknown {
        private static final int[] MODELED = {Ifla.IFLA_IFNAME, Ifla.IFLA_MTU, Ifla.IFLA_ADDRESS, Ifla.IFLA_MASTER,
            Ifla.IFLA_LINK, Ifla.IFLA_LINK_NETNSID, Ifla.IFLA_GROUP, Ifla.IFLA_TXQLEN, Ifla.IFLA_OPERSTATE,
            Ifla.IFLA_STATS64};

        /** No attributes: what {@link LinkInfo#decodeModeled} leaves. */
        public static final Unknown NONE = new Unknown(new byte[0]);

        private final byte[] attributes;

        Unknown(byte[] attributes) {
            this.attributes = attributes;
        }

        /** The attributes not modeled by {@link LinkInfo}, in the order received. */
        public List<RawAttribute> list() {
            List<RawAttribute> out = new ArrayList<>();
            MemorySegment s = MemorySegment.ofArray(attributes);
            AttributeCursor a = new AttributeCursor(s, 0, attributes.length, AttrNames.numbered("IFLA"));
            outer:
            while (a.next()) {
                for (int t : MODELED) {
                    if (a.type() == t) {
                        continue outer;
                    }
                }
                out.add(a.raw());
            }
            return out;
        }

        /** The unmodeled attribute of type {@code type}, or null. */
        public RawAttribute get(int type) {
            for (RawAttribute r : list()) {
                if ((r.type() & io.jnetlink.core.codec.Netlink.NLA_TYPE_MASK) == type) {
                    return r;
                }
            }
            return null;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Unknown u && Arrays.equals(u.attributes, attributes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(attributes);
        }

        @Override
        public String toString() {
            return attributes.length + " bytes of attributes";
        }
    }
}
