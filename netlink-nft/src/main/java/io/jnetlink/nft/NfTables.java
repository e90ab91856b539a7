package io.jnetlink.nft;

import static io.jnetlink.core.codec.Netlink.NLM_F_DUMP;
import static io.jnetlink.core.codec.Netlink.NLM_F_REQUEST;

import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.Netlink;
import io.jnetlink.core.netns.InNamespace;
import io.jnetlink.core.socket.NetlinkSocket;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An nf_tables client for one network namespace: list tables, chains and rules (decoded), and
 * change them in atomic {@link Transaction}s. Speaks NETLINK_NETFILTER directly.
 *
 * <pre>{@code
 * NfTables nft = NfTables.in(ns);
 * long handle = nft.transaction()
 *     .createTable(Table.of(Family.INET, "demo"))
 *     .createChain(Chain.base(Family.INET, "demo", "in", ChainType.FILTER, Hook.INPUT, 0))
 *     .addRule(Rule.of(Family.INET, "demo", "in", Counter.zero(), Verdict.accept()))
 *     .commit().ruleHandles().getFirst();
 * }</pre>
 *
 * <p>Thread-safe: every call is one exchange on the namespace's socket.
 */
public final class NfTables {
    private final NetlinkSocket socket;
    /** The namespace, when known: the programs owning tables are looked up from inside it. */
    private final InNamespace ns;

    private NfTables(NetlinkSocket socket, InNamespace ns) {
        this.socket = socket;
        this.ns = ns;
    }

    /**
     * {@return the client for namespace {@code ns}, on the namespace handle's cached NETLINK_NETFILTER
     * socket (tables made with {@link Table#ownedBySocket()} live as long as that handle)}
     *
     * @param ns the namespace
     */
    public static NfTables in(InNamespace ns) {
        return new NfTables(ns.namespace().socket(Netlink.NETLINK_NETFILTER), ns);
    }

    /**
     * {@return a client over a NETLINK_NETFILTER socket the caller owns (and closes)}
     *
     * @param socket the socket
     */
    public static NfTables over(NetlinkSocket socket) {
        Objects.requireNonNull(socket, "socket");
        if (socket.protocol() != Netlink.NETLINK_NETFILTER) {
            throw new IllegalArgumentException("nf_tables needs a NETLINK_NETFILTER (12) socket, got protocol "
                    + socket.protocol());
        }
        return new NfTables(socket, null);
    }

    /** {@return the socket this client talks through (its port id owns tables made with NFT_TABLE_F_OWNER)} */
    public NetlinkSocket socket() {
        return socket;
    }

    /** {@return a new, empty transaction on this client's socket} */
    public Transaction transaction() {
        return new Transaction(socket);
    }

    // ---- listing ---------------------------------------------------------------------------

    /** {@return all tables of all families} */
    public List<TableInfo> tables() {
        return socket.dumpAll("list nf_tables tables", w -> dumpRequest(w, Nf.NFT_MSG_GETTABLE), TableInfo::decode);
    }

    /** {@return all chains of all tables} */
    public List<ChainInfo> chains() {
        return socket.dumpAll("list nf_tables chains", w -> dumpRequest(w, Nf.NFT_MSG_GETCHAIN), ChainInfo::decode);
    }

    /**
     * {@return the chains of one table}
     *
     * @param family the table's family
     * @param table the table's name
     */
    public List<ChainInfo> chains(Family family, String table) {
        return chains().stream().filter(c -> c.family() == family && c.table().equals(table)).toList();
    }

    /** {@return all rules of all chains, decoded} */
    public List<RuleInfo> rules() {
        return socket.dumpAll("list nf_tables rules", w -> dumpRequest(w, Nf.NFT_MSG_GETRULE), RuleInfo::decode);
    }

    /**
     * {@return the rules of one table, decoded}
     *
     * @param family the table's family
     * @param table the table's name
     */
    public List<RuleInfo> rules(Family family, String table) {
        Names.object("table", table);
        return socket.dumpAll("list nf_tables rules of " + family + " " + table, w -> {
            w.begin(Nf.type(Nf.NFT_MSG_GETRULE), NLM_F_REQUEST | NLM_F_DUMP);
            Nf.nfgenmsg(w, family.code, 0);
            w.attrString(Nf.NFTA_RULE_TABLE, table);
            w.end();
        }, (Message m) -> {
            RuleInfo r = RuleInfo.decode(m);
            return r != null && r.family() == family && r.table().equals(table) ? r : null;
        });
    }

    /** {@return all sets and maps of all tables (anonymous ones too), with their elements} */
    public List<SetInfo> sets() {
        List<SetInfo> sets = socket.dumpAll("list nf_tables sets", w -> dumpRequest(w, SetWire.NFT_MSG_GETSET),
                SetInfo::decode);
        return sets.stream().map(this::withElements).toList();
    }

    /**
     * {@return the sets and maps of one table, with their elements}
     *
     * @param family the table's family
     * @param table the table's name
     */
    public List<SetInfo> sets(Family family, String table) {
        Names.object("table", table);
        List<SetInfo> sets = socket.dumpAll("list nf_tables sets of " + family + " " + table, w -> {
            w.begin(Nf.type(SetWire.NFT_MSG_GETSET), NLM_F_REQUEST | NLM_F_DUMP);
            Nf.nfgenmsg(w, family.code, 0);
            w.attrString(SetWire.NFTA_SET_TABLE, table);
            w.end();
        }, (Message m) -> {
            SetInfo s = SetInfo.decode(m);
            return s != null && s.family() == family && s.table().equals(table) ? s : null;
        });
        return sets.stream().map(this::withElements).toList();
    }

    /**
     * {@return one set or map with its elements, if it exists}
     *
     * @param family the table's family
     * @param table the table's name
     * @param name the set's name
     */
    public java.util.Optional<SetInfo> set(Family family, String table, String name) {
        Names.object("set", name);
        return sets(family, table).stream().filter(s -> s.name().equals(name)).findFirst();
    }

    private SetInfo withElements(SetInfo s) {
        List<io.jnetlink.core.codec.RawAttribute> unknown = new java.util.ArrayList<>();
        return s.withElements(s.fold(rawElements(s, unknown)), unknown);
    }

    /** The elements of {@code s} as the kernel sends them; unmodeled element attributes go to {@code unknown}. */
    private List<SetInfo.RawElement> rawElements(SetInfo s, List<io.jnetlink.core.codec.RawAttribute> unknown) {
        List<SetInfo.RawElement> raw = new java.util.ArrayList<>();
        socket.dump("list elements of set " + s.family() + " " + s.table() + " " + s.name(), w -> {
            w.begin(Nf.type(SetWire.NFT_MSG_GETSETELEM), NLM_F_REQUEST | NLM_F_DUMP);
            Nf.nfgenmsg(w, s.family().code, 0);
            w.attrString(SetWire.NFTA_SET_ELEM_LIST_TABLE, s.table());
            w.attrString(SetWire.NFTA_SET_ELEM_LIST_SET, s.name());
            w.end();
        }, new io.jnetlink.core.socket.NetlinkSocket.DumpHandler() {
            @Override
            public void onMessage(Message m) {
                SetInfo.decodeElements(m, raw, unknown);
            }

            @Override
            public void onRestart() {
                raw.clear();
                unknown.clear();
            }
        });
        return raw;
    }

    /**
     * {@return the ruleset generation: a number the kernel increments with every committed transaction
     * (NFT_MSG_GETGEN)} Events of a transaction end with the generation it made.
     */
    public long generation() {
        Long g = socket.query("get nf_tables generation", w -> {
            w.begin(Nf.type(Nf.NFT_MSG_GETGEN), NLM_F_REQUEST);
            Nf.nfgenmsg(w, 0, 0);
            w.end();
        }, (Message m) -> Nf.is(m, Nf.NFT_MSG_NEWGEN) ? Generation.decode(m).id() : null);
        if (g == null) {
            throw new io.jnetlink.core.MalformedMessageException("NFT_MSG_GETGEN", 0, "no NEWGEN message in the answer");
        }
        return g;
    }

    /**
     * Everything in the namespace's nf_tables, read at one generation: the dumps are repeated
     * (up to {@value #RULESET_ATTEMPTS} times) until no commit fell between the first and the last.
     *
     * @throws io.jnetlink.core.DumpInterruptedException if every attempt was overtaken by a commit
     * @return the ruleset, read consistently
     */
    public Ruleset ruleset() {
        for (int attempt = 1; ; attempt++) {
            long before = generation();
            List<TableInfo> tables = tables();
            List<ChainInfo> chains = chains();
            List<RuleInfo> rules = rules();
            List<CounterObject> counters = counterObjects();
            List<SetInfo> sets = new java.util.ArrayList<>();
            java.util.Map<Ruleset.SetKey, List<SetInfo.RawElement>> elements = new java.util.HashMap<>();
            for (SetInfo s : socket.dumpAll("list nf_tables sets", w -> dumpRequest(w, SetWire.NFT_MSG_GETSET),
                    SetInfo::decode)) {
                List<io.jnetlink.core.codec.RawAttribute> unknown = new java.util.ArrayList<>();
                List<SetInfo.RawElement> raw = rawElements(s, unknown);
                sets.add(s.withElements(s.fold(raw), unknown));
                elements.put(new Ruleset.SetKey(s.family(), s.table(), s.name()), raw);
            }
            if (generation() == before) {
                return new Ruleset(before, tables, chains, rules, counters, sets, elements, programs(tables));
            }
            if (attempt == RULESET_ATTEMPTS) {
                throw new io.jnetlink.core.DumpInterruptedException("list nf_tables ruleset", attempt, 0);
            }
        }
    }

    /**
     * The programs holding the sockets that own owned tables, by port id, as nft names them in
     * {@code # progname NAME}; empty for a client made {@link #over} a socket (no namespace to look in).
     */
    Map<Integer, String> programs(List<TableInfo> tables) {
        List<Integer> owners = OwnerNames.owners(tables);
        if (owners.isEmpty() || ns == null) {
            return Map.of();
        }
        return ns.namespace().run(() -> OwnerNames.resolve(owners, java.nio.file.Path.of("/proc/thread-self/net/netlink")));
    }

    /** How many times {@link #ruleset()} reads before it gives up on a ruleset that keeps changing. */
    public static final int RULESET_ATTEMPTS = 10;

    // ---- counters --------------------------------------------------------------------------------

    /**
     * Reads the counters of one table's rules and sets them to zero, atomically per rule: returns
     * the rules as they were just before the reset (each {@link RuleInfo#counter()} holds what was
     * counted up to that moment, nothing counted is lost between the read and the reset). Quotas
     * in the rules are reset too, as {@code nft reset rules} does (NFT_MSG_GETRULE_RESET, Linux 6.3+).
     *
     * @param family the table's family
     * @param table the table's name
     * @return the rules with their counters as they were before the reset
     */
    public List<RuleInfo> resetCounters(Family family, String table) {
        return resetRules(family, table, null);
    }

    /**
     * As {@link #resetCounters(Family, String)}, for the rules of one chain.
     *
     * @param family the table's family
     * @param table the table's name
     * @param chain the chain's name
     * @return the rules with their counters as they were before the reset
     */
    public List<RuleInfo> resetCounters(Family family, String table, String chain) {
        Names.object("chain", chain);
        return resetRules(family, table, chain);
    }

    /**
     * Reads the counter of one rule and sets it to zero, atomically; returns the rule as it was
     * just before the reset (NFT_MSG_GETRULE_RESET for one handle, Linux 6.3+).
     *
     * @param family the table's family
     * @param table the table's name
     * @param chain the chain's name
     * @param handle the rule's handle
     * @return the rule with its counters as they were before the reset
     */
    public RuleInfo resetCounter(Family family, String table, String chain, long handle) {
        Names.object("table", table);
        Names.object("chain", chain);
        if (handle <= 0) {
            throw new IllegalArgumentException("rule handle must be positive, got " + handle);
        }
        String what = "reset counter of rule " + family + " " + table + " " + chain + " handle " + handle;
        try {
            RuleInfo r = socket.query(what, w -> {
                w.begin(Nf.type(Nf.NFT_MSG_GETRULE_RESET), NLM_F_REQUEST);
                Nf.nfgenmsg(w, family.code, 0);
                w.attrString(Nf.NFTA_RULE_TABLE, table);
                w.attrString(Nf.NFTA_RULE_CHAIN, chain);
                w.attrU64Be(Nf.NFTA_RULE_HANDLE, handle);
                w.end();
            }, RuleInfo::decode);
            if (r == null) {
                throw new io.jnetlink.core.MalformedMessageException("NFT_MSG_GETRULE_RESET", 0,
                        "no rule in the answer to " + what);
            }
            return r;
        } catch (io.jnetlink.core.NetlinkException e) {
            throw unsupported(what, e);
        }
    }

    private static RuntimeException unsupported(String what, io.jnetlink.core.NetlinkException e) {
        if (e.errno() == io.jnetlink.core.Errno.EOPNOTSUPP || e.errno() == io.jnetlink.core.Errno.EINVAL) {
            return new UnsupportedOperationException(what + ": this kernel has no NFT_MSG_GETRULE_RESET (Linux 6.3"
                    + " added it; older kernels reset only named counters, see resetCounterObjects)", e);
        }
        return e;
    }

    private List<RuleInfo> resetRules(Family family, String table, String chain) {
        Names.object("table", table);
        String what = "reset counters of " + family + " " + table + (chain != null ? " " + chain : "");
        try {
            return socket.dumpAll(what, w -> {
                w.begin(Nf.type(Nf.NFT_MSG_GETRULE_RESET), NLM_F_REQUEST | NLM_F_DUMP);
                Nf.nfgenmsg(w, family.code, 0);
                w.attrString(Nf.NFTA_RULE_TABLE, table);
                if (chain != null) {
                    w.attrString(Nf.NFTA_RULE_CHAIN, chain);
                }
                w.end();
            }, (Message m) -> {
                RuleInfo r = RuleInfo.decode(m);
                return r != null && r.family() == family && r.table().equals(table)
                        && (chain == null || r.chain().equals(chain)) ? r : null;
            });
        } catch (io.jnetlink.core.NetlinkException e) {
            throw unsupported(what, e);
        }
    }

    /** {@return the named counters ({@code counter NAME { ... }}) of every table, with their values} */
    public List<CounterObject> counterObjects() {
        return socket.dumpAll("list nf_tables counters", w -> objectDump(w, Nf.NFT_MSG_GETOBJ, 0, null),
                CounterObject::decode);
    }

    /**
     * {@return the named counters of one table, with their values}
     *
     * @param family the table's family
     * @param table the table's name
     */
    public List<CounterObject> counterObjects(Family family, String table) {
        Names.object("table", table);
        return socket.dumpAll("list nf_tables counters of " + family + " " + table,
                w -> objectDump(w, Nf.NFT_MSG_GETOBJ, family.code, table), (Message m) -> inTable(m, family, table));
    }

    /**
     * Reads the named counters of one table and sets them to zero (NFT_MSG_GETOBJ_RESET, as
     * {@code nft reset counters table ...}); returns their values just before the reset.
     *
     * @param family the table's family
     * @param table the table's name
     * @return the counters with their values as they were before the reset
     */
    public List<CounterObject> resetCounterObjects(Family family, String table) {
        Names.object("table", table);
        return socket.dumpAll("reset nf_tables counters of " + family + " " + table,
                w -> objectDump(w, Nf.NFT_MSG_GETOBJ_RESET, family.code, table),
                (Message m) -> inTable(m, family, table));
    }

    private static CounterObject inTable(Message m, Family family, String table) {
        CounterObject c = CounterObject.decode(m);
        return c != null && c.family() == family && c.table().equals(table) ? c : null;
    }

    private static void objectDump(MessageWriter w, int msg, int family, String table) {
        w.begin(Nf.type(msg), NLM_F_REQUEST | NLM_F_DUMP);
        Nf.nfgenmsg(w, family, 0);
        if (table != null) {
            w.attrString(Nf.NFTA_OBJ_TABLE, table);
        }
        w.attrU32Be(Nf.NFTA_OBJ_TYPE, Nf.NFT_OBJECT_COUNTER);
        w.end();
    }

    private static void dumpRequest(MessageWriter w, int msg) {
        w.begin(Nf.type(msg), NLM_F_REQUEST | NLM_F_DUMP);
        Nf.nfgenmsg(w, 0, 0);
        w.end();
    }

    // ---- one-call transactions ----------------------------------------------------------------

    /**
     * Creates a table (kept as it is if it exists).
     *
     * @param table the table
     */
    public void createTable(Table table) {
        transaction().createTable(table).commit();
    }

    /**
     * Deletes a table and everything in it.
     *
     * @param family the table's family
     * @param name the table's name
     */
    public void deleteTable(Family family, String name) {
        transaction().deleteTable(family, name).commit();
    }

    /**
     * Creates a chain (kept as it is if it exists).
     *
     * @param chain the chain
     */
    public void createChain(Chain chain) {
        transaction().createChain(chain).commit();
    }

    /**
     * Deletes an empty chain.
     *
     * @param family the table's family
     * @param table the table's name
     * @param name the chain's name
     */
    public void deleteChain(Family family, String table, String name) {
        transaction().deleteChain(family, table, name).commit();
    }

    /**
     * Appends a rule and returns its handle.
     *
     * @param rule the rule
     * @return the rule's handle
     */
    public long addRule(Rule rule) {
        return transaction().addRule(rule).commit().ruleHandles().getFirst();
    }

    /**
     * Creates a set or map with its elements (kept as it is if it exists).
     *
     * @param set the set or map
     */
    public void addSet(SetSpec set) {
        transaction().addSet(set).commit();
    }

    /**
     * Deletes a set or map.
     *
     * @param family the table's family
     * @param table the table's name
     * @param name the set's name
     */
    public void deleteSet(Family family, String table, String name) {
        transaction().deleteSet(family, table, name).commit();
    }

    /**
     * Adds elements to a set in one transaction.
     *
     * @param set the set or map (its table and name)
     * @param elements the elements
     */
    public void addElements(SetSpec set, java.util.Collection<SetElement> elements) {
        transaction().addElements(set, elements).commit();
    }

    /**
     * Deletes elements from a set in one transaction.
     *
     * @param set the set or map (its table and name)
     * @param elements the elements
     */
    public void deleteElements(SetSpec set, java.util.Collection<SetElement> elements) {
        transaction().deleteElements(set, elements).commit();
    }

    /**
     * Deletes the rule with {@code handle}.
     *
     * @param family the table's family
     * @param table the table's name
     * @param chain the chain's name
     * @param handle the rule's handle
     */
    public void deleteRule(Family family, String table, String chain, long handle) {
        transaction().deleteRule(family, table, chain, handle).commit();
    }
}
