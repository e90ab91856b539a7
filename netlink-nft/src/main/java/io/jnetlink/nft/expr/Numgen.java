package io.jnetlink.nft.expr;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;

/**
 * {@code numgen random|inc mod MODULUS [offset OFFSET] => reg DREG}: a number per packet, in host
 * byte order (nft follows it with a {@link Byteorder} before comparing).
 *
 * @param random   true for {@code random}, false for {@code inc} (a counter)
 * @param modulus  the numbers are 0..modulus-1 (plus the offset)
 * @param offset   added to every number
 * @param register the destination register
 */
public record Numgen(boolean random, int modulus, int offset, int register) implements Expression {
    // enum nft_ng_attributes
    static final int NFTA_NG_DREG = 1;
    static final int NFTA_NG_MODULUS = 2;
    static final int NFTA_NG_TYPE = 3;
    static final int NFTA_NG_OFFSET = 4;
    static final AttrNames NAMES = AttrNames.table("NFTA_NG", null, "NFTA_NG_DREG", "NFTA_NG_MODULUS",
            "NFTA_NG_TYPE", "NFTA_NG_OFFSET", "NFTA_NG_SET_NAME", "NFTA_NG_SET_ID");
    static final Codec<Numgen> CODEC = Codec.of("numgen", Numgen.class, NAMES, Numgen::decode, Numgen::writeData);
    // enum nft_ng_types
    static final int NFT_NG_INCREMENTAL = 0;
    static final int NFT_NG_RANDOM = 1;

    /** Checks the components. */
    public Numgen {
        if (modulus <= 0) {
            throw new IllegalArgumentException("numgen modulus must be positive (as unsigned), got " + modulus);
        }
        Wire.checkRegister("numgen destination", register);
    }

    @Override
    public String kind() {
        return CODEC.kind;
    }

    void writeData(MessageWriter w) {
        w.attrU32Be(NFTA_NG_DREG, register);
        w.attrU32Be(NFTA_NG_MODULUS, modulus);
        w.attrU32Be(NFTA_NG_TYPE, random ? NFT_NG_RANDOM : NFT_NG_INCREMENTAL);
        w.attrU32Be(NFTA_NG_OFFSET, offset);
    }

    static Numgen decode(AttributeCursor a) {
        int dreg = -1;
        int mod = 0;
        int type = -1;
        int offset = 0;
        while (a.next()) {
            switch (a.type()) {
                case NFTA_NG_DREG -> dreg = a.u32be();
                case NFTA_NG_MODULUS -> mod = a.u32be();
                case NFTA_NG_TYPE -> type = a.u32be();
                case NFTA_NG_OFFSET -> offset = a.u32be();
                default -> throw Wire.NOT_MODELED; // the deprecated map forms
            }
        }
        if (type != NFT_NG_RANDOM && type != NFT_NG_INCREMENTAL) {
            throw Wire.NOT_MODELED;
        }
        try {
            return new Numgen(type == NFT_NG_RANDOM, mod, offset, dreg);
        } catch (IllegalArgumentException e) {
            throw Wire.NOT_MODELED;
        }
    }
}
