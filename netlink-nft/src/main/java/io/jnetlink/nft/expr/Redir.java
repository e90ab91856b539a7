package io.jnetlink.nft.expr;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;

/**
 * {@code redir}: destination NAT to the host itself (the address of the incoming interface),
 * optionally to a port (range) held in registers.
 *
 * @param flags   NF_NAT_RANGE_* flags (PROTO_SPECIFIED when a port is given)
 * @param portMin register of the lowest port, or 0
 * @param portMax register of the highest port, or 0
 */
public record Redir(int flags, int portMin, int portMax) implements Expression {
    // enum nft_redir_attributes
    static final int NFTA_REDIR_REG_PROTO_MIN = 1;
    static final int NFTA_REDIR_REG_PROTO_MAX = 2;
    static final int NFTA_REDIR_FLAGS = 3;
    static final AttrNames NAMES = AttrNames.table("NFTA_REDIR", null, "NFTA_REDIR_REG_PROTO_MIN",
            "NFTA_REDIR_REG_PROTO_MAX", "NFTA_REDIR_FLAGS");
    static final Codec<Redir> CODEC = Codec.of("redir", Redir.class, NAMES, Redir::decode, Redir::writeData);

    /** Checks the components. */
    public Redir {
        Wire.checkRegister("redir port min", portMin);
        Wire.checkRegister("redir port max", portMax);
    }

    @Override
    public String kind() {
        return CODEC.kind;
    }

    void writeData(MessageWriter w) {
        if (portMin != 0) {
            w.attrU32Be(NFTA_REDIR_REG_PROTO_MIN, portMin);
        }
        if (portMax != 0) {
            w.attrU32Be(NFTA_REDIR_REG_PROTO_MAX, portMax);
        }
        if (flags != 0) {
            w.attrU32Be(NFTA_REDIR_FLAGS, flags);
        }
    }

    static Redir decode(AttributeCursor a) {
        int flags = 0;
        int pmin = 0;
        int pmax = 0;
        while (a.next()) {
            switch (a.type()) {
                case NFTA_REDIR_FLAGS -> flags = a.u32be();
                case NFTA_REDIR_REG_PROTO_MIN -> pmin = a.u32be();
                case NFTA_REDIR_REG_PROTO_MAX -> pmax = a.u32be();
                default -> throw Wire.NOT_MODELED;
            }
        }
        try {
            return new Redir(flags, pmin, pmax);
        } catch (IllegalArgumentException e) {
            throw Wire.NOT_MODELED;
        }
    }
}
