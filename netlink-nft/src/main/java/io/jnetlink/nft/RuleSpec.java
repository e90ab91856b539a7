package io.jnetlink.nft;

import io.jnetlink.nft.expr.Expression;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * A rule as {@code nft} reads it: matches and statements in order, typed.
 *
 * <pre>{@code
 * RuleSpec spec = RuleSpec.of(Match.saddr("10.1.0.0/24"), Match.dport(Protocol.TCP, 22),
 *         Statement.counter(), Statement.drop());
 * spec.toString();                                // "ip saddr 10.1.0.0/24 tcp dport 22 counter drop"
 * nft.addRule(spec.in(Family.INET, "filter", "input"));
 * }</pre>
 *
 * <p>{@link #toString()} is the text {@code nft list ruleset} prints for the rule in an inet table
 * (without counter values), and is what error messages quote. {@link #expressions(Family)} are the
 * expressions nft generates for that text, with the dependencies it adds; {@link #decode} reads
 * them back into an equal value.
 *
 * <p>Two forms that nft itself prints alike are made one when the spec is built, so that a rule
 * reads back equal to what was built: a {@code meta l4proto P} right before a match on P's header
 * (a port, tcp flags, an ICMP type) is the dependency that match adds anyway, and is dropped.
 *
 * @param statements the rule's statements, in order
 */
public record RuleSpec(List<Statement> statements) {
    /** The decoders, tried in order at each position; those that consume dependencies come first. */
    private static final List<Function<Delinearizer, Statement>> PARSERS = List.of(
            Match.InSet::parse, Statement.VerdictMap::parse, Statement.TranslateMap::parse, Match.Address::parse, Match.IcmpType::parse, Match.Port::parse, Match.TcpFlags::parse,
            Statement.RejectWith::parse, Match.IfName::parse, Match.L4Proto::parse, Match.CtState::parse,
            Match.CtStatus::parse, Match.Mark::parse, Match.FibLookup::parse, Match.Random::parse,
            Statement.Decision::parse, Statement.Count::parse, Statement.RateLimit::parse,
            Statement.ByteQuota::parse, Statement.LogTo::parse, Statement.SetMark::parse,
            Statement.Translate::parse, Statement.Masquerade::parse, Statement.Redirect::parse);

    /** Checks the components and keeps copies of the mutable ones. */
    public RuleSpec {
        if (statements == null || statements.isEmpty()) {
            throw new IllegalArgumentException("a rule needs at least one statement");
        }
        List<Statement> s = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            Statement st = statements.get(i);
            if (st == null) {
                throw new IllegalArgumentException("statement #" + (i + 1) + " is null");
            }
            boolean dependency = st instanceof Match.L4Proto p && !p.negated() && i + 1 < statements.size()
                    && impliedProtocol(statements.get(i + 1)) == p.protocol();
            if (!dependency) {
                s.add(st);
            }
        }
        statements = List.copyOf(s);
        linearize(Family.INET, statements); // fails now, with the rule's text, if it cannot be encoded
    }

    /**
     * {@return a rule of these statements}
     *
     * @param statements the rule's statements, in order
     */
    public static RuleSpec of(Statement... statements) {
        return new RuleSpec(List.of(statements));
    }

    /**
     * {@return the same rule with {@code more} statements appended}
     *
     * @param more statements to append
     */
    public RuleSpec then(Statement... more) {
        List<Statement> all = new ArrayList<>(statements);
        all.addAll(List.of(more));
        return new RuleSpec(all);
    }

    /**
     * {@return the expressions of this rule in a table of {@code family} (inet, ip or ip6)}
     *
     * @param family the table's family
     */
    public List<Expression> expressions(Family family) {
        return linearize(family, statements);
    }

    /**
     * {@return this rule for chain {@code chain} of table {@code family table}, described by its text in errors}
     *
     * @param family the table's family
     * @param table the table's name
     * @param chain the chain's name
     */
    public Rule in(Family family, String table, String chain) {
        Linearizer l = linearizer(family, statements);
        return new Rule(family, table, chain, l.expressions(), toString(), l.literals());
    }

    /** {@return the anonymous sets of this rule ({@code tcp dport { 22, 80 }}), in the order its lookups number them} */
    public List<SetLiteral> literals() {
        return linearizer(Family.INET, statements).literals();
    }

    /**
     * Reads expressions (of a rule in a {@code family} table) back into a spec; empty if any of them
     * is not in a shape the builder makes. A spec returned encodes back to exactly these expressions.
     *
     * @param family the table's family
     * @param expressions the rule's expressions
     * @return the spec, or empty if the expressions are not in the forms this module writes
     */
    public static Optional<RuleSpec> decode(Family family, List<Expression> expressions) {
        return decode(family, expressions, name -> null);
    }

    /**
     * Reads expressions back into a spec as {@link #decode(Family, List)} does, resolving the
     * anonymous sets its lookups name ({@code __set0}, {@code __map1}) with {@code sets}, which
     * returns the table's set of that name (with its elements) or null.
     *
     * @param family the table's family
     * @param expressions the rule's expressions
     * @param sets the sets of the rule's table, for its lookups
     * @return the spec, or empty if the expressions are not in the forms this module writes
     */
    public static Optional<RuleSpec> decode(Family family, List<Expression> expressions,
                                            Function<String, SetInfo> sets) {
        Delinearizer d = new Delinearizer(family, expressions, sets);
        List<Statement> out = new ArrayList<>();
        try {
            while (!d.done()) {
                Statement s = null;
                for (Function<Delinearizer, Statement> p : PARSERS) {
                    s = p.apply(d);
                    if (s != null) {
                        break;
                    }
                }
                if (s == null) {
                    return Optional.empty();
                }
                out.add(s);
            }
            if (out.isEmpty()) {
                return Optional.empty();
            }
            // Only a spec that encodes back to exactly these expressions: a rule with, say, a
            // dependency stated twice reads as no spec rather than as one that would differ.
            RuleSpec spec = new RuleSpec(out);
            return Delinearizer.canonical(spec.expressions(family)).equals(Delinearizer.canonical(expressions))
                    ? Optional.of(spec) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // values no spec can hold (a port range running backwards, ...)
        }
    }

    /**
     * {@return a rule the kernel reported, as a spec; empty if it is not in a shape the builder makes}
     *
     * @param rule the rule as the kernel reported it
     */
    public static Optional<RuleSpec> decode(RuleInfo rule) {
        return decode(rule.family(), rule.expressions());
    }

    /**
     * {@return a rule the kernel reported, as a spec, with the sets of its table ({@link NfTables#sets(Family,
     * String)}) to read its anonymous sets from; empty if it is not in a shape the builder makes}
     *
     * @param rule the rule as the kernel reported it
     * @param sets the sets of the rule's table, for its lookups
     */
    public static Optional<RuleSpec> decode(RuleInfo rule, List<SetInfo> sets) {
        return decode(rule.family(), rule.expressions(), name -> sets.stream()
                .filter(s -> s.family() == rule.family() && s.table().equals(rule.table()) && s.name().equals(name))
                .findFirst().orElse(null));
    }

    private static List<Expression> linearize(Family family, List<Statement> statements) {
        return linearizer(family, statements).expressions();
    }

    private static Linearizer linearizer(Family family, List<Statement> statements) {
        Linearizer l = new Linearizer(family);
        for (Statement s : statements) {
            try {
                encode(s, l);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("rule '" + text(statements) + "' in a " + family + " table: "
                        + e.getMessage(), e);
            }
        }
        return l;
    }

    /** Dispatches to each statement's encoder; the switch is exhaustive over the sealed family. */
    private static void encode(Statement s, Linearizer l) {
        switch (s) {
            case Match.Address m -> m.encode(l);
            case Match.IfName m -> m.encode(l);
            case Match.L4Proto m -> m.encode(l);
            case Match.Port m -> m.encode(l);
            case Match.TcpFlags m -> m.encode(l);
            case Match.IcmpType m -> m.encode(l);
            case Match.CtState m -> m.encode(l);
            case Match.CtStatus m -> m.encode(l);
            case Match.Mark m -> m.encode(l);
            case Match.FibLookup m -> m.encode(l);
            case Match.Random m -> m.encode(l);
            case Statement.Decision a -> a.encode(l);
            case Statement.Count a -> a.encode(l);
            case Statement.RateLimit a -> a.encode(l);
            case Statement.ByteQuota a -> a.encode(l);
            case Statement.LogTo a -> a.encode(l);
            case Statement.RejectWith a -> a.encode(l);
            case Statement.SetMark a -> a.encode(l);
            case Statement.Translate a -> a.encode(l);
            case Statement.Masquerade a -> a.encode(l);
            case Statement.Redirect a -> a.encode(l);
            case Match.InSet m -> m.encode(l);
            case Statement.VerdictMap a -> a.encode(l);
            case Statement.TranslateMap a -> a.encode(l);
        }
    }

    /** The protocol a match on a transport header implies, or -1. */
    private static int impliedProtocol(Statement s) {
        return switch (s) {
            case Match.Port p -> p.protocol().number;
            case Match.TcpFlags f -> 6;
            case Match.IcmpType t -> t.v6() ? 58 : 1;
            case Match.InSet m -> firstProtocol(m.fields());
            case Statement.VerdictMap v -> firstProtocol(v.fields());
            case Statement.TranslateMap n -> firstProtocol(n.fields());
            default -> -1;
        };
    }

    /** The transport protocol the first field needing one needs, or -1. */
    private static int firstProtocol(List<SetField> fields) {
        return fields.stream().filter(f -> f.protocol != 0).mapToInt(f -> f.protocol).findFirst().orElse(-1);
    }

    private static String text(List<Statement> statements) {
        StringJoiner j = new StringJoiner(" ");
        for (Statement s : statements) {
            j.add(s.toString());
        }
        return j.toString();
    }

    /** The rule as {@code nft list ruleset} prints it in an inet table (counters without values). */
    @Override
    public String toString() {
        return text(statements);
    }
}
