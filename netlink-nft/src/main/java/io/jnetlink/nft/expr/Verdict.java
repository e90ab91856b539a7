package io.jnetlink.nft.expr;

import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.Netlink;

/**
 * A verdict: on the wire an {@code immediate} that sets the verdict register. {@code accept},
 * {@code drop}, {@code continue}, {@code return}, or {@code jump}/{@code goto} a chain.
 *
 * @param code  the verdict
 * @param chain the target chain of {@code JUMP}/{@code GOTO}, else null
 */
public record Verdict(Code code, String chain) implements Expression {
    /** On the wire an immediate; {@link Immediate}'s decoder tells the two apart by the register. */
    static final Codec<Verdict> CODEC = Codec.sharing("immediate", Verdict.class, Verdict::writeData);

    /** Verdict codes (NF_DROP, NF_ACCEPT and enum nft_verdicts). */
    public enum Code {
        DROP(0), ACCEPT(1), QUEUE(3), CONTINUE(-1), BREAK(-2), JUMP(-3), GOTO(-4), RETURN(-5);

        /** The kernel's number for the verdict. */
        public final int code;

        Code(int code) {
            this.code = code;
        }

        static Code of(int code) {
            for (Code c : values()) {
                if (c.code == code) {
                    return c;
                }
            }
            throw Wire.NOT_MODELED;
        }
    }

    public Verdict {
        if (code == null) {
            throw new IllegalArgumentException("verdict code is null");
        }
        boolean needsChain = code == Code.JUMP || code == Code.GOTO;
        if (needsChain && (chain == null || chain.isEmpty())) {
            throw new IllegalArgumentException(code + " needs a target chain");
        }
        if (!needsChain && chain != null) {
            throw new IllegalArgumentException(code + " takes no chain, got " + chain);
        }
    }

    /** {@code accept}. */
    public static Verdict accept() {
        return new Verdict(Code.ACCEPT, null);
    }

    /** {@code drop}. */
    public static Verdict drop() {
        return new Verdict(Code.DROP, null);
    }

    /** {@code return}: back to the calling chain. */
    public static Verdict ret() {
        return new Verdict(Code.RETURN, null);
    }

    /** {@code jump CHAIN}: run CHAIN, then come back. */
    public static Verdict jump(String chain) {
        return new Verdict(Code.JUMP, chain);
    }

    /** {@code goto CHAIN}: continue in CHAIN without coming back. */
    public static Verdict goTo(String chain) {
        return new Verdict(Code.GOTO, chain);
    }

    @Override
    public String kind() {
        return CODEC.kind;
    }

    void writeData(MessageWriter w) {
        w.attrU32Be(Immediate.NFTA_IMMEDIATE_DREG, Expressions.REG_VERDICT);
        w.nest(Immediate.NFTA_IMMEDIATE_DATA | Netlink.NLA_F_NESTED,
                d -> d.nest(Wire.NFTA_DATA_VERDICT | Netlink.NLA_F_NESTED, v -> {
                    v.attrU32Be(Wire.NFTA_VERDICT_CODE, code.code);
                    if (chain != null) {
                        v.attrString(Wire.NFTA_VERDICT_CHAIN, chain);
                    }
                }));
    }

    static Verdict decodeVerdict(AttributeCursor v) {
        Code code = null;
        String chain = null;
        while (v.next()) {
            switch (v.type()) {
                case Wire.NFTA_VERDICT_CODE -> code = Code.of(v.u32be());
                case Wire.NFTA_VERDICT_CHAIN -> chain = v.string();
                default -> throw Wire.NOT_MODELED;
            }
        }
        if (code == null) {
            throw Wire.NOT_MODELED;
        }
        try {
            return new Verdict(code, chain);
        } catch (IllegalArgumentException e) {
            throw Wire.NOT_MODELED;
        }
    }
}
