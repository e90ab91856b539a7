package io.jnetlink.rtnl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.events.Change;
import io.jnetlink.core.events.ChangeQueue;
import io.jnetlink.core.events.WatchedTable;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import io.jnetlink.rtnl.addr.AddressInfo;
import io.jnetlink.rtnl.link.LinkInfo;
import io.jnetlink.rtnl.link.Veth;
import io.jnetlink.rtnl.route.Route;
import io.jnetlink.rtnl.route.RouteInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.jnetlink.core.net.IpPrefix;

/** Typed events and list-then-watch views against the kernel; oracles: {@code ip -j link/addr}. */
@KernelTest
class WatchesKernelTest {
    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    static <K, V> Change<K, V> await(ChangeQueue<K, V> q, Predicate<Change<K, V>> what, String desc)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Change<K, V> c = q.poll(Duration.ofMillis(200));
            if (c != null && what.test(c)) {
                return c;
            }
        }
        throw new AssertionError("no event: " + desc);
    }

    @Test
    void linkAddressAndRouteChangesArriveWithTheirFields() throws Exception {
        try (Netns ns = Netns.create(namespaces.name("ev"));
             Netns other = Netns.create(namespaces.name("ev-other"))) {
            ChangeQueue<Integer, LinkInfo> lq = new ChangeQueue<>();
            ChangeQueue<Watches.AddressKey, AddressInfo> aq = new ChangeQueue<>();
            ChangeQueue<Watches.RouteKey, RouteInfo> rq = new ChangeQueue<>();
            try (WatchedTable<Integer, LinkInfo> lt = ns.watchLinks(lq);
                 WatchedTable<Watches.AddressKey, AddressInfo> at = ns.watchAddresses(aq);
                 WatchedTable<Watches.RouteKey, RouteInfo> rt = ns.watchRoutes(rq)) {
                Link a = ns.link(Veth.named("ev-a").peer("ev-b"));
                Change<Integer, LinkInfo> added = await(lq, c -> c.kind() == Change.Kind.ADDED
                        && c.value().name().equals("ev-a"), "ev-a added");
                assertEquals(a.index(), added.key());
                assertEquals("veth", added.value().kind());

                a.up();
                await(lq, c -> c.kind() == Change.Kind.CHANGED && c.value().name().equals("ev-a") && c.value().isUp(),
                        "ev-a up");

                ns.link("ev-b").rename("ev-c");
                await(lq, c -> c.kind() == Change.Kind.CHANGED && c.value().name().equals("ev-c"), "ev-b renamed");

                a.address("10.123.0.1/24");
                Change<Watches.AddressKey, AddressInfo> addr = await(aq, c -> c.kind() == Change.Kind.ADDED
                        && c.value().prefixLength() == 24 && "10.123.0.1".equals(c.value().local().getHostAddress()),
                        "address added");
                assertEquals(a.index(), addr.value().ifindex());
                Change<Watches.RouteKey, RouteInfo> prefixRoute = await(rq, c -> c.kind() == Change.Kind.ADDED
                        && c.value().destination() != null
                        && "10.123.0.0".equals(c.value().destination().getHostAddress()), "prefix route added");
                assertEquals(24, prefixRoute.value().destinationLength());

                ns.routes().add(Route.to("10.200.0.0/16").via("10.123.0.9"));
                Change<Watches.RouteKey, RouteInfo> r = await(rq, c -> c.kind() == Change.Kind.ADDED
                        && c.value().gateway() != null && "10.123.0.9".equals(c.value().gateway().getHostAddress()),
                        "route via 10.123.0.9 added");
                assertEquals(16, r.value().destinationLength());
                ns.routes().delete(Route.to("10.200.0.0/16").via("10.123.0.9"));
                await(rq, c -> c.kind() == Change.Kind.REMOVED && c.value().destinationLength() == 16,
                        "route removed");

                ns.addresses().delete(a.index(), IpPrefix.parse("10.123.0.1/24"));
                await(aq, c -> c.kind() == Change.Kind.REMOVED && c.value().prefixLength() == 24, "address removed");

                ns.link("ev-c").moveTo(other);
                await(lq, c -> c.kind() == Change.Kind.REMOVED && c.value().name().equals("ev-c"),
                        "ev-c left for the other namespace");

                a.delete();
                await(lq, c -> c.kind() == Change.Kind.REMOVED && c.key() == a.index(), "ev-a deleted");
                lt.awaitQuiet(Duration.ofMillis(200), Duration.ofSeconds(5));
                assertEquals(1, lt.snapshot().size(), "only lo is left: " + lt.snapshot());
                assertEquals(0, lt.overruns());
                assertNull(at.failure());
                assertNull(rt.failure());
            }
        }
    }

    /** name -> up, from {@code ip -j link}. */
    private static Map<String, Boolean> ipLinks(String ns) {
        Map<String, Boolean> out = new TreeMap<>();
        for (Map<String, Object> l : Oracle.objects(Sh.ipJson(ns, "link", "show"))) {
            out.put((String) l.get("ifname"), l.get("flags").toString().contains("UP"));
        }
        return out;
    }

    private static Map<String, Boolean> viewLinks(WatchedTable<Integer, LinkInfo> t) {
        Map<String, Boolean> out = new TreeMap<>();
        for (LinkInfo l : t.snapshot().values()) {
            out.put(l.name(), l.isUp());
        }
        return out;
    }

    @Test
    void floodWithOverrunsEndsEqualToAFreshDumpAndToIproute2() throws Exception {
        try (Netns ns = Netns.create(namespaces.name("flood"))) {
            Path batch = Files.createTempFile("jnl-watch", ".batch");
            try {
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < 120; i++) {
                    b.append("link add fl").append(i).append(" type veth peer name fp").append(i).append('\n');
                    b.append("link set fl").append(i).append(" up\n");
                    b.append("addr add 10.77.").append(i).append(".1/24 dev fl").append(i).append('\n');
                    b.append("addr add fd77:").append(i).append("::1/64 dev fl").append(i).append(" nodad\n");
                }
                for (int i = 0; i < 120; i += 3) {
                    b.append("addr del 10.77.").append(i).append(".1/24 dev fl").append(i).append('\n');
                    b.append("link set fp").append(i).append(" mtu 1400\n");
                }
                for (int i = 1; i < 120; i += 4) {
                    b.append("link del fl").append(i).append('\n');
                }
                Files.writeString(batch, b.toString());
                // The listeners stall on the first flood event until the flood is over, so the
                // 4 KiB socket buffers overflow for certain (not only when the machine is slow).
                java.util.concurrent.atomic.AtomicBoolean stall = new java.util.concurrent.atomic.AtomicBoolean();
                java.util.concurrent.CountDownLatch floodDone = new java.util.concurrent.CountDownLatch(1);
                java.util.function.Consumer<Object> stallOnce = c -> {
                    if (stall.get()) {
                        try {
                            floodDone.await(60, java.util.concurrent.TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                };
                try (WatchedTable<Integer, LinkInfo> links = Watches.links(ns, 4096, stallOnce::accept);
                     WatchedTable<Watches.AddressKey, AddressInfo> addrs = Watches.addresses(ns, 4096,
                             stallOnce::accept)) {
                    stall.set(true);
                    Thread flood = Thread.ofPlatform().start(() -> Sh.run("ip", "-n", ns.name(), "-batch",
                            batch.toString()));
                    flood.join();
                    stall.set(false);
                    floodDone.countDown();
                    links.awaitQuiet(Duration.ofMillis(500), Duration.ofSeconds(60));
                    addrs.awaitQuiet(Duration.ofMillis(500), Duration.ofSeconds(60));
                    assertNull(links.failure());
                    assertNull(addrs.failure());
                    assertEquals(ipLinks(ns.name()), viewLinks(links));
                    assertEquals(Map.copyOf(new java.util.HashMap<>(links.snapshot())).keySet(),
                            ns.linkService().list().stream().map(LinkInfo::index).collect(java.util.stream.Collectors.toSet()));
                    Map<Watches.AddressKey, AddressInfo> fresh = new java.util.HashMap<>();
                    for (AddressInfo a : ns.addresses().list()) {
                        fresh.put(Watches.AddressKey.of(a), a);
                    }
                    assertEquals(fresh.keySet(), addrs.snapshot().keySet());
                    int ipAddrs = 0;
                    for (Map<String, Object> l : Oracle.objects(Sh.ipJson(ns.name(), "addr", "show"))) {
                        ipAddrs += ((java.util.List<?>) l.get("addr_info")).size();
                    }
                    assertEquals(ipAddrs, addrs.snapshot().size());
                    assertTrue(links.overruns() + addrs.overruns() > 0,
                            "a 4 KiB buffer must overflow under this flood; overruns are counted");
                    assertNotNull(links.snapshot());
                }
            } finally {
                Files.deleteIfExists(batch);
            }
        }
    }
}
