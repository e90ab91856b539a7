package io.jnetlink.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.events.Change;
import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import io.jnetlink.nft.RulesetEvent.ChainEvent;
import io.jnetlink.nft.RulesetEvent.ElementsEvent;
import io.jnetlink.nft.RulesetEvent.SetEvent;
import io.jnetlink.nft.RulesetEvent.RuleEvent;
import io.jnetlink.nft.RulesetEvent.TableEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The nf_tables watch against changes the {@code nft} CLI makes in the test's namespace: typed
 * events grouped per transaction, the watch's state equal to {@code nft -j list ruleset} after
 * each, and a re-read after the kernel dropped events for a tiny receive buffer.
 */
@KernelTest
class RulesetWatchKernelTest {
    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static void nft(NetworkNamespace ns, String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "nft";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Sh.inNs(ns.name(), cmd).ok();
    }

    /** Waits until the watch has seen everything committed so far. */
    private static void settle(RulesetWatch w, NetworkNamespace ns) throws InterruptedException {
        assertTrue(w.awaitGeneration(NfTables.in(ns).generation(), WAIT), "the watch caught up");
    }

    /** Tables, chains and rules (with handles, rules in chain order) of the watch's state. */
    private static List<String> ids(Ruleset r) {
        List<String> out = new ArrayList<>();
        r.tables().forEach(t -> out.add("table " + t.family() + " " + t.name() + " " + t.handle()));
        for (ChainInfo c : r.chains()) {
            out.add("chain " + c.family() + " " + c.table() + " " + c.name() + " " + c.handle());
            r.rules().stream().filter(x -> x.family() == c.family() && x.table().equals(c.table())
                    && x.chain().equals(c.name())).forEach(x -> out.add("rule " + x.chain() + " " + x.handle()));
        }
        return out;
    }

    /** The same from {@code nft -j list ruleset}. */
    private static List<String> oracleIds(NetworkNamespace ns) {
        List<String> out = new ArrayList<>();
        NftOracle.objects(ns.name(), "table").forEach(t -> out.add("table " + t.get("family") + " " + t.get("name")
                + " " + t.get("handle")));
        List<Map<String, Object>> rules = NftOracle.objects(ns.name(), "rule");
        for (Map<String, Object> c : NftOracle.objects(ns.name(), "chain")) {
            out.add("chain " + c.get("family") + " " + c.get("table") + " " + c.get("name") + " " + c.get("handle"));
            rules.stream().filter(x -> x.get("family").equals(c.get("family")) && x.get("table").equals(c.get("table"))
                    && x.get("chain").equals(c.get("name"))).forEach(x -> out.add("rule " + x.get("chain") + " "
                    + x.get("handle")));
        }
        return out;
    }

    private static List<String> lines(String text) {
        return java.util.Arrays.stream(text.split("\n", -1)).map(String::strip).toList();
    }

    private static List<String> nftText(NetworkNamespace ns) {
        return lines(Sh.inNs(ns.name(), "nft", "list", "ruleset").ok().out());
    }

    private static long handleOf(RulesetChange c) {
        return c.events(RuleEvent.class).getFirst().info().handle();
    }

    @Test
    void nftChangesArriveAsTypedEventsOneChangePerTransaction() throws Exception {
        NetworkNamespace ns = namespaces.create("watch");
        BlockingQueue<RulesetChange> changes = new LinkedBlockingQueue<>();
        try (RulesetWatch w = RulesetWatch.open(ns, 0, changes::add)) {
            assertTrue(changes.isEmpty(), "an empty ruleset lists as no change");

            NftOracle.load(ns.name(), """
                    table inet t {
                        chain c {
                            type filter hook input priority 0; policy accept;
                            tcp dport 22 accept
                        }
                    }
                    """);
            settle(w, ns);
            RulesetChange first = changes.poll(1, TimeUnit.SECONDS);
            assertNotNull(first);
            assertFalse(first.synthetic());
            assertEquals("nft", first.process(), "the committing process, from NEWGEN");
            assertEquals(List.of(TableEvent.class, ChainEvent.class, RuleEvent.class),
                    first.events().stream().map(Object::getClass).toList(), "one transaction, in the kernel's order");
            assertTrue(first.events().stream().allMatch(e -> e.kind() == Change.Kind.ADDED));
            ChainEvent chain = first.events(ChainEvent.class).getFirst();
            assertEquals(Hook.INPUT, chain.info().hook());
            RuleInfo ssh = first.events(RuleEvent.class).getFirst().info();
            assertEquals("tcp dport 22 accept", RuleSpec.decode(ssh).orElseThrow().toString());
            assertEquals(oracleIds(ns), ids(w.snapshot()));

            // a set, then elements, typed as the set's type prints them
            nft(ns, "add", "set", "inet", "t", "s", "{ type ipv4_addr; flags interval; }");
            nft(ns, "add", "element", "inet", "t", "s", "{ 10.0.0.1, 10.2.0.0/16 }");
            settle(w, ns);
            SetEvent set = changes.take().events(SetEvent.class).getFirst();
            assertEquals(List.of(Change.Kind.ADDED, "s", "type ipv4_addr"), List.of(set.kind(), set.info().name(),
                    set.info().typeText()));
            ElementsEvent elems = changes.take().events(ElementsEvent.class).getFirst();
            assertEquals(List.of("10.0.0.1", "10.2.0.0/16"), elems.elements().stream().map(SetElement::key).toList(),
                    elems.toString());
            nft(ns, "delete", "element", "inet", "t", "s", "{ 10.0.0.1 }");
            settle(w, ns);
            ElementsEvent removed = changes.take().events(ElementsEvent.class).getFirst();
            assertEquals(List.of(Change.Kind.REMOVED, "10.0.0.1"), List.of(removed.kind(),
                    removed.elements().getFirst().key()));

            // a rule with an anonymous set: the set, its elements and the rule in one transaction
            nft(ns, "add", "rule", "inet", "t", "c", "tcp", "dport", "{ 80, 443 }", "accept");
            settle(w, ns);
            RulesetChange anon = changes.take();
            assertEquals(List.of(SetEvent.class, ElementsEvent.class, RuleEvent.class),
                    anon.events().stream().map(Object::getClass).toList());
            assertTrue(anon.events(SetEvent.class).getFirst().info().isAnonymous());

            // insert at the head, then after the first rule: the watch keeps nft's order
            nft(ns, "insert", "rule", "inet", "t", "c", "udp", "dport", "53", "drop");
            settle(w, ns);
            long dns = handleOf(changes.take());
            nft(ns, "add", "rule", "inet", "t", "c", "position", Long.toString(dns), "udp", "dport", "54", "drop");
            settle(w, ns);
            changes.take();
            assertEquals(oracleIds(ns), ids(w.snapshot()), "rules in chain order");
            assertEquals(nftText(ns), lines(w.snapshot().text()), "the watch's state prints as nft's listing");

            // replacing keeps the handle: one CHANGED, not an add and a remove
            nft(ns, "replace", "rule", "inet", "t", "c", "handle", Long.toString(ssh.handle()), "tcp", "dport", "2222",
                    "accept");
            settle(w, ns);
            RulesetChange replaced = changes.take();
            assertEquals(1, replaced.events().size(), replaced.toString());
            RuleEvent r = replaced.events(RuleEvent.class).getFirst();
            assertEquals(Change.Kind.CHANGED, r.kind());
            assertEquals("tcp dport 2222 accept", RuleSpec.decode(r.info()).orElseThrow().toString());
            assertEquals(oracleIds(ns), ids(w.snapshot()));

            nft(ns, "delete", "rule", "inet", "t", "c", "handle", Long.toString(dns));
            settle(w, ns);
            RuleEvent gone = changes.take().events(RuleEvent.class).getFirst();
            assertEquals(List.of(Change.Kind.REMOVED, dns), List.of(gone.kind(), gone.info().handle()));

            // deleting the table: every rule, the set, the chain and the table, in one change
            nft(ns, "delete", "table", "inet", "t");
            settle(w, ns);
            RulesetChange deleted = changes.take();
            assertEquals(3, deleted.events(RuleEvent.class).size());
            assertEquals(1, deleted.events(ChainEvent.class).size());
            assertEquals(List.of("s"), deleted.events(SetEvent.class).stream().map(e -> e.info().name())
                    .filter(n -> !n.startsWith("__")).toList());
            assertTrue(deleted.events().getLast() instanceof TableEvent t && t.kind() == Change.Kind.REMOVED);
            assertTrue(deleted.events().stream().allMatch(e -> e.kind() == Change.Kind.REMOVED));
            assertTrue(w.snapshot().tables().isEmpty() && w.snapshot().rules().isEmpty());
            assertEquals(0, w.overruns());
            assertTrue(changes.isEmpty(), changes.toString());
        }
    }

    @Test
    void aTableWatchListsFirstAndSeesOnlyItsTable() throws Exception {
        NetworkNamespace ns = namespaces.create("watch-one");
        NftOracle.load(ns.name(), """
                table ip mine {
                    chain c {
                        counter
                    }
                }
                table ip other {
                    chain c {
                        counter
                    }
                }
                """);
        BlockingQueue<RulesetChange> changes = new LinkedBlockingQueue<>();
        try (RulesetWatch w = RulesetWatch.open(ns, Family.IP, "mine", 0, changes::add)) {
            RulesetChange listing = changes.take();
            assertTrue(listing.synthetic(), "the first listing");
            assertEquals(List.of("mine"), listing.events(TableEvent.class).stream().map(e -> e.info().name()).toList());
            assertEquals(1, listing.events(RuleEvent.class).size());

            nft(ns, "add", "rule", "ip", "other", "c", "drop");
            nft(ns, "add", "rule", "ip", "mine", "c", "accept");
            settle(w, ns);
            RulesetChange mine = changes.take();
            assertEquals("mine", mine.events(RuleEvent.class).getFirst().info().table());
            assertTrue(changes.isEmpty(), "nothing of the other table: " + changes);
            assertEquals(2, w.snapshot().rules().size());
        }
    }

    @Test
    void lostEventsAreReReadAndTheStateEqualsNfts() throws Exception {
        NetworkNamespace ns = namespaces.create("watch-lost");
        CountDownLatch hold = new CountDownLatch(1);
        List<RulesetChange> changes = new java.util.concurrent.CopyOnWriteArrayList<>();
        // the smallest receive buffer the kernel allows (it raises 1 to its minimum)
        try (RulesetWatch w = RulesetWatch.open(ns, 1, c -> {
            changes.add(c);
            if (changes.size() == 1) {
                try {
                    hold.await(); // the listener is busy: events pile up in the socket
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        })) {
            nft(ns, "add", "table", "inet", "first");
            StringBuilder big = new StringBuilder("table inet big {\n chain c {\n");
            for (int i = 0; i < 400; i++) {
                big.append("  tcp dport ").append(1000 + i).append(" counter accept\n");
            }
            big.append(" }\n chain d { }\n}\n");
            NftOracle.load(ns.name(), big.toString());
            nft(ns, "delete", "table", "inet", "first");
            nft(ns, "add", "rule", "inet", "big", "d", "drop");
            hold.countDown();
            settle(w, ns);

            assertTrue(w.overruns() >= 1, "the kernel dropped events for the tiny buffer");
            assertTrue(w.resyncs() >= 2, "the watch read the ruleset again");
            assertTrue(changes.stream().anyMatch(RulesetChange::synthetic), "the difference came as a synthetic change");
            assertEquals(oracleIds(ns), ids(w.snapshot()), "the watch's state is nft's");
            assertEquals(nftText(ns), lines(w.snapshot().text()));
            assertEquals(404, ids(w.snapshot()).size(), "1 table, 2 chains, 400 + 1 rules");
            // and it keeps following events after the re-read
            nft(ns, "add", "rule", "inet", "big", "d", "accept");
            settle(w, ns);
            assertFalse(changes.getLast().synthetic());
            assertEquals(oracleIds(ns), ids(w.snapshot()));
        }
    }
}
