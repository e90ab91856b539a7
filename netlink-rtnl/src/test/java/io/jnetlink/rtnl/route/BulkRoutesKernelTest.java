package io.jnetlink.rtnl.route;

import static io.jnetlink.core.codec.Netlink.NETLINK_ROUTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.Errno;
import io.jnetlink.core.NoSuchDeviceException;
import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import io.jnetlink.rtnl.Oracle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bulk routes against the kernel, in a namespace of the test's own: thousands of routes per call,
 * refusals reported per route, checked with {@code ip -j route}.
 */
@KernelTest
class BulkRoutesKernelTest {
    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    private String n;
    private Routes routes;
    private BulkRoutes bulk;

    /** The gateways' networks: 192.168.15.0/24 and fd00::/64 on veth va, up. */
    private static final List<String> SETUP = List.of(
            "link add va type veth peer name vb", "link set va up", "link set vb up",
            "addr add 192.168.15.1/24 dev va", "addr add fd00::1/64 dev va nodad");

    @BeforeEach
    void gatewayNetworks() {
        NetworkNamespace ns = namespaces.create("bulkroute");
        n = ns.name();
        ns.sysctl("net.ipv6.conf.default.accept_dad", "0");
        SETUP.forEach(command -> Sh.ip(n, command.split(" ")));
        routes = new Routes(ns.socket(NETLINK_ROUTE));
        bulk = routes.bulk();
    }

    /** Route i: every tenth an IPv6 /64 via fd00::7, the rest IPv4 /24s via 192.168.15.7, all proto static. */
    private static String destination(int i) {
        return i % 10 == 9 ? "fd10:" + Integer.toHexString(i) + "::/64"
                : (16 + (i >> 16)) + "." + ((i >> 8) & 255) + "." + (i & 255) + ".0/24";
    }

    private static Route route(int i) {
        String dst = destination(i);
        return Route.to(dst).via(dst.contains(":") ? "fd00::7" : "192.168.15.7").protocol(RouteProtocol.STATIC);
    }

    /** {@code ip -j route show proto static} in main, IPv4 and IPv6: destination to gateway. */
    private Map<String, String> staticRoutes() {
        Map<String, String> out = new HashMap<>();
        for (String family : List.of("-4", "-6")) {
            for (Map<String, Object> r : Oracle.objects(Sh.ipJson(n, family, "route", "show", "proto", "static"))) {
                String dst = (String) r.get("dst");
                // ip prints an IPv4 /24 as 16.0.1.0/24 and IPv6 as fd10:13::/64, as destination() does
                out.put(dst, (String) r.get("gateway"));
            }
        }
        return out;
    }

    @Test
    void tenInvalidRoutesAmongTenThousandAreReportedWithTheKernelsReasonsAndTheRestInstalled() {
        List<Route> batch = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            batch.add(route(i));
        }
        // Ten the kernel refuses, spread over the batch and over the sends (256 routes each):
        Map<Integer, Errno> invalid = new HashMap<>();
        for (int i : new int[] {17, 2_500, 5_001, 9_998}) {        // a gateway on no connected network
            batch.set(i, Route.to(destination(i)).via(i % 10 == 9 ? "fd99::1" : "203.0.113.1")
                    .protocol(RouteProtocol.STATIC));
            invalid.put(i, Errno.ENETUNREACH);
        }
        for (int i : new int[] {255, 256, 7_777}) {                  // a link index that does not exist
            batch.set(i, Route.to(destination(i)).dev(9_999).protocol(RouteProtocol.STATIC));
            invalid.put(i, Errno.ENODEV);
        }
        for (int i : new int[] {3_000, 6_123, 9_999}) {            // the same route as an earlier one
            batch.set(i, route(i - 1_000));
            invalid.put(i, Errno.EEXIST);
        }

        BulkRoutes.Result<Route> r = bulk.add(batch);

        assertEquals(10_000, r.requested());
        assertEquals(9_990, r.succeeded());
        assertEquals(10, r.failures().size(), r.failures()::toString);
        for (BulkRoutes.Failure<Route> f : r.failures()) {
            assertEquals(invalid.get(f.index()), f.error().errno(), f::toString);
            assertTrue(f.route() == batch.get(f.index()), f::toString);
            if (f.error().errno() == Errno.ENETUNREACH) {
                // the kernel explains this one in words ("Nexthop has invalid gateway"); the
                // errno is its whole reason for the other two
                assertNotNull(f.error().extAckMessage(), f::toString);
                assertTrue(f.error().getMessage().contains("kernel says: " + f.error().extAckMessage()), f::toString);
            }
        }
        assertEquals(new TreeSet<>(invalid.keySet()),
                new TreeSet<>(r.failures().stream().map(BulkRoutes.Failure::index).toList()));

        // The oracle: exactly the 9,990 valid routes, each with its gateway.
        Map<String, String> expected = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            if (!invalid.containsKey(i)) {
                expected.put(destination(i), i % 10 == 9 ? "fd00::7" : "192.168.15.7");
            }
        }
        assertEquals(expected, staticRoutes());
    }

    @Test
    void replaceDeleteAndFlushByProtocolKeepToTheirRoutes() {
        List<Route> batch = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            batch.add(route(i));
        }
        assertTrue(bulk.add(batch).ok());
        // A route of another protocol and one in another table stay through the flush of static/main.
        routes.add(Route.to("172.16.0.0/16").via("192.168.15.7"));                    // proto boot
        routes.add(Route.to("172.17.0.0/16").via("192.168.15.7").protocol(RouteProtocol.STATIC).table(100));

        // replace: the first 500 move to another gateway
        List<Route> moved = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String dst = destination(i);
            moved.add(Route.to(dst).via(dst.contains(":") ? "fd00::8" : "192.168.15.8").protocol(RouteProtocol.STATIC));
        }
        assertTrue(bulk.replace(moved).ok());

        // delete: 300 that exist and one that does not (reported alone, ESRCH)
        List<Route> gone = new ArrayList<>();
        for (int i = 500; i < 800; i++) {
            gone.add(Route.to(destination(i)));
        }
        gone.add(150, Route.to("99.99.99.0/24"));
        BulkRoutes.Result<Route> d = bulk.delete(gone);
        assertEquals(300, d.succeeded());
        assertEquals(1, d.failures().size());
        assertEquals(150, d.failures().get(0).index());
        assertEquals(Errno.ESRCH, d.failures().get(0).error().errno());

        Map<String, String> now = staticRoutes();
        assertEquals(2_000 - 300, now.size()); // main only: 172.17.0.0/16 is in table 100
        for (int i = 0; i < 2_000; i++) {
            String dst = destination(i);
            String gw = i < 500 ? (dst.contains(":") ? "fd00::8" : "192.168.15.8")
                    : i < 800 ? null : (dst.contains(":") ? "fd00::7" : "192.168.15.7");
            assertEquals(gw, now.get(dst), dst);
        }

        BulkRoutes.Result<RouteInfo> f = bulk.flush(RouteProtocol.STATIC, Routes.TABLE_MAIN);
        assertTrue(f.ok(), f.failures()::toString);
        assertEquals(1_700, f.succeeded());
        assertEquals(Map.of(), staticRoutes());
        // what the flush was not asked to touch is still there
        assertEquals(1, Oracle.objects(Sh.ipJson(n, "-4", "route", "show", "172.16.0.0/16")).size());
        assertEquals(1, Oracle.objects(Sh.ipJson(n, "-4", "route", "show", "table", "100")).size());
    }

    @Test
    void aMissingLinkNameIsReportedByTheLibraryAndNotSent() {
        List<Route> batch = List.of(route(0), Route.to("16.9.0.0/24").dev("nosuch0"), route(1),
                Route.to("16.9.1.0/24").dev("va"));
        BulkRoutes.Result<Route> r = bulk.add(batch);
        assertEquals(3, r.succeeded());
        BulkRoutes.Failure<Route> f = r.failures().get(0);
        assertEquals(1, f.index());
        NoSuchDeviceException e = assertInstanceOf(NoSuchDeviceException.class, f.error());
        assertNull(e.extAckMessage(), "the library found it, not the kernel");
        assertTrue(e.detail().contains("nosuch0"), e.detail());
        assertEquals(1, Oracle.objects(Sh.ipJson(n, "-4", "route", "show", "16.9.1.0/24")).size());
        assertThrows(IllegalArgumentException.class, () -> bulk.flush(null, Routes.TABLE_ALL));
    }
}
