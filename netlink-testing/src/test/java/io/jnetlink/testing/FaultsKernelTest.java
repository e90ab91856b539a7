package io.jnetlink.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.testing.Json;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Faults, each checked with real TCP and UDP traffic and with {@code nft -j list ruleset} /
 * {@code ip link} inside the lab's namespaces as oracles.
 */
@KernelTest
@WithLab(prefix = LabKernelTest.PREFIX)
class FaultsKernelTest {
    /** For what must get through: generous, the build machine may be very busy. */
    static final Duration T = Duration.ofSeconds(5);
    /** For what must not. */
    static final Duration CUT = Duration.ofMillis(300);

    @Test
    void isolateThenHeal(Lab lab) {
        List<Node> n = lab.nodes("n1", "n2", "n3");
        for (Node x : n) {
            Probe.tcpEcho(x, 7000);
        }
        Fault f = lab.isolate(n.get(0));
        assertEquals("partition [n1] | [n2, n3]", f.description());
        assertTrue(f.isActive());
        assertEquals(List.of(f), lab.faults());
        // 2 ports on one side, 1 on the other: 2 x 2 x 1 drop rules in the fabric.
        assertEquals(4, nftRules(lab.fabric().name(), "bridge"));

        assertFalse(Probe.tcp(n.get(0), n.get(1).address(), 7000, CUT));
        assertFalse(Probe.tcp(n.get(2), n.get(0).address6(), 7000, CUT));
        assertTrue(Probe.tcp(n.get(1), n.get(2).address(), 7000, T));
        assertTrue(Probe.tcp(n.get(2), n.get(1).address6(), 7000, T));

        lab.heal();
        assertFalse(f.isActive());
        assertEquals(List.of(), lab.faults());
        assertEquals(0, nftRules(lab.fabric().name(), "bridge"));
        assertTrue(Probe.tcp(n.get(0), n.get(1).address(), 7000, T));
        assertTrue(Probe.tcp(n.get(2), n.get(0).address6(), 7000, T));
    }

    @Test
    void partitionOfThreeGroupsWithARouter(Lab lab) {
        Network left = lab.network("left");
        Network right = lab.network("right");
        Node a = left.nodes("a").getFirst();
        Node b = right.nodes("b").getFirst();
        Node c = right.nodes("c").getFirst();
        Node r = lab.router("r", left, right);
        Probe.tcpEcho(b, 7000);
        Probe.tcpEcho(r, 7000);
        assertTrue(Probe.tcp(a, b.address(), 7000, T));
        // a and b together, c alone, r (the only way between a and b) in the rest: cut too.
        Fault f = lab.partition(List.of(a, b), List.of(c));
        assertEquals("partition [a, b] | [c] | [r]", f.description());
        assertFalse(Probe.tcp(a, b.address(), 7000, CUT), "the router is on the other side");
        assertFalse(Probe.tcp(c, b.address(), 7000, CUT));
        f.remove();
        assertTrue(Probe.tcp(a, b.address(), 7000, T));
        assertTrue(Probe.tcp(c, r.address(right), 7000, T));
    }

    @Test
    void oneWayBlockTcpAndUdp(Lab lab) {
        List<Node> n = lab.nodes("a", "b");
        Node a = n.get(0);
        Node b = n.get(1);
        for (Node x : n) {
            Probe.tcpEcho(x, 7000);
            Probe.udpEcho(x, 7001);
        }
        Fault f = lab.block(b, a);
        assertEquals("block b -> a", f.description());
        // The rules live in a's own table: one for b's IPv4 address, one for its IPv6 (any protocol).
        assertEquals(2, nftRules(a.netns().name(), "inet"));
        for (boolean v6 : new boolean[] {false, true}) {
            InetAddress toA = v6 ? a.address6() : a.address();
            InetAddress toB = v6 ? b.address6() : b.address();
            assertTrue(Probe.tcp(a, toB, 7000, T), "a reaches b's TCP server, v6=" + v6);
            assertTrue(Probe.udp(a, toB, 7001, T), "a reaches b's UDP server, v6=" + v6);
            assertFalse(Probe.tcp(b, toA, 7000, CUT), "b cannot reach a's TCP server, v6=" + v6);
            assertFalse(Probe.udp(b, toA, 7001, CUT), "b cannot reach a's UDP server, v6=" + v6);
        }
        f.remove();
        assertEquals(0, nftRules(a.netns().name(), "inet"));
        assertTrue(Probe.tcp(b, a.address(), 7000, T));
        assertTrue(Probe.udp(b, a.address6(), 7001, T));
    }

    @Test
    void lossDropsItsShareOfDatagrams(Lab lab) {
        List<Node> n = lab.nodes("a", "b");
        AtomicInteger received = new AtomicInteger();
        n.get(1).start("sink", ctx -> {
            DatagramSocket s = ctx.closeOnStop(new DatagramSocket(7002));
            ctx.ready();
            byte[] buf = new byte[64];
            while (!ctx.stopping()) {
                s.receive(new DatagramPacket(buf, buf.length));
                received.incrementAndGet();
            }
        }).awaitReady(T);
        // Resolve the neighbours first: a lost ARP request would hold the datagrams back, and the
        // kernel queues only a few while it retries.
        Probe.udpEcho(n.get(1), 7001);
        assertTrue(Probe.udp(n.get(0), n.get(1).address(), 7001, T));
        // Only b's port drops; a -> b frames cross it once. What crossed is counted by b's kernel
        // (UDP datagrams delivered to the socket plus those its full receive buffer refused: on a
        // busy machine the sink may not keep up), not by the sink alone.
        Fault f = lab.loss(n.get(1), 30);
        assertEquals(2, nftRules(lab.fabric().name(), "bridge"));
        int sent = 2000;
        long before = udpArrived(n.get(1));
        send(n.get(0), n.get(1).address(), 7002, sent);
        long got = settle(() -> udpArrived(n.get(1))) - before;
        assertTrue(got > sent * 0.62 && got < sent * 0.78, "about 70% of " + sent + " arrive, got " + got);
        assertTrue(received.get() <= got, "the sink got no more than arrived");

        f.remove();
        assertEquals(0, nftRules(lab.fabric().name(), "bridge"));
        before = udpArrived(n.get(1));
        send(n.get(0), n.get(1).address(), 7002, 200);
        assertEquals(200, settle(() -> udpArrived(n.get(1))) - before);

        Fault all = lab.loss(lab.network(Lab.DEFAULT_NETWORK), 100);
        received.set(0);
        before = udpArrived(n.get(1));
        send(n.get(0), n.get(1).address(), 7002, 50);
        assertEquals(0, settle(() -> udpArrived(n.get(1))) - before);
        assertEquals(0, settle(received::get));
        all.remove();
    }

    /**
     * UDP datagrams (IPv4) that reached {@code node}'s sockets so far, per its kernel
     * ({@code /proc/net/snmp} inside it): delivered ({@code InDatagrams}) plus refused by a full
     * receive buffer ({@code RcvbufErrors}).
     */
    static long udpArrived(Node node) {
        List<String> udp = Sh.inNs(node.netns().name(), "cat", "/proc/net/snmp").ok().out().lines()
                .filter(l -> l.startsWith("Udp: ")).toList();
        List<String> names = List.of(udp.get(0).substring(5).split(" "));
        String[] values = udp.get(1).substring(5).split(" ");
        return Long.parseLong(values[names.indexOf("InDatagrams")]) + Long.parseLong(values[names.indexOf("RcvbufErrors")]);
    }

    @Test
    void disconnectAndReconnect(Lab lab) {
        List<Node> n = lab.nodes("a", "b");
        Probe.tcpEcho(n.get(1), 7000);
        Fault f = lab.disconnect(n.get(1));
        String link = Sh.ip(n.get(1).netns().name(), "-o", "link", "show", "eth0");
        assertTrue(link.contains("NO-CARRIER"), link);
        assertFalse(Probe.tcp(n.get(0), n.get(1).address(), 7000, CUT));
        assertThrows(IllegalStateException.class, () -> lab.disconnect(n.get(1)));

        lab.reconnect(n.get(1));
        assertFalse(f.isActive());
        link = Sh.ip(n.get(1).netns().name(), "-o", "link", "show", "eth0");
        assertTrue(link.contains("state UP"), link);
        assertTrue(Probe.tcp(n.get(0), n.get(1).address(), 7000, T));
        assertTrue(Probe.tcp(n.get(0), n.get(1).address6(), 7000, T));
        assertThrows(IllegalStateException.class, () -> lab.reconnect(n.get(1)));
    }

    @Test
    void clearFaultsRemovesEverything(Lab lab) {
        List<Node> n = lab.nodes("a", "b", "c");
        lab.isolate(n.get(0));
        lab.block(n.get(1), n.get(2));
        lab.loss(n.get(2), 10);
        lab.disconnect(n.get(1));
        assertEquals(4, lab.faults().size());
        lab.clearFaults();
        assertEquals(List.of(), lab.faults());
        assertEquals(0, nftRules(lab.fabric().name(), "bridge"));
        assertEquals(0, nftRules(n.get(2).netns().name(), "inet"));
        Probe.tcpEcho(n.get(1), 7000);
        assertTrue(Probe.tcp(n.get(2), n.get(1).address(), 7000, T));
    }

    @Test
    void badFaultsAreRefusedWithTheirReason(Lab lab) {
        List<Node> n = lab.nodes("a", "b");
        var empty = assertThrows(IllegalArgumentException.class, () -> lab.partition(List.of()));
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
        var whole = assertThrows(IllegalArgumentException.class, () -> lab.partition(n));
        assertTrue(whole.getMessage().contains("two groups at least"), whole.getMessage());
        var twice = assertThrows(IllegalArgumentException.class,
                () -> lab.partition(List.of(n.get(0)), List.of(n.get(0))));
        assertTrue(twice.getMessage().contains("in two groups"), twice.getMessage());
        var pct = assertThrows(IllegalArgumentException.class, () -> lab.loss(n.get(0), 0));
        assertTrue(pct.getMessage().contains("more than 0%"), pct.getMessage());
        assertThrows(IllegalArgumentException.class, () -> lab.loss(n.get(0), 101));
        assertThrows(IllegalArgumentException.class, () -> lab.block(n.get(0), n.get(0)));
        try (Lab other = Lab.create(LabKernelTest.PREFIX)) {
            Node stranger = other.nodes("x").getFirst();
            var foreign = assertThrows(IllegalArgumentException.class, () -> lab.isolate(stranger));
            assertTrue(foreign.getMessage().contains("not in lab"), foreign.getMessage());
        }
        assertEquals(List.of(), lab.faults(), "nothing half-made");
        assertEquals(0, nftRules(lab.fabric().name(), "bridge"));
    }

    @Test
    void rateLimitsTcpBothWaysAndEndsCleanly(Lab lab) throws Exception {
        List<Node> n = lab.nodes("a", "b");
        Node a = n.get(0);
        Node b = n.get(1);
        Fault f = lab.rate(b, 8_000_000);
        // Oracle: tc sees a tbf of 1 MB/s on b's eth0 and on its switch port.
        String tc = Sh.inNs(b.netns().name(), "tc", "-j", "qdisc", "show", "dev", "eth0").ok().out();
        assertTrue(tc.contains("\"kind\":\"tbf\"") && tc.contains("\"rate\":1000000"), tc);
        String port = Sh.inNs(lab.fabric().name(), "tc", "-j", "qdisc", "show").ok().out();
        assertEquals(1, port.split("\"kind\":\"tbf\"", -1).length - 1, port);
        assertThrows(IllegalStateException.class, () -> lab.rate(b, 1_000_000), "one shaping fault per link");

        // 500 kB at 8 Mbit/s: 0.5 s (plus headers), into b and out of b. The lower bound shows the
        // limit; the upper one is loose, the build machine may be busy.
        double in = transferSeconds(a, b, 500_000);
        double out = transferSeconds(b, a, 500_000);
        assertTrue(in > 0.4 && in < 1.0, "into b: " + in + " s");
        assertTrue(out > 0.4 && out < 1.0, "out of b: " + out + " s");
        f.remove();
        assertFalse(Sh.inNs(b.netns().name(), "tc", "qdisc", "show", "dev", "eth0").ok().out().contains("tbf"));
        assertFalse(Sh.inNs(lab.fabric().name(), "tc", "qdisc", "show").ok().out().contains("tbf"));
        assertTrue(transferSeconds(a, b, 500_000) < 0.3, "unlimited again");
    }

    @Test
    void delayNeedsNetemAndSaysSo(Lab lab) {
        List<Node> n = lab.nodes("a", "b");
        // Oracle: can tc put a netem on the loopback of a's namespace?
        boolean netem = Sh.inNs(n.get(0).netns().name(), "tc", "qdisc", "add", "dev", "lo", "root", "netem", "delay",
                "1ms").exit() == 0;
        if (netem) {
            Sh.inNs(n.get(0).netns().name(), "tc", "qdisc", "del", "dev", "lo", "root").ok();
            Fault f = lab.jitter(n.get(0), Duration.ofMillis(50), Duration.ofMillis(5));
            assertTrue(Sh.inNs(n.get(0).netns().name(), "tc", "qdisc", "show", "dev", "eth0").ok().out().contains("netem"));
            f.remove();
        } else {
            var e = assertThrows(FaultNotSupportedException.class, () -> lab.delay(n.get(0), Duration.ofMillis(50)));
            assertTrue(e.getMessage().contains("no netem qdisc (module sch_netem)"), e.getMessage());
            assertTrue(e.getMessage().contains("nothing was applied"), e.getMessage());
            assertThrows(FaultNotSupportedException.class,
                    () -> lab.jitter(n.get(0), Duration.ofMillis(50), Duration.ofMillis(10)));
        }
        assertEquals(List.of(), lab.faults());
        assertFalse(Sh.inNs(n.get(0).netns().name(), "tc", "qdisc", "show", "dev", "eth0").ok().out().contains("netem"));
        assertThrows(IllegalArgumentException.class, () -> lab.delay(n.get(0), Duration.ZERO));
    }

    /** Seconds from the first to the last byte of {@code bytes} sent over TCP from {@code from} to {@code to}. */
    static double transferSeconds(Node from, Node to, int bytes) throws Exception {
        java.util.concurrent.CompletableFuture<Double> took = new java.util.concurrent.CompletableFuture<>();
        RunningService sink = to.start("sink", ctx -> {
            java.net.ServerSocket server = ctx.closeOnStop(new java.net.ServerSocket(7003));
            ctx.ready();
            try (java.net.Socket s = server.accept(); var in = s.getInputStream()) {
                byte[] buf = new byte[65536];
                long first = 0;
                int total = 0;
                int r;
                while ((r = in.read(buf)) > 0) {
                    if (total == 0) {
                        first = System.nanoTime();
                    }
                    total += r;
                }
                took.complete(total == bytes ? (System.nanoTime() - first) / 1e9 : -total);
            }
        }).awaitReady(T);
        from.run(() -> {
            try (java.net.Socket s = new java.net.Socket(to.address(), 7003)) {
                s.getOutputStream().write(new byte[bytes]);
            }
            return null;
        });
        double t = took.get(30, java.util.concurrent.TimeUnit.SECONDS);
        sink.stop();
        assertTrue(t >= 0, "all bytes arrived");
        return t;
    }

    /** Sends {@code count} small datagrams from {@code from}, paced a little so no queue overflows. */
    static void send(Node from, InetAddress to, int port, int count) {
        from.run(() -> {
            try (DatagramSocket s = new DatagramSocket()) {
                byte[] msg = new byte[16];
                for (int i = 0; i < count; i++) {
                    s.send(new DatagramPacket(msg, msg.length, new InetSocketAddress(to, port)));
                    if (i % 50 == 49) {
                        Thread.sleep(1);
                    }
                }
            }
            return null;
        });
    }

    /** The counter once it stopped moving for 100 ms. */
    static long settle(java.util.function.LongSupplier counter) {
        long last = -1;
        while (true) {
            long now = counter.getAsLong();
            if (now == last) {
                return now;
            }
            last = now;
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** The number of rules in tables {@code jnl-lab} of {@code family} in namespace {@code ns}, per nft. */
    @SuppressWarnings("unchecked")
    static int nftRules(String ns, String family) {
        String out = Sh.inNs(ns, "nft", "-j", "list", "ruleset").ok().out();
        Map<String, Object> root = (Map<String, Object>) Json.parse(out);
        int rules = 0;
        for (Object o : (List<Object>) root.get("nftables")) {
            Map<String, Object> item = (Map<String, Object>) o;
            if (item.get("rule") instanceof Map<?, ?> r && family.equals(r.get("family"))
                    && "jnl-lab".equals(r.get("table"))) {
                rules++;
            }
        }
        return rules;
    }
}
