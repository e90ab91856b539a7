package io.jnetlink.nft;

import io.jnetlink.nft.expr.Expression;
import java.util.List;

/**
 * A rule to append to a chain.
 *
 * @param family      the table's family
 * @param table       the table's name
 * @param chain       the chain's name
 * @param expressions the rule's expressions, in order
 * @param description what the rule is for, in the caller's words; used in error messages (not sent)
 */
public record Rule(Family family, String table, String chain, List<Expression> expressions, String description) {
    public Rule {
        if (family == null) {
            throw new IllegalArgumentException("rule family is null");
        }
        Names.object("table", table);
        Names.object("chain", chain);
        if (expressions == null || expressions.isEmpty()) {
            throw new IllegalArgumentException("a rule needs at least one expression");
        }
        expressions = List.copyOf(expressions);
    }

    /** A rule made of {@code expressions}. */
    public static Rule of(Family family, String table, String chain, Expression... expressions) {
        return new Rule(family, table, chain, List.of(expressions), null);
    }

    /** The same rule with a description for error messages. */
    public Rule describedAs(String text) {
        return new Rule(family, table, chain, expressions, text);
    }

    /** How error messages name this rule. */
    public String describe() {
        String where = "rule in " + family + " " + table + " " + chain;
        return description == null ? where + " " + expressions : where + " (" + description + ")";
    }
}
