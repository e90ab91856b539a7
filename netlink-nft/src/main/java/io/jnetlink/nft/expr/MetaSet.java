package io.jnetlink.nft.expr;

import io.jnetlink.core.codec.MessageWriter;

/**
 * {@code meta set KEY with reg SREG}: writes a register into packet metadata ({@code meta mark set
 * 0x2} is an {@link Immediate} into register 1 and this). On the wire a {@code meta} with a source
 * register; {@link Meta}'s decoder tells the two apart.
 *
 * @param key      what to set (MARK, PRIORITY, NFTRACE, ...)
 * @param register the source register
 */
public record MetaSet(Meta.Key key, int register) implements Expression {
    static final Codec<MetaSet> CODEC = Codec.sharing("meta", MetaSet.class, MetaSet::writeData);

    /** Checks the components. */
    public MetaSet {
        if (key == null) {
            throw new IllegalArgumentException("meta key is null");
        }
        Wire.checkRegister("meta set source", register);
    }

    @Override
    public String kind() {
        return CODEC.kind;
    }

    void writeData(MessageWriter w) {
        w.attrU32Be(Meta.NFTA_META_KEY, key.code);
        w.attrU32Be(Meta.NFTA_META_SREG, register);
    }
}
