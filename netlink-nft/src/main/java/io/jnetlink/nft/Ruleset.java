package io.jnetlink.nft;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything nf_tables holds in one namespace, read at one generation: no change was committed
 * between the first and the last of the dumps it was read from ({@link NfTables#ruleset()}), or
 * the state a {@link RulesetWatch} keeps.
 */
public final class Ruleset {
    /** A set's identity: the table it lives in and its name. */
    record SetKey(Family family, String table, String name) {}

    private final long generation;
    private final List<TableInfo> tables;
    private final List<ChainInfo> chains;
    private final List<RuleInfo> rules;
    private final List<CounterObject> counters;
    private final List<SetInfo> sets;
    /** The elements of every set as the kernel sent them (anonymous ones are printed inside their rules). */
    private final Map<SetKey, List<SetInfo.RawElement>> elements;
    /** The programs holding owned tables' owner sockets, by port id (a null name: not found). */
    private final Map<Integer, String> programs;

    Ruleset(long generation, List<TableInfo> tables, List<ChainInfo> chains, List<RuleInfo> rules,
            List<CounterObject> counters, List<SetInfo> sets, Map<SetKey, List<SetInfo.RawElement>> elements,
            Map<Integer, String> programs) {
        this.generation = generation;
        this.tables = List.copyOf(tables);
        this.chains = List.copyOf(chains);
        this.rules = List.copyOf(rules);
        this.counters = List.copyOf(counters);
        this.sets = List.copyOf(sets);
        this.elements = Map.copyOf(elements);
        this.programs = new java.util.HashMap<>(programs); // names may be null
    }

    /** {@return the ruleset generation it was read at (NFTA_GEN_ID; every commit adds one)} */
    public long generation() {
        return generation;
    }

    /** {@return the tables, in the kernel's order} */
    public List<TableInfo> tables() {
        return tables;
    }

    /** {@return the chains of every table, in the kernel's order} */
    public List<ChainInfo> chains() {
        return chains;
    }

    /** {@return the rules of every chain, in the kernel's order (chain by chain)} */
    public List<RuleInfo> rules() {
        return rules;
    }

    /** {@return the named counters of every table} */
    public List<CounterObject> counters() {
        return counters;
    }

    /** {@return the sets and maps of every table with their elements, anonymous ones (a rule's {@code { ... }}) too} */
    public List<SetInfo> sets() {
        return sets;
    }

    /** The program holding the socket with port id {@code portId}, as nft prints it ("(null)" when not found). */
    String program(int portId) {
        String p = programs.get(portId);
        return p != null ? p : "(null)";
    }

    /** The raw elements of a set, or null if the ruleset holds none of that name in that table. */
    List<SetInfo.RawElement> rawElements(Family family, String table, String name) {
        return elements.get(new SetKey(family, table, name));
    }

    /**
     * {@return the ruleset as {@code nft list ruleset} prints it: tables in the kernel's order, each with
     * its flags, comment, named counters, sets and maps, and chains, rules with their counters'
     * values, anonymous sets inline and comments, in nft's layout} Rules are printed whatever
     * program wrote them (not only the builder's shapes, see {@link RuleSpec}).
     *
     * @throws IllegalArgumentException naming the rule and expression, for an expression this
     *         library cannot print the way nft does
     */
    public String text() {
        return RulesetText.render(this);
    }

    /**
     * {@return the part of this ruleset that belongs to table {@code family name} (empty lists if there is none)}
     *
     * @param family the table's family
     * @param name the table's name
     */
    public Ruleset table(Family family, String name) {
        Objects.requireNonNull(family, "family");
        return new Ruleset(generation,
                tables.stream().filter(t -> t.family() == family && t.name().equals(name)).toList(),
                chains.stream().filter(c -> c.family() == family && c.table().equals(name)).toList(),
                rules.stream().filter(r -> r.family() == family && r.table().equals(name)).toList(),
                counters.stream().filter(c -> c.family() == family && c.table().equals(name)).toList(),
                sets.stream().filter(s -> s.family() == family && s.table().equals(name)).toList(),
                elements.entrySet().stream().filter(e -> e.getKey().family() == family
                        && e.getKey().table().equals(name))
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)),
                programs);
    }

    @Override
    public String toString() {
        return "Ruleset[generation=" + generation + ", tables=" + tables.size() + ", chains=" + chains.size()
                + ", rules=" + rules.size() + ", sets=" + sets.size() + ", counters=" + counters.size() + "]";
    }
}
