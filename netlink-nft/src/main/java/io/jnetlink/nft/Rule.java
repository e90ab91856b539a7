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
 * @param literals    the anonymous sets the rule's lookups name ({@code __set%d}), which the transaction
 *                    creates before the rule; lookup expressions refer to them by set id 1, 2, ... in order
 */
public record Rule(Family family, String table, String chain, List<Expression> expressions, String description,
                   List<SetLiteral> literals) {
    /**
     * A rule without anonymous sets.
     *
     * @param family the table's family
     * @param table the table's name
     * @param chain the chain's name
     * @param expressions the rule's expressions, in order
     * @param description how error messages name the rule
     */
    public Rule(Family family, String table, String chain, List<Expression> expressions, String description) {
        this(family, table, chain, expressions, description, List.of());
    }

    /** Checks the components and keeps copies of the mutable ones. */
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
        literals = literals == null ? List.of() : List.copyOf(literals);
    }

    /**
     * {@return a rule made of {@code expressions}}
     *
     * @param family the table's family
     * @param table the table's name
     * @param chain the chain's name
     * @param expressions the rule's expressions, in order
     */
    public static Rule of(Family family, String table, String chain, Expression... expressions) {
        return new Rule(family, table, chain, List.of(expressions), null);
    }

    /**
     * {@return the same rule with a description for error messages}
     *
     * @param text how error messages name the rule
     */
    public Rule describedAs(String text) {
        return new Rule(family, table, chain, expressions, text, literals);
    }

    /** {@return how error messages name this rule} */
    public String describe() {
        String where = "rule in " + family + " " + table + " " + chain;
        return description == null ? where + " " + expressions : where + " (" + description + ")";
    }
}
