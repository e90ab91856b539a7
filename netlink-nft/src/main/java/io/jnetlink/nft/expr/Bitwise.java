package io.jnetlink.nft.expr;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;
import java.util.Arrays;

/**
 * {@code bitwise reg DREG = (reg SREG & MASK) ^ XOR}: the boolean form, which nft uses for
 * prefix matches that do not end on a byte boundary. Shifts decode as {@link Unknown}.
 *
 * @param source      source register
 * @param destination destination register
 * @param mask        AND mask (its length is the operand length)
 * @param xor         XOR value, as long as the mask
 * @param sendsOp     whether NFTA_BITWISE_OP (boolean) is written: nft writes it for a mask the rule
 *                    states ({@code tcp flags syn / syn,ack}), not for prefixes and flag tests; the
 *                    kernel reports it always, so a decoded bitwise has it. Equality ignores it: it
 *                    spells the same operation
 */
public record Bitwise(int source, int destination, byte[] mask, byte[] xor, boolean sendsOp) implements Expression {
    // enum nft_bitwise_attributes
    static final int NFTA_BITWISE_SREG = 1;
    static final int NFTA_BITWISE_DREG = 2;
    static final int NFTA_BITWISE_LEN = 3;
    static final int NFTA_BITWISE_MASK = 4;
    static final int NFTA_BITWISE_XOR = 5;
    static final int NFTA_BITWISE_OP = 6;
    static final int NFT_BITWISE_BOOL = 0;
    static final AttrNames NAMES = AttrNames.table("NFTA_BITWISE", null, "NFTA_BITWISE_SREG", "NFTA_BITWISE_DREG",
            "NFTA_BITWISE_LEN", "NFTA_BITWISE_MASK", "NFTA_BITWISE_XOR", "NFTA_BITWISE_OP", "NFTA_BITWISE_DATA");
    static final Codec<Bitwise> CODEC = Codec.of("bitwise", Bitwise.class, NAMES, Bitwise::decode, Bitwise::writeData);

    /** Checks the components and keeps copies of the mutable ones. */
    public Bitwise {
        Wire.checkRegister("bitwise source", source);
        Wire.checkRegister("bitwise destination", destination);
        Wire.checkValue("bitwise mask", mask);
        Wire.checkValue("bitwise xor", xor);
        if (mask.length != xor.length) {
            throw new IllegalArgumentException("bitwise mask (" + mask.length + " bytes) and xor (" + xor.length
                    + " bytes) differ in length");
        }
        mask = mask.clone();
        xor = xor.clone();
    }

    /**
     * A boolean bitwise without NFTA_BITWISE_OP (as nft writes prefixes and flag tests).
     *
     * @param source the register read
     * @param destination the register written
     * @param mask ANDed with the value
     * @param xor XORed with the result
     */
    public Bitwise(int source, int destination, byte[] mask, byte[] xor) {
        this(source, destination, mask, xor, false);
    }

    /**
     * Keeps the first {@code prefixBits} bits of a {@code bytes}-long register value, in place.
     *
     * @param register the register, read and written
     * @param bytes the value's length
     * @param prefixBits how many leading bits to keep
     * @return the expression
     */
    public static Bitwise prefixMask(int register, int bytes, int prefixBits) {
        if (prefixBits < 0 || prefixBits > bytes * 8) {
            throw new IllegalArgumentException("prefix /" + prefixBits + " longer than " + bytes + " bytes");
        }
        byte[] mask = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            int bits = Math.max(0, Math.min(8, prefixBits - i * 8));
            mask[i] = (byte) (0xFF << (8 - bits));
        }
        return new Bitwise(register, register, mask, new byte[bytes]);
    }

    /** {@return the mask (a copy)} */
    @Override
    public byte[] mask() {
        return mask.clone();
    }

    /** {@return the xor value (a copy)} */
    @Override
    public byte[] xor() {
        return xor.clone();
    }

    @Override
    public String kind() {
        return CODEC.kind;
    }

    void writeData(MessageWriter w) {
        w.attrU32Be(NFTA_BITWISE_SREG, source);
        w.attrU32Be(NFTA_BITWISE_DREG, destination);
        if (sendsOp) {
            w.attrU32Be(NFTA_BITWISE_OP, NFT_BITWISE_BOOL);
        }
        w.attrU32Be(NFTA_BITWISE_LEN, mask.length);
        Wire.value(w, NFTA_BITWISE_MASK, mask);
        Wire.value(w, NFTA_BITWISE_XOR, xor);
    }

    static Bitwise decode(AttributeCursor a) {
        int sreg = -1;
        int dreg = -1;
        int len = -1;
        byte[] mask = null;
        byte[] xor = null;
        boolean op = false;
        while (a.next()) {
            switch (a.type()) {
                case NFTA_BITWISE_SREG -> sreg = a.u32be();
                case NFTA_BITWISE_DREG -> dreg = a.u32be();
                case NFTA_BITWISE_LEN -> len = a.u32be();
                case NFTA_BITWISE_MASK -> mask = Wire.value(a);
                case NFTA_BITWISE_XOR -> xor = Wire.value(a);
                case NFTA_BITWISE_OP -> {
                    if (a.u32be() != NFT_BITWISE_BOOL) {
                        throw Wire.NOT_MODELED;
                    }
                    op = true;
                }
                default -> throw Wire.NOT_MODELED;
            }
        }
        if (sreg < 0 || dreg < 0 || mask == null || xor == null || len != mask.length) {
            throw Wire.NOT_MODELED;
        }
        try {
            return new Bitwise(sreg, dreg, mask, xor, op);
        } catch (IllegalArgumentException e) {
            throw Wire.NOT_MODELED;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bitwise b && b.source == source && b.destination == destination
                && Arrays.equals(b.mask, mask) && Arrays.equals(b.xor, xor); // sendsOp: wire spelling, same operation
    }

    @Override
    public int hashCode() {
        return ((source * 31 + destination) * 31 + Arrays.hashCode(mask)) * 31 + Arrays.hashCode(xor);
    }

    @Override
    public String toString() {
        return "Bitwise[reg " + destination + " = (reg " + source + " & 0x" + Wire.hex(mask) + ") ^ 0x"
                + Wire.hex(xor) + "]";
    }
}
