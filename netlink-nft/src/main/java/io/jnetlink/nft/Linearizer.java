package io.jnetlink.nft;

import io.jnetlink.nft.expr.Cmp;
import io.jnetlink.nft.expr.Expression;
import io.jnetlink.nft.expr.Expressions;
import io.jnetlink.nft.expr.Meta;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link RuleSpec}'s statements into expressions the way nft does, adding each implicit
 * dependency once per rule: {@code meta nfproto} before the first IPv4/IPv6 match in an inet table,
 * {@code meta l4proto} before the first match on a transport header.
 */
final class Linearizer {
    static final int NFPROTO_IPV4 = 2;
    static final int NFPROTO_IPV6 = 10;

    private final Family family;
    private final List<Expression> out = new ArrayList<>();
    private int nfproto;
    private int l4proto = -1;
    private final List<SetLiteral> literals = new ArrayList<>();

    Linearizer(Family family) {
        this.family = family;
        nfproto = family == Family.IP ? NFPROTO_IPV4 : family == Family.IP6 ? NFPROTO_IPV6 : 0;
    }

    Family family() {
        return family;
    }

    /** Requires the packet to be IPv4 (or IPv6): nothing in an ip (ip6) table, {@code meta nfproto} in inet. */
    void network(boolean v4, String what) {
        int want = v4 ? NFPROTO_IPV4 : NFPROTO_IPV6;
        if (nfproto == want) {
            return;
        }
        if (family != Family.INET || nfproto != 0) {
            throw new IllegalArgumentException(what + ": an " + (v4 ? "IPv4" : "IPv6") + " match cannot apply in "
                    + (nfproto == 0 ? "a " + family + " table" : "a rule that already matched "
                    + (nfproto == NFPROTO_IPV4 ? "IPv4" : "IPv6")));
        }
        nfproto = want;
        add(new Meta(Meta.Key.NFPROTO, Expressions.REG_1));
        add(Cmp.eq(Expressions.REG_1, new byte[] {(byte) want}));
    }

    /** Requires transport protocol {@code proto}: {@code meta l4proto} once, unless already matched. */
    void transport(int proto, String what) {
        if (l4proto == proto) {
            return;
        }
        if (l4proto >= 0) {
            throw new IllegalArgumentException(what + ": the rule already matched protocol " + Values.protocolName(l4proto));
        }
        if (family != Family.INET && family != Family.IP && family != Family.IP6) {
            throw new IllegalArgumentException(what + ": the rule builder matches transport headers in inet, ip and"
                    + " ip6 tables, not in " + family);
        }
        l4proto = proto;
        add(new Meta(Meta.Key.L4PROTO, Expressions.REG_1));
        add(Cmp.eq(Expressions.REG_1, new byte[] {(byte) proto}));
    }

    /** The transport protocol matched so far, or -1. */
    int transport() {
        return l4proto;
    }

    /** The network protocol required so far (NFPROTO_IPV4/IPV6), or 0. */
    int network() {
        return nfproto;
    }

    /** Records an explicit {@code meta l4proto P} match (so later transport matches need no dependency). */
    void matchedTransport(int proto) {
        l4proto = proto;
    }

    void add(Expression e) {
        out.add(e);
    }

    List<Expression> expressions() {
        return List.copyOf(out);
    }

    /** Adds an anonymous set the rule carries; returns its number (1, 2, ...), the set id its lookup names. */
    int literal(SetLiteral s) {
        literals.add(s);
        return literals.size();
    }

    List<SetLiteral> literals() {
        return List.copyOf(literals);
    }
}
