package io.jnetlink.nft;

import io.jnetlink.core.DumpInterruptedException;
import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.Netlink;
import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.core.events.Change;
import io.jnetlink.core.events.Subscription;
import io.jnetlink.core.netns.InNamespace;
import io.jnetlink.nft.RulesetEvent.ChainEvent;
import io.jnetlink.nft.RulesetEvent.CounterEvent;
import io.jnetlink.nft.RulesetEvent.OtherEvent;
import io.jnetlink.nft.RulesetEvent.ElementsEvent;
import io.jnetlink.nft.RulesetEvent.RuleEvent;
import io.jnetlink.nft.RulesetEvent.SetEvent;
import io.jnetlink.nft.RulesetEvent.TableEvent;
import io.jnetlink.nft.expr.Counter;
import io.jnetlink.nft.expr.Expression;
import io.jnetlink.nft.expr.Quota;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * List-then-watch over nf_tables: the ruleset of a namespace (or of one table in it), read once,
 * then kept current from the kernel's NFNLGRP_NFTABLES events, with the contract of the
 * rtnetlink watches ({@link io.jnetlink.core.events.WatchedTable}):
 * <ul>
 * <li>the group is joined before the first listing, both on the watch's own thread, so no change
 *     falls between them; the listing arrives as one synthetic {@link RulesetChange} of ADDED events;
 * <li>events are grouped per transaction: the kernel ends each commit's events with a NEWGEN
 *     message, and only then is the transaction's {@link RulesetChange} delivered, whole;
 * <li>a transaction the listing already contains (its generation is not after the listing's) is
 *     not delivered again;
 * <li>when the kernel drops events (ENOBUFS, a full receive buffer) the watch throws away what is
 *     queued, reads the ruleset again and delivers the difference as a synthetic change.
 * </ul>
 *
 * <pre>{@code
 * try (RulesetWatch w = RulesetWatch.open(ns, Family.INET, "filter", 0, change -> {
 *         for (RuleEvent e : change.events(RuleEvent.class)) { ... }
 *     })) {
 *     ...
 * }
 * }</pre>
 *
 * <p>Rules are kept in chain order (events carry the position of a new rule). Counter values in
 * the snapshot are those of the rule's last event or listing: counting sends no events. Sets come
 * as {@link SetEvent}s and their elements as {@link ElementsEvent}s (both kept in the snapshot,
 * so {@link Ruleset#text()} of a snapshot prints them too). Listeners run
 * on the watch's thread; {@link #snapshot()} may be called from any thread.
 */
public final class RulesetWatch implements AutoCloseable {
    private record TableKey(Family family, String name) {}

    private record ChainKey(Family family, String table, String name) {}

    /** Elements announced for a set, matched with the set when the transaction is applied. */
    private record Elements(Change.Kind kind, ChainKey set, List<SetInfo.RawElement> raw, OtherEvent asReceived) {}

    private final NfTables nft;
    private final Family family;
    private final String table;
    private final Consumer<RulesetChange> listener;
    private final Subscription subscription;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final AtomicLong resyncs = new AtomicLong();
    private volatile RuntimeException failure;

    // Guarded by "this". Tables and chains in the kernel's (creation) order, rules per chain in chain order.
    private final Map<TableKey, TableInfo> tables = new LinkedHashMap<>();
    private final Map<ChainKey, ChainInfo> chains = new LinkedHashMap<>();
    private final Map<ChainKey, List<RuleInfo>> rules = new HashMap<>();
    private final Map<ChainKey, CounterObject> counters = new LinkedHashMap<>();
    /** Sets without their elements, and each set's elements as the kernel sent them. */
    private final Map<ChainKey, SetInfo> sets = new LinkedHashMap<>();
    private final Map<ChainKey, List<SetInfo.RawElement>> elements = new HashMap<>();
    private long generation;

    /** The events (RulesetEvent or Elements) of the transaction being received (the reader thread's only). */
    private final List<Object> pending = new ArrayList<>();

    private RulesetWatch(InNamespace ns, Family family, String table, int receiveBufferBytes,
                         Consumer<RulesetChange> listener) {
        this.nft = NfTables.in(ns);
        this.family = family;
        this.table = table;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.subscription = Subscription.open(ns.namespace(), Netlink.NETLINK_NETFILTER, new int[] {Nf.NFNLGRP_NFTABLES},
                receiveBufferBytes, new Subscription.Listener() {
                    @Override
                    public void onMessage(Message m) {
                        receive(m);
                    }

                    @Override
                    public void onOverrun() {
                        resync();
                    }

                    @Override
                    public void onError(RuntimeException error) {
                        failure = error;
                        ready.countDown();
                        synchronized (RulesetWatch.this) {
                            RulesetWatch.this.notifyAll();
                        }
                    }
                }, () -> {
                    resync();
                    ready.countDown();
                });
    }

    /**
     * Watches every table of the namespace. Returns once the first listing is in (and delivered).
     *
     * @param receiveBufferBytes the event socket's kernel receive buffer, 0 for the default; a
     *                           small one makes overruns (and re-reads) likelier
     * @param ns the namespace to watch
     * @param listener receives each transaction's changes, on the watch's thread
     * @return the watch, holding the first dump; close it to stop
     */
    public static RulesetWatch open(InNamespace ns, int receiveBufferBytes, Consumer<RulesetChange> listener) {
        return start(new RulesetWatch(ns, null, null, receiveBufferBytes, listener));
    }

    /**
     * Watches one table (it need not exist yet): only its objects are listed and delivered.
     *
     * @param ns the namespace to watch
     * @param family the table's family
     * @param table the table's name
     * @param receiveBufferBytes the event socket's kernel receive buffer, 0 for the default
     * @param listener receives each transaction's changes, on the watch's thread
     * @return the watch, holding the first dump; close it to stop
     */
    public static RulesetWatch open(InNamespace ns, Family family, String table, int receiveBufferBytes,
                                    Consumer<RulesetChange> listener) {
        Objects.requireNonNull(family, "family");
        Names.object("table", table);
        return start(new RulesetWatch(ns, family, table, receiveBufferBytes, listener));
    }

    private static RulesetWatch start(RulesetWatch w) {
        try {
            if (!w.ready.await(60, TimeUnit.SECONDS)) {
                w.close();
                throw new IllegalStateException("first listing of the nf_tables watch did not finish in 60 s");
            }
        } catch (InterruptedException e) {
            w.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the first listing", e);
        }
        if (w.failure != null) {
            w.close();
            throw w.failure;
        }
        return w;
    }

    private boolean watched(Family f, String t) {
        return table == null || (family == f && table.equals(t));
    }

    // ---- events ----------------------------------------------------------------------------------

    private void receive(Message m) {
        if (m.type() >> 8 != Nf.NFNL_SUBSYS_NFTABLES) {
            return;
        }
        int msg = m.type() & 0xFF;
        if (msg == Nf.NFT_MSG_NEWGEN) {
            commit(Generation.decode(m));
            return;
        }
        if (msg == Nf.NFT_MSG_NEWSETELEM || msg == Nf.NFT_MSG_DELSETELEM) {
            Change.Kind kind = msg == Nf.NFT_MSG_NEWSETELEM ? Change.Kind.ADDED : Change.Kind.REMOVED;
            OtherEvent o = other(m, msg, kind);
            if (watched(o.family(), o.tableName())) {
                List<SetInfo.RawElement> raw = new ArrayList<>();
                SetInfo.decodeElementsAny(m, raw, new ArrayList<>());
                pending.add(new Elements(kind, new ChainKey(o.family(), o.tableName(), o.name()), raw, o));
            }
            return;
        }
        RulesetEvent e = decode(m, msg);
        if (e != null && watched(e.family(), e.tableName())) {
            pending.add(e);
        }
    }

    /** The event a message announces, or null for one that is no object change (a trace, ...). */
    static RulesetEvent decode(Message m, int msg) {
        return switch (msg) {
            case Nf.NFT_MSG_NEWTABLE -> new TableEvent(Change.Kind.ADDED, TableInfo.decodeAny(m));
            case Nf.NFT_MSG_DELTABLE -> new TableEvent(Change.Kind.REMOVED, TableInfo.decodeAny(m));
            case Nf.NFT_MSG_NEWCHAIN -> new ChainEvent(Change.Kind.ADDED, ChainInfo.decodeAny(m));
            case Nf.NFT_MSG_DELCHAIN -> new ChainEvent(Change.Kind.REMOVED, ChainInfo.decodeAny(m));
            case Nf.NFT_MSG_NEWRULE -> new RuleEvent(Change.Kind.ADDED, withAppend(RuleInfo.decodeAny(m), m));
            case Nf.NFT_MSG_DELRULE -> new RuleEvent(Change.Kind.REMOVED, RuleInfo.decodeAny(m));
            case Nf.NFT_MSG_NEWOBJ, Nf.NFT_MSG_DELOBJ -> {
                CounterObject c = CounterObject.decode(m);
                Change.Kind kind = msg == Nf.NFT_MSG_NEWOBJ ? Change.Kind.ADDED : Change.Kind.REMOVED;
                yield c != null ? new CounterEvent(kind, c) : other(m, msg, kind);
            }
            case Nf.NFT_MSG_NEWSET -> new SetEvent(Change.Kind.ADDED, SetInfo.decodeAny(m));
            case Nf.NFT_MSG_DELSET -> new SetEvent(Change.Kind.REMOVED, SetInfo.decodeAny(m));
            case Nf.NFT_MSG_NEWFLOWTABLE -> other(m, msg, Change.Kind.ADDED);
            case Nf.NFT_MSG_DELFLOWTABLE -> other(m, msg, Change.Kind.REMOVED);
            default -> null;
        };
    }

    /**
     * A new rule's place: the kernel names the rule before it (NFTA_RULE_POSITION) unless the rule
     * is first or last in its chain, and flags an appended one NLM_F_APPEND. A last rule (no
     * position, appended) is marked here with position -1.
     */
    private static RuleInfo withAppend(RuleInfo r, Message m) {
        if (r.previousHandle() != 0 || (m.flags() & Netlink.NLM_F_APPEND) == 0) {
            return r;
        }
        List<RawAttribute> unknown = new ArrayList<>(r.unknown());
        unknown.add(new RawAttribute(Nf.NFTA_RULE_POSITION, java.nio.ByteBuffer.allocate(8).putLong(-1).array()));
        return new RuleInfo(r.family(), r.table(), r.chain(), r.handle(), r.expressions(), r.userData(), unknown);
    }

    private static OtherEvent other(Message m, int msg, Change.Kind kind) {
        m.requirePayload(Nf.NFGENMSG_LEN, "nfgenmsg");
        Family f = Family.of(m.u8(0));
        String t = null;
        String name = null;
        List<RawAttribute> attrs = new ArrayList<>();
        AttributeCursor a = m.attributes(Nf.NFGENMSG_LEN, AttrNames.numbered("NFTA"));
        while (a.next()) {
            // attribute 1 is the table and 2 the object's name in every set, element list, object
            // and flowtable message (NFTA_SET_TABLE/NAME, NFTA_SET_ELEM_LIST_TABLE/SET, ...)
            if (a.type() == 1) {
                t = a.string();
            } else if (a.type() == 2 && name == null && (a.rawType() & Netlink.NLA_F_NESTED) == 0) {
                name = a.string();
            }
            attrs.add(a.raw());
        }
        if (t == null) {
            throw a.malformed("nf_tables event " + msg + " without a table name");
        }
        return new OtherEvent(kind, msg, f, t, name, attrs);
    }

    /** The transaction's NEWGEN came: apply its events and deliver them as one change. */
    private void commit(Generation g) {
        // the kernel announces elements one message each: one event per set and kind in a row
        List<Object> events = new ArrayList<>();
        for (Object e : pending) {
            if (e instanceof Elements el && !events.isEmpty() && events.getLast() instanceof Elements last
                    && last.kind() == el.kind() && last.set().equals(el.set())) {
                List<SetInfo.RawElement> raw = new ArrayList<>(last.raw());
                raw.addAll(el.raw());
                events.set(events.size() - 1, new Elements(el.kind(), el.set(), raw, last.asReceived()));
            } else {
                events.add(e);
            }
        }
        pending.clear();
        List<RulesetEvent> out = new ArrayList<>();
        synchronized (this) {
            if (!Generation.after(g.id(), generation)) {
                return; // committed before the listing was read: the listing has it
            }
            for (Object e : events) {
                if (e instanceof Elements el) {
                    applyElements(el, out);
                } else {
                    apply((RulesetEvent) e, out);
                }
            }
            coalesceReplacements(out);
        }
        if (!out.isEmpty()) {
            listener.accept(new RulesetChange(g.id(), g.pid(), g.process(), out, false));
        }
        synchronized (this) {
            generation = g.id();
            notifyAll();
        }
    }

    private void apply(RulesetEvent e, List<RulesetEvent> out) {
        switch (e) {
            case TableEvent t -> {
                TableKey k = new TableKey(t.info().family(), t.info().name());
                if (t.kind() == Change.Kind.REMOVED) {
                    if (tables.remove(k) != null) {
                        removeChildren(k, out);
                        out.add(t);
                    }
                } else {
                    put(tables, k, t.info(), RulesetWatch::sameTable, kind -> new TableEvent(kind, t.info()), out);
                }
            }
            case ChainEvent c -> {
                ChainKey k = new ChainKey(c.info().family(), c.info().table(), c.info().name());
                if (c.kind() == Change.Kind.REMOVED) {
                    if (chains.remove(k) != null) {
                        List<RuleInfo> gone = rules.remove(k);
                        if (gone != null) {
                            gone.forEach(r -> out.add(new RuleEvent(Change.Kind.REMOVED, r)));
                        }
                        out.add(c);
                    }
                } else {
                    put(chains, k, c.info(), RulesetWatch::sameChain, kind -> new ChainEvent(kind, c.info()), out);
                }
            }
            case RuleEvent r -> applyRule(r, out);
            case SetEvent st -> {
                ChainKey k = new ChainKey(st.info().family(), st.info().table(), st.info().name());
                if (st.kind() == Change.Kind.REMOVED) {
                    if (sets.remove(k) != null) {
                        elements.remove(k);
                        out.add(st);
                    }
                } else {
                    elements.putIfAbsent(k, new ArrayList<>());
                    put(sets, k, st.info(), RulesetWatch::sameSet, kind -> new SetEvent(kind, st.info()), out);
                }
            }
            case ElementsEvent el -> out.add(el);
            case CounterEvent c -> {
                ChainKey k = new ChainKey(c.info().family(), c.info().table(), c.info().name());
                if (c.kind() == Change.Kind.REMOVED) {
                    if (counters.remove(k) != null) {
                        out.add(c);
                    }
                } else {
                    put(counters, k, c.info(), RulesetWatch::sameCounter, kind -> new CounterEvent(kind, c.info()),
                            out);
                }
            }
            case OtherEvent o -> out.add(o);
        }
    }

    /**
     * A rule replaced in place keeps its handle; this kernel announces the removal of the old
     * content and then the new rule (older ones the other way round, handled in applyRule). A
     * removal and an addition of one handle in one transaction are therefore one CHANGED (handles
     * are never reused otherwise).
     */
    private static void coalesceReplacements(List<RulesetEvent> out) {
        for (int i = 0; i < out.size(); i++) {
            if (!(out.get(i) instanceof RuleEvent del) || del.kind() != Change.Kind.REMOVED) {
                continue;
            }
            for (int j = i + 1; j < out.size(); j++) {
                if (out.get(j) instanceof RuleEvent add && add.kind() == Change.Kind.ADDED
                        && add.info().handle() == del.info().handle() && add.info().family() == del.info().family()
                        && add.info().table().equals(del.info().table())) {
                    out.set(j, new RuleEvent(Change.Kind.CHANGED, add.info()));
                    out.remove(i);
                    i--;
                    break;
                }
            }
        }
    }

    private void applyElements(Elements e, List<RulesetEvent> out) {
        SetInfo set = sets.get(e.set());
        if (set == null) {
            out.add(e.asReceived()); // a set the watch did not see created: keep the event as received
            return;
        }
        List<SetInfo.RawElement> held = elements.computeIfAbsent(e.set(), x -> new ArrayList<>());
        List<SetInfo.RawElement> changed = new ArrayList<>();
        for (SetInfo.RawElement r : e.raw()) {
            int at = indexOfElement(held, r);
            if (e.kind() == Change.Kind.ADDED) {
                if (at >= 0) {
                    held.set(at, r);
                } else {
                    held.add(r);
                    changed.add(r);
                }
            } else if (at >= 0) {
                held.remove(at);
                changed.add(r);
            }
        }
        List<SetElement> folded = set.fold(changed);
        if (!folded.isEmpty()) {
            out.add(new ElementsEvent(e.kind(), set, folded));
        }
    }

    /** An element's identity: its key (an interval's end too) and whether it ends an interval. */
    private static boolean sameElement(SetInfo.RawElement a, SetInfo.RawElement b) {
        return Arrays.equals(a.key(), b.key()) && Arrays.equals(a.keyEnd(), b.keyEnd())
                && (a.flags() & SetWire.NFT_SET_ELEM_INTERVAL_END) == (b.flags() & SetWire.NFT_SET_ELEM_INTERVAL_END);
    }

    private static int indexOfElement(List<SetInfo.RawElement> list, SetInfo.RawElement e) {
        for (int i = 0; i < list.size(); i++) {
            if (sameElement(list.get(i), e)) {
                return i;
            }
        }
        return -1;
    }

    private static <K, V> void put(Map<K, V> map, K key, V value, java.util.function.BiPredicate<V, V> same,
                                   java.util.function.Function<Change.Kind, RulesetEvent> event,
                                   List<RulesetEvent> out) {
        V old = map.put(key, value);
        if (old == null) {
            out.add(event.apply(Change.Kind.ADDED));
        } else if (!same.test(old, value)) {
            out.add(event.apply(Change.Kind.CHANGED));
        }
    }

    private void applyRule(RuleEvent e, List<RulesetEvent> out) {
        RuleInfo r = e.info();
        ChainKey k = new ChainKey(r.family(), r.table(), r.chain());
        List<RuleInfo> list = rules.computeIfAbsent(k, x -> new ArrayList<>());
        int at = indexOf(list, r.handle());
        if (e.kind() == Change.Kind.REMOVED) {
            // A replaced rule keeps its handle: the kernel announces the new content, then the
            // removal of the old. Only a removal of what is held removes.
            if (at >= 0 && sameRule(list.get(at), r)) {
                list.remove(at);
                out.add(new RuleEvent(Change.Kind.REMOVED, r));
            }
            return;
        }
        RuleInfo clean = positionless(r);
        if (at >= 0) {
            RuleInfo old = list.set(at, clean);
            if (!sameRule(old, clean)) {
                out.add(new RuleEvent(Change.Kind.CHANGED, clean));
            }
            return;
        }
        long prev = r.previousHandle();
        if (prev == -1) {
            list.add(clean);
        } else if (prev == 0) {
            list.addFirst(clean);
        } else {
            int p = indexOf(list, prev);
            list.add(p >= 0 ? p + 1 : list.size(), clean);
        }
        out.add(new RuleEvent(Change.Kind.ADDED, clean));
    }

    private static int indexOf(List<RuleInfo> list, long handle) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).handle() == handle) {
                return i;
            }
        }
        return -1;
    }

    private void removeChildren(TableKey t, List<RulesetEvent> out) {
        for (var it = chains.entrySet().iterator(); it.hasNext(); ) {
            var c = it.next();
            if (c.getKey().family() == t.family() && c.getKey().table().equals(t.name())) {
                List<RuleInfo> gone = rules.remove(c.getKey());
                if (gone != null) {
                    gone.forEach(r -> out.add(new RuleEvent(Change.Kind.REMOVED, r)));
                }
                it.remove();
                out.add(new ChainEvent(Change.Kind.REMOVED, c.getValue()));
            }
        }
        for (var it = counters.entrySet().iterator(); it.hasNext(); ) {
            var c = it.next();
            if (c.getKey().family() == t.family() && c.getKey().table().equals(t.name())) {
                it.remove();
                out.add(new CounterEvent(Change.Kind.REMOVED, c.getValue()));
            }
        }
        for (var it = sets.entrySet().iterator(); it.hasNext(); ) {
            var c = it.next();
            if (c.getKey().family() == t.family() && c.getKey().table().equals(t.name())) {
                it.remove();
                elements.remove(c.getKey());
                out.add(new SetEvent(Change.Kind.REMOVED, c.getValue()));
            }
        }
    }

    // ---- what counts as a change -------------------------------------------------------------

    // Use counts change when children come and go, counters and quotas when packets pass, and a
    // rule's position when the rule before it goes: none of these is a change of the object.

    private static boolean sameTable(TableInfo a, TableInfo b) {
        return a.equals(new TableInfo(b.family(), b.name(), b.handle(), b.flags(), a.chains(), b.ownerPortId(),
                b.unknown()));
    }

    private static boolean sameChain(ChainInfo a, ChainInfo b) {
        return a.equals(new ChainInfo(b.family(), b.table(), b.name(), b.handle(), b.hookNumber(), b.priority(),
                b.type(), b.policy(), b.device(), a.rules(), b.unknown()));
    }

    private static boolean sameSet(SetInfo a, SetInfo b) {
        return a.handle() == b.handle() && a.flags() == b.flags() && a.keyTypeId() == b.keyTypeId()
                && a.dataTypeId() == b.dataTypeId() && Arrays.equals(a.userData(), b.userData())
                && a.text(true).equals(b.text(true)) && a.unknown().equals(b.unknown());
    }

    private static SetInfo bare(SetInfo s) {
        return s.elements().isEmpty() ? s : s.withElements(List.of(), List.of());
    }

    private static boolean sameCounter(CounterObject a, CounterObject b) {
        return a.family() == b.family() && a.table().equals(b.table()) && a.name().equals(b.name())
                && a.handle() == b.handle() && a.unknown().equals(b.unknown());
    }

    static boolean sameRule(RuleInfo a, RuleInfo b) {
        return stateless(positionless(a)).equals(stateless(positionless(b)));
    }

    private static RuleInfo positionless(RuleInfo r) {
        List<RawAttribute> unknown = r.unknown().stream()
                .filter(x -> (x.type() & Netlink.NLA_TYPE_MASK) != Nf.NFTA_RULE_POSITION).toList();
        return unknown.size() == r.unknown().size() ? r
                : new RuleInfo(r.family(), r.table(), r.chain(), r.handle(), r.expressions(), r.userData(), unknown);
    }

    private static RuleInfo stateless(RuleInfo r) {
        List<Expression> exprs = r.expressions().stream().map(x -> (Expression) switch (x) {
            case Counter c -> Counter.zero();
            case Quota q -> new Quota(q.bytes(), 0, q.over());
            default -> x;
        }).toList();
        return new RuleInfo(r.family(), r.table(), r.chain(), r.handle(), exprs, r.userData(), r.unknown());
    }

    // ---- re-reading ----------------------------------------------------------------------------

    /** Reads the ruleset, replaces the state with it and delivers the difference (the first listing too). */
    private void resync() {
        resyncs.incrementAndGet();
        pending.clear(); // a transaction cut short by lost events: the listing has it
        Ruleset fresh = listPatiently();
        if (table != null) {
            fresh = fresh.table(family, table);
        }
        List<RulesetEvent> out = new ArrayList<>();
        synchronized (this) {
            Map<TableKey, TableInfo> t2 = new LinkedHashMap<>();
            fresh.tables().forEach(t -> t2.put(new TableKey(t.family(), t.name()), t));
            Map<ChainKey, ChainInfo> c2 = new LinkedHashMap<>();
            fresh.chains().forEach(c -> c2.put(new ChainKey(c.family(), c.table(), c.name()), c));
            Map<ChainKey, List<RuleInfo>> r2 = new HashMap<>();
            fresh.rules().forEach(r -> r2.computeIfAbsent(new ChainKey(r.family(), r.table(), r.chain()),
                    x -> new ArrayList<>()).add(positionless(r)));
            Map<ChainKey, CounterObject> o2 = new LinkedHashMap<>();
            fresh.counters().forEach(c -> o2.put(new ChainKey(c.family(), c.table(), c.name()), c));
            Map<ChainKey, SetInfo> s2 = new LinkedHashMap<>();
            Map<ChainKey, List<SetInfo.RawElement>> e2 = new HashMap<>();
            for (SetInfo x : fresh.sets()) {
                ChainKey k = new ChainKey(x.family(), x.table(), x.name());
                s2.put(k, bare(x));
                List<SetInfo.RawElement> raw = fresh.rawElements(x.family(), x.table(), x.name());
                e2.put(k, new ArrayList<>(raw != null ? raw : List.of()));
            }

            // removals, children first
            for (var e : elements.entrySet()) {
                SetInfo set = sets.get(e.getKey());
                List<SetInfo.RawElement> now = e2.get(e.getKey());
                List<SetInfo.RawElement> gone = now == null ? List.of() : e.getValue().stream()
                        .filter(r -> indexOfElement(now, r) < 0).toList();
                if (set != null && !gone.isEmpty()) {
                    out.add(new ElementsEvent(Change.Kind.REMOVED, set, set.fold(gone)));
                }
            }
            for (var e : rules.entrySet()) {
                for (RuleInfo r : e.getValue()) {
                    if (indexOf(r2.getOrDefault(e.getKey(), List.of()), r.handle()) < 0) {
                        out.add(new RuleEvent(Change.Kind.REMOVED, r));
                    }
                }
            }
            counters.forEach((k, v) -> {
                if (!o2.containsKey(k)) {
                    out.add(new CounterEvent(Change.Kind.REMOVED, v));
                }
            });
            sets.forEach((k, v) -> {
                if (!s2.containsKey(k)) {
                    out.add(new SetEvent(Change.Kind.REMOVED, v));
                }
            });
            chains.forEach((k, v) -> {
                if (!c2.containsKey(k)) {
                    out.add(new ChainEvent(Change.Kind.REMOVED, v));
                }
            });
            tables.forEach((k, v) -> {
                if (!t2.containsKey(k)) {
                    out.add(new TableEvent(Change.Kind.REMOVED, v));
                }
            });
            // additions and changes, parents first
            diff(tables, t2, RulesetWatch::sameTable, TableEvent::new, out);
            diff(chains, c2, RulesetWatch::sameChain, ChainEvent::new, out);
            diff(counters, o2, RulesetWatch::sameCounter, CounterEvent::new, out);
            diff(sets, s2, RulesetWatch::sameSet, SetEvent::new, out);
            for (var e : e2.entrySet()) {
                List<SetInfo.RawElement> old = elements.getOrDefault(e.getKey(), List.of());
                List<SetInfo.RawElement> added = e.getValue().stream().filter(r -> indexOfElement(old, r) < 0).toList();
                if (!added.isEmpty()) {
                    SetInfo set = s2.get(e.getKey());
                    out.add(new ElementsEvent(Change.Kind.ADDED, set, set.fold(added)));
                }
            }
            for (var e : r2.entrySet()) {
                List<RuleInfo> old = rules.getOrDefault(e.getKey(), List.of());
                for (RuleInfo r : e.getValue()) {
                    int at = indexOf(old, r.handle());
                    if (at < 0) {
                        out.add(new RuleEvent(Change.Kind.ADDED, r));
                    } else if (!sameRule(old.get(at), r)) {
                        out.add(new RuleEvent(Change.Kind.CHANGED, r));
                    }
                }
            }
            tables.clear();
            tables.putAll(t2);
            chains.clear();
            chains.putAll(c2);
            rules.clear();
            rules.putAll(r2);
            counters.clear();
            counters.putAll(o2);
            sets.clear();
            sets.putAll(s2);
            elements.clear();
            elements.putAll(e2);
        }
        if (!out.isEmpty()) {
            listener.accept(new RulesetChange(fresh.generation(), 0, null, out, true));
        }
        synchronized (this) {
            generation = fresh.generation();
            notifyAll();
        }
    }

    private static <K, V> void diff(Map<K, V> before, Map<K, V> after, java.util.function.BiPredicate<V, V> same,
                                    java.util.function.BiFunction<Change.Kind, V, RulesetEvent> event,
                                    List<RulesetEvent> out) {
        after.forEach((k, v) -> {
            V old = before.get(k);
            if (old == null) {
                out.add(event.apply(Change.Kind.ADDED, v));
            } else if (!same.test(old, v)) {
                out.add(event.apply(Change.Kind.CHANGED, v));
            }
        });
    }

    /** A ruleset under heavy churn can keep overtaking the listing; keep trying for up to a minute. */
    private Ruleset listPatiently() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                return nft.ruleset();
            } catch (DumpInterruptedException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    // ---- reading the watch ---------------------------------------------------------------------

    /**
     * {@return the watched ruleset as it stands (generation: the last transaction applied)} Rules carry
     * the counter values of their last event or listing, and no position attribute.
     */
    public synchronized Ruleset snapshot() {
        List<RuleInfo> all = new ArrayList<>();
        for (ChainKey k : chains.keySet()) {
            all.addAll(rules.getOrDefault(k, List.of()));
        }
        List<SetInfo> withElements = new ArrayList<>();
        Map<Ruleset.SetKey, List<SetInfo.RawElement>> raw = new HashMap<>();
        sets.forEach((k, s) -> {
            List<SetInfo.RawElement> e = elements.getOrDefault(k, List.of());
            withElements.add(s.withElements(s.fold(e), List.of()));
            raw.put(new Ruleset.SetKey(k.family(), k.table(), k.name()), List.copyOf(e));
        });
        List<TableInfo> t = List.copyOf(tables.values());
        return new Ruleset(generation, t, List.copyOf(chains.values()), all, List.copyOf(counters.values()),
                withElements, raw, nft.programs(t));
    }

    /** {@return the generation of the last transaction applied (or of the last listing)} */
    public synchronized long generation() {
        return generation;
    }

    /**
     * Waits until the watch has applied generation {@code g} or a later one (its change, if any,
     * delivered), e.g. {@code w.awaitGeneration(nft.generation(), ...)} after a change.
     *
     * @param g the generation to wait for
     * @param timeout how long to wait at most
     * @return false if {@code timeout} passed first, or the watch stopped
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public synchronized boolean awaitGeneration(long g, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (Generation.after(g, generation)) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || failure != null) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** {@return how many times the kernel reported lost events} */
    public long overruns() {
        return subscription.overruns();
    }

    /** {@return how many full re-reads were made (the first listing included)} */
    public long resyncs() {
        return resyncs.get();
    }

    /** {@return the error that stopped the watch, or null while it runs} */
    public RuntimeException failure() {
        return failure;
    }

    /** Stops watching and releases the socket and thread. */
    @Override
    public void close() {
        subscription.close();
    }
}
