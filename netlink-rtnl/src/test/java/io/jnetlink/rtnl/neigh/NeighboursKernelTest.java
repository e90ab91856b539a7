package io.jnetlink.rtnl.neigh;

import static io.jnetlink.core.codec.Netlink.NETLINK_ROUTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.AlreadyExistsException;
import io.jnetlink.core.NetlinkException;
import io.jnetlink.core.NoSuchDeviceException;
import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.rtnl.Oracle;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Neighbours against the kernel, in a namespace of the test's own, checked with {@code ip -j neigh}. */
@KernelTest
class NeighboursKernelTest {
    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    private String n;
    private io.jnetlink.core.socket.NetlinkSocket socket;
    private Neighbours neighbours;
    private int va;
    private int vb;

    @BeforeEach
    void veth() {
        NetworkNamespace ns = namespaces.create("neigh");
        n = ns.name();
        ns.sysctl("net.ipv6.conf.default.accept_dad", "0");
        Sh.ip(n, "link", "add", "va", "type", "veth", "peer", "name", "vb");
        Sh.ip(n, "link", "set", "va", "up");
        Sh.ip(n, "link", "set", "vb", "up");
        Sh.ip(n, "addr", "add", "192.168.15.1/24", "dev", "va");
        socket = ns.socket(NETLINK_ROUTE);
        neighbours = new Neighbours(socket);
        va = Oracle.ifindex(n, "va");
        vb = Oracle.ifindex(n, "vb");
    }

    private Map<String, Object> oracle(String dst) {
        for (Map<String, Object> e : Oracle.objects(Sh.ipJson(n, "neigh", "show", "nud", "all"))) {
            if (dst.equals(e.get("dst"))) {
                return e;
            }
        }
        return null;
    }

    @Test
    void addPermanentListDelete() {
        InetAddress v4 = IpPrefix.parseAddress("192.168.15.9");
        InetAddress v6 = IpPrefix.parseAddress("fd00::9");
        neighbours.addPermanent(va, v4, "02:00:00:00:00:09");
        neighbours.addPermanent(vb, v6, "02:00:00:00:00:0A");
        Map<String, Object> o = oracle("192.168.15.9");
        assertEquals("02:00:00:00:00:09", o.get("lladdr"));
        assertEquals(List.of("PERMANENT"), o.get("state"));
        assertEquals("va", o.get("dev"));
        assertEquals("02:00:00:00:00:0a", oracle("fd00::9").get("lladdr"));

        List<NeighbourInfo> mine = neighbours.list(va);
        NeighbourInfo e = mine.stream().filter(x -> x.address().equals(v4)).findFirst().orElseThrow();
        assertEquals("02:00:00:00:00:09", e.mac());
        assertEquals(NeighbourState.PERMANENT, e.state());
        assertTrue(e.isPermanent());
        assertTrue(mine.stream().allMatch(x -> x.ifindex() == va));
        Oracle.eventually(() -> assertEquals(Oracle.neighbours(n), Oracle.neighbourKeys(neighbours.list(), Oracle.linkNames(n))));

        assertThrows(AlreadyExistsException.class, () -> neighbours.addPermanent(va, v4, "02:00:00:00:00:10"));
        neighbours.replacePermanent(va, v4, "02:00:00:00:00:10");
        assertEquals("02:00:00:00:00:10", oracle("192.168.15.9").get("lladdr"));

        neighbours.delete(va, v4);
        neighbours.delete(vb, v6);
        assertEquals(null, oracle("192.168.15.9"));
        assertEquals(null, oracle("fd00::9"));
        NetlinkException gone = assertThrows(NetlinkException.class, () -> neighbours.delete(va, v4));
        assertTrue(gone.getMessage().startsWith("delete neighbour 192.168.15.9 on link " + va), gone.getMessage());
    }

    @Test
    void kernelHonoursTheStrictDumpFilter() {
        neighbours.addPermanent(va, IpPrefix.parseAddress("192.168.15.9"), "02:00:00:00:00:09");
        neighbours.addPermanent(vb, IpPrefix.parseAddress("192.168.15.10"), "02:00:00:00:00:10");
        List<Integer> seen = new java.util.ArrayList<>();
        socket.dump("raw filtered neighbour dump", w -> Neighbours.encodeDump(w, vb), m -> {
            assertTrue((m.flags() & io.jnetlink.core.codec.Netlink.NLM_F_DUMP_FILTERED) != 0, "kernel filtered");
            NeighbourInfo x = NeighbourInfo.decode(m);
            if (x != null) {
                seen.add(x.ifindex());
            }
        });
        assertTrue(!seen.isEmpty() && seen.stream().allMatch(i -> i == vb), seen.toString());
    }

    @Test
    void badInput() {
        InetAddress v4 = IpPrefix.parseAddress("192.168.15.9");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> neighbours.addPermanent(va, v4, "02:00:00:00:09"));
        assertTrue(bad.getMessage().contains("02:00:00:00:09"), bad.getMessage());
        assertThrows(NoSuchDeviceException.class, () -> neighbours.addPermanent(9999, v4, "02:00:00:00:00:09"));
        assertThrows(IllegalArgumentException.class, () -> neighbours.list(0));
        assertEquals(null, oracle("192.168.15.9"), "nothing was added");
    }
}
