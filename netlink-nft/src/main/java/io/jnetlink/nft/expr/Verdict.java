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
        /** NF_DROP: drop the packet. */
        DROP(0),
        /** NF_ACCEPT: accept the packet. */
        ACCEPT(1),
        /** NF_QUEUE: pass the packet to user space. */
        QUEUE(3),
        /** NFT_CONTINUE: go on with the next expression. */
        CONTINUE(-1),
        /** NFT_BREAK: stop this rule, go on with the next. */
        BREAK(-2),
        /** NFT_JUMP: jump to a chain and come back. */
        JUMP(-3),
        /** NFT_GOTO: go to a chain without coming back. */
        GOTO(-4),
        /** NFT_RETURN: return to the calling chain. */
        RETURN(-5);

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

    /** Checks the components. */
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

    /**
     * {@code accept}.
     *
     * @return the expression
     */
    public static Verdict accept() {
        return new Verdict(Code.ACCEPT, null);
    }

    /**
     * {@code drop}.
     *
     * @return the expression
     */
    public static Verdict drop() {
        return new Verdict(Code.DROP, null);
    }

    /**
     * {@code return}: back to the calling chain.
     *
     * @return the expression
     */
    public static Verdict ret() {
        return new Verdict(Code.RETURN, null);
    }

    /**
     * {@code jump CHAIN}: run CHAIN, then come back.
     *
     * @param chain the chain to jump to
     * @return the expression
     */
    public static Verdict jump(String chain) {
        return new Verdict(Code.JUMP, chain);
    }

    /**
     * {@code goto CHAIN}: continue in CHAIN without coming back.
     *
     * @param chain the chain to go to
     * @return the expression
     */
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
