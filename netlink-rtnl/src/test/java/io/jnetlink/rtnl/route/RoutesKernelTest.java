package io.jnetlink.rtnl.route;

import static io.jnetlink.core.codec.Netlink.NETLINK_ROUTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.AlreadyExistsException;
import io.jnetlink.core.Errno;
import io.jnetlink.core.NetlinkException;
import io.jnetlink.core.NoSuchDeviceException;
import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.socket.NetlinkSocket;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.rtnl.Oracle;
import io.jnetlink.rtnl.family.Scope;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Routes against the kernel, in a namespace of the test's own, checked with {@code ip -j route}. */
@KernelTest
class RoutesKernelTest {
    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    private String n;
    private NetlinkSocket socket;
    private Routes routes;
    private int va;

    @BeforeEach
    void vethWithAddresses() {
        NetworkNamespace ns = namespaces.create("route");
        n = ns.name();
        ns.sysctl("net.ipv6.conf.default.accept_dad", "0");
        Sh.ip(n, "link", "add", "va", "type", "veth", "peer", "name", "vb");
        Sh.ip(n, "link", "set", "va", "up");
        Sh.ip(n, "link", "set", "vb", "up");
        Sh.ip(n, "addr", "add", "192.168.15.1/24", "dev", "va");
        Sh.ip(n, "addr", "add", "fd00::1/64", "dev", "va", "nodad");
        NetlinkSocket rtnl = ns.socket(NETLINK_ROUTE);
        socket = rtnl;
        routes = new Routes(rtnl);
        va = Oracle.ifindex(n, "va");
    }

    /** The library's routes of {@code family} in {@code table} equal {@code ip -j route show table ...}. */
    private void assertSameAsIproute2(int family, int table) {
        String flag = family == IpPrefix.AF_INET ? "-4" : "-6";
        String t = table == Routes.TABLE_ALL ? "all" : Integer.toUnsignedString(table);
        Oracle.eventually(() -> assertEquals(Oracle.routes(n, flag, "table", t),
                Oracle.routeKeys(routes.list(family, table), Oracle.linkNames(n))));
    }

    private Map<String, Object> oracleRoute(String flag, String table, String dst) {
        for (Map<String, Object> r : Oracle.objects(Sh.ipJson(n, flag, "route", "show", "table", table))) {
            if (dst.equals(r.get("dst"))) {
                return r;
            }
        }
        return null;
    }

    @Test
    void defaultViaAndPrefixViaDevSrcMetric() {
        routes.add(Route.defaultVia("192.168.15.5"));
        routes.add(Route.to("10.9.0.0/16").via("192.168.15.7").dev("va").src("192.168.15.1").metric(50));
        Map<String, Object> d = oracleRoute("-4", "main", "default");
        assertNotNull(d);
        assertEquals("192.168.15.5", d.get("gateway"));
        assertEquals("va", d.get("dev"));
        Map<String, Object> p = oracleRoute("-4", "main", "10.9.0.0/16");
        assertEquals("192.168.15.7", p.get("gateway"));
        assertEquals("192.168.15.1", p.get("prefsrc"));
        assertEquals(50L, p.get("metric"));
        assertSameAsIproute2(IpPrefix.AF_INET, Routes.TABLE_MAIN);
        List<RouteInfo> main = routes.list();
        assertTrue(main.stream().anyMatch(r -> r.isDefault() && r.isIpv4() && r.oif() == va));
        assertTrue(main.stream().anyMatch(r -> !r.isIpv4()), "list() holds both families");
    }

    @Test
    void devOnlyRouteGetsLinkScope() {
        routes.add(Route.to("10.10.0.0/16").dev(va).protocol(RouteProtocol.STATIC));
        Map<String, Object> r = oracleRoute("-4", "main", "10.10.0.0/16");
        assertEquals("link", r.get("scope"));
        assertEquals("static", r.get("protocol"));
        assertEquals("va", r.get("dev"));
        routes.add(Route.to("10.11.0.0/16").dev(va).scope(Scope.UNIVERSE).metric(7));
        assertEquals(null, oracleRoute("-4", "main", "10.11.0.0/16").get("scope"));
        assertSameAsIproute2(IpPrefix.AF_INET, Routes.TABLE_MAIN);
    }

    @Test
    void tables100AndPast255() {
        routes.add(Route.defaultVia("192.168.15.5").table(100));
        routes.add(Route.to("10.20.0.0/16").via("192.168.15.6").table(100));
        routes.add(Route.to("10.21.0.0/16").via("192.168.15.6").table(70000));
        routes.add(Route.to("fd00:21::/64").via("fd00::6").table(70000));
        assertEquals("192.168.15.6", oracleRoute("-4", "70000", "10.21.0.0/16").get("gateway"));
        assertEquals("fd00::6", oracleRoute("-6", "70000", "fd00:21::/64").get("gateway"));
        assertSameAsIproute2(IpPrefix.AF_INET, 100);
        assertSameAsIproute2(IpPrefix.AF_INET, 70000);
        assertSameAsIproute2(IpPrefix.AF_INET6, 70000);
        List<RouteInfo> t = routes.list(70000);
        assertEquals(2, t.size(), t.toString());
        assertTrue(t.stream().allMatch(r -> r.tableId() == 70000));
        assertEquals(List.of(), routes.list(IpPrefix.AF_INET, 4242), "a table that does not exist is empty");
        assertEquals(List.of(), routes.list(4242));
    }

    @Test
    void kernelHonoursTheStrictDumpFilter() {
        routes.add(Route.to("10.21.0.0/16").via("192.168.15.6").table(70000));
        routes.add(Route.to("fd00:21::/64").via("fd00::6").table(70000));
        routes.add(Route.to("10.22.0.0/16").via("192.168.15.6").table(100));
        java.util.List<Long> tables = new java.util.ArrayList<>();
        NetlinkSocket rtnl = socket;
        rtnl.dump("raw filtered route dump", w -> Routes.encodeDump(w, 0, 70000), m -> {
            assertTrue((m.flags() & io.jnetlink.core.codec.Netlink.NLM_F_DUMP_FILTERED) != 0, "kernel filtered");
            RouteInfo r = RouteInfo.decode(m);
            if (r != null) {
                tables.add(r.tableId());
            }
        });
        assertEquals(List.of(70000L, 70000L), tables);
    }

    @Test
    void blackholeUnreachableProhibit() {
        routes.add(Route.to("10.66.0.0/16").type(RouteType.BLACKHOLE).table(100));
        routes.add(Route.to("10.67.0.0/16").type(RouteType.UNREACHABLE));
        routes.add(Route.to("10.68.0.0/16").type(RouteType.PROHIBIT).table(1000));
        routes.add(Route.to("fd00:66::/64").type(RouteType.BLACKHOLE));
        assertEquals("blackhole", oracleRoute("-4", "100", "10.66.0.0/16").get("type"));
        assertEquals("unreachable", oracleRoute("-4", "main", "10.67.0.0/16").get("type"));
        assertEquals("prohibit", oracleRoute("-4", "1000", "10.68.0.0/16").get("type"));
        assertEquals("blackhole", oracleRoute("-6", "main", "fd00:66::/64").get("type"));
        assertSameAsIproute2(IpPrefix.AF_INET, Routes.TABLE_ALL);
        assertSameAsIproute2(IpPrefix.AF_INET6, Routes.TABLE_ALL);
    }

    @Test
    void localRouteGoesToTheLocalTable() {
        routes.add(Route.to("10.99.0.1").type(RouteType.LOCAL).dev("va"));
        Map<String, Object> r = oracleRoute("-4", "local", "10.99.0.1");
        assertNotNull(r, "ip sees it in table local");
        assertEquals("host", r.get("scope"));
        assertEquals("local", routes.get("10.99.0.1").type().label());
        routes.delete(Route.to("10.99.0.1").type(RouteType.LOCAL));
        assertEquals(null, oracleRoute("-4", "local", "10.99.0.1"));
    }

    @Test
    void multipathRoutes() {
        Sh.ip(n, "addr", "add", "192.168.16.1/24", "dev", "vb");
        Sh.ip(n, "addr", "add", "fd00:16::1/64", "dev", "vb", "nodad");
        routes.add(Route.to("10.70.0.0/16").nexthop("192.168.15.7", "va", 2).nexthop("192.168.16.8", "vb", 1));
        routes.add(Route.to("fd00:70::/64").nexthop("fd00::7", "va", 1).nexthop("fd00:16::8", "vb", 1));
        Map<String, Object> r = oracleRoute("-4", "main", "10.70.0.0/16");
        @SuppressWarnings("unchecked")
        List<Object> hops = (List<Object>) r.get("nexthops");
        assertEquals(2, hops.size(), r.toString());
        assertEquals("192.168.15.7", Oracle.objects(hops).get(0).get("gateway"));
        assertEquals(2L, Oracle.objects(hops).get(0).get("weight"));
        assertEquals("vb", Oracle.objects(hops).get(1).get("dev"));
        assertSameAsIproute2(IpPrefix.AF_INET, Routes.TABLE_MAIN);
        assertSameAsIproute2(IpPrefix.AF_INET6, Routes.TABLE_MAIN);
        NoSuchDeviceException e = assertThrows(NoSuchDeviceException.class,
                () -> routes.add(Route.to("10.71.0.0/16").nexthop("192.168.15.7", "nosuch0", 1)));
        assertTrue(e.getMessage().contains("nosuch0"), e.getMessage());
    }

    @Test
    void ipv6DefaultAndPrefix() {
        routes.add(Route.defaultVia("fd00::5").dev("va"));
        routes.add(Route.to("fd00:9::/64").via("fd00::7").metric(10));
        assertEquals("fd00::5", oracleRoute("-6", "main", "default").get("gateway"));
        assertEquals(10L, oracleRoute("-6", "main", "fd00:9::/64").get("metric"));
        assertSameAsIproute2(IpPrefix.AF_INET6, Routes.TABLE_MAIN);
    }

    @Test
    void replaceAndDelete() {
        routes.add(Route.defaultVia("192.168.15.5"));
        assertThrows(AlreadyExistsException.class, () -> routes.add(Route.defaultVia("192.168.15.6")));
        routes.replace(Route.defaultVia("192.168.15.6"));
        assertEquals("192.168.15.6", oracleRoute("-4", "main", "default").get("gateway"));
        routes.delete(Route.to("default"));
        assertEquals(null, oracleRoute("-4", "main", "default"));
        NetlinkException e = assertThrows(NetlinkException.class, () -> routes.delete(Route.to("default")));
        assertEquals(Errno.ESRCH, e.errno());
        assertEquals("delete route default", e.operation());

        routes.add(Route.to("fd00:9::/64").via("fd00::7").table(1000));
        routes.add(Route.to("10.9.0.0/16").via("192.168.15.7").table(1000));
        RouteInfo listed = routes.list(IpPrefix.AF_INET6, 1000).get(0);
        routes.delete(listed);
        routes.delete(Route.to("10.9.0.0/16").table(1000));
        assertEquals(List.of(), Sh.ipJson(n, "route", "show", "table", "all", "table", "1000"));
        assertEquals(List.of(), routes.list(1000));
    }

    @Test
    void lookupEqualsIpRouteGet() {
        routes.add(Route.to("10.9.0.0/16").via("192.168.15.7").src("192.168.15.1"));
        routes.add(Route.defaultVia("fd00::5"));
        for (String dst : List.of("10.9.1.1", "192.168.15.77", "192.168.15.1", "fd00:1234::1", "fd00::99")) {
            Map<String, Object> o = Oracle.objects(Sh.ipJson(n, "route", "get", dst)).get(0);
            RouteInfo r = routes.get(dst);
            assertEquals(o.get("dst"), Oracle.dst(r), dst);
            assertEquals(o.get("gateway"), r.gateway() == null ? null : IpPrefix.format(r.gateway()), dst);
            assertEquals(o.get("dev"), Oracle.linkNames(n).get(r.oif()), dst);
            assertEquals(o.get("prefsrc"), r.prefsrc() == null ? null : IpPrefix.format(r.prefsrc()), dst);
            assertEquals(o.getOrDefault("type", "unicast"), r.type().label(), dst);
        }
        NetlinkException e = assertThrows(NetlinkException.class, () -> routes.get("10.250.0.1"));
        assertEquals(Errno.ENETUNREACH, e.errno());
    }

    @Test
    void unreachableGatewayCarriesTheKernelsWords() {
        NetlinkException e = assertThrows(NetlinkException.class,
                () -> routes.add(Route.to("10.30.0.0/16").via("172.31.0.1")));
        assertNotNull(e.extAckMessage(), e.getMessage());
        assertTrue(e.extAckMessage().toLowerCase().contains("gateway"), e.extAckMessage());
        assertEquals("add route 10.30.0.0/16 via 172.31.0.1", e.operation());
        NetlinkException e6 = assertThrows(NetlinkException.class,
                () -> routes.add(Route.to("fd00:30::/64").via("fd00:99::1")));
        assertTrue(e6.getMessage().contains("add route fd00:30::/64 via fd00:99::1"), e6.getMessage());
        assertEquals(null, oracleRoute("-4", "main", "10.30.0.0/16"), "nothing half-made");
    }

    @Test
    void badInputNeverReachesTheKernel() {
        NoSuchDeviceException nd = assertThrows(NoSuchDeviceException.class,
                () -> routes.add(Route.to("10.40.0.0/16").dev("nosuch0")));
        assertTrue(nd.getMessage().contains("nosuch0"), nd.getMessage());
        assertTrue(nd.operation().startsWith("add route 10.40.0.0/16"), nd.operation());
        assertThrows(IllegalArgumentException.class, () -> routes.add(Route.to("10.40.0.0/16").via("fd00::1")));
        assertThrows(IllegalArgumentException.class, () -> routes.add(Route.to("10.40.0.0/33")));
        assertEquals(null, oracleRoute("-4", "main", "10.40.0.0/16"));
    }
}
