package io.jnetlink.nft;

import java.util.List;

/**
 * Everything nf_tables holds in one namespace, read at one generation: no change was committed
 * between the first and the last of the dumps it was read from.
 *
 * @param generation the ruleset generation it was read at (NFTA_GEN_ID; every commit adds one)
 * @param tables     the tables, in the kernel's order
 * @param chains     the chains of every table, in the kernel's order
 * @param rules      the rules of every chain, in the kernel's order (chain by chain)
 * @param counters   the named counters of every table
 */
public record Ruleset(long generation, List<TableInfo> tables, List<ChainInfo> chains, List<RuleInfo> rules,
                      List<CounterObject> counters) {
    public Ruleset {
        tables = List.copyOf(tables);
        chains = List.copyOf(chains);
        rules = List.copyOf(rules);
        counters = List.copyOf(counters);
    }

    /**
     * The ruleset as {@code nft list ruleset} prints it: tables in the kernel's order, each with
     * its comment, flags, named counters and chains, rules with their counters' values and
     * comments, in nft's layout. Rules in shapes nft prints are rendered whatever program wrote
     * them (not only the builder's, see {@link RuleSpec}).
     *
     * @throws IllegalArgumentException naming the rule and expression, for an expression this
     *         library cannot print the way nft does
     */
    public String text() {
        return RulesetText.render(this);
    }

    /** The part of this ruleset that belongs to table {@code family name} (empty lists if there is none). */
    public Ruleset table(Family family, String name) {
        return new Ruleset(generation,
                tables.stream().filter(t -> t.family() == family && t.name().equals(name)).toList(),
                chains.stream().filter(c -> c.family() == family && c.table().equals(name)).toList(),
                rules.stream().filter(r -> r.family() == family && r.table().equals(name)).toList(),
                counters.stream().filter(c -> c.family() == family && c.table().equals(name)).toList());
    }
}
