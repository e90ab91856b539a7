package io.jnetlink.nft.expr;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;

/**
 * {@code lookup reg SREG set NAME [dreg DREG]}: matches when the register's value is in a set; with
 * a destination register (a map), loads the mapped value, and with the verdict register as
 * destination (a verdict map) takes the mapped verdict.
 *
 * @param set         the set's name
 * @param source      source register
 * @param destination destination register, or -1 for a plain set
 * @param flags       NFT_LOOKUP_F_* (1 = invert: match when not in the set)
 * @param setId       the set's id within the transaction that creates it (NFTA_LOOKUP_SET_ID, for a set
 *                    made in the same batch, such as a rule's anonymous set), or 0; the kernel does not
 *                    report it back
 */
public record Lookup(String set, int source, int destination, int flags, int setId) implements Expression {
    // enum nft_lookup_attributes
    static final int NFTA_LOOKUP_SET = 1;
    static final int NFTA_LOOKUP_SREG = 2;
    static final int NFTA_LOOKUP_DREG = 3;
    static final int NFTA_LOOKUP_SET_ID = 4;
    static final int NFTA_LOOKUP_FLAGS = 5;
    static final AttrNames NAMES = AttrNames.table("NFTA_LOOKUP", null, "NFTA_LOOKUP_SET", "NFTA_LOOKUP_SREG",
            "NFTA_LOOKUP_DREG", "NFTA_LOOKUP_SET_ID", "NFTA_LOOKUP_FLAGS");
    static final Codec<Lookup> CODEC = Codec.of("lookup", Lookup.class, NAMES, Lookup::decode, Lookup::writeData);

    /** Checks the components. */
    public Lookup {
        if (set == null || set.isEmpty()) {
            throw new IllegalArgumentException("lookup needs a set name");
        }
        Wire.checkRegister("lookup source", source);
        if (destination != -1) {
            Wire.checkRegister("lookup destination", destination);
        }
    }

    /**
     * A lookup without a set id (a set that exists before the transaction).
     *
     * @param set the set's name
     * @param source the register holding the key
     * @param destination the register the mapped value goes to (maps), or 0
     * @param flags NFTA_LOOKUP_FLAGS (1: invert)
     */
    public Lookup(String set, int source, int destination, int flags) {
        this(set, source, destination, flags, 0);
    }

    /**
     * {@return the same lookup with set id {@code id}}
     *
     * @param id the set id (anonymous sets of the same transaction)
     */
    public Lookup withSetId(int id) {
        return new Lookup(set, source, destination, flags, id);
    }

    /** NFT_LOOKUP_F_INV: the lookup matches when the key is not in the set. */
    public static final int INVERT = 1;

    @Override
    public String kind() {
        return CODEC.kind;
    }

    void writeData(MessageWriter w) {
        // nft's order: registers, set, set id, flags
        w.attrU32Be(NFTA_LOOKUP_SREG, source);
        if (destination >= 0) {
            w.attrU32Be(NFTA_LOOKUP_DREG, destination);
        }
        w.attrString(NFTA_LOOKUP_SET, set);
        if (setId != 0) {
            w.attrU32Be(NFTA_LOOKUP_SET_ID, setId);
        }
        if (flags != 0) {
            w.attrU32Be(NFTA_LOOKUP_FLAGS, flags);
        }
    }

    static Lookup decode(AttributeCursor a) {
        String set = null;
        int sreg = -1;
        int dreg = -1;
        int flags = 0;
        int id = 0;
        while (a.next()) {
            switch (a.type()) {
                case NFTA_LOOKUP_SET -> set = a.string();
                case NFTA_LOOKUP_SREG -> sreg = a.u32be();
                case NFTA_LOOKUP_DREG -> dreg = a.u32be();
                case NFTA_LOOKUP_FLAGS -> flags = a.u32be();
                case NFTA_LOOKUP_SET_ID -> id = a.u32be();
                default -> throw Wire.NOT_MODELED;
            }
        }
        if (sreg < 0) {
            throw Wire.NOT_MODELED;
        }
        try {
            return new Lookup(set, sreg, dreg, flags, id);
        } catch (IllegalArgumentException e) {
            throw Wire.NOT_MODELED;
        }
    }
}
