package io.jnetlink.nft.expr;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;

/**
 * {@code meta load KEY => reg DREG}: loads packet metadata (interface names, protocols, ...) into
 * a register. The "meta set" form (writing a register into the packet) is {@link MetaSet}.
 *
 * @param key      what to load
 * @param register the destination register
 */
public record Meta(Key key, int register) implements Expression {
    // enum nft_meta_attributes
    static final int NFTA_META_DREG = 1;
    static final int NFTA_META_KEY = 2;
    static final int NFTA_META_SREG = 3;
    static final AttrNames NAMES = AttrNames.table("NFTA_META", null, "NFTA_META_DREG", "NFTA_META_KEY",
            "NFTA_META_SREG");
    static final Codec<Meta> CODEC = Codec.of("meta", Meta.class, NAMES, Meta::decode, Meta::writeData);

    /** The meta keys the library names (enum nft_meta_keys); others decode as {@link Unknown}. */
    public enum Key {
        /** NFT_META_LEN. */
        LEN(0),
        /** NFT_META_PROTOCOL. */
        PROTOCOL(1),
        /** NFT_META_PRIORITY. */
        PRIORITY(2),
        /** NFT_META_MARK. */
        MARK(3),
        /** NFT_META_IIF. */
        IIF(4),
        /** NFT_META_OIF. */
        OIF(5),
        /** NFT_META_IIFNAME. */
        IIFNAME(6),
        /** NFT_META_OIFNAME. */
        OIFNAME(7),
        /** NFT_META_IIFTYPE. */
        IIFTYPE(8),
        /** NFT_META_OIFTYPE. */
        OIFTYPE(9),
        /** NFT_META_SKUID. */
        SKUID(10),
        /** NFT_META_SKGID. */
        SKGID(11),
        /** NFT_META_NFTRACE. */
        NFTRACE(12),
        /** NFT_META_RTCLASSID. */
        RTCLASSID(13),
        /** NFT_META_SECMARK. */
        SECMARK(14),
        /** NFT_META_NFPROTO. */
        NFPROTO(15),
        /** NFT_META_L4PROTO. */
        L4PROTO(16),
        /** NFT_META_BRI_IIFNAME. */
        BRI_IIFNAME(17),
        /** NFT_META_BRI_OIFNAME. */
        BRI_OIFNAME(18),
        /** NFT_META_PKTTYPE. */
        PKTTYPE(19),
        /** NFT_META_CPU. */
        CPU(20),
        /** NFT_META_IIFGROUP. */
        IIFGROUP(21),
        /** NFT_META_OIFGROUP. */
        OIFGROUP(22),
        /** NFT_META_CGROUP. */
        CGROUP(23),
        /** NFT_META_PRANDOM. */
        PRANDOM(24);

        /** The kernel's number for the key. */
        public final int code;

        Key(int code) {
            this.code = code;
        }

        static Key of(int code) {
            for (Key k : values()) {
                if (k.code == code) {
                    return k;
                }
            }
            throw Wire.NOT_MODELED;
        }
    }

    /** Checks the components. */
    public Meta {
        if (key == null) {
            throw new IllegalArgumentException("meta key is null");
        }
        Wire.checkRegister("meta destination", register);
    }

    @Override
    public String kind() {
        return CODEC.kind;
    }

    void writeData(MessageWriter w) {
        // nft writes the key before the register; same order here so the bytes match.
        w.attrU32Be(NFTA_META_KEY, key.code);
        w.attrU32Be(NFTA_META_DREG, register);
    }

    /** Decodes a meta load, or a {@link MetaSet} when the register is a source. */
    static Expression decode(AttributeCursor a) {
        Key key = null;
        int dreg = -1;
        int sreg = -1;
        while (a.next()) {
            switch (a.type()) {
                case NFTA_META_KEY -> key = Key.of(a.u32be());
                case NFTA_META_DREG -> dreg = a.u32be();
                case NFTA_META_SREG -> sreg = a.u32be();
                default -> throw Wire.NOT_MODELED;
            }
        }
        if (key == null || (dreg < 0) == (sreg < 0)) {
            throw Wire.NOT_MODELED;
        }
        try {
            return dreg >= 0 ? new Meta(key, dreg) : new MetaSet(key, sreg);
        } catch (IllegalArgumentException e) {
            throw Wire.NOT_MODELED;
        }
    }
}
