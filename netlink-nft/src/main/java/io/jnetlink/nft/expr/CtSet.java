package io.jnetlink.nft.expr;

import io.jnetlink.core.codec.MessageWriter;

/**
 * {@code ct set KEY with reg SREG}: writes a register into the connection's state ({@code ct mark
 * set 0x5}). On the wire a {@code ct} with a source register; {@link Ct}'s decoder tells them apart.
 *
 * @param key      what to set (MARK, LABELS, ZONE, ...)
 * @param register the source register
 */
public record CtSet(Ct.Key key, int register) implements Expression {
    static final Codec<CtSet> CODEC = Codec.sharing("ct", CtSet.class, CtSet::writeData);

    /** Checks the components. */
    public CtSet {
        if (key == null) {
            throw new IllegalArgumentException("ct key is null");
        }
        Wire.checkRegister("ct set source", register);
    }

    @Override
    public String kind() {
        return CODEC.kind;
    }

    void writeData(MessageWriter w) {
        w.attrU32Be(Ct.NFTA_CT_KEY, key.code());
        w.attrU32Be(Ct.NFTA_CT_SREG, register);
    }
}
