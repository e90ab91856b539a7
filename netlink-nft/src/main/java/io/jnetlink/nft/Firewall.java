package io.jnetlink.nft;

import io.jnetlink.core.Errno;
import io.jnetlink.core.NetlinkException;
import io.jnetlink.core.netns.InNamespace;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Filtering recipes in a table of the library's own: block one direction between two address
 * groups, isolate a namespace, allow a port in, lose a share of a link's packets, rate-limit a link,
 * or any {@link RuleSpec} of your own. Each recipe is one atomic transaction and returns an
 * {@link Applied} that removes exactly its rules again, in one transaction.
 *
 * <pre>{@code
 * Firewall fw = Firewall.in(node).ownedBySocket();
 * try (Firewall.Applied cut = fw.block(List.of("10.0.1.0/24", "fd00:1::/64"), List.of("10.0.2.0/24", "fd00:2::/64"));
 *      Firewall.Applied lossy = fw.loss("eth0", 30)) {
 *     ... // 10.0.1.0/24 cannot open connections to 10.0.2.0/24; 30% of eth0's outgoing packets are lost
 * }
 * }</pre>
 *
 * <p>The table ({@value #DEFAULT_TABLE} by default, family inet: one table for IPv4 and IPv6) holds
 * five filter base chains, created with the first recipe and kept: {@code filter_prerouting}
 * (priority -150, before routing), {@code filter_input}, {@code filter_forward}, {@code filter_output}
 * (priority 0) and {@code filter_postrouting} (priority 150, after NAT's source rewriting is
 * decided but before it applies). Rules of other tables, whoever wrote them, are never touched; a
 * packet must pass every table's chains, so a drop here holds whatever others accept.
 *
 * <p>{@link #ownedBySocket()} makes the table NFT_TABLE_F_OWNER: the kernel removes it, with every
 * fault in it, when the client's socket closes (or the process dies). With {@link #in(InNamespace)}
 * that is the namespace handle's socket.
 */
public final class Firewall extends TableRecipes<Firewall> {
    /** The table the recipes use unless told otherwise. */
    public static final String DEFAULT_TABLE = "jnetlink-filter";

    /** Where in the packet's path a rule goes: one base chain each. */
    public enum Where {
        /** Every packet arriving on an interface, before routing (priority -150). */
        PREROUTING("filter_prerouting", Hook.PREROUTING, -150),
        /** Packets for this namespace. */
        INPUT("filter_input", Hook.INPUT, 0),
        /** Packets routed through this namespace. */
        FORWARD("filter_forward", Hook.FORWARD, 0),
        /** Packets this namespace sends. */
        OUTPUT("filter_output", Hook.OUTPUT, 0),
        /** Every packet leaving through an interface (priority 150). */
        POSTROUTING("filter_postrouting", Hook.POSTROUTING, 150);

        /** The chain's name in the table. */
        public final String chain;
        final Hook hook;
        final int priority;

        Where(String chain, Hook hook, int priority) {
            this.chain = chain;
            this.hook = hook;
            this.priority = priority;
        }

        static Where ofChain(String chain) {
            for (Where w : values()) {
                if (w.chain.equals(chain)) {
                    return w;
                }
            }
            return null;
        }
    }

    /**
     * A rule of the table, as placed or as read back.
     *
     * @param where  its chain
     * @param handle its handle
     * @param spec   the rule
     */
    public record Placed(Where where, long handle, RuleSpec spec) {
        @Override
        public String toString() {
            return where.chain + ": " + spec + " # handle " + handle;
        }
    }

    private Firewall(NfTables nft, String table, boolean owned) {
        super(nft, table, owned);
    }

    @Override
    Firewall with(NfTables nft, String table, boolean owned) {
        return new Firewall(nft, table, owned);
    }

    // Narrowed here so that code compiled against the class's own methods keeps linking.
    @Override
    public Firewall table(String name) {
        return super.table(name);
    }

    @Override
    public Firewall ownedBySocket() {
        return super.ownedBySocket();
    }

    /**
     * Recipes in namespace {@code ns}, in table {@value #DEFAULT_TABLE}.
     *
     * @param ns the namespace whose firewall to change
     * @return the recipes, in table {@code jnetlink} (family inet)
     */
    public static Firewall in(InNamespace ns) {
        return new Firewall(NfTables.in(ns), DEFAULT_TABLE, false);
    }

    /**
     * Recipes through an nf_tables client (for example one over a socket of your own).
     *
     * @param nft the client to use (and its namespace)
     * @return the recipes, in table {@code jnetlink} (family inet)
     */
    public static Firewall using(NfTables nft) {
        return new Firewall(nft, DEFAULT_TABLE, false);
    }


    // ---- recipes -------------------------------------------------------------------------------

    /**
     * Adds {@code rules} to one chain, in order, in one transaction.
     *
     * @param where the chain the rules go into
     * @param rules the rules, in order
     * @return the placed rules, removable together
     */
    public Applied add(Where where, RuleSpec... rules) {
        if (where == null || rules.length == 0) {
            throw new IllegalArgumentException("add needs a chain and at least one rule");
        }
        List<Pending> p = new ArrayList<>();
        for (RuleSpec r : rules) {
            p.add(new Pending(where, r));
        }
        return apply("rules in " + where.chain, p, null);
    }

    /**
     * {@link #block(Collection, Collection)} for one prefix on each side.
     *
     * @param from the source prefix
     * @param to the destination prefix
     * @return the rules in force, to remove with {@link Applied#remove()}
     */
    public Applied block(String from, String to) {
        return block(List.of(from), List.of(to));
    }

    /**
     * Stops connections opened from any of {@code from} to any of {@code to}: their packets that
     * are not replies are dropped where they arrive in this namespace (prerouting) and where it
     * sends them (output). Replies to connections opened the other way still pass (so {@code to}
     * can still connect to {@code from}). Prefixes or addresses, IPv4 and IPv6; pairs of different
     * families are skipped, but every prefix must meet at least one of its own family.
     *
     * @param from the source prefixes
     * @param to the destination prefixes
     * @return the rules in force, to remove with {@link Applied#remove()}
     */
    public Applied block(Collection<String> from, Collection<String> to) {
        List<Prefix> a = prefixes("block from", from);
        List<Prefix> b = prefixes("block to", to);
        List<Pending> p = new ArrayList<>();
        for (Prefix x : a) {
            boolean paired = false;
            for (Prefix y : b) {
                if (x.isIpv4() != y.isIpv4()) {
                    continue;
                }
                paired = true;
                RuleSpec r = RuleSpec.of(address(true, x), address(false, y),
                        // new only: IPv6 neighbour discovery is untracked and must pass both ways
                        Match.ctState(Match.CtState.State.NEW), Statement.drop());
                p.add(new Pending(Where.PREROUTING, r));
                p.add(new Pending(Where.OUTPUT, r));
            }
            if (!paired) {
                throw new IllegalArgumentException("block from " + x + ": no " + (x.isIpv4() ? "IPv4" : "IPv6")
                        + " prefix to block it from reaching");
            }
        }
        for (Prefix y : b) {
            if (a.stream().noneMatch(x -> x.isIpv4() == y.isIpv4())) {
                throw new IllegalArgumentException("block to " + y + ": no " + (y.isIpv4() ? "IPv4" : "IPv6")
                        + " prefix to block from");
            }
        }
        return apply("block " + from + " -> " + to, p, null);
    }

    /**
     * Isolates this namespace: new connections into it or through it are dropped; replies to
     * connections it opened (and related ICMP errors) still come in, loopback works, and so does
     * IPv6 neighbour discovery. The input and forward chains get policy drop and the rules {@code ct
     * state established,related accept} (both), {@code iifname "lo" accept} and {@code icmpv6 type
     * nd-neighbor-solicit|nd-neighbor-advert accept} (input); removing restores policy accept. Add
     * exceptions with {@link #allow}.
     *
     * @throws IllegalStateException if the namespace is isolated already (through this table)
     * @return the rules in force, to remove with {@link Applied#remove()}
     */
    public Applied isolate() {
        for (ChainInfo c : chainsOrEmpty()) {
            if ((c.name().equals(Where.INPUT.chain) || c.name().equals(Where.FORWARD.chain))
                    && c.policy() == Policy.DROP) {
                throw new IllegalStateException("already isolated: chain " + c.name() + " of table inet " + table
                        + " has policy drop");
            }
        }
        RuleSpec established = RuleSpec.of(Match.ctState(Match.CtState.State.ESTABLISHED,
                Match.CtState.State.RELATED), Statement.accept());
        List<Pending> p = List.of(new Pending(Where.INPUT, RuleSpec.of(Match.iifname("lo"), Statement.accept())),
                new Pending(Where.INPUT, established), new Pending(Where.FORWARD, established),
                // IPv6 finds its neighbours with ICMPv6, which conntrack does not count as a reply
                new Pending(Where.INPUT, RuleSpec.of(new Match.IcmpType(true, 135), Statement.accept())),
                new Pending(Where.INPUT, RuleSpec.of(new Match.IcmpType(true, 136), Statement.accept())));
        return apply("isolate", p, Policy.DROP);
    }

    /**
     * Lets new connections to {@code port} of {@code protocol} in (an exception to {@link #isolate}).
     *
     * @param protocol TCP or UDP
     * @param port the destination port
     * @return the rules in force, to remove with {@link Applied#remove()}
     */
    public Applied allow(Protocol protocol, int port) {
        Addresses.port(port, "allowed port");
        return apply("allow " + protocol + " " + port, List.of(new Pending(Where.INPUT,
                RuleSpec.of(Match.dport(protocol, port), Statement.accept()))), null);
    }

    /**
     * Drops {@code percent} of the packets leaving through interface {@code link}, at random
     * ({@code oifname LINK numgen random mod 100 < PERCENT drop}; fractions down to 0.01% use mod
     * 10000).
     *
     * @param link the interface name
     * @param percent the share dropped, in percent
     * @return the rules in force, to remove with {@link Applied#remove()}
     */
    public Applied loss(String link, double percent) {
        Names.iface(link);
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("loss " + percent + "% out of range (0, 100]");
        }
        long hundredths = Math.round(percent * 100);
        if (Math.abs(hundredths - percent * 100) > 1e-6) {
            throw new IllegalArgumentException("loss " + percent + "%: at most two decimals");
        }
        boolean whole = hundredths % 100 == 0;
        Match.Random r = whole ? Match.randomBelow(100, (int) (hundredths / 100)) : Match.randomBelow(10000,
                (int) hundredths);
        return apply("loss " + percent + "% on " + link, List.of(new Pending(Where.POSTROUTING,
                RuleSpec.of(Match.oifname(link), r, Statement.drop()))), null);
    }

    /**
     * Lets at most {@code packetsPerSecond} packets a second (and {@code burst} more at once) leave
     * through interface {@code link}; the rest are dropped ({@code oifname LINK limit rate over
     * N/second burst B packets drop}).
     *
     * @param link the interface name
     * @param packetsPerSecond the packets let through per second
     * @param burst the packets let through at once beyond the rate
     * @return the rules in force, to remove with {@link Applied#remove()}
     */
    public Applied rateLimit(String link, long packetsPerSecond, long burst) {
        Names.iface(link);
        return apply("rate limit " + link + " " + packetsPerSecond + "/second", List.of(new Pending(
                Where.POSTROUTING, RuleSpec.of(Match.oifname(link), new Statement.RateLimit(packetsPerSecond,
                        Statement.RateLimit.Per.SECOND, burst, false, true), Statement.drop()))), null);
    }

    // ---- listing and clearing -----------------------------------------------------------------

    /** {@return the table's rules, decoded; rules not in a shape the builder makes are left out} */
    public List<Placed> list() {
        List<Placed> out = new ArrayList<>();
        List<RuleInfo> rules;
        try {
            rules = nft.rules(Family.INET, table);
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENOENT) {
                return List.of();
            }
            throw e;
        }
        for (RuleInfo r : rules) {
            Where w = Where.ofChain(r.chain());
            Optional<RuleSpec> s = RuleSpec.decode(r);
            if (w != null && s.isPresent()) {
                out.add(new Placed(w, r.handle(), s.get()));
            }
        }
        return out;
    }

    /** Deletes the table with every rule in it; nothing if it does not exist. */
    public void clear() {
        if (nft.tables().stream().anyMatch(t -> t.family() == Family.INET && t.name().equals(table))) {
            nft.deleteTable(Family.INET, table);
        }
    }

    // ---- machinery -----------------------------------------------------------------------------

    private record Pending(Where where, RuleSpec spec) {}

    private List<ChainInfo> chainsOrEmpty() {
        return nft.chains(Family.INET, table);
    }

    /** One transaction: table, chains (a policy for input and forward if given), the rules. */
    private Applied apply(String what, List<Pending> rules, Policy policy) {
        Table t = Table.of(Family.INET, table);
        Transaction tx = nft.transaction().createTable(owned ? t.ownedBySocket() : t);
        for (Where w : Where.values()) {
            Chain c = Chain.base(Family.INET, table, w.chain, ChainType.FILTER, w.hook, w.priority);
            if (policy != null && (w == Where.INPUT || w == Where.FORWARD)) {
                c = c.withPolicy(policy);
            }
            tx.createChain(c);
        }
        for (Pending p : rules) {
            tx.addRule(p.spec().in(Family.INET, table, p.where().chain));
        }
        List<Long> handles = tx.commit().ruleHandles();
        List<Placed> placed = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            placed.add(new Placed(rules.get(i).where(), handles.get(i), rules.get(i).spec()));
        }
        return new Applied(what, placed, policy != null);
    }

    private static List<Prefix> prefixes(String what, Collection<String> texts) {
        if (texts == null || texts.isEmpty()) {
            throw new IllegalArgumentException(what + ": no addresses");
        }
        List<Prefix> out = new ArrayList<>();
        for (String s : texts) {
            Prefix p = Prefix.parse(s);
            if (p.length() == 0) {
                throw new IllegalArgumentException(what + ": " + s + " is every address; name the networks");
            }
            out.add(p);
        }
        return out;
    }

    private static Match.Address address(boolean source, Prefix p) {
        return new Match.Address(source, p, null, false);
    }

    /**
     * Rules one recipe placed; {@link #remove()} (or {@code close()}) deletes them in one
     * transaction, and an isolation also restores policy accept. Removing twice, or after the
     * table is gone (cleared, or its owning socket closed), does nothing.
     */
    public final class Applied implements AutoCloseable {
        private final String what;
        private final List<Placed> rules;
        private final boolean setPolicy;
        private boolean removed;

        private Applied(String what, List<Placed> rules, boolean setPolicy) {
            this.what = what;
            this.rules = List.copyOf(rules);
            this.setPolicy = setPolicy;
        }

        /** {@return the rules placed, with their handles} */
        public List<Placed> rules() {
            return rules;
        }

        /** Deletes the rules (and restores policy accept after an isolation). */
        public synchronized void remove() {
            if (removed) {
                return;
            }
            Transaction tx = nft.transaction();
            if (setPolicy) {
                for (Where w : new Where[] {Where.INPUT, Where.FORWARD}) {
                    tx.createChain(Chain.base(Family.INET, table, w.chain, ChainType.FILTER, w.hook, w.priority)
                            .withPolicy(Policy.ACCEPT));
                }
            }
            for (Placed p : rules) {
                tx.deleteRule(Family.INET, table, p.where().chain, p.handle());
            }
            try {
                tx.commit();
            } catch (TransactionException e) {
                if (e.errno() != Errno.ENOENT) {
                    throw e;
                }
                removeWhatIsLeft(); // some went away (a clear(), the owning socket, someone else)
            }
            removed = true;
        }

        private void removeWhatIsLeft() {
            List<Long> present = list().stream().map(Placed::handle).toList();
            Transaction tx = nft.transaction();
            boolean tableThere = nft.tables().stream()
                    .anyMatch(t -> t.family() == Family.INET && t.name().equals(table));
            if (!tableThere) {
                return;
            }
            if (setPolicy) {
                for (Where w : new Where[] {Where.INPUT, Where.FORWARD}) {
                    tx.createChain(Chain.base(Family.INET, table, w.chain, ChainType.FILTER, w.hook, w.priority)
                            .withPolicy(Policy.ACCEPT));
                }
            }
            for (Placed p : rules) {
                if (present.contains(p.handle())) {
                    tx.deleteRule(Family.INET, table, p.where().chain, p.handle());
                }
            }
            if (tx.size() > 0) {
                tx.commit();
            }
        }

        @Override
        public void close() {
            remove();
        }

        @Override
        public String toString() {
            return what + " " + rules;
        }
    }
}
