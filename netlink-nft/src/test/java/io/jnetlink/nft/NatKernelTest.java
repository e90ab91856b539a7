package io.jnetlink.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.Errno;
import io.jnetlink.core.codec.Netlink;
import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.socket.NetlinkSocket;
import io.jnetlink.core.testing.Json;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.TestNamespaces;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The NAT recipes against the kernel: nft reads them back as intended, and real TCP goes through. */
@KernelTest
class NatKernelTest {
    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    private static Object json(String text) {
        return Json.parse(text);
    }

    @Test
    void nftReadsTheRecipesBackAsIntended() {
        NetworkNamespace host = namespaces.create("nat-host");
        Nat nat = Nat.in(host);
        NatRule.Masquerade m4 = nat.masquerade("192.168.15.0/24", "up0");
        NatRule.PortForward f4 = nat.forward(Protocol.TCP, 8080).to("192.168.15.2", 80);
        NatRule.Masquerade m6 = nat.masquerade("fd00:15::/64", "up0");
        NatRule.PortForward f6 = nat.forward(Protocol.TCP, 8080).to("fd00:15::2", 80);
        NatRule.PortForward f4in = nat.forward(Protocol.UDP, 5353).on("up0").to("192.168.15.2", 53);
        NatRule.Masquerade m4any = nat.masquerade("10.16.0.0/12");
        NatRule.PortForward f6host = nat.forward(Protocol.TCP, 9090).onAddress("fd00:200::1").to("fd00:15::2", 90);

        String ns = host.name();
        List<Map<String, Object>> tables = NftOracle.objects(ns, "table");
        assertEquals(1, tables.size());
        assertEquals("inet", tables.getFirst().get("family"));
        assertEquals("jnetlink", tables.getFirst().get("name"));
        List<Map<String, Object>> chains = NftOracle.objects(ns, "chain");
        assertEquals(json("""
                [{"family":"inet","table":"jnetlink","name":"postrouting","type":"nat","hook":"postrouting",
                  "prio":100,"policy":"accept"},
                 {"family":"inet","table":"jnetlink","name":"prerouting","type":"nat","hook":"prerouting",
                  "prio":-100,"policy":"accept"},
                 {"family":"inet","table":"jnetlink","name":"output","type":"nat","hook":"output",
                  "prio":-100,"policy":"accept"}]"""),
                chains.stream().map(c -> { var m = new java.util.LinkedHashMap<>(c); m.remove("handle"); return m; })
                        .toList());

        List<Map<String, Object>> rules = NftOracle.rules(ns, "inet", "jnetlink");
        Map<Long, Object> byHandle = new java.util.HashMap<>();
        for (Map<String, Object> r : rules) {
            byHandle.put((Long) r.get("handle"), r.get("expr"));
        }
        assertEquals(7, rules.size());
        // ip saddr 192.168.15.0/24 oifname "up0" masquerade
        assertEquals(json("""
                [{"match":{"op":"==","left":{"payload":{"protocol":"ip","field":"saddr"}},
                           "right":{"prefix":{"addr":"192.168.15.0","len":24}}}},
                 {"match":{"op":"==","left":{"meta":{"key":"oifname"}},"right":"up0"}},
                 {"masquerade":null}]"""), byHandle.get(m4.handle()));
        // tcp dport 8080 dnat ip to 192.168.15.2:80
        assertEquals(json("""
                [{"match":{"op":"==","left":{"payload":{"protocol":"tcp","field":"dport"}},"right":8080}},
                 {"dnat":{"family":"ip","addr":"192.168.15.2","port":80}}]"""), byHandle.get(f4.handle()));
        // ip6 saddr fd00:15::/64 oifname "up0" masquerade
        assertEquals(json("""
                [{"match":{"op":"==","left":{"payload":{"protocol":"ip6","field":"saddr"}},
                           "right":{"prefix":{"addr":"fd00:15::","len":64}}}},
                 {"match":{"op":"==","left":{"meta":{"key":"oifname"}},"right":"up0"}},
                 {"masquerade":null}]"""), byHandle.get(m6.handle()));
        // tcp dport 8080 dnat ip6 to [fd00:15::2]:80
        assertEquals(json("""
                [{"match":{"op":"==","left":{"payload":{"protocol":"tcp","field":"dport"}},"right":8080}},
                 {"dnat":{"family":"ip6","addr":"fd00:15::2","port":80}}]"""), byHandle.get(f6.handle()));
        // iifname "up0" udp dport 5353 dnat ip to 192.168.15.2:53
        assertEquals(json("""
                [{"match":{"op":"==","left":{"meta":{"key":"iifname"}},"right":"up0"}},
                 {"match":{"op":"==","left":{"payload":{"protocol":"udp","field":"dport"}},"right":5353}},
                 {"dnat":{"family":"ip","addr":"192.168.15.2","port":53}}]"""), byHandle.get(f4in.handle()));
        // a prefix that does not end on a byte: ip saddr 10.16.0.0/12 masquerade
        assertEquals(json("""
                [{"match":{"op":"==","left":{"payload":{"protocol":"ip","field":"saddr"}},
                           "right":{"prefix":{"addr":"10.16.0.0","len":12}}}},
                 {"masquerade":null}]"""), byHandle.get(m4any.handle()));

        // ip6 daddr fd00:200::1 tcp dport 9090 dnat ip6 to [fd00:15::2]:90
        assertEquals(json("""
                [{"match":{"op":"==","left":{"payload":{"protocol":"ip6","field":"daddr"}},"right":"fd00:200::1"}},
                 {"match":{"op":"==","left":{"payload":{"protocol":"tcp","field":"dport"}},"right":9090}},
                 {"dnat":{"family":"ip6","addr":"fd00:15::2","port":90}}]"""), byHandle.get(f6host.handle()));

        // The library lists the same recipes, with the handles nft shows.
        assertEquals(List.of(m4, m6, m4any, f4, f6, f4in, f6host).stream().map(Object::toString).sorted().toList(),
                nat.list().stream().map(Object::toString).sorted().toList());
    }

    @Test
    void removeDeletesOnlyThatRuleAndClearDropsOnlyTheLibrarysTable() {
        NetworkNamespace host = namespaces.create("nat-rm");
        NftOracle.load(host.name(), """
                table ip theirs {
                    chain post { type nat hook postrouting priority srcnat; policy accept; masquerade; }
                }
                """);
        Nat nat = Nat.in(host);
        NatRule.Masquerade a = nat.masquerade("192.168.15.0/24");
        NatRule.PortForward b = nat.forward(Protocol.TCP, 2222).to("192.168.15.2", 22);
        nat.remove(a.handle());
        List<Map<String, Object>> left = NftOracle.rules(host.name(), "inet", "jnetlink");
        assertEquals(1, left.size());
        assertEquals(b.handle(), left.getFirst().get("handle"));
        assertEquals(List.of(b), nat.list());
        nat.remove(b);
        assertTrue(nat.list().isEmpty());
        nat.clear();
        List<Map<String, Object>> tables = NftOracle.objects(host.name(), "table");
        assertEquals(1, tables.size(), "only the foreign table is left: " + tables);
        assertEquals("theirs", tables.getFirst().get("name"));
        assertEquals(1, NftOracle.rules(host.name(), "ip", "theirs").size());
        assertThrows(IllegalArgumentException.class, () -> Nat.in(host).remove(12345));
    }

    @Test
    void masqueradeLetsRedReachWanAsTheHost() throws Exception {
        Lab lab = new Lab(namespaces);
        try (Lab.Server server = Lab.serve(lab.wan, "10.200.0.2", 7001)) {
            assertFalse(Lab.connects(lab.red, "10.200.0.2", 7001, 700),
                    "without masquerade wan cannot answer 192.168.15.1");
            NatRule.Masquerade m = Nat.in(lab.host).masquerade("192.168.15.0/24", "up0");
            CompletableFuture<InetAddress> peer = server.acceptOne();
            assertTrue(Lab.connects(lab.red, "10.200.0.2", 7001, 3000), "connect through masquerade");
            assertEquals(InetAddress.ofLiteral("10.200.0.1"), server.peer(peer));
            Nat.in(lab.host).remove(m);
        }
    }

    @Test
    void masqueradeIpv6() throws Exception {
        Lab lab = new Lab(namespaces);
        try (Lab.Server server = Lab.serve(lab.wan, "fd00:200::2", 7002)) {
            assertFalse(Lab.connects(lab.red, "fd00:200::2", 7002, 700), "no route back without masquerade");
            Nat.in(lab.host).masquerade("fd00:15::/64", "up0");
            CompletableFuture<InetAddress> peer = server.acceptOne();
            assertTrue(Lab.connects(lab.red, "fd00:200::2", 7002, 3000), "connect through masquerade");
            assertEquals(InetAddress.ofLiteral("fd00:200::1"), server.peer(peer));
        }
    }

    @Test
    void portForwardReachesBlueUntilRemoved() throws Exception {
        Lab lab = new Lab(namespaces);
        try (Lab.Server server = Lab.serve(lab.blue, "192.168.15.2", 80)) {
            assertFalse(Lab.connects(lab.wan, "10.200.0.1", 8080, 700), "nothing forwarded yet");
            NatRule.PortForward f = Nat.in(lab.host).forward(Protocol.TCP, 8080).on("up0").to("192.168.15.2", 80);
            CompletableFuture<InetAddress> peer = server.acceptOne();
            assertTrue(Lab.connects(lab.wan, "10.200.0.1", 8080, 3000), "connect to the forwarded port");
            assertEquals(InetAddress.ofLiteral("10.200.0.2"), server.peer(peer), "blue sees the real client");
            Nat.in(lab.host).remove(f);
            assertFalse(Lab.connects(lab.wan, "10.200.0.1", 8080, 700), "forward removed");
        }
    }

    @Test
    void portForwardFromTheHostItself() throws Exception {
        Lab lab = new Lab(namespaces);
        try (Lab.Server server = Lab.serve(lab.blue, "192.168.15.2", 80)) {
            NatRule.PortForward f = Nat.in(lab.host).forward(Protocol.TCP, 8080).fromHost().to("192.168.15.2", 80);
            assertEquals("output", f.chain());
            assertEquals(List.of(f), Nat.in(lab.host).list());
            CompletableFuture<InetAddress> peer = server.acceptOne();
            assertTrue(Lab.connects(lab.host, "10.200.0.1", 8080, 3000), "the host reaches its own forward");
            // The source was picked for the original destination (a local address) before the DNAT.
            assertEquals(InetAddress.ofLiteral("10.200.0.1"), server.peer(peer));
            assertFalse(Lab.connects(lab.wan, "10.200.0.1", 8080, 700), "arriving connections are not forwarded");
        }
    }

    @Test
    void portForwardIpv6() throws Exception {
        Lab lab = new Lab(namespaces);
        try (Lab.Server server = Lab.serve(lab.blue, "fd00:15::2", 80)) {
            NatRule.PortForward f = Nat.in(lab.host).forward(Protocol.TCP, 8080).to("fd00:15::2", 80);
            CompletableFuture<InetAddress> peer = server.acceptOne();
            assertTrue(Lab.connects(lab.wan, "fd00:200::1", 8080, 3000), "connect to the forwarded port");
            assertEquals(InetAddress.ofLiteral("fd00:200::2"), server.peer(peer));
            Nat.in(lab.host).remove(f.handle());
            assertFalse(Lab.connects(lab.wan, "fd00:200::1", 8080, 700), "forward removed");
        }
    }

    @Test
    void ownedTableVanishesWithItsSocket() {
        NetworkNamespace host = namespaces.create("nat-own");
        NetlinkSocket own = host.openSocket(Netlink.NETLINK_NETFILTER);
        NatRule.Masquerade m;
        try {
            Nat nat = Nat.using(NfTables.over(own)).table("jnl-owned").ownedBySocket();
            m = nat.masquerade("192.168.15.0/24");
            List<Map<String, Object>> tables = NftOracle.objects(host.name(), "table");
            assertEquals(1, tables.size());
            assertEquals("jnl-owned", tables.getFirst().get("name"));
            assertEquals(1, NftOracle.rules(host.name(), "inet", "jnl-owned").size());
            TableInfo info = NfTables.in(host).tables().getFirst();
            assertTrue(info.isOwned());
            assertEquals(own.portId(), info.ownerPortId());
            // Another socket may not change it.
            TransactionException e = assertThrows(TransactionException.class,
                    () -> Nat.in(host).table("jnl-owned").masquerade("10.0.0.0/8"));
            assertEquals(Errno.EPERM, e.errno(), e.getMessage());
            assertEquals(List.of(m), nat.list());
        } finally {
            own.close();
        }
        assertTrue(NftOracle.objects(host.name(), "table").isEmpty(), "the kernel removed the owned table");
    }
}
