package io.jnetlink.nft.expr;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;

/**
 * {@code byteorder reg DREG = hton|ntoh(reg SREG, SIZE, LEN)}: converts a host-order value (from
 * {@link Numgen}, {@code meta}, ...) to network order or back, so that it compares with big-endian
 * data.
 *
 * @param source      source register
 * @param destination destination register
 * @param toNetwork   true for hton, false for ntoh
 * @param length      bytes to convert
 * @param size        the width of each element (2, 4 or 8)
 */
public record Byteorder(int source, int destination, boolean toNetwork, int length, int size) implements Expression {
    // enum nft_byteorder_attributes
    static final int NFTA_BYTEORDER_SREG = 1;
    static final int NFTA_BYTEORDER_DREG = 2;
    static final int NFTA_BYTEORDER_OP = 3;
    static final int NFTA_BYTEORDER_LEN = 4;
    static final int NFTA_BYTEORDER_SIZE = 5;
    static final AttrNames NAMES = AttrNames.table("NFTA_BYTEORDER", null, "NFTA_BYTEORDER_SREG",
            "NFTA_BYTEORDER_DREG", "NFTA_BYTEORDER_OP", "NFTA_BYTEORDER_LEN", "NFTA_BYTEORDER_SIZE");
    static final Codec<Byteorder> CODEC = Codec.of("byteorder", Byteorder.class, NAMES, Byteorder::decode,
            Byteorder::writeData);
    // enum nft_byteorder_ops
    static final int NFT_BYTEORDER_NTOH = 0;
    static final int NFT_BYTEORDER_HTON = 1;

    /** Checks the components. */
    public Byteorder {
        Wire.checkRegister("byteorder source", source);
        Wire.checkRegister("byteorder destination", destination);
        if (size != 2 && size != 4 && size != 8) {
            throw new IllegalArgumentException("byteorder size must be 2, 4 or 8, got " + size);
        }
        if (length <= 0 || length > Wire.MAX_VALUE_LEN || length % size != 0) {
            throw new IllegalArgumentException("byteorder length " + length + " is not a multiple of " + size);
        }
    }

    /**
     * {@code byteorder reg R = hton(reg R, 4, 4)}: a 32-bit number into network order, in place.
     *
     * @param register the register, converted in place
     * @return the expression
     */
    public static Byteorder hton32(int register) {
        return new Byteorder(register, register, true, 4, 4);
    }

    @Override
    public String kind() {
        return CODEC.kind;
    }

    void writeData(MessageWriter w) {
        w.attrU32Be(NFTA_BYTEORDER_SREG, source);
        w.attrU32Be(NFTA_BYTEORDER_DREG, destination);
        w.attrU32Be(NFTA_BYTEORDER_OP, toNetwork ? NFT_BYTEORDER_HTON : NFT_BYTEORDER_NTOH);
        w.attrU32Be(NFTA_BYTEORDER_LEN, length);
        w.attrU32Be(NFTA_BYTEORDER_SIZE, size);
    }

    static Byteorder decode(AttributeCursor a) {
        int sreg = -1;
        int dreg = -1;
        int op = -1;
        int len = -1;
        int size = -1;
        while (a.next()) {
            switch (a.type()) {
                case NFTA_BYTEORDER_SREG -> sreg = a.u32be();
                case NFTA_BYTEORDER_DREG -> dreg = a.u32be();
                case NFTA_BYTEORDER_OP -> op = a.u32be();
                case NFTA_BYTEORDER_LEN -> len = a.u32be();
                case NFTA_BYTEORDER_SIZE -> size = a.u32be();
                default -> throw Wire.NOT_MODELED;
            }
        }
        if (op != NFT_BYTEORDER_HTON && op != NFT_BYTEORDER_NTOH) {
            throw Wire.NOT_MODELED;
        }
        try {
            return new Byteorder(sreg, dreg, op == NFT_BYTEORDER_HTON, len, size);
        } catch (IllegalArgumentException e) {
            throw Wire.NOT_MODELED;
        }
    }
}
