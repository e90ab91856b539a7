package io.jnetlink.nft.expr;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.Netlink;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code dynset}: the packet path adds, updates or deletes an element of a set, the key taken
 * from registers ({@code add @s { ip saddr }}, {@code update @s { ip6 saddr timeout 30s }},
 * {@code add @m { ip saddr limit rate 10/second }}). Stateful expressions attached to the new
 * element (counter, limit, quota, ...) come with it.
 *
 * @param set          the set's name
 * @param op           add, update or delete
 * @param keyRegister  the register the key starts in
 * @param dataRegister the register of the element's data (for a map), or 0 for none
 * @param timeoutMs    the new element's timeout in milliseconds, 0 for the set's default
 * @param flags        NFT_DYNSET_F_* (1 = inverted lookup, 2 = the expressions are set by the rule)
 * @param expressions  the stateful expressions the element gets, in order (often none)
 */
public record Dynset(String set, Op op, int keyRegister, int dataRegister, long timeoutMs, int flags,
                     List<Expression> expressions) implements Expression {
    // enum nft_dynset_attributes
    static final int NFTA_DYNSET_SET_NAME = 1;
    static final int NFTA_DYNSET_SET_ID = 2;
    static final int NFTA_DYNSET_OP = 3;
    static final int NFTA_DYNSET_SREG_KEY = 4;
    static final int NFTA_DYNSET_SREG_DATA = 5;
    static final int NFTA_DYNSET_TIMEOUT = 6;
    static final int NFTA_DYNSET_EXPR = 7;
    static final int NFTA_DYNSET_PAD = 8;
    static final int NFTA_DYNSET_FLAGS = 9;
    static final int NFTA_DYNSET_EXPRESSIONS = 10;
    static final AttrNames NAMES = AttrNames.table("NFTA_DYNSET", null, "NFTA_DYNSET_SET_NAME", "NFTA_DYNSET_SET_ID",
            "NFTA_DYNSET_OP", "NFTA_DYNSET_SREG_KEY", "NFTA_DYNSET_SREG_DATA", "NFTA_DYNSET_TIMEOUT",
            "NFTA_DYNSET_EXPR", "NFTA_DYNSET_PAD", "NFTA_DYNSET_FLAGS", "NFTA_DYNSET_EXPRESSIONS");
    static final Codec<Dynset> CODEC = Codec.of("dynset", Dynset.class, NAMES, Dynset::decode, Dynset::writeData);

    /** enum nft_dynset_ops. */
    public enum Op {
        /** NFT_DYNSET_OP_ADD: add the element if it is not there. */
        ADD,
        /** NFT_DYNSET_OP_UPDATE: add it, or refresh its timeout if it is there. */
        UPDATE,
        /** NFT_DYNSET_OP_DELETE: delete it. */
        DELETE
    }

    /** Checks the components. */
    public Dynset {
        if (set == null || set.isEmpty() || set.indexOf('\0') >= 0 || set.length() > 255) {
            throw new IllegalArgumentException("dynset set name " + (set == null ? "null" : "\"" + set + "\"")
                    + " must be 1..255 characters without NUL");
        }
        if (op == null) {
            throw new IllegalArgumentException("dynset op is null");
        }
        Wire.checkRegister("dynset key", keyRegister);
        if (dataRegister != 0) {
            Wire.checkRegister("dynset data", dataRegister);
        }
        if (timeoutMs < 0) {
            throw new IllegalArgumentException("dynset timeout " + timeoutMs + " ms is negative");
        }
        expressions = List.copyOf(expressions);
    }

    @Override
    public String kind() {
        return CODEC.kind;
    }

    void writeData(MessageWriter w) {
        w.attrString(NFTA_DYNSET_SET_NAME, set);
        w.attrU32Be(NFTA_DYNSET_SREG_KEY, keyRegister);
        if (dataRegister != 0) {
            w.attrU32Be(NFTA_DYNSET_SREG_DATA, dataRegister);
        }
        w.attrU32Be(NFTA_DYNSET_OP, op.ordinal());
        if (timeoutMs != 0) {
            w.attrU64Be(NFTA_DYNSET_TIMEOUT, timeoutMs);
        }
        if (flags != 0) {
            w.attrU32Be(NFTA_DYNSET_FLAGS, flags);
        }
        if (expressions.size() == 1) {
            Expressions.writeAs(w, NFTA_DYNSET_EXPR | Netlink.NLA_F_NESTED, expressions.getFirst());
        } else if (!expressions.isEmpty()) {
            Expressions.writeList(w, NFTA_DYNSET_EXPRESSIONS, expressions);
        }
    }

    static Dynset decode(AttributeCursor a) {
        String set = null;
        int op = -1;
        int key = -1;
        int data = 0;
        long timeout = 0;
        int flags = 0;
        List<Expression> exprs = new ArrayList<>();
        while (a.next()) {
            switch (a.type()) {
                case NFTA_DYNSET_SET_NAME -> set = a.string();
                case NFTA_DYNSET_SET_ID, NFTA_DYNSET_PAD -> { }
                case NFTA_DYNSET_OP -> op = a.u32be();
                case NFTA_DYNSET_SREG_KEY -> key = a.u32be();
                case NFTA_DYNSET_SREG_DATA -> data = a.u32be();
                case NFTA_DYNSET_TIMEOUT -> timeout = a.u64be();
                case NFTA_DYNSET_FLAGS -> flags = a.u32be();
                case NFTA_DYNSET_EXPR -> exprs.add(Expressions.read(a));
                case NFTA_DYNSET_EXPRESSIONS -> exprs.addAll(Expressions.readList(a));
                default -> throw Wire.NOT_MODELED;
            }
        }
        if (set == null || op < 0 || op >= Op.values().length || key < 0) {
            throw Wire.NOT_MODELED;
        }
        try {
            return new Dynset(set, Op.values()[op], key, data, timeout, flags, exprs);
        } catch (IllegalArgumentException e) {
            throw Wire.NOT_MODELED;
        }
    }
}
