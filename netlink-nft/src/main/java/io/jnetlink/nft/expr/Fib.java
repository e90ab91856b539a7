package io.jnetlink.nft.expr;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;

/**
 * {@code fib saddr|daddr [. mark] [. iif|oif] RESULT => reg DREG}: a routing lookup for the
 * packet's source or destination, loading the output interface, its name, or the address type.
 *
 * @param flags    NFTA_FIB_F_* ({@link #SADDR}, {@link #DADDR}, {@link #MARK}, {@link #IIF},
 *                 {@link #OIF}, {@link #PRESENT})
 * @param result   what to load (enum nft_fib_result: 1 oif, 2 oifname, 3 address type)
 * @param register the destination register
 */
public record Fib(int flags, int result, int register) implements Expression {
    // enum nft_fib_attributes
    static final int NFTA_FIB_DREG = 1;
    static final int NFTA_FIB_RESULT = 2;
    static final int NFTA_FIB_FLAGS = 3;
    static final AttrNames NAMES = AttrNames.table("NFTA_FIB", null, "NFTA_FIB_DREG", "NFTA_FIB_RESULT",
            "NFTA_FIB_FLAGS");
    static final Codec<Fib> CODEC = Codec.of("fib", Fib.class, NAMES, Fib::decode, Fib::writeData);
    /** enum nft_fib_flags. */
    public static final int SADDR = 1;
    public static final int DADDR = 2;
    public static final int MARK = 4;
    public static final int IIF = 8;
    public static final int OIF = 16;
    public static final int PRESENT = 32;
    /** enum nft_fib_result. */
    public static final int RESULT_OIF = 1;
    public static final int RESULT_OIFNAME = 2;
    public static final int RESULT_ADDRTYPE = 3;

    /** Checks the components. */
    public Fib {
        if (((flags & SADDR) != 0) == ((flags & DADDR) != 0)) {
            throw new IllegalArgumentException("fib looks up either saddr or daddr, flags 0x" + Integer.toHexString(flags));
        }
        if ((flags & ~63) != 0) {
            throw new IllegalArgumentException("unknown fib flags 0x" + Integer.toHexString(flags));
        }
        if (result < RESULT_OIF || result > RESULT_ADDRTYPE) {
            throw new IllegalArgumentException("fib result " + result + " is not oif (1), oifname (2) or type (3)");
        }
        Wire.checkRegister("fib destination", register);
    }

    @Override
    public String kind() {
        return CODEC.kind;
    }

    void writeData(MessageWriter w) {
        // nft's order: flags, result, register
        w.attrU32Be(NFTA_FIB_FLAGS, flags);
        w.attrU32Be(NFTA_FIB_RESULT, result);
        w.attrU32Be(NFTA_FIB_DREG, register);
    }

    static Fib decode(AttributeCursor a) {
        int dreg = -1;
        int result = -1;
        int flags = 0;
        while (a.next()) {
            switch (a.type()) {
                case NFTA_FIB_DREG -> dreg = a.u32be();
                case NFTA_FIB_RESULT -> result = a.u32be();
                case NFTA_FIB_FLAGS -> flags = a.u32be();
                default -> throw Wire.NOT_MODELED;
            }
        }
        try {
            return new Fib(flags, result, dreg);
        } catch (IllegalArgumentException e) {
            throw Wire.NOT_MODELED;
        }
    }
}
