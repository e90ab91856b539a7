package io.jnetlink.nft;

import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.nft.expr.Counter;
import io.jnetlink.nft.expr.Expression;
import io.jnetlink.nft.expr.Expressions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Objects;
import java.util.List;

/**
 * A rule as the kernel reports it.
 *
 * @param family      the table's family
 * @param table       the table's name
 * @param chain       the chain's name
 * @param handle      the rule's handle (for deleting it)
 * @param expressions its expressions, in order; unmodeled ones as {@link io.jnetlink.nft.expr.Unknown}
 * @param userData    NFTA_RULE_USERDATA (nft keeps comments there), or an empty array
 * @param unknown     the attributes this record does not model, as received (nothing the kernel sent is dropped)
 */
public record RuleInfo(Family family, String table, String chain, long handle, List<Expression> expressions,
                       byte[] userData, List<RawAttribute> unknown) {
    /** Keeps copies of the mutable components. */
    public RuleInfo {
        expressions = List.copyOf(expressions);
        userData = userData.clone();
        unknown = List.copyOf(unknown);
    }

    /** {@return the rule's user data (NFTA_RULE_USERDATA, nft's comment among it), a copy; empty if none} */
    @Override
    public byte[] userData() {
        return userData.clone();
    }

    /** Equal when every component is, the user data compared by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof RuleInfo r && r.family == family && r.table.equals(table) && r.chain.equals(chain)
                && r.handle == handle && r.expressions.equals(expressions) && Arrays.equals(r.userData, userData)
                && r.unknown.equals(unknown);
    }

    @Override
    public int hashCode() {
        return Objects.hash(family, table, chain, handle, expressions, unknown) * 31 + Arrays.hashCode(userData);
    }

    /**
     * {@return the handle of the rule before this one in its chain (NFTA_RULE_POSITION, sent in dumps and
     * events), 0 for the first rule}
     */
    public long previousHandle() {
        for (RawAttribute a : unknown) {
            byte[] v = a.value();
            if ((a.type() & io.jnetlink.core.codec.Netlink.NLA_TYPE_MASK) == Nf.NFTA_RULE_POSITION && v.length == 8) {
                return java.nio.ByteBuffer.wrap(v).getLong();
            }
        }
        return 0;
    }

    /**
     * {@return the rule's counter ({@code counter packets P bytes B}): the first counter expression, or
     * empty when the rule counts nothing}
     */
    public java.util.Optional<Counter> counter() {
        for (Expression e : expressions) {
            if (e instanceof Counter c) {
                return java.util.Optional.of(c);
            }
        }
        return java.util.Optional.empty();
    }

    static RuleInfo decode(Message m) {
        if (!Nf.is(m, Nf.NFT_MSG_NEWRULE)) {
            return null;
        }
        return decodeAny(m);
    }

    /** Decodes a NEWRULE or DELRULE message (events announce deleted rules with their content). */
    static RuleInfo decodeAny(Message m) {
        m.requirePayload(Nf.NFGENMSG_LEN, "nfgenmsg");
        Family family = Family.of(m.u8(0));
        String table = null;
        String chain = null;
        long handle = 0;
        List<Expression> exprs = List.of();
        byte[] udata = new byte[0];
        List<RawAttribute> unknown = new ArrayList<>();
        AttributeCursor a = m.attributes(Nf.NFGENMSG_LEN, Nf.RULE_NAMES);
        while (a.next()) {
            switch (a.type()) {
                case Nf.NFTA_RULE_TABLE -> table = a.string();
                case Nf.NFTA_RULE_CHAIN -> chain = a.string();
                case Nf.NFTA_RULE_HANDLE -> handle = a.u64be();
                case Nf.NFTA_RULE_EXPRESSIONS -> exprs = Expressions.readList(a);
                case Nf.NFTA_RULE_USERDATA -> udata = a.bytes();
                default -> unknown.add(a.raw());
            }
        }
        if (table == null || chain == null) {
            throw a.malformed("rule without NFTA_RULE_TABLE or NFTA_RULE_CHAIN");
        }
        return new RuleInfo(family, table, chain, handle, exprs, udata, unknown);
    }

    /** The handle in an echoed NEWRULE message, 0 if absent. */
    static long handleOf(Message m) {
        m.requirePayload(Nf.NFGENMSG_LEN, "nfgenmsg");
        AttributeCursor a = m.attributes(Nf.NFGENMSG_LEN, Nf.RULE_NAMES);
        while (a.next()) {
            if (a.type() == Nf.NFTA_RULE_HANDLE) {
                return a.u64be();
            }
        }
        return 0;
    }
}
