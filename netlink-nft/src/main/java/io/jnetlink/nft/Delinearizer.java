package io.jnetlink.nft;

import io.jnetlink.nft.expr.Cmp;
import io.jnetlink.nft.expr.Expression;
import io.jnetlink.nft.expr.Lookup;
import io.jnetlink.nft.expr.Masq;
import io.jnetlink.nft.expr.Meta;
import io.jnetlink.nft.expr.NatExpr;
import io.jnetlink.nft.expr.Redir;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a rule's expressions back into statements: a position in the list (reading past the end
 * gives null, which matches no pattern) and the dependencies consumed so far, mirroring
 * {@link Linearizer}.
 */
final class Delinearizer {
    private final Family family;
    private final List<Expression> e;
    private int pos;
    private int nfproto;
    private int l4proto = -1;

    private final java.util.function.Function<String, SetInfo> sets;

    Delinearizer(Family family, List<Expression> e) {
        this(family, e, name -> null);
    }

    Delinearizer(Family family, List<Expression> e, java.util.function.Function<String, SetInfo> sets) {
        this.sets = sets;
        this.family = family;
        this.e = e;
        nfproto = family == Family.IP ? Linearizer.NFPROTO_IPV4 : family == Family.IP6 ? Linearizer.NFPROTO_IPV6 : 0;
    }

    Family family() {
        return family;
    }

    Expression at(int k) {
        return pos + k < e.size() ? e.get(pos + k) : null;
    }

    boolean done() {
        return pos >= e.size();
    }

    /** The NFPROTO the next match is for: the one established, else that of a dependency here, else 0. */
    int network() {
        if (nfproto != 0) {
            return nfproto;
        }
        return at(0) instanceof Meta m && m.key() == Meta.Key.NFPROTO && at(1) instanceof Cmp c
                && c.op() == Cmp.Op.EQ && c.data().length == 1 ? c.data()[0] & 0xFF : 0;
    }

    /** How many expressions of an nfproto dependency stand here (0 or 2) for a match of {@code nfp}; -1 if it is missing. */
    int networkDep(int nfp) {
        if (nfproto == nfp) {
            return 0;
        }
        return nfproto == 0 && network() == nfp ? 2 : -1;
    }

    /** How many expressions of an l4proto dependency stand at {@code k} (0 or 2) for {@code proto}; -1 if missing. */
    int transportDep(int k, int proto) {
        if (l4proto == proto) {
            return 0;
        }
        return l4proto < 0 && at(k) instanceof Meta m && m.key() == Meta.Key.L4PROTO && at(k + 1) instanceof Cmp c
                && c.op() == Cmp.Op.EQ && c.data().length == 1 && (c.data()[0] & 0xFF) == proto ? 2 : -1;
    }

    /** The transport protocol matched so far, or -1. */
    int transport() {
        return l4proto;
    }

    /** Consumes {@code n} expressions; a match that consumed dependencies states what they established. */
    void take(int n, int nfp, int proto) {
        pos += n;
        if (nfp != 0) {
            nfproto = nfp;
        }
        if (proto >= 0) {
            l4proto = proto;
        }
    }

    void take(int n) {
        pos += n;
    }

    /** Whether {@code name} is an anonymous set's ({@code __set0}, {@code __map1}, or nft's {@code __set%d} before numbering). */
    static boolean isAnonymous(String name) {
        return name.startsWith("__set") || name.startsWith("__map");
    }

    /**
     * The anonymous set {@code name} as a rule's literal looked up by {@code fields}, or null when
     * it is not an anonymous set this delinearizer can read.
     */
    SetLiteral literal(String name, List<SetField> fields, boolean verdictMap) {
        if (!isAnonymous(name)) {
            return null;
        }
        SetInfo s = sets.apply(name);
        if (s == null || !s.isAnonymous() || s.isVerdictMap() != verdictMap || (s.isMap() && !verdictMap)
                || !SetField.keyType(fields).equals(s.key())) {
            return null;
        }
        try {
            return new SetLiteral(fields, verdictMap, s.elements().stream().map(SetElement::withoutState).toList());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The expressions as the kernel reports what was sent: it fills an absent NAT maximum register
     * with the minimum's and adds NF_NAT_RANGE_MAP_IPS when an address is given (and
     * NF_NAT_RANGE_PROTO_SPECIFIED when a port register is).
     */
    static List<Expression> canonical(List<Expression> exprs) {
        List<Expression> out = new ArrayList<>(exprs.size());
        for (Expression x : exprs) {
            out.add(switch (x) {
                case NatExpr n -> new NatExpr(n.type(), n.family(), n.addressMin(),
                        n.addressMax() == 0 ? n.addressMin() : n.addressMax(), n.portMin(),
                        n.portMax() == 0 ? n.portMin() : n.portMax(),
                        n.flags() | (n.addressMin() != 0 ? NatExpr.MAP_IPS : 0)
                                | (n.portMin() != 0 ? NatExpr.PROTO_SPECIFIED : 0));
                case Masq m -> new Masq(m.flags(), m.portMin(), m.portMax() == 0 ? m.portMin() : m.portMax());
                case Redir r -> new Redir(r.flags(), r.portMin(), r.portMax() == 0 ? r.portMin() : r.portMax());
                // the kernel numbers an anonymous set (__set%d becomes __set0) and keeps no set id
                case Lookup l -> new Lookup(isAnonymous(l.set()) ? l.set().substring(0, 5) + "%d" : l.set(),
                        l.source(), l.destination(), l.flags(), 0);
                default -> x;
            });
        }
        return out;
    }
}
