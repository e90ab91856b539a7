package io.jnetlink.rtnl;

import static io.jnetlink.core.codec.Netlink.NETLINK_ROUTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.socket.NetlinkSocket;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import io.jnetlink.rtnl.addr.AddressInfo;
import io.jnetlink.rtnl.addr.Addresses;
import io.jnetlink.rtnl.link.LinkInfo;
import io.jnetlink.rtnl.link.Links;
import io.jnetlink.rtnl.neigh.NeighbourInfo;
import io.jnetlink.rtnl.neigh.Neighbours;
import io.jnetlink.rtnl.route.RouteInfo;
import io.jnetlink.rtnl.route.Routes;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A record holds its own values: decoded records (links, addresses, routes, neighbours; a lookup,
 * pipelined lookups and dumps) read for the first time after their socket has received many more
 * replies, after the namespace changed, and after the socket was closed, on another thread, still
 * say what the kernel said when they were made, checked against {@code ip -j} output taken then.
 */
@KernelTest
class RecordsOutliveTheirSocketKernelTest {
    private static final int IFLA_AF_SPEC = 26; // linux/if_link.h

    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    private static void ip(String ns, String cmd) {
        Sh.ip(ns, cmd.split(" "));
    }

    @Test
    void recordsReadAfterMoreRepliesAndAfterCloseHoldTheirOwnValues() throws Exception {
        NetworkNamespace ns = namespaces.create("outlive");
        String n = ns.name();
        ns.sysctl("net.ipv6.conf.default.accept_dad", "0");
        for (String c : List.of(
                "link set lo up",
                // d0, d1 stay down: no traffic changes their counters between two lookups
                "link add d0 mtu 1400 address 02:00:00:00:00:10 type veth peer name d0p",
                "link add d1 address 02:00:00:00:00:11 type veth peer name d1p",
                "link add r0 type veth peer name r1",
                // no link-local addresses coming and going while the records are compared
                "link set r0 addrgenmode none", "link set r1 addrgenmode none",
                "link set r0 up", "link set r1 up",
                "addr add 10.7.0.1/24 dev r0",
                "addr add fd00:7::1/64 dev r0 nodad",
                "route add 10.77.0.0/16 via 10.7.0.9 metric 7",
                "route add fd00:77::/64 via fd00:7::9",
                "neigh add 10.7.0.9 lladdr 02:00:00:00:00:99 nud permanent dev r0")) {
            ip(n, c);
        }
        int d0 = Oracle.ifindex(n, "d0");
        int d1 = Oracle.ifindex(n, "d1");
        Map<Integer, String> names = Oracle.linkNames(n);
        NetlinkSocket rtnl = ns.openSocket(NETLINK_ROUTE);
        Links links = new Links(rtnl);
        Addresses addresses = new Addresses(rtnl);
        Routes routes = new Routes(rtnl);
        Neighbours neighbours = new Neighbours(rtnl);
        // let the namespace settle (carrier, routes of links that came up) before taking "then"
        Oracle.eventually(() -> {
            assertEquals(Oracle.addresses(n), Oracle.addressKeys(addresses.list(), names));
            assertEquals(Oracle.routes(n, "-6"), Oracle.routeKeys(routes.list(IpPrefix.AF_INET6, Routes.TABLE_MAIN), names));
        });
        List<String> addressesThen = Oracle.addresses(n);
        List<String> routesThen = Oracle.routes(n, "-4");
        List<String> routes6Then = Oracle.routes(n, "-6");
        List<String> neighboursThen = Oracle.neighbours(n);

        // what the same link message decodes to, read at once, while the reply is the latest
        String linkThen = describe(links.get(d0));
        // the records under test: not touched until the end
        LinkInfo one = links.get(d0);
        LinkInfo[] piped = links.getAll(new int[] {d0, d1, d0});
        List<LinkInfo> linkDump = links.list();
        List<AddressInfo> addressDump = addresses.list();
        List<RouteInfo> routeDump = routes.list(IpPrefix.AF_INET, Routes.TABLE_MAIN);
        List<RouteInfo> route6Dump = routes.list(IpPrefix.AF_INET6, Routes.TABLE_MAIN);
        List<NeighbourInfo> neighbourDump = neighbours.list();

        // The socket receives many more replies into the same buffer, about a namespace that changed.
        for (String c : List.of(
                "link set d0 mtu 1300", "link set d0 address 02:00:00:00:00:20", "link del d1",
                "neigh del 10.7.0.9 dev r0", "addr del 10.7.0.1/24 dev r0", "addr add 10.8.0.1/24 dev r1",
                "route add 10.88.0.0/16 dev r1")) {
            ip(n, c);
        }
        for (int i = 0; i < 50; i++) {
            links.get(d0);
            links.getAll(new int[] {d0, d0});
            links.list();
            addresses.list();
            routes.list(IpPrefix.AF_INET, Routes.TABLE_ALL);
            neighbours.list();
        }
        assertNotEquals(linkThen, describe(links.get(d0)), "the namespace changed under the records");
        rtnl.close();

        // Read for the first time, after the close, on another thread.
        CompletableFuture.runAsync(() -> {
            assertEquals(linkThen, describe(one));
            assertEquals(1400, one.mtu());
            assertEquals("02:00:00:00:00:10", one.mac());
            assertEquals(linkThen, describe(piped[0]));
            assertEquals(linkThen, describe(piped[2]));
            assertEquals("d1", piped[1].name());
            assertEquals("02:00:00:00:00:11", piped[1].mac());
            LinkInfo dumped = linkDump.stream().filter(l -> l.index() == d0).findFirst().orElseThrow();
            assertEquals(1400, dumped.mtu());
            assertEquals("02:00:00:00:00:10", dumped.mac());
            assertEquals(names.size(), linkDump.size());
            for (LinkInfo l : linkDump) {
                assertEquals(names.get(l.index()), l.name());
                assertTrue(l.unknown().get(IFLA_AF_SPEC) != null, l.name() + " kept IFLA_AF_SPEC");
            }
            assertEquals(addressesThen, Oracle.addressKeys(addressDump, names));
            assertEquals(routesThen, Oracle.routeKeys(routeDump, names));
            assertEquals(routes6Then, Oracle.routeKeys(route6Dump, names));
            assertEquals(neighboursThen, Oracle.neighbourKeys(neighbourDump, names));
            assertTrue(addressesThen.size() >= 4 && routesThen.size() >= 2 && neighboursThen.size() >= 1,
                    addressesThen + " " + routesThen + " " + neighboursThen);
        }).get();
    }

    /** Every field of a link record, the unmodeled attributes byte for byte. */
    private static String describe(LinkInfo l) {
        List<String> unknown = new ArrayList<>();
        for (RawAttribute a : l.unknown().list()) {
            unknown.add(a.type() + "=" + HexFormat.of().formatHex(a.value()));
        }
        return l + " " + unknown;
    }
}
