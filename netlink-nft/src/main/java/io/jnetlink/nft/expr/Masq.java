package io.jnetlink.nft.expr;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;

/**
 * {@code masq}: source NAT to the address of the outgoing interface.
 *
 * @param flags   NF_NAT_RANGE_* flags (0 for plain masquerade)
 * @param portMin register of the lowest source port, or 0
 * @param portMax register of the highest source port, or 0
 */
public record Masq(int flags, int portMin, int portMax) implements Expression {
    // enum nft_masq_attributes
    static final int NFTA_MASQ_FLAGS = 1;
    static final int NFTA_MASQ_REG_PROTO_MIN = 2;
    static final int NFTA_MASQ_REG_PROTO_MAX = 3;
    static final AttrNames NAMES = AttrNames.table("NFTA_MASQ", null, "NFTA_MASQ_FLAGS", "NFTA_MASQ_REG_PROTO_MIN",
            "NFTA_MASQ_REG_PROTO_MAX");
    static final Codec<Masq> CODEC = Codec.of("masq", Masq.class, NAMES, Masq::decode, Masq::writeData);

    /** Checks the components. */
    public Masq {
        Wire.checkRegister("masq port min", portMin);
        Wire.checkRegister("masq port max", portMax);
    }

    /**
     * Plain {@code masquerade}.
     *
     * @return the expression
     */
    public static Masq plain() {
        return new Masq(0, 0, 0);
    }

    @Override
    public String kind() {
        return CODEC.kind;
    }

    void writeData(MessageWriter w) {
        if (flags != 0) {
            w.attrU32Be(NFTA_MASQ_FLAGS, flags);
        }
        if (portMin != 0) {
            w.attrU32Be(NFTA_MASQ_REG_PROTO_MIN, portMin);
        }
        if (portMax != 0) {
            w.attrU32Be(NFTA_MASQ_REG_PROTO_MAX, portMax);
        }
    }

    static Masq decode(AttributeCursor a) {
        int flags = 0;
        int pmin = 0;
        int pmax = 0;
        while (a.next()) {
            switch (a.type()) {
                case NFTA_MASQ_FLAGS -> flags = a.u32be();
                case NFTA_MASQ_REG_PROTO_MIN -> pmin = a.u32be();
                case NFTA_MASQ_REG_PROTO_MAX -> pmax = a.u32be();
                default -> throw Wire.NOT_MODELED;
            }
        }
        try {
            return new Masq(flags, pmin, pmax);
        } catch (IllegalArgumentException e) {
            throw Wire.NOT_MODELED;
        }
    }
}
