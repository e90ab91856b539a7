package io.jnetlink.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.codec.Netlink;
import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.socket.NetlinkSocket;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The firewall recipes against real traffic between two namespaces the test made, joined by a
 * veth pair ({@code a} 10.9.0.1 / fd09::1 on veth-a, {@code b} 10.9.0.2 / fd09::2 on veth-b), with
 * {@code nft -j list ruleset} as the oracle for what is in the kernel.
 */
@KernelTest
class FirewallKernelTest {
    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    private NetworkNamespace a;
    private NetworkNamespace b;

    @BeforeEach
    void pair() {
        a = namespaces.create("fw-a");
        b = namespaces.create("fw-b");
        Sh.ip(a.name(), "link", "set", "lo", "up");
        Sh.ip(b.name(), "link", "set", "lo", "up");
        Sh.ip(a.name(), "link", "add", "veth-a", "type", "veth", "peer", "name", "veth-b", "netns", b.name());
        Sh.ip(a.name(), "addr", "add", "10.9.0.1/24", "dev", "veth-a");
        Sh.ip(a.name(), "addr", "add", "fd09::1/64", "dev", "veth-a", "nodad");
        Sh.ip(b.name(), "addr", "add", "10.9.0.2/24", "dev", "veth-b");
        Sh.ip(b.name(), "addr", "add", "fd09::2/64", "dev", "veth-b", "nodad");
        Sh.ip(a.name(), "link", "set", "veth-a", "up");
        Sh.ip(b.name(), "link", "set", "veth-b", "up");
    }

    private static boolean tcp(NetworkNamespace from, NetworkNamespace to, String address, int port) throws Exception {
        try (Lab.Server s = Lab.serve(to, address, port)) {
            CompletableFuture<InetAddress> accepted = s.acceptOne();
            boolean ok = Lab.connects(from, address, port, 700);
            if (ok) {
                s.peer(accepted);
            }
            return ok;
        }
    }

    private int filterRules(NetworkNamespace ns) {
        return NftOracle.rules(ns.name(), "inet", Firewall.DEFAULT_TABLE).size();
    }

    @Test
    void blockStopsConnectionsOneWayOnlyAndRemovesCleanly() throws Exception {
        Firewall fw = Firewall.in(b);
        Firewall.Applied cut = fw.block(List.of("10.9.0.1", "fd09::1"), List.of("10.9.0.2/32", "fd09::2/128"));
        assertEquals(4, filterRules(b), "two rules (prerouting, output) per family in nft's listing");
        assertTrue(NftOracle.rules(b.name(), "inet", Firewall.DEFAULT_TABLE).toString().contains("10.9.0.1"));

        assertFalse(tcp(a, b, "10.9.0.2", 7001), "a -> b blocked (IPv4)");
        assertFalse(tcp(a, b, "fd09::2", 7002), "a -> b blocked (IPv6)");
        assertTrue(tcp(b, a, "10.9.0.1", 7003), "b -> a still works (IPv4): its replies pass");
        assertTrue(tcp(b, a, "fd09::1", 7004), "b -> a still works (IPv6)");

        cut.remove();
        assertEquals(0, filterRules(b), "removed from the kernel");
        assertTrue(tcp(a, b, "10.9.0.2", 7005), "a -> b works again");
        assertTrue(tcp(a, b, "fd09::2", 7006));
        cut.remove(); // twice: nothing
    }

    @Test
    void isolateLetsRepliesInAndAllowOpensAPort() throws Exception {
        Firewall fw = Firewall.in(b);
        try (Firewall.Applied iso = fw.isolate()) {
            assertThrows(IllegalStateException.class, fw::isolate);
            assertFalse(tcp(a, b, "10.9.0.2", 7101), "new connection into b stopped");
            assertFalse(tcp(a, b, "fd09::2", 7102));
            assertTrue(tcp(b, a, "10.9.0.1", 7103), "b's own connection gets its replies");
            assertTrue(tcp(b, a, "fd09::1", 7104));
            try (Firewall.Applied web = fw.allow(Protocol.TCP, 7105)) {
                assertTrue(tcp(a, b, "10.9.0.2", 7105), "allowed port");
                assertFalse(tcp(a, b, "10.9.0.2", 7106), "other ports still closed");
            }
        }
        assertEquals(0, filterRules(b));
        String policies = NftOracle.objects(b.name(), "chain").toString();
        assertFalse(policies.contains("drop"), "policy accept again: " + policies);
        assertTrue(tcp(a, b, "10.9.0.2", 7107), "open again");
    }

    /** Sends {@code count} UDP datagrams a->b, {@code gapMicros} apart; returns how many b received. */
    private int udp(int count, long gapMicros, int port) throws Exception {
        DatagramSocket rx = b.run(() -> {
            DatagramSocket s = new DatagramSocket(null);
            s.setReceiveBufferSize(4 << 20);
            s.bind(new InetSocketAddress(InetAddress.ofLiteral("10.9.0.2"), port));
            return s;
        });
        try (rx) {
            // The count ends 700 ms after the sender is done, not at the first pause: a loaded
            // machine may start the sender late or stop it for a while.
            java.util.concurrent.atomic.AtomicLong sentAt = new java.util.concurrent.atomic.AtomicLong();
            rx.setSoTimeout(100);
            CompletableFuture<Integer> received = CompletableFuture.supplyAsync(() -> {
                int n = 0;
                byte[] buf = new byte[64];
                while (true) {
                    try {
                        rx.receive(new DatagramPacket(buf, buf.length));
                        n++;
                    } catch (SocketTimeoutException e) {
                        long done = sentAt.get();
                        if (done != 0 && System.nanoTime() - done > 700_000_000L) {
                            return n;
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
            a.run(() -> {
                try (DatagramSocket tx = new DatagramSocket()) {
                    InetSocketAddress to = new InetSocketAddress(InetAddress.ofLiteral("10.9.0.2"), port);
                    long start = System.nanoTime();
                    for (int i = 0; i < count; i++) {
                        try {
                            tx.send(new DatagramPacket(new byte[] {(byte) i}, 1, to));
                        } catch (IOException dropped) {
                            // EPERM: netfilter dropped it on the way out (that is the point)
                        }
                        long due = start + (i + 1) * gapMicros * 1000;
                        while (System.nanoTime() < due) {
                            Thread.onSpinWait();
                        }
                    }
                }
                return null;
            });
            sentAt.set(System.nanoTime());
            return received.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void rateLimitLetsRatePlusBurstThrough() throws Exception {
        assertEquals(100, udp(100, 1000, 7201), "without the limit every datagram arrives");
        try (Firewall.Applied limit = Firewall.in(a).rateLimit("veth-a", 10, 5)) {
            assertTrue(NftOracle.rules(a.name(), "inet", Firewall.DEFAULT_TABLE).toString().contains("limit"));
            int got = udp(100, 10_000, 7202); // 100 packets spread over one second: burst 5 + 10 more
            assertTrue(Math.abs(got - 15) <= 3, "limit rate 10/second burst 5: expected 15 +- 3 of 100, got " + got);
        }
        assertEquals(0, filterRules(a));
    }

    @Test
    void lossDropsItsShare() throws Exception {
        try (Firewall.Applied lossy = Firewall.in(a).loss("veth-a", 30)) {
            int got = udp(2000, 200, 7301);
            int dropped = 2000 - got;
            assertTrue(Math.abs(dropped - 600) <= 120, "30% +- 6% of 2000 dropped expected, dropped " + dropped);
        }
        assertEquals(2000, udp(2000, 200, 7302), "after removal nothing is lost");
    }

    @Test
    void anOwnedTableGoesWithItsSocket() throws Exception {
        NetlinkSocket own = b.openSocket(Netlink.NETLINK_NETFILTER);
        Firewall fw = Firewall.using(NfTables.over(own)).table("jnl-fw-owned").ownedBySocket();
        fw.block("10.9.0.1", "10.9.0.2");
        assertFalse(tcp(a, b, "10.9.0.2", 7401));
        assertEquals(2, NftOracle.rules(b.name(), "inet", "jnl-fw-owned").size());
        own.close();
        assertTrue(NftOracle.objects(b.name(), "table").isEmpty(), "the kernel removed the owned table");
        assertTrue(tcp(a, b, "10.9.0.2", 7402));
    }
}
