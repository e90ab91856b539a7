package io.jnetlink.nft.expr;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;
import java.util.Arrays;

/**
 * {@code cmp OP reg SREG DATA}: compares a register with constant bytes; the rule stops when the
 * comparison fails. Data is in the register's byte order as loaded (network order for payload).
 *
 * @param register source register
 * @param op       the comparison
 * @param data     the bytes to compare with (1..64)
 */
public record Cmp(int register, Op op, byte[] data) implements Expression {
    // enum nft_cmp_attributes
    static final int NFTA_CMP_SREG = 1;
    static final int NFTA_CMP_OP = 2;
    static final int NFTA_CMP_DATA = 3;
    static final AttrNames NAMES = AttrNames.table("NFTA_CMP", null, "NFTA_CMP_SREG", "NFTA_CMP_OP", "NFTA_CMP_DATA");
    static final Codec<Cmp> CODEC = Codec.of("cmp", Cmp.class, NAMES, Cmp::decode, Cmp::writeData);

    /** enum nft_cmp_ops. */
    public enum Op {
        /** NFT_CMP_EQ. */
        EQ(0),
        /** NFT_CMP_NEQ. */
        NEQ(1),
        /** NFT_CMP_LT. */
        LT(2),
        /** NFT_CMP_LTE. */
        LTE(3),
        /** NFT_CMP_GT. */
        GT(4),
        /** NFT_CMP_GTE. */
        GTE(5);

        /** The kernel's number for the operator. */
        public final int code;

        Op(int code) {
            this.code = code;
        }

        static Op of(int code) {
            for (Op o : values()) {
                if (o.code == code) {
                    return o;
                }
            }
            throw Wire.NOT_MODELED;
        }
    }

    /** Checks the components and keeps copies of the mutable ones. */
    public Cmp {
        Wire.checkRegister("cmp source", register);
        if (op == null) {
            throw new IllegalArgumentException("cmp operator is null");
        }
        Wire.checkValue("cmp data", data);
        data = data.clone();
    }

    /**
     * {@code cmp eq reg REGISTER DATA}.
     *
     * @param register the register compared
     * @param data the value it must equal
     * @return the expression
     */
    public static Cmp eq(int register, byte[] data) {
        return new Cmp(register, Op.EQ, data);
    }

    /** {@return the value compared with (a copy)} */
    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public String kind() {
        return CODEC.kind;
    }

    void writeData(MessageWriter w) {
        w.attrU32Be(NFTA_CMP_SREG, register);
        w.attrU32Be(NFTA_CMP_OP, op.code);
        Wire.value(w, NFTA_CMP_DATA, data);
    }

    static Cmp decode(AttributeCursor a) {
        int sreg = -1;
        Op op = null;
        byte[] data = null;
        while (a.next()) {
            switch (a.type()) {
                case NFTA_CMP_SREG -> sreg = a.u32be();
                case NFTA_CMP_OP -> op = Op.of(a.u32be());
                case NFTA_CMP_DATA -> data = Wire.value(a);
                default -> throw Wire.NOT_MODELED;
            }
        }
        if (sreg < 0 || op == null || data == null) {
            throw Wire.NOT_MODELED;
        }
        try {
            return new Cmp(sreg, op, data);
        } catch (IllegalArgumentException e) {
            throw Wire.NOT_MODELED;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cmp c && c.register == register && c.op == op && Arrays.equals(c.data, data);
    }

    @Override
    public int hashCode() {
        return (register * 31 + op.hashCode()) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Cmp[" + op.name().toLowerCase() + " reg " + register + " 0x" + Wire.hex(data) + "]";
    }
}
