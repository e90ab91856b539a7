package io.jnetlink.nft.expr;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;

/**
 * {@code exthdr}: loads bytes of an extension header or option into a register, or writes a
 * register into one: {@code tcp option maxseg size 1400-1500}, {@code tcp option sack-perm exists},
 * {@code tcp option maxseg size set rt mtu}. Exactly one of the two registers is set (the other -1).
 *
 * @param op          where the header is: NFT_EXTHDR_OP_IPV6 (0), _TCPOPT (1), _IPV4 (2), _SCTP (3), _DCCP (4)
 * @param type        the option or header type (2 = TCP maxseg, ...)
 * @param offset      byte offset into the option
 * @param length      bytes loaded or written
 * @param flags       NFT_EXTHDR_F_PRESENT (1): load whether the option is there instead of its bytes
 * @param destination the register loaded, or -1 for a write
 * @param source      the register written from, or -1 for a load
 */
public record Exthdr(int op, int type, int offset, int length, int flags, int destination, int source)
        implements Expression {
    // enum nft_exthdr_attributes
    static final int NFTA_EXTHDR_DREG = 1;
    static final int NFTA_EXTHDR_TYPE = 2;
    static final int NFTA_EXTHDR_OFFSET = 3;
    static final int NFTA_EXTHDR_LEN = 4;
    static final int NFTA_EXTHDR_FLAGS = 5;
    static final int NFTA_EXTHDR_OP = 6;
    static final int NFTA_EXTHDR_SREG = 7;
    static final AttrNames NAMES = AttrNames.table("NFTA_EXTHDR", null, "NFTA_EXTHDR_DREG", "NFTA_EXTHDR_TYPE",
            "NFTA_EXTHDR_OFFSET", "NFTA_EXTHDR_LEN", "NFTA_EXTHDR_FLAGS", "NFTA_EXTHDR_OP", "NFTA_EXTHDR_SREG");
    static final Codec<Exthdr> CODEC = Codec.of("exthdr", Exthdr.class, NAMES, Exthdr::decode, Exthdr::writeData);

    /** NFT_EXTHDR_OP_TCPOPT: a TCP option. */
    public static final int OP_TCPOPT = 1;
    /** NFT_EXTHDR_F_PRESENT. */
    public static final int F_PRESENT = 1;

    /** Checks the components. */
    public Exthdr {
        if (op < 0 || type < 0 || type > 255 || offset < 0 || offset > 0xFFFF) {
            throw new IllegalArgumentException("exthdr op " + op + ", type " + type + " or offset " + offset
                    + " out of range");
        }
        if (length < 1 || length > Wire.MAX_VALUE_LEN) {
            throw new IllegalArgumentException("exthdr length " + length + " out of range 1.." + Wire.MAX_VALUE_LEN);
        }
        if ((destination < 0) == (source < 0)) {
            throw new IllegalArgumentException("exthdr needs exactly one of a destination and a source register");
        }
        Wire.checkRegister("exthdr register", destination >= 0 ? destination : source);
    }

    @Override
    public String kind() {
        return CODEC.kind;
    }

    void writeData(MessageWriter w) {
        if (destination >= 0) {
            w.attrU32Be(NFTA_EXTHDR_DREG, destination);
        } else {
            w.attrU32Be(NFTA_EXTHDR_SREG, source);
        }
        w.attrU8(NFTA_EXTHDR_TYPE, type);
        w.attrU32Be(NFTA_EXTHDR_OFFSET, offset);
        w.attrU32Be(NFTA_EXTHDR_LEN, length);
        if (flags != 0) {
            w.attrU32Be(NFTA_EXTHDR_FLAGS, flags);
        }
        w.attrU32Be(NFTA_EXTHDR_OP, op);
    }

    static Exthdr decode(AttributeCursor a) {
        int dreg = -1;
        int sreg = -1;
        int type = -1;
        int offset = -1;
        int len = -1;
        int flags = 0;
        int op = 0;
        while (a.next()) {
            switch (a.type()) {
                case NFTA_EXTHDR_DREG -> dreg = a.u32be();
                case NFTA_EXTHDR_SREG -> sreg = a.u32be();
                case NFTA_EXTHDR_TYPE -> type = a.u8();
                case NFTA_EXTHDR_OFFSET -> offset = a.u32be();
                case NFTA_EXTHDR_LEN -> len = a.u32be();
                case NFTA_EXTHDR_FLAGS -> flags = a.u32be();
                case NFTA_EXTHDR_OP -> op = a.u32be();
                default -> throw Wire.NOT_MODELED;
            }
        }
        try {
            return new Exthdr(op, type, offset, len, flags, dreg, sreg);
        } catch (IllegalArgumentException e) {
            throw Wire.NOT_MODELED;
        }
    }
}
