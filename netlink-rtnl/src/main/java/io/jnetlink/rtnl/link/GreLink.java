package io.jnetlink.rtnl.link;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.rtnl.family.Attributes;
import java.net.InetAddress;

/**
 * What {@link Gre} and {@link Gretap} share: their IFLA_INFO_DATA is IFLA_GRE_* of
 * linux/if_tunnel.h, with IPv4 endpoints, a key and a TTL, written as
 * {@code ip link add ... type gre|gretap} writes it. Each kind's own file declares its record and
 * its {@code KIND}.
 *
 * @param <S> the concrete kind
 */
abstract sealed class GreLink<S extends GreLink<S>> extends TunnelLink<S> permits Gre, Gretap {
    private static final int IFLA_GRE_IFLAGS = 2;
    private static final int IFLA_GRE_OFLAGS = 3;
    private static final int IFLA_GRE_IKEY = 4;
    private static final int IFLA_GRE_OKEY = 5;
    private static final int IFLA_GRE_LOCAL = 6;
    private static final int IFLA_GRE_REMOTE = 7;
    private static final int IFLA_GRE_TTL = 8;
    private static final int IFLA_GRE_TOS = 9;
    private static final int IFLA_GRE_PMTUDISC = 10;
    private static final int IFLA_GRE_ENCAP_TYPE = 14;
    private static final int IFLA_GRE_ENCAP_FLAGS = 15;
    private static final int IFLA_GRE_ENCAP_SPORT = 16;
    private static final int IFLA_GRE_ENCAP_DPORT = 17;
    private static final int IFLA_GRE_FWMARK = 20;
    /** GRE_KEY of linux/if_tunnel.h: the header carries a key (a big-endian flag word). */
    private static final int GRE_KEY = 0x2000;
    static final AttrNames NAMES = AttrNames.table("IFLA_GRE", "IFLA_GRE_UNSPEC", "IFLA_GRE_LINK",
            "IFLA_GRE_IFLAGS", "IFLA_GRE_OFLAGS", "IFLA_GRE_IKEY", "IFLA_GRE_OKEY", "IFLA_GRE_LOCAL",
            "IFLA_GRE_REMOTE", "IFLA_GRE_TTL", "IFLA_GRE_TOS", "IFLA_GRE_PMTUDISC", "IFLA_GRE_ENCAP_LIMIT",
            "IFLA_GRE_FLOWINFO", "IFLA_GRE_FLAGS", "IFLA_GRE_ENCAP_TYPE", "IFLA_GRE_ENCAP_FLAGS",
            "IFLA_GRE_ENCAP_SPORT", "IFLA_GRE_ENCAP_DPORT", "IFLA_GRE_COLLECT_METADATA", "IFLA_GRE_IGNORE_DF",
            "IFLA_GRE_FWMARK");

    /** How a kind builds its record from the settings. */
    @FunctionalInterface
    interface Record<D> {
        D of(InetAddress local, InetAddress remote, Integer inputKey, Integer outputKey, int ttl);
    }

    private final Builder<S, ?> fields;

    GreLink(LinkKind<?> kind, Builder<S, ?> fields) {
        super(kind, fields);
        this.fields = fields;
    }

    @Override
    public abstract Builder<S, ?> toBuilder();

    /**
     * {@return this spec with the key both ways (unsigned 32 bits), as ip link's {@code key}}
     *
     * @param key the key
     */
    public final S key(int key) {
        return toBuilder().key(key).build();
    }

    /** The settings as the kind's record. */
    final <D> D data(Record<D> record) {
        return record.of(localAddress(), remoteAddress(), fields.key, fields.key, ttlValue());
    }

    /**
     * ip link's order and defaults: both keys and their flags, the endpoints, path MTU discovery on,
     * TOS 0 (inherit), the TTL, fwmark 0 and no encapsulation.
     */
    @Override
    final void writeInfoData(MessageWriter w) {
        Integer key = fields.key;
        int k = key != null ? key : 0;
        int flags = key != null ? GRE_KEY : 0;
        w.attrU32Be(IFLA_GRE_IKEY, k);
        w.attrU32Be(IFLA_GRE_OKEY, k);
        w.attrU16Be(IFLA_GRE_IFLAGS, flags);
        w.attrU16Be(IFLA_GRE_OFLAGS, flags);
        if (localAddress() != null) {
            w.attrAddress(IFLA_GRE_LOCAL, localAddress());
        }
        if (remoteAddress() != null) {
            w.attrAddress(IFLA_GRE_REMOTE, remoteAddress());
        }
        w.attrU8(IFLA_GRE_PMTUDISC, 1);
        w.attrU8(IFLA_GRE_TOS, 0);
        w.attrU8(IFLA_GRE_TTL, ttlValue());
        w.attrU32(IFLA_GRE_FWMARK, 0);
        Tunnels.writeNoEncapsulation(w, IFLA_GRE_ENCAP_TYPE, 0);
    }

    /** Reads IFLA_GRE_*; a key counts only where its flag says the header carries one. */
    static <D> D decode(AttributeCursor data, Record<D> record) {
        InetAddress local = null;
        InetAddress remote = null;
        int ikey = 0;
        int okey = 0;
        int iflags = 0;
        int oflags = 0;
        int ttl = 0;
        while (data.next()) {
            switch (data.type()) {
                case IFLA_GRE_IKEY -> ikey = data.u32be();
                case IFLA_GRE_OKEY -> okey = data.u32be();
                case IFLA_GRE_IFLAGS -> iflags = data.u16be();
                case IFLA_GRE_OFLAGS -> oflags = data.u16be();
                case IFLA_GRE_LOCAL -> local = Tunnels.given(Attributes.address(data, 4));
                case IFLA_GRE_REMOTE -> remote = Tunnels.given(Attributes.address(data, 4));
                case IFLA_GRE_TTL -> ttl = data.u8();
                default -> { }
            }
        }
        return record.of(local, remote, (iflags & GRE_KEY) != 0 ? ikey : null, (oflags & GRE_KEY) != 0 ? okey : null,
                ttl);
    }

    /**
     * Builds a gre or gretap spec: the key here, the endpoints and TTL in {@link TunnelLink.Builder}.
     *
     * @param <S> the spec it builds
     * @param <B> the concrete builder
     */
    public abstract static class Builder<S extends GreLink<S>, B extends Builder<S, B>> extends TunnelLink.Builder<S, B> {
        private Integer key;

        Builder(String name, String kind) {
            super(name, kind, 4, 0);
        }

        /** Sets the key both ways (unsigned 32 bits), as ip link's {@code key}. */
        public final B key(int key) {
            this.key = key;
            return self();
        }
    }
}
