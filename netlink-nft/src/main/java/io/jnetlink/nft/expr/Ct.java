package io.jnetlink.nft.expr;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;

/**
 * {@code ct load KEY => reg DREG}: loads connection-tracking state of the packet's connection
 * (state, status, mark, ...) into a register. The set form ({@code ct mark set}) is {@link CtSet};
 * a load with a direction ({@code ct original saddr}) decodes as {@link Unknown}.
 *
 * @param key      what to load
 * @param register the destination register
 */
public record Ct(Key key, int register) implements Expression {
    // enum nft_ct_attributes
    static final int NFTA_CT_DREG = 1;
    static final int NFTA_CT_KEY = 2;
    static final int NFTA_CT_DIRECTION = 3;
    static final int NFTA_CT_SREG = 4;
    static final AttrNames NAMES = AttrNames.table("NFTA_CT", null, "NFTA_CT_DREG", "NFTA_CT_KEY",
            "NFTA_CT_DIRECTION", "NFTA_CT_SREG");
    static final Codec<Ct> CODEC = Codec.of("ct", Ct.class, NAMES, Ct::decode, Ct::writeData);

    /** The ct keys the library names (enum nft_ct_keys, in order). */
    public enum Key {
        /** NFT_CT_STATE. */
        STATE,
        /** NFT_CT_DIRECTION. */
        DIRECTION,
        /** NFT_CT_STATUS. */
        STATUS,
        /** NFT_CT_MARK. */
        MARK,
        /** NFT_CT_SECMARK. */
        SECMARK,
        /** NFT_CT_EXPIRATION. */
        EXPIRATION,
        /** NFT_CT_HELPER. */
        HELPER,
        /** NFT_CT_L3PROTOCOL. */
        L3PROTOCOL,
        /** NFT_CT_SRC. */
        SRC,
        /** NFT_CT_DST. */
        DST,
        /** NFT_CT_PROTOCOL. */
        PROTOCOL,
        /** NFT_CT_PROTO_SRC. */
        PROTO_SRC,
        /** NFT_CT_PROTO_DST. */
        PROTO_DST,
        /** NFT_CT_LABELS. */
        LABELS,
        /** NFT_CT_PKTS. */
        PKTS,
        /** NFT_CT_BYTES. */
        BYTES,
        /** NFT_CT_AVGPKT. */
        AVGPKT,
        /** NFT_CT_ZONE. */
        ZONE,
        /** NFT_CT_EVENTMASK. */
        EVENTMASK,
        /** NFT_CT_SRC_IP. */
        SRC_IP,
        /** NFT_CT_DST_IP. */
        DST_IP,
        /** NFT_CT_SRC_IP6. */
        SRC_IP6,
        /** NFT_CT_DST_IP6. */
        DST_IP6,
        /** NFT_CT_ID. */
        ID;

        /** {@return the kernel's number (the enum's position)} */
        public int code() {
            return ordinal();
        }

        static Key of(int code) {
            Key[] all = values();
            if (code < 0 || code >= all.length) {
                throw Wire.NOT_MODELED;
            }
            return all[code];
        }
    }

    /** Checks the components. */
    public Ct {
        if (key == null) {
            throw new IllegalArgumentException("ct key is null");
        }
        Wire.checkRegister("ct destination", register);
    }

    @Override
    public String kind() {
        return CODEC.kind;
    }

    void writeData(MessageWriter w) {
        // nft's order: key, then register
        w.attrU32Be(NFTA_CT_KEY, key.code());
        w.attrU32Be(NFTA_CT_DREG, register);
    }

    /** Decodes a ct load, or a {@link CtSet} when the register is a source. */
    static Expression decode(AttributeCursor a) {
        Key key = null;
        int dreg = -1;
        int sreg = -1;
        while (a.next()) {
            switch (a.type()) {
                case NFTA_CT_KEY -> key = Key.of(a.u32be());
                case NFTA_CT_DREG -> dreg = a.u32be();
                case NFTA_CT_SREG -> sreg = a.u32be();
                default -> throw Wire.NOT_MODELED; // direction
            }
        }
        if (key == null || (dreg < 0) == (sreg < 0)) {
            throw Wire.NOT_MODELED;
        }
        try {
            return dreg >= 0 ? new Ct(key, dreg) : new CtSet(key, sreg);
        } catch (IllegalArgumentException e) {
            throw Wire.NOT_MODELED;
        }
    }
}
