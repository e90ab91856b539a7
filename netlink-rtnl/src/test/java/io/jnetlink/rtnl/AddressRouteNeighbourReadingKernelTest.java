package io.jnetlink.rtnl;

import static io.jnetlink.core.codec.Netlink.NETLINK_ROUTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.socket.NetlinkSocket;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import io.jnetlink.rtnl.addr.Addresses;
import io.jnetlink.rtnl.neigh.Neighbours;
import io.jnetlink.rtnl.route.RouteInfo;
import io.jnetlink.rtnl.route.RouteType;
import io.jnetlink.rtnl.route.Routes;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.jnetlink.core.net.IpPrefix;

/**
 * "Same reading as iproute2": a namespace built only with {@code ip} commands (veth pairs, a
 * bridge with ports, IPv4 and IPv6 addresses, routes in the main table and two more, permanent
 * neighbours); the library's address, route and neighbour lists equal {@code ip -j} output on
 * every field the library models.
 */
@KernelTest
class AddressRouteNeighbourReadingKernelTest {
    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    private static void ip(String ns, String cmd) {
        Sh.ip(ns, cmd.split(" "));
    }

    @Test
    void listsEqualIproute2() {
        NetworkNamespace ns = namespaces.create("reading");
        String n = ns.name();
        ns.sysctl("net.ipv6.conf.default.accept_dad", "0");
        for (String c : List.of(
                "link set lo up",
                "link add a0 type veth peer name a1",
                "link add b0 type veth peer name b1",
                "link add br0 type bridge",
                "link set a1 master br0",
                "link set b1 master br0",
                "link set a0 up", "link set a1 up", "link set b0 up", "link set b1 up", "link set br0 up",
                "addr add 192.168.15.5/24 brd + dev br0",
                "addr add fd00::5/64 dev br0",
                "addr add 10.1.0.1/24 brd + dev a0",
                "addr add 10.1.0.2/24 dev a0",
                "addr add 10.1.1.1/24 dev a0 label a0:x",
                "addr add fd00:a::1/64 dev a0",
                "addr add 10.2.0.1/24 scope link dev b0",
                "addr add 10.3.0.1 peer 10.3.0.2 dev b0",
                "addr add fd00:b::1/64 dev b0 noprefixroute",
                "route add default via 192.168.15.1",
                "route add 10.50.0.0/16 via 10.1.0.9 metric 20",
                "route add 10.51.0.0/16 dev b0 proto static",
                "route add default via 10.2.0.9 dev b0 table 100",
                "route add blackhole 10.66.0.0/16 table 100",
                "route add 10.52.0.0/16 via 10.1.0.9 src 10.1.0.1 table 100",
                "route add unreachable 10.60.0.0/16 table 1000",
                "route add default via fd00::1",
                "route add fd00:50::/64 via fd00:a::9 table 100",
                "route add prohibit fd00:60::/64 table 1000",
                "route add 10.70.0.0/16 nexthop via 10.1.0.9 dev a0 weight 2 nexthop via 10.2.0.9 dev b0",
                "route add fd00:70::/64 nexthop via fd00:a::9 dev a0 nexthop via fd00::9 dev br0",
                "neigh add 192.168.15.9 lladdr 02:00:00:00:00:09 nud permanent dev br0",
                "neigh add fd00::9 lladdr 02:00:00:00:00:19 nud permanent dev br0",
                "neigh add 10.1.0.9 lladdr 02:00:00:00:00:29 nud permanent dev a0")) {
            ip(n, c);
        }
        NetlinkSocket rtnl = ns.socket(NETLINK_ROUTE);
        Addresses addresses = new Addresses(rtnl);
        Routes routes = new Routes(rtnl);
        Neighbours neighbours = new Neighbours(rtnl);
        var names = Oracle.linkNames(n);

        Oracle.eventually(() -> assertEquals(Oracle.addresses(n), Oracle.addressKeys(addresses.list(), names)));
        Oracle.eventually(() -> assertEquals(Oracle.routes(n, "-4", "table", "all"),
                Oracle.routeKeys(routes.list(IpPrefix.AF_INET, Routes.TABLE_ALL), names)));
        Oracle.eventually(() -> assertEquals(Oracle.routes(n, "-6", "table", "all"),
                Oracle.routeKeys(routes.list(IpPrefix.AF_INET6, Routes.TABLE_ALL), names)));
        Oracle.eventually(() -> assertEquals(Oracle.routes(n, "-4", "table", "100"),
                Oracle.routeKeys(routes.list(IpPrefix.AF_INET, 100), names)));
        Oracle.eventually(() -> assertEquals(Oracle.neighbours(n), Oracle.neighbourKeys(neighbours.list(), names)));

        // and the comparison is about something: the interesting entries are there
        assertTrue(Oracle.addresses(n).size() >= 15, Oracle.addresses(n).toString());
        assertTrue(Oracle.routes(n, "-4", "table", "all").size() >= 15, Oracle.routes(n, "-4", "table", "all").toString());
        assertTrue(Oracle.routes(n, "-6", "table", "all").size() >= 10, Oracle.routes(n, "-6", "table", "all").toString());
        assertTrue(Oracle.neighbours(n).size() >= 3, Oracle.neighbours(n).toString());
        List<RouteInfo> all = routes.listAll();
        assertTrue(all.stream().anyMatch(r -> r.type() == RouteType.PROHIBIT && r.tableId() == 1000));
        assertTrue(all.stream().anyMatch(r -> r.type() == RouteType.LOCAL && r.tableId() == Routes.TABLE_LOCAL));
        assertTrue(all.stream().anyMatch(r -> r.isIpv4() && r.nexthops().size() == 2 && r.nexthops().get(0).weight() == 2));
        assertTrue(all.stream().anyMatch(r -> !r.isIpv4() && r.nexthops().size() == 2));
        assertEquals(3, neighbours.list().stream().filter(x -> x.isPermanent()).count());
    }
}
