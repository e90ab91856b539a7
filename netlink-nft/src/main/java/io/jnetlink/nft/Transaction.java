package io.jnetlink.nft;

import static io.jnetlink.core.codec.Netlink.NLM_F_APPEND;
import static io.jnetlink.core.codec.Netlink.NLM_F_CREATE;
import static io.jnetlink.core.codec.Netlink.NLM_F_ECHO;
import static io.jnetlink.core.codec.Netlink.NLM_F_EXCL;
import static io.jnetlink.core.codec.Netlink.NLM_F_REQUEST;

import io.jnetlink.core.NetlinkException;
import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.Netlink;
import io.jnetlink.core.socket.NetlinkSocket;
import io.jnetlink.nft.expr.Expressions;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * A set of nf_tables changes applied atomically: all of them or none.
 *
 * <p>The calls are queued in order and sent by {@link #commit()} as one batch in one datagram:
 * {@code NFNL_MSG_BATCH_BEGIN}, one message per call, {@code NFNL_MSG_BATCH_END}. The kernel
 * processes the batch synchronously; when any message fails it aborts the whole batch and reports
 * the failing messages, which this class maps back to the calls that queued them
 * ({@link TransactionException}). New rules carry NLM_F_ECHO so the kernel answers with their
 * handles ({@link Committed#ruleHandles()}).
 *
 * <p>Each call is checked when it is queued (names, expression values, encodability), so a bad
 * argument fails at the line that queued it, and nothing is sent. Not thread-safe; a transaction
 * is committed once.
 */
public final class Transaction {
    /** A queued message; {@code elements} names the set elements of an element message, in order, for errors. */
    private record Call(String description, int msg, int flags, int family, boolean isRule,
                        Consumer<MessageWriter> body, List<String> elements) {
        Call(String description, int msg, int flags, int family, boolean isRule, Consumer<MessageWriter> body) {
            this(description, msg, flags, family, isRule, body, null);
        }
    }

    /** Transaction-local ids of the sets this transaction creates (NFTA_SET_ID), by family/table/name. */
    private final java.util.Map<String, Integer> setIds = new java.util.HashMap<>();
    /** The next transaction-local set id (nft numbers the sets of a batch from 1). */
    private int nextSetId = 1;

    /**
     * What a committed transaction produced.
     *
     * @param ruleHandles the handle of each rule added, in the order {@link #addRule} queued them
     */
    public record Committed(List<Long> ruleHandles) {
        /** Keeps copies of the mutable components. */
        public Committed {
            ruleHandles = List.copyOf(ruleHandles);
        }
    }

    private final NetlinkSocket socket;
    private final List<Call> calls = new ArrayList<>();
    private boolean committed;

    Transaction(NetlinkSocket socket) {
        this.socket = socket;
    }

    /**
     * Creates a table; an existing table of that name is left as it is (its flags must agree).
     *
     * @param t the table
     * @return this transaction
     */
    public Transaction createTable(Table t) {
        return queue(new Call("create table " + t.family() + " " + t.name(), Nf.NFT_MSG_NEWTABLE,
                NLM_F_REQUEST | NLM_F_CREATE, t.family().code, false, w -> {
                    w.attrString(Nf.NFTA_TABLE_NAME, t.name());
                    w.attrU32Be(Nf.NFTA_TABLE_FLAGS, t.flags());
                }));
    }

    /**
     * Creates a table that must not exist yet.
     *
     * @param t the table
     * @return this transaction
     */
    public Transaction createTableExclusive(Table t) {
        return queue(new Call("create table " + t.family() + " " + t.name() + " (must be new)", Nf.NFT_MSG_NEWTABLE,
                NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL, t.family().code, false, w -> {
                    w.attrString(Nf.NFTA_TABLE_NAME, t.name());
                    w.attrU32Be(Nf.NFTA_TABLE_FLAGS, t.flags());
                }));
    }

    /**
     * Deletes a table with everything in it.
     *
     * @param family the table's family
     * @param name the table's name
     * @return this transaction
     */
    public Transaction deleteTable(Family family, String name) {
        Names.object("table", name);
        return queue(new Call("delete table " + family + " " + name, Nf.NFT_MSG_DELTABLE, NLM_F_REQUEST,
                family.code, false, w -> w.attrString(Nf.NFTA_TABLE_NAME, name)));
    }

    /**
     * Creates a chain; an existing chain of that name is left as it is.
     *
     * @param c the chain
     * @return this transaction
     */
    public Transaction createChain(Chain c) {
        String what = "create " + (c.isBase() ? "base chain " : "chain ") + c.family() + " " + c.table() + " "
                + c.name();
        return queue(new Call(what, Nf.NFT_MSG_NEWCHAIN, NLM_F_REQUEST | NLM_F_CREATE, c.family().code, false, w -> {
            w.attrString(Nf.NFTA_CHAIN_TABLE, c.table());
            w.attrString(Nf.NFTA_CHAIN_NAME, c.name());
            if (c.isBase()) {
                // nft's order: type, policy, hook.
                w.attrString(Nf.NFTA_CHAIN_TYPE, c.type().wireName());
                if (c.policy() != null) {
                    w.attrU32Be(Nf.NFTA_CHAIN_POLICY, c.policy().code);
                }
                w.nest(Nf.NFTA_CHAIN_HOOK | Netlink.NLA_F_NESTED, h -> {
                    h.attrU32Be(Nf.NFTA_HOOK_HOOKNUM, c.hook().number);
                    h.attrU32Be(Nf.NFTA_HOOK_PRIORITY, c.priority());
                });
            }
        }));
    }

    /**
     * Deletes an empty chain that nothing jumps to.
     *
     * @param family the table's family
     * @param table the table's name
     * @param name the chain's name
     * @return this transaction
     */
    public Transaction deleteChain(Family family, String table, String name) {
        Names.object("table", table);
        Names.object("chain", name);
        return queue(new Call("delete chain " + family + " " + table + " " + name, Nf.NFT_MSG_DELCHAIN,
                NLM_F_REQUEST, family.code, false, w -> {
                    w.attrString(Nf.NFTA_CHAIN_TABLE, table);
                    w.attrString(Nf.NFTA_CHAIN_NAME, name);
                }));
    }

    /**
     * Appends a rule to its chain; its handle is in {@link Committed#ruleHandles()}. The rule's
     * anonymous sets ({@link Rule#literals()}) are created just before it, as nft does; lookups of a
     * named set created earlier in this transaction name it by its transaction id too.
     *
     * @param r the rule
     * @return this transaction
     */
    public Transaction addRule(Rule r) {
        checkOpen();
        List<Call> pre = new ArrayList<>();
        int[] ids = new int[r.literals().size()];
        for (int i = 0; i < ids.length; i++) {
            SetLiteral lit = r.literals().get(i);
            int id = nextSetId + i;
            ids[i] = id;
            SetSpec s = lit.asSet(r.family(), r.table());
            List<Call> elements = elementCalls(s, s.elements(), true, false, id, NLM_F_ECHO);
            int size = SetWire.wire(s, s.elements(), true, false).size();
            // nft asks an echo of the anonymous set: the kernel answers with the name it gave it
            pre.add(new Call("add anonymous set " + lit + " of " + r.describe(), SetWire.NFT_MSG_NEWSET,
                    NLM_F_REQUEST | NLM_F_CREATE | NLM_F_ECHO, r.family().code, false,
                    w -> SetWire.writeLiteral(w, lit, s, id, size)));
            pre.addAll(elements);
        }
        List<io.jnetlink.nft.expr.Expression> exprs = new ArrayList<>(r.expressions().size());
        for (io.jnetlink.nft.expr.Expression e : r.expressions()) {
            if (e instanceof io.jnetlink.nft.expr.Lookup l) {
                if (Delinearizer.isAnonymous(l.set()) && l.setId() >= 1 && l.setId() <= ids.length) {
                    e = l.withSetId(ids[l.setId() - 1]);
                } else if (!Delinearizer.isAnonymous(l.set())) {
                    Integer id = setIds.get(setKey(r.family(), r.table(), l.set()));
                    if (id != null) {
                        e = l.withSetId(id);
                    }
                }
            }
            exprs.add(e);
        }
        Rule rule = new Rule(r.family(), r.table(), r.chain(), exprs, r.description(), r.literals());
        Call call = new Call("add " + rule.describe(), Nf.NFT_MSG_NEWRULE,
                NLM_F_REQUEST | NLM_F_ECHO | NLM_F_CREATE | NLM_F_APPEND, rule.family().code, true,
                w -> encodeRule(w, rule));
        for (Call c : pre) {
            encodeAlone(c);
        }
        queue(call);
        calls.addAll(calls.size() - 1, pre);
        nextSetId += ids.length;
        return this;
    }

    /**
     * Deletes the rule with {@code handle} from a chain.
     *
     * @param family the table's family
     * @param table the table's name
     * @param chain the chain's name
     * @param handle the rule's handle
     * @return this transaction
     */
    public Transaction deleteRule(Family family, String table, String chain, long handle) {
        Names.object("table", table);
        Names.object("chain", chain);
        if (handle <= 0) {
            throw new IllegalArgumentException("rule handle must be positive, got " + handle);
        }
        return queue(new Call("delete rule " + family + " " + table + " " + chain + " handle " + handle,
                Nf.NFT_MSG_DELRULE, NLM_F_REQUEST, family.code, false, w -> {
                    w.attrString(Nf.NFTA_RULE_TABLE, table);
                    w.attrString(Nf.NFTA_RULE_CHAIN, chain);
                    w.attrU64Be(Nf.NFTA_RULE_HANDLE, handle);
                }));
    }

    // ---- sets and maps ------------------------------------------------------------------------

    /**
     * Creates a named set or map (an existing one of that name and type is left as it is) and adds
     * its {@link SetSpec#elements()}.
     *
     * @param s the set or map
     * @return this transaction
     */
    public Transaction addSet(SetSpec s) {
        String what = (s.isMap() ? "map " : "set ") + s.family() + " " + s.table() + " " + s.name();
        int id = nextSetId;
        Call set = new Call("add " + what, SetWire.NFT_MSG_NEWSET, NLM_F_REQUEST | NLM_F_CREATE, s.family().code,
                false, w -> SetWire.writeSet(w, s, id));
        encodeAlone(set);
        List<Call> elements = elementCalls(s, s.elements(), true, false, id, 0);
        queue(set);
        nextSetId++;
        setIds.put(setKey(s.family(), s.table(), s.name()), id);
        calls.addAll(elements);
        return this;
    }

    /**
     * Deletes a set or map (it must not be used by a rule).
     *
     * @param family the table's family
     * @param table the table's name
     * @param name the set's name
     * @return this transaction
     */
    public Transaction deleteSet(Family family, String table, String name) {
        Names.object("table", table);
        Names.object("set", name);
        return queue(new Call("delete set " + family + " " + table + " " + name, SetWire.NFT_MSG_DELSET,
                NLM_F_REQUEST, family.code, false, w -> {
                    w.attrString(SetWire.NFTA_SET_TABLE, table);
                    w.attrString(SetWire.NFTA_SET_NAME, name);
                }));
    }

    /**
     * Adds elements to set {@code set} (its family, table, name and types; its own elements are not
     * looked at). Elements already in the set are left as they are. Any number of elements goes in
     * this one transaction, split over as many messages as their size needs.
     *
     * @param set the set or map (its table and name)
     * @param elements the elements
     * @return this transaction
     */
    public Transaction addElements(SetSpec set, java.util.Collection<SetElement> elements) {
        List<Call> c = elementCalls(set, List.copyOf(elements), false, false, setId(set), 0);
        checkOpen();
        calls.addAll(c);
        return this;
    }

    /**
     * Deletes elements (given by key; values and options are ignored) from set {@code set}.
     *
     * @param set the set or map (its table and name)
     * @param elements the elements
     * @return this transaction
     */
    public Transaction deleteElements(SetSpec set, java.util.Collection<SetElement> elements) {
        List<Call> c = elementCalls(set, List.copyOf(elements), false, true, 0, 0);
        checkOpen();
        calls.addAll(c);
        return this;
    }

    /**
     * Deletes every element of a set.
     *
     * @param family the table's family
     * @param table the table's name
     * @param name the set's name
     * @return this transaction
     */
    public Transaction flushSet(Family family, String table, String name) {
        Names.object("table", table);
        Names.object("set", name);
        // nft's order: set, then table
        return queue(new Call("flush set " + family + " " + table + " " + name, SetWire.NFT_MSG_DELSETELEM,
                NLM_F_REQUEST, family.code, false, w -> {
                    w.attrString(SetWire.NFTA_SET_ELEM_LIST_SET, name);
                    w.attrString(SetWire.NFTA_SET_ELEM_LIST_TABLE, table);
                }));
    }

    private static String setKey(Family family, String table, String name) {
        return family + "/" + table + "/" + name;
    }

    private int setId(SetSpec s) {
        return setIds.getOrDefault(setKey(s.family(), s.table(), s.name()), 0);
    }

    /** The element messages for {@code elements}, checked and split; nothing is queued. */
    private static List<Call> elementCalls(SetSpec s, List<SetElement> elements, boolean creating, boolean delete,
                                           int setId, int extraFlags) {
        if (elements.isEmpty()) {
            if (creating) {
                return List.of();
            }
            throw new IllegalArgumentException((delete ? "delete" : "add") + " elements of set " + s.family() + " "
                    + s.table() + " " + s.name() + ": no elements given");
        }
        List<SetWire.Wired> wired;
        try {
            for (SetElement e : elements) {
                if (e == null) {
                    throw new IllegalArgumentException("null element");
                }
                if (!delete && e.timeout() != null && !s.flags().contains(SetSpec.Flag.TIMEOUT)) {
                    throw new IllegalArgumentException("element " + e.key() + ": a timeout needs the set's timeout flag");
                }
                if (!delete) {
                    SetSpec.checkComment(e.comment());
                }
                if (!delete && s.isMap() != (e.value() != null)) {
                    throw new IllegalArgumentException("element " + e.key() + (s.isMap() ? ": a map element needs a "
                            + "value" : ": a set element has no value"));
                }
            }
            wired = SetWire.wire(s, elements, creating, delete);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException((delete ? "delete" : "add") + " elements of set " + s.family() + " "
                    + s.table() + " " + s.name() + ": " + e.getMessage(), e);
        }
        List<List<SetWire.Wired>> parts = SetWire.split(wired);
        List<Call> out = new ArrayList<>(parts.size());
        int msg = delete ? SetWire.NFT_MSG_DELSETELEM : SetWire.NFT_MSG_NEWSETELEM;
        int flags = (delete ? NLM_F_REQUEST : NLM_F_REQUEST | NLM_F_CREATE) | extraFlags;
        for (List<SetWire.Wired> part : parts) {
            String what = (delete ? "delete " : "add ") + part.size() + " element(s) of set " + s.family() + " "
                    + s.table() + " " + s.name();
            out.add(new Call(what, msg, flags, s.family().code, false, w -> {
                w.attrString(SetWire.NFTA_SET_ELEM_LIST_TABLE, s.table());
                w.attrString(SetWire.NFTA_SET_ELEM_LIST_SET, s.name());
                if (setId != 0) {
                    w.attrU32Be(SetWire.NFTA_SET_ELEM_LIST_SET_ID, setId);
                }
                SetWire.writeList(w, part);
            }, part.stream().map(SetWire.Wired::text).toList()));
        }
        return out;
    }

    /**
     * Creates a named counter ({@code counter NAME} in the table), starting at zero; an existing
     * one is left as it is. Read and reset it with {@link NfTables#counterObjects} and
     * {@link NfTables#resetCounterObjects}.
     *
     * @param family the table's family
     * @param table the table's name
     * @param name the counter's name
     * @return this transaction
     */
    public Transaction createCounter(Family family, String table, String name) {
        Names.object("table", table);
        Names.object("counter", name);
        return queue(new Call("create counter " + family + " " + table + " " + name, Nf.NFT_MSG_NEWOBJ,
                NLM_F_REQUEST | NLM_F_CREATE, family.code, false, w -> {
                    w.attrString(Nf.NFTA_OBJ_TABLE, table);
                    w.attrString(Nf.NFTA_OBJ_NAME, name);
                    w.attrU32Be(Nf.NFTA_OBJ_TYPE, Nf.NFT_OBJECT_COUNTER);
                    w.nest(Nf.NFTA_OBJ_DATA | Netlink.NLA_F_NESTED, d -> { });
                }));
    }

    /**
     * Deletes a named counter that no rule refers to.
     *
     * @param family the table's family
     * @param table the table's name
     * @param name the counter's name
     * @return this transaction
     */
    public Transaction deleteCounter(Family family, String table, String name) {
        Names.object("table", table);
        Names.object("counter", name);
        return queue(new Call("delete counter " + family + " " + table + " " + name, Nf.NFT_MSG_DELOBJ,
                NLM_F_REQUEST, family.code, false, w -> {
                    w.attrString(Nf.NFTA_OBJ_TABLE, table);
                    w.attrString(Nf.NFTA_OBJ_NAME, name);
                    w.attrU32Be(Nf.NFTA_OBJ_TYPE, Nf.NFT_OBJECT_COUNTER);
                }));
    }

    /** {@return how many calls are queued} */
    public int size() {
        return calls.size();
    }

    /**
     * Sends the batch and waits for the kernel's verdict.
     *
     * @throws TransactionException if the kernel refused any call; then nothing was applied
     * @throws IllegalStateException if the transaction is empty or was committed before
     * @return what the kernel made: the handles of the rules added, in order
     */
    public Committed commit() {
        if (committed) {
            throw new IllegalStateException("transaction already committed");
        }
        if (calls.isEmpty()) {
            throw new IllegalStateException("empty transaction: queue at least one call");
        }
        committed = true;
        long[] handles = new long[calls.size()];
        NetlinkException[] errs = socket.pipeline("nf_tables transaction", this::encode, (i, m) -> {
            int call = i - 1;
            if (call >= 0 && call < calls.size() && calls.get(call).isRule() && Nf.is(m, Nf.NFT_MSG_NEWRULE)) {
                handles[call] = RuleInfo.handleOf(m);
            }
        });
        List<TransactionException.Failure> failures = new ArrayList<>();
        for (int i = 0; i < errs.length; i++) {
            if (errs[i] == null) {
                continue;
            }
            int call = i - 1;
            if (call >= 0 && call < calls.size()) {
                failures.add(new TransactionException.Failure(call, calls.get(call).description(), errs[i],
                        attributeAt(calls.get(call), errs[i].extAckOffset())));
            } else {
                failures.add(new TransactionException.Failure(-1, i == 0 ? "batch begin / commit" : "batch end",
                        errs[i], null));
            }
        }
        if (!failures.isEmpty()) {
            throw new TransactionException(failures.getFirst(), failures, calls.size());
        }
        List<Long> ruleHandles = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).isRule()) {
                ruleHandles.add(handles[i]);
            }
        }
        return new Committed(ruleHandles);
    }

    /** Writes the whole batch: begin, the calls, end. */
    void encode(MessageWriter w) {
        batchDelimiter(w, Nf.NFNL_MSG_BATCH_BEGIN);
        for (Call c : calls) {
            write(w, c);
        }
        batchDelimiter(w, Nf.NFNL_MSG_BATCH_END);
    }

    private static void batchDelimiter(MessageWriter w, int type) {
        w.begin(type, NLM_F_REQUEST);
        Nf.nfgenmsg(w, 0, Nf.NFNL_SUBSYS_NFTABLES);
        w.end();
    }

    private static void write(MessageWriter w, Call c) {
        w.begin(Nf.type(c.msg()), c.flags());
        Nf.nfgenmsg(w, c.family(), 0);
        c.body().accept(w);
        w.end();
    }

    static void encodeRule(MessageWriter w, Rule r) {
        w.attrString(Nf.NFTA_RULE_TABLE, r.table());
        w.attrString(Nf.NFTA_RULE_CHAIN, r.chain());
        Expressions.writeList(w, Nf.NFTA_RULE_EXPRESSIONS, r.expressions());
    }

    private void checkOpen() {
        if (committed) {
            throw new IllegalStateException("transaction already committed");
        }
    }

    private Transaction queue(Call c) {
        checkOpen();
        // Encode once now so that a call that cannot be encoded fails where it was queued.
        encodeAlone(c);
        calls.add(c);
        return this;
    }

    private static byte[] encodeAlone(Call c) {
        try (Arena arena = Arena.ofConfined()) {
            MessageWriter w = new MessageWriter(arena, 1024);
            write(w, c);
            return w.toByteArray();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(c.description() + ": " + e.getMessage(), e);
        }
    }

    /** Names the attribute at {@code offset} of the call's message, for the kernel's pointer. */
    private static String attributeAt(Call c, int offset) {
        if (offset < 0) {
            return null;
        }
        byte[] msg = encodeAlone(c);
        if (offset >= msg.length) {
            return null;
        }
        try (Arena arena = Arena.ofConfined()) {
            var seg = arena.allocate(msg.length);
            seg.copyFrom(java.lang.foreign.MemorySegment.ofArray(msg));
            Message m = Message.at(seg, 0);
            AttrNames names = switch (c.msg()) {
                case Nf.NFT_MSG_NEWTABLE, Nf.NFT_MSG_DELTABLE -> Nf.TABLE_NAMES;
                case Nf.NFT_MSG_NEWCHAIN, Nf.NFT_MSG_DELCHAIN -> Nf.CHAIN_NAMES;
                case SetWire.NFT_MSG_NEWSET, SetWire.NFT_MSG_DELSET -> SetWire.SET_NAMES;
                case SetWire.NFT_MSG_NEWSETELEM, SetWire.NFT_MSG_DELSETELEM -> SetWire.LIST_NAMES;
                case Nf.NFT_MSG_NEWOBJ, Nf.NFT_MSG_DELOBJ -> Nf.OBJ_NAMES;
                default -> Nf.RULE_NAMES;
            };
            AttributeCursor a = m.attributes(Nf.NFGENMSG_LEN, names);
            while (a.next()) {
                long start = a.payloadOffset() - Netlink.NLA_HDRLEN;
                long end = a.payloadOffset() + a.length();
                if (offset < start || offset >= end) {
                    continue;
                }
                String top = names.name(a.type());
                if (c.elements() != null && a.type() == SetWire.NFTA_SET_ELEM_LIST_ELEMENTS) {
                    AttributeCursor l = a.nested(AttrNames.numbered("NFTA_LIST"));
                    int k = 0;
                    while (l.next()) {
                        k++;
                        long s = l.payloadOffset() - Netlink.NLA_HDRLEN;
                        if (offset >= s && offset < l.payloadOffset() + l.length() && k <= c.elements().size()) {
                            return top + ", element #" + k + " (" + c.elements().get(k - 1) + ")";
                        }
                    }
                }
                if (c.msg() == Nf.NFT_MSG_NEWRULE && a.type() == Nf.NFTA_RULE_EXPRESSIONS) {
                    AttributeCursor l = a.nested(AttrNames.numbered("NFTA_LIST"));
                    int k = 0;
                    while (l.next()) {
                        k++;
                        long s = l.payloadOffset() - Netlink.NLA_HDRLEN;
                        if (offset >= s && offset < l.payloadOffset() + l.length()) {
                            return top + ", expression #" + k + " (" + Expressions.read(l).kind() + ")";
                        }
                    }
                }
                return top;
            }
        } catch (RuntimeException e) {
            return null; // only a pointer for the message; never hide the kernel's error behind ours
        }
        return null;
    }

    @Override
    public String toString() {
        return "Transaction" + Arrays.toString(calls.stream().map(Call::description).toArray());
    }
}
