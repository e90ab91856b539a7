package io.jnetlink.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import io.jnetlink.nft.expr.Counter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rule counters and named counters against real traffic (UDP datagrams over loopback in the
 * test's namespace), read by the library and by {@code nft -j list ruleset}, then reset.
 */
@KernelTest
class CounterKernelTest {
    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    private static final int PAYLOAD = 100;
    /** IPv4 header 20 + UDP header 8 + payload, as the output hook counts it. */
    private static final int PACKET_BYTES = 20 + 8 + PAYLOAD;

    private static void send(NetworkNamespace ns, String address, int port, int count) {
        ns.run(() -> {
            try (DatagramSocket s = new DatagramSocket()) {
                byte[] data = new byte[PAYLOAD];
                for (int i = 0; i < count; i++) {
                    s.send(new DatagramPacket(data, data.length, InetAddress.ofLiteral(address), port));
                }
            }
            return null;
        });
    }

    /** The packets and bytes of the counter in the rule with {@code handle}, as nft -j shows them. */
    @SuppressWarnings("unchecked")
    private static long[] nftCounter(NetworkNamespace ns, long handle) {
        for (Map<String, Object> r : NftOracle.rules(ns.name(), "inet", "obs")) {
            if (((Number) r.get("handle")).longValue() != handle) {
                continue;
            }
            for (Object e : (List<Object>) r.get("expr")) {
                Map<String, Object> m = (Map<String, Object>) e;
                if (m.get("counter") instanceof Map<?, ?> c) {
                    return new long[] {((Number) c.get("packets")).longValue(), ((Number) c.get("bytes")).longValue()};
                }
            }
        }
        throw new AssertionError("no counter in rule " + handle + " in nft's listing");
    }

    private static Counter counterOf(NfTables nft, long handle) {
        return nft.rules(Family.INET, "obs").stream().filter(r -> r.handle() == handle).findFirst().orElseThrow()
                .counter().orElseThrow();
    }

    @Test
    void ruleCountersEqualNftsAndRestartFromZeroAfterReset() {
        NetworkNamespace ns = namespaces.create("cnt");
        Sh.ip(ns.name(), "link", "set", "lo", "up");
        NfTables nft = NfTables.in(ns);
        Transaction.Committed done = nft.transaction()
                .createTable(Table.of(Family.INET, "obs"))
                .createChain(Chain.base(Family.INET, "obs", "out", ChainType.FILTER, Hook.OUTPUT, 0))
                .addRule(RuleSpec.of(Match.dport(Protocol.UDP, 9999), Statement.counter(), Statement.accept())
                        .in(Family.INET, "obs", "out"))
                .addRule(RuleSpec.of(Match.dport(Protocol.UDP, 9998), Statement.counter(), Statement.accept())
                        .in(Family.INET, "obs", "out"))
                .commit();
        long h1 = done.ruleHandles().get(0);
        long h2 = done.ruleHandles().get(1);

        send(ns, "127.0.0.1", 9999, 37);
        send(ns, "127.0.0.1", 9998, 5);
        Counter c1 = counterOf(nft, h1);
        assertEquals(37, c1.packets());
        assertEquals(37L * PACKET_BYTES, c1.bytes());
        assertEquals(List.of(c1.packets(), c1.bytes()), List.of(nftCounter(ns, h1)[0], nftCounter(ns, h1)[1]),
                "the library's numbers are nft's");
        assertEquals(5, counterOf(nft, h2).packets());

        // reset answers with the values just before the reset, one chain or the whole table
        List<RuleInfo> before = nft.resetCounters(Family.INET, "obs", "out");
        assertEquals(2, before.size());
        assertEquals(c1, before.stream().filter(r -> r.handle() == h1).findFirst().orElseThrow().counter().orElseThrow());
        assertEquals(Counter.zero(), counterOf(nft, h1));
        assertEquals(0, nftCounter(ns, h1)[0], "nft sees the reset too");
        assertEquals(0, nftCounter(ns, h2)[1]);

        send(ns, "127.0.0.1", 9999, 3);
        assertEquals(new Counter(3L * PACKET_BYTES, 3), counterOf(nft, h1), "counts again from zero");
        assertEquals(3, nftCounter(ns, h1)[0]);
        List<RuleInfo> again = nft.resetCounters(Family.INET, "obs");
        assertEquals(new Counter(3L * PACKET_BYTES, 3),
                again.stream().filter(r -> r.handle() == h1).findFirst().orElseThrow().counter().orElseThrow());
        assertEquals(0, nftCounter(ns, h1)[0]);

        // one rule: only it restarts
        send(ns, "127.0.0.1", 9999, 4);
        send(ns, "127.0.0.1", 9998, 6);
        assertEquals(new Counter(4L * PACKET_BYTES, 4), nft.resetCounter(Family.INET, "obs", "out", h1).counter()
                .orElseThrow());
        assertEquals(0, nftCounter(ns, h1)[0]);
        assertEquals(6, nftCounter(ns, h2)[0], "the other rule kept its count");
        assertEquals(6, counterOf(nft, h2).packets());
    }

    @Test
    @SuppressWarnings("unchecked")
    void namedCountersReadAndReset() {
        NetworkNamespace ns = namespaces.create("cnt-obj");
        Sh.ip(ns.name(), "link", "set", "lo", "up");
        NfTables nft = NfTables.in(ns);
        nft.transaction()
                .createTable(Table.of(Family.INET, "obs"))
                .createChain(Chain.base(Family.INET, "obs", "out", ChainType.FILTER, Hook.OUTPUT, 0))
                .createCounter(Family.INET, "obs", "dns")
                .commit();
        // the rule that counts into it by name is nft's (the library's builder has no objref)
        Sh.inNs(ns.name(), "nft", "add", "rule", "inet", "obs", "out", "udp", "dport", "53", "counter", "name",
                "dns").ok();
        send(ns, "127.0.0.1", 53, 11);

        CounterObject c = nft.counterObjects(Family.INET, "obs").getFirst();
        assertEquals("dns", c.name());
        assertEquals(11, c.packets());
        assertEquals(11L * PACKET_BYTES, c.bytes());
        Map<String, Object> oracle = NftOracle.objects(ns.name(), "counter").getFirst();
        assertEquals(List.of(c.packets(), c.bytes(), c.handle()), List.of(((Number) oracle.get("packets")).longValue(),
                ((Number) oracle.get("bytes")).longValue(), ((Number) oracle.get("handle")).longValue()));

        assertEquals(List.of(c), nft.resetCounterObjects(Family.INET, "obs"), "the values before the reset");
        CounterObject after = nft.counterObjects(Family.INET, "obs").getFirst();
        assertEquals(0, after.packets());
        assertEquals(0, ((Number) NftOracle.objects(ns.name(), "counter").getFirst().get("packets")).longValue());
        send(ns, "127.0.0.1", 53, 2);
        assertEquals(2, nft.counterObjects(Family.INET, "obs").getFirst().packets());
        assertTrue(nft.counterObjects().stream().anyMatch(o -> o.name().equals("dns")), "listed among all tables'");

        Sh.inNs(ns.name(), "nft", "flush", "chain", "inet", "obs", "out").ok();
        nft.transaction().deleteCounter(Family.INET, "obs", "dns").commit();
        assertTrue(nft.counterObjects(Family.INET, "obs").isEmpty());
        assertTrue(NftOracle.objects(ns.name(), "counter").isEmpty());
    }
}
