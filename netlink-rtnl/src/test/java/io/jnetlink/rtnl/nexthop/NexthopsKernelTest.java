package io.jnetlink.rtnl.nexthop;

import static io.jnetlink.core.codec.Netlink.NETLINK_ROUTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.AlreadyExistsException;
import io.jnetlink.core.Errno;
import io.jnetlink.core.NetlinkException;
import io.jnetlink.core.NoSuchDeviceException;
import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.rtnl.Oracle;
import io.jnetlink.rtnl.route.Route;
import io.jnetlink.rtnl.route.RouteInfo;
import io.jnetlink.rtnl.route.Routes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Nexthop objects and groups against the kernel, checked with {@code ip -j -d nexthop show}. */
@KernelTest
class NexthopsKernelTest {
    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    private NetworkNamespace ns;
    private String n;
    private Nexthops nexthops;
    private io.jnetlink.core.socket.NetlinkSocket socket;

    @BeforeEach
    void twoLinksUp() {
        ns = namespaces.create("nh");
        n = ns.name();
        Sh.ip(n, "link", "set", "lo", "up"); // a blackhole nexthop sits on lo
        Sh.ip(n, "link", "add", "gx0", "type", "veth", "peer", "name", "gx1");
        Sh.ip(n, "link", "set", "gx0", "up");
        Sh.ip(n, "link", "set", "gx1", "up");
        Sh.ip(n, "addr", "add", "192.168.15.5/24", "dev", "gx0");
        Sh.ip(n, "addr", "add", "fd00::5/64", "dev", "gx0", "nodad");
        socket = ns.socket(NETLINK_ROUTE);
        nexthops = new Nexthops(socket);
    }

    private void addAll() {
        nexthops.add(Nexthop.builder().id(1).via("192.168.15.7").dev("gx0").build());
        nexthops.add(Nexthop.builder().id(2).dev("gx1").build());
        nexthops.add(Nexthop.builder().id(3).via("fd00::7").dev("gx0").build());
        nexthops.add(Nexthop.builder().id(4).blackhole().build());
        nexthops.add(Nexthop.builder().id(5).via("10.99.0.1").dev("gx0").onlink().build());
        nexthops.add(Nexthop.builder().id(6).via("192.168.15.8").dev("gx0").build());
        nexthops.add(Nexthop.builder().id(10).member(1, 2).member(6).build());
        nexthops.add(Nexthop.builder().id(11).member(1).member(6).resilient(Resilience.of(8, 60, 120)).build());
        nexthops.add(Nexthop.builder().id(12).ipv6().blackhole().build());
    }

    @Test
    void singlesAndGroupsListAsIproute2ShowsThem() {
        addAll();
        assertEquals(oracle(), keys(nexthops.list()));
        NexthopInfo group = nexthops.get(10);
        assertEquals(List.of(new GroupMember(1, 2), new GroupMember(6, 1)), group.group());
        NexthopInfo one = nexthops.get(1);
        int gx0 = Oracle.ifindex(n, "gx0");
        assertEquals(Nexthop.builder().id(1).via("192.168.15.7").dev(gx0).build(), one.toNexthop());
        assertEquals("link", one.scope().toString());
        NexthopInfo v6hole = nexthops.get(12);
        assertEquals(IpPrefix.AF_INET6, v6hole.family());
        assertTrue(v6hole.blackhole());
    }

    @Test
    void nexthopsReadAfterMoreRepliesAndAfterCloseHoldTheirOwnValues() throws Exception {
        addAll();
        List<String> then = oracle();
        io.jnetlink.core.socket.NetlinkSocket own = ns.openSocket(NETLINK_ROUTE);
        Nexthops mine = new Nexthops(own);
        // the records under test: not touched until the end
        List<NexthopInfo> dump = mine.list();
        NexthopInfo group = mine.get(10);
        // the socket receives many more replies into the same buffer, about nexthops that changed
        Sh.ip(n, "nexthop", "replace", "id", "10", "group", "6,2");
        Sh.ip(n, "nexthop", "del", "id", "3");
        Sh.ip(n, "nexthop", "add", "id", "7", "via", "fd00::9", "dev", "gx0");
        for (int i = 0; i < 50; i++) {
            mine.list();
            mine.get(10);
        }
        assertEquals(List.of(new GroupMember(6, 2)), mine.get(10).group(), "the nexthops changed under the records");
        own.close();
        // read for the first time, after the close, on another thread
        CompletableFuture.runAsync(() -> {
            assertEquals(then, keys(dump));
            assertEquals(List.of(new GroupMember(1, 2), new GroupMember(6, 1)), group.group());
            assertEquals(dump.stream().filter(x -> x.id() == 10).findFirst().orElseThrow(), group);
        }).get();
    }

    @Test
    void replaceChangesAGroupAndDeleteRemoves() {
        addAll();
        nexthops.replace(Nexthop.builder().id(10).member(1).member(6, 3).build());
        assertEquals(List.of(new GroupMember(1, 1), new GroupMember(6, 3)), nexthops.get(10).group());
        nexthops.delete(10);
        nexthops.delete(6); // also leaves group 11
        assertEquals(oracle(), keys(nexthops.list()));
        assertEquals(List.of(new GroupMember(1, 1)), nexthops.get(11).group());
        NetlinkException gone = assertThrows(NetlinkException.class, () -> nexthops.get(10));
        assertEquals(Errno.ENOENT, gone.errno());
    }

    @Test
    void routesGoThroughNexthopObjectsAndFollowThem() {
        addAll();
        Routes routes = new Routes(socket);
        routes.add(Route.to("10.80.0.0/16").nhid(10));
        routes.add(Route.to("fd00:80::/64").nhid(3));
        Map<String, Object> v4 = route("-4", "10.80.0.0/16");
        assertEquals(10L, v4.get("nhid"));
        assertEquals(3L, Oracle.objects(Sh.ipJson(n, "-6", "route", "show", "fd00:80::/64")).get(0).get("nhid"));
        RouteInfo mine = routes.list().stream().filter(r -> r.destinationLength() == 16
                && IpPrefix.format(r.destination()).equals("10.80.0.0")).findFirst().orElseThrow();
        assertEquals(10, mine.nexthopId());
        assertEquals(List.of("192.168.15.7", "192.168.15.8"), gateways(mine), "the kernel expands the group");
        assertEquals(List.of("192.168.15.7", "192.168.15.8"), oracleGateways(v4));

        // The route follows its object: the group now has one member.
        nexthops.replace(Nexthop.builder().id(10).member(6).build());
        assertEquals(List.of("192.168.15.8"), oracleGateways(route("-4", "10.80.0.0/16")));

        routes.delete(mine);
        routes.delete(Route.to("fd00:80::/64").nhid(3));
        assertTrue(Oracle.objects(Sh.ipJson(n, "route", "show", "10.80.0.0/16")).isEmpty());
        assertTrue(Oracle.objects(Sh.ipJson(n, "-6", "route", "show", "fd00:80::/64")).isEmpty());
    }

    private Map<String, Object> route(String flag, String dst) {
        return Oracle.objects(Sh.ipJson(n, flag, "route", "show", dst)).get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<String> oracleGateways(Map<String, Object> route) {
        if (route.containsKey("nexthops")) {
            return ((List<Object>) route.get("nexthops")).stream()
                    .map(h -> (String) ((Map<String, Object>) h).get("gateway")).toList();
        }
        return List.of((String) route.get("gateway"));
    }

    private static List<String> gateways(RouteInfo r) {
        if (!r.nexthops().isEmpty()) {
            return r.nexthops().stream().map(h -> IpPrefix.format(h.gateway())).toList();
        }
        return List.of(IpPrefix.format(r.gateway()));
    }

    @Test
    void errorsNameTheNexthopAndTheKernelReason() {
        nexthops.add(Nexthop.builder().id(1).via("192.168.15.7").dev("gx0").build());
        AlreadyExistsException dup = assertThrows(AlreadyExistsException.class,
                () -> nexthops.add(Nexthop.builder().id(1).dev("gx1").build()));
        assertTrue(dup.getMessage().contains("add nexthop id 1 dev gx1"), dup.getMessage());
        NetlinkException noMember = assertThrows(NetlinkException.class,
                () -> nexthops.add(Nexthop.builder().id(20).member(1).member(99).build()));
        assertTrue(noMember.getMessage().contains("group 1/99"), noMember.getMessage());
        assertTrue(noMember.getMessage().toLowerCase().contains("invalid nexthop id"), noMember.getMessage());
        assertThrows(NoSuchDeviceException.class, () -> nexthops.add(Nexthop.builder().id(21).dev("nosuch").build()));
        assertEquals(1, Oracle.objects(Sh.ipJson(n, "nexthop", "show")).size(), "nothing half-made");
    }

    /** Keys of {@code ip -j -d nexthop show}. */
    @SuppressWarnings("unchecked")
    private List<String> oracle() {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> o : Oracle.objects(Sh.ipJson(n, "-d", "nexthop", "show"))) {
            StringBuilder group = new StringBuilder();
            for (Object m : (List<Object>) o.getOrDefault("group", List.of())) {
                Map<String, Object> mm = (Map<String, Object>) m;
                group.append(mm.get("id")).append(',').append(mm.getOrDefault("weight", 1L)).append(' ');
            }
            Map<String, Object> res = (Map<String, Object>) o.get("resilient_args");
            out.add(String.join("|", String.valueOf(o.get("id")), String.valueOf(o.get("gateway")),
                    String.valueOf(o.get("dev")), String.valueOf(o.containsKey("blackhole")),
                    String.valueOf(o.get("flags")), group.toString().strip(),
                    res == null ? "-" : res.get("buckets") + " " + res.get("idle_timer") + " " + res.get("unbalanced_timer"),
                    String.valueOf(o.get("scope"))));
        }
        return out;
    }

    /** The same keys for the library's records. */
    private List<String> keys(List<NexthopInfo> list) {
        Map<Integer, String> names = Oracle.linkNames(n);
        List<String> out = new ArrayList<>();
        for (NexthopInfo i : list) {
            StringBuilder group = new StringBuilder();
            for (GroupMember m : i.group()) {
                group.append(m.id()).append(',').append(m.weight()).append(' ');
            }
            Resilience r = i.resilience();
            out.add(String.join("|", String.valueOf(i.id()), i.gateway() == null ? "null" : IpPrefix.format(i.gateway()),
                    i.oif() == 0 ? "null" : names.get(i.oif()), String.valueOf(i.blackhole()),
                    i.onlink() ? "[onlink]" : "[]", group.toString().strip(),
                    r == null ? "-" : r.buckets() + " " + r.idleTimer().toSeconds() + " " + r.unbalancedTimer().toSeconds(),
                    i.scope().toString()));
        }
        return out;
    }
}
