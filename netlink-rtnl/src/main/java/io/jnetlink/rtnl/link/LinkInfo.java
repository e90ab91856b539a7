package io.jnetlink.rtnl.link;

import io.jnetlink.core.MalformedMessageException;
import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.AttributeIndex;
import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.core.net.Mac;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A link as the kernel reports it (RTM_NEWLINK): what {@code ip -d -s link show} prints.
 *
 * <p>Immutable and safe to hand to another thread. A record from {@link #decode} keeps the bytes
 * of the message it came from (a copy of the datagram, shared with the other records of the same
 * datagram, made once per datagram; never the socket's buffer, so it holds its values after the
 * socket received more or was closed). Decoding checks the whole message at once and reads the
 * numbers; the name, the hardware address, the counters and the unmodeled attributes become
 * objects only when first asked for. One record kept alone keeps its datagram (up to 32 KiB of a
 * dump) alive.
 *
 * <p>The accessors are those of a record with these components, and equality is over all of them:
 *
 * <ul>
 *   <li>{@code index}: interface index
 *   <li>{@code name}: interface name
 *   <li>{@code type}: ARPHRD_* hardware type (1 = ether, 772 = loopback)
 *   <li>{@code flags}: IFF_* flags (use {@link #isUp()}, {@link #isLowerUp()})
 *   <li>{@code operState}: RFC 2863 operational state
 *   <li>{@code mtu}: MTU in bytes
 *   <li>{@code mac}: hardware address as "aa:bb:cc:dd:ee:ff", or null if the link has none
 *   <li>{@code master}: index of the master (bridge) or 0
 *   <li>{@code kind}: IFLA_INFO_KIND ("veth", "bridge", ...) or null for links without one
 *   <li>{@code kindData}: the kind's IFLA_INFO_DATA, decoded by the kind's own file
 *       ({@link Vxlan.Data}, ...) or kept raw ({@link KindData.Other}); null for links without a kind
 *   <li>{@code peerIndex}: IFLA_LINK: for a veth the peer's index (in the peer's namespace), else 0
 *   <li>{@code linkNetnsId}: IFLA_LINK_NETNSID: the peer's namespace id as seen from here, or -1
 *   <li>{@code group}: the link group
 *   <li>{@code txQueueLen}: transmit queue length
 *   <li>{@code stats}: 64-bit counters, or null if the kernel sent none
 *   <li>{@code alias}: IFLA_IFALIAS, the free-text description ({@code ip link set dev X alias TEXT}),
 *       or null if the link has none
 *   <li>{@code unknown}: attributes this record does not model, kept as received (split lazily);
 *       {@link Unknown#NONE} when decoded with {@link #decodeModeled}. IFLA_LINKINFO is kept here
 *       whole: only its kind and part of its data are modeled, and its slave data and the kind's
 *       other settings must not vanish
 * </ul>
 */
public final class LinkInfo {
    private final int index;
    private final int type;
    private final int flags;
    private final OperState operState;
    private final int mtu;
    private final int master;
    private final String kind;
    private final KindData kindData;
    private final int peerIndex;
    private final int linkNetnsId;
    private final int group;
    private final int txQueueLen;
    /** The retained datagram the message is in, or null for a modeled-only record (decoded at once). */
    private final MemorySegment data;
    // where the lazily decoded attributes' payloads are in data (-1: absent)
    private final int nameAt;
    private final int nameLength;
    private final int macAt;
    private final int macLength;
    private final int statsAt;
    private final int aliasAt;
    private final int aliasLength;
    private final int attributesAt;
    private final int attributesEnd;
    // Decoded on first use. Each value is immutable (final fields only), so a thread that races
    // another here sees null (and decodes it itself) or a complete value: no lock needed.
    private String name;
    private String mac;
    private LinkStats stats;
    private String alias;
    private Unknown unknown;

    private LinkInfo(int index, int type, int flags, OperState operState, int mtu, int master, String kind,
                     KindData kindData, int peerIndex, int linkNetnsId, int group, int txQueueLen,
                     MemorySegment data, int nameAt, int nameLength, int macAt, int macLength, int statsAt,
                     int aliasAt, int aliasLength, int attributesAt, int attributesEnd) {
        this.index = index;
        this.type = type;
        this.flags = flags;
        this.operState = operState;
        this.mtu = mtu;
        this.master = master;
        this.kind = kind;
        this.kindData = kindData;
        this.peerIndex = peerIndex;
        this.linkNetnsId = linkNetnsId;
        this.group = group;
        this.txQueueLen = txQueueLen;
        this.data = data;
        this.nameAt = nameAt;
        this.nameLength = nameLength;
        this.macAt = macAt;
        this.macLength = macLength;
        this.statsAt = statsAt;
        this.aliasAt = aliasAt;
        this.aliasLength = aliasLength;
        this.attributesAt = attributesAt;
        this.attributesEnd = attributesEnd;
    }

    /**
     * Interface index.
     *
     * @return the index
     */
    public int index() {
        return index;
    }

    /**
     * Interface name.
     *
     * @return the name
     */
    public String name() {
        String n = name;
        if (n == null) {
            name = n = AttributeCursor.string(data, nameAt, nameLength);
        }
        return n;
    }

    /**
     * ARPHRD_* hardware type (1 = ether, 772 = loopback).
     *
     * @return the ARPHRD_* type
     */
    public int type() {
        return type;
    }

    /**
     * IFF_* flags (use {@link #isUp()}, {@link #isLowerUp()}).
     *
     * @return the IFF_* flags
     */
    public int flags() {
        return flags;
    }

    /**
     * RFC 2863 operational state.
     *
     * @return the state
     */
    public OperState operState() {
        return operState;
    }

    /**
     * MTU in bytes.
     *
     * @return the MTU
     */
    public int mtu() {
        return mtu;
    }

    /**
     * Hardware address as "aa:bb:cc:dd:ee:ff", or null if the link has none.
     *
     * @return the address, or null
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

    /**
     * Index of the master (bridge) or 0.
     *
     * @return the master's index, or 0
     */
    public int master() {
        return master;
    }

    /**
     * IFLA_INFO_KIND ("veth", "bridge", ...) or null for links without one.
     *
     * @return the kind, or null
     */
    public String kind() {
        return kind;
    }

    /**
     * {@return the kind's IFLA_INFO_DATA, decoded by the kind's own file ({@link Vxlan.Data}, ...) or kept
     * raw ({@link KindData.Other}); null for links without a kind}
     */
    public KindData kindData() {
        return kindData;
    }

    /**
     * IFLA_LINK: for a veth the peer's index (in the peer's namespace), else 0.
     *
     * @return the peer's index, or 0
     */
    public int peerIndex() {
        return peerIndex;
    }

    /**
     * IFLA_LINK_NETNSID: the peer's namespace id as seen from here, or -1.
     *
     * @return the namespace id, or -1
     */
    public int linkNetnsId() {
        return linkNetnsId;
    }

    /** {@return the link group} */
    public int group() {
        return group;
    }

    /**
     * Transmit queue length.
     *
     * @return the length in packets
     */
    public int txQueueLen() {
        return txQueueLen;
    }

    /**
     * 64-bit counters, or null if the kernel sent none.
     *
     * @return the counters, or null
     */
    public LinkStats stats() {
        if (statsAt < 0) {
            return null;
        }
        LinkStats s = stats;
        if (s == null) {
            stats = s = LinkStats.read(data, statsAt);
        }
        return s;
    }

    /**
     * IFLA_IFALIAS: the link's free-text description, or null if it has none.
     *
     * @return the alias, or null
     */
    public String alias() {
        if (aliasAt < 0) {
            return null;
        }
        String a = alias;
        if (a == null) {
            alias = a = AttributeCursor.string(data, aliasAt, aliasLength);
        }
        return a;
    }

    /**
     * {@return the attributes this record does not model, kept as received (split lazily);
     * {@link Unknown#NONE} when decoded with {@link #decodeModeled}}
     */
    public Unknown unknown() {
        Unknown u = unknown;
        if (u == null) {
            unknown = u = new Unknown(data, attributesAt, attributesEnd);
        }
        return u;
    }

    /** {@return whether the link is administratively up (IFF_UP)} */
    public boolean isUp() {
        return (flags & Ifla.IFF_UP) != 0;
    }

    /** {@return whether the link has carrier (IFF_LOWER_UP)} */
    public boolean isLowerUp() {
        return (flags & Ifla.IFF_LOWER_UP) != 0;
    }

    /**
     * Decodes an RTM_NEWLINK message (a reply, dump entry or event), keeping the attributes the
     * record does not model in {@link #unknown()}: the record keeps the message's bytes (see the
     * class documentation); nothing is copied per attribute.
     *
     * @param m the message
     * @throws MalformedMessageException if the message breaks the format (checked here, whole)
     * @return the link
     */
    public static LinkInfo decode(Message m) {
        return decode(m, true);
    }

    /**
     * Decodes an RTM_NEWLINK message into the modeled fields only, at once: {@link #unknown()} is
     * {@link Unknown#NONE} and the record keeps none of the message's bytes. For callers that keep
     * many records long and never want the unmodeled attributes (IFLA_AF_SPEC, IFLA_STATS,
     * IFLA_QDISC, ...), which are most of a link message's bytes.
     *
     * @param m the message
     * @return the link
     */
    public static LinkInfo decodeModeled(Message m) {
        return decode(m, false);
    }

    private static LinkInfo decode(Message m, boolean keep) {
        m.requirePayload(Ifla.IFINFOMSG_LEN, "struct ifinfomsg");
        // one pass over the ~45 attribute headers; then each modeled one is read where it is
        AttributeIndex x = m.index(Ifla.IFINFOMSG_LEN, Links.FAMILY.attributeNames(), keep);
        int type = x.header16(2);
        int index = x.header32(4);
        int flags = x.header32(8);
        int nameAt = (int) x.offset(Ifla.IFLA_IFNAME);
        if (nameAt < 0) {
            throw new MalformedMessageException("IFLA_IFNAME", x.start(), "link " + index + " has no name");
        }
        int nameLength = x.length(Ifla.IFLA_IFNAME);
        int mtu = x.u32(Ifla.IFLA_MTU, 0);
        int macLength = Math.max(0, x.length(Ifla.IFLA_ADDRESS));
        int macAt = macLength == 0 ? -1 : (int) x.offset(Ifla.IFLA_ADDRESS);
        int master = x.u32(Ifla.IFLA_MASTER, 0);
        int peer = x.u32(Ifla.IFLA_LINK, 0);
        int netnsid = x.u32(Ifla.IFLA_LINK_NETNSID, -1);
        int group = x.u32(Ifla.IFLA_GROUP, 0);
        int txqlen = x.u32(Ifla.IFLA_TXQLEN, 0);
        OperState oper = OperState.of(x.u8(Ifla.IFLA_OPERSTATE, 0));
        int aliasAt = (int) x.offset(Ifla.IFLA_IFALIAS);
        int aliasLength = Math.max(0, x.length(Ifla.IFLA_IFALIAS));
        int statsAt = -1;
        if (x.has(Ifla.IFLA_STATS64)) {
            LinkStats.check(x);
            statsAt = (int) x.offset(Ifla.IFLA_STATS64);
        }
        String kind = null;
        KindData kindData = null;
        if (x.has(Ifla.IFLA_LINKINFO)) {
            AttributeCursor a = x.cursor(Ifla.IFLA_LINKINFO);
            AttributeCursor info = a.nested(Ifla.INFO_NAMES);
            kind = kindOf(info);
            if (kind != null) {
                // the kernel sends the kind before its data: usually found in the same pass
                kindData = info.type() == Ifla.IFLA_INFO_DATA ? LinkKind.decode(kind, info)
                        : kindData(kind, a.nested(Ifla.INFO_NAMES));
            }
        }
        if (keep) {
            return new LinkInfo(index, type, flags, oper, mtu, master, kind, kindData, peer, netnsid, group, txqlen,
                    x.retained(), nameAt, nameLength, macAt, macLength, statsAt, aliasAt, aliasLength, (int) x.start(),
                    (int) x.end());
        }
        // modeled only: read everything now, keep no bytes
        MemorySegment s = x.segment();
        LinkInfo l = new LinkInfo(index, type, flags, oper, mtu, master, kind, kindData, peer, netnsid, group, txqlen,
                null, -1, 0, macAt < 0 ? -1 : 0, 0, statsAt < 0 ? -1 : 0, aliasAt < 0 ? -1 : 0, 0, 0, 0);
        l.name = AttributeCursor.string(s, nameAt, nameLength);
        l.mac = macAt < 0 ? null : Mac.format(s, macAt, macLength);
        l.stats = statsAt < 0 ? null : LinkStats.read(s, statsAt);
        l.alias = aliasAt < 0 ? null : AttributeCursor.string(s, aliasAt, aliasLength);
        l.unknown = Unknown.NONE;
        return l;
    }

    /**
     * The IFLA_INFO_KIND under {@code info}; leaves the cursor on the IFLA_INFO_DATA that follows
     * it when there is one (else at the end).
     */
    private static String kindOf(AttributeCursor info) {
        String kind = null;
        while (info.next()) {
            if (info.type() == Ifla.IFLA_INFO_KIND) {
                kind = knownKind(info);
                if (kind == null) {
                    kind = info.string();
                }
            } else if (info.type() == Ifla.IFLA_INFO_DATA && kind != null) {
                return kind;
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

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof LinkInfo l && index == l.index && type == l.type && flags == l.flags
                && operState == l.operState && mtu == l.mtu && master == l.master && peerIndex == l.peerIndex
                && linkNetnsId == l.linkNetnsId && group == l.group && txQueueLen == l.txQueueLen
                && Objects.equals(kind, l.kind) && Objects.equals(kindData, l.kindData) && name().equals(l.name())
                && Objects.equals(mac(), l.mac()) && Objects.equals(stats(), l.stats())
                && Objects.equals(alias(), l.alias()) && unknown().equals(l.unknown());
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, name(), type, flags, operState, mtu, mac(), master, kind, kindData, peerIndex,
                linkNetnsId, group, txQueueLen, stats(), alias(), unknown());
    }

    /** Every component, named, in the form of a record's. */
    @Override
    public String toString() {
        return "LinkInfo[index=" + index + ", name=" + name() + ", type=" + type + ", flags=" + flags
                + ", operState=" + operState + ", mtu=" + mtu + ", mac=" + mac() + ", master=" + master
                + ", kind=" + kind + ", kindData=" + kindData + ", peerIndex=" + peerIndex
                + ", linkNetnsId=" + linkNetnsId + ", group=" + group + ", txQueueLen=" + txQueueLen
                + ", stats=" + stats() + ", alias=" + alias() + ", unknown=" + unknown() + "]";
    }

    /**
     * The attributes of a link message that {@link LinkInfo} does not model (IFLA_AF_SPEC,
     * IFLA_QDISC, ...), kept as received: a view of the record's bytes, split into attributes only
     * when asked, so decoding a large dump stays cheap. Equal when the bytes are equal.
     */
    public static final class Unknown {
        private static final int[] MODELED = {Ifla.IFLA_IFNAME, Ifla.IFLA_MTU, Ifla.IFLA_ADDRESS, Ifla.IFLA_MASTER,
            Ifla.IFLA_LINK, Ifla.IFLA_LINK_NETNSID, Ifla.IFLA_GROUP, Ifla.IFLA_TXQLEN, Ifla.IFLA_OPERSTATE,
            Ifla.IFLA_STATS64, Ifla.IFLA_IFALIAS};

        /** No attributes: what {@link LinkInfo#decodeModeled} leaves. */
        public static final Unknown NONE = new Unknown(MemorySegment.ofArray(new byte[0]), 0, 0);

        /** The attribute run, all of the message's attributes (the modeled ones are skipped on reading). */
        private final MemorySegment data;
        private final long start;
        private final long end;

        Unknown(MemorySegment data, long start, long end) {
            this.data = data;
            this.start = start;
            this.end = end;
        }

        /** {@return the attributes not modeled by {@link LinkInfo}, in the order received} */
        public List<RawAttribute> list() {
            List<RawAttribute> out = new ArrayList<>();
            AttributeCursor a = new AttributeCursor(data, start, end, AttrNames.numbered("IFLA"));
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

        /**
         * {@return the unmodeled attribute of type {@code type}, or null}
         *
         * @param type the attribute type
         */
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
            return o instanceof Unknown u
                    && MemorySegment.mismatch(u.data, u.start, u.end, data, start, end) == -1;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data.asSlice(start, end - start).toArray(ValueLayout.JAVA_BYTE));
        }

        @Override
        public String toString() {
            return (end - start) + " bytes of attributes";
        }
    }
}
