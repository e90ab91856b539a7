package io.jnetlink.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Labs made through the extension: shapes, addresses, routes and real traffic, checked with iproute2. */
@KernelTest
@WithLab(prefix = LabKernelTest.PREFIX)
class LabKernelTest {
    static final String PREFIX = "jnl-t-lab-";
    static final Duration T = Duration.ofSeconds(5);

    Lab field;
    Lab fromBeforeEach;

    @BeforeEach
    void before(Lab lab) {
        fromBeforeEach = lab;
    }

    @Test
    void threeNodesOnOneSwitchTalkTcpOverIpv4AndIpv6(Lab lab) {
        assertSame(lab, field, "field and parameter are the same lab");
        assertSame(lab, fromBeforeEach, "@BeforeEach sees the test's lab");
        List<Node> n = lab.nodes("n1", "n2", "n3");
        assertEquals("10.0.0.1", n.get(0).address().getHostAddress());
        assertEquals("10.0.0.3", n.get(2).address().getHostAddress());
        assertEquals("fd00:0:0:0:0:0:0:2", n.get(1).address6().getHostAddress());

        // The names: prefix, pid, a counter; listed by `ip netns` like any other.
        String ns = n.get(0).netns().name();
        assertTrue(ns.startsWith(PREFIX + ProcessHandle.current().pid() + "x"), ns);
        assertTrue(Sh.run("ip", "netns", "list").contains(ns));
        // iproute2 sees the addresses the lab gave, on eth0, up.
        String addrs = Sh.ip(ns, "-o", "addr", "show", "dev", "eth0");
        assertTrue(addrs.contains("inet 10.0.0.1/24"), addrs);
        assertTrue(addrs.contains("inet6 fd00::1/64"), addrs);
        assertTrue(Sh.ip(ns, "-o", "link", "show", "lo").contains("UP"));

        Probe.tcpEcho(n.get(2), 7000);
        assertTrue(Probe.tcp(n.get(0), n.get(2).address(), 7000, T));
        assertTrue(Probe.tcp(n.get(0), n.get(2).address6(), 7000, T));
        Probe.udpEcho(n.get(1), 7001);
        assertTrue(Probe.udp(n.get(2), n.get(1).address(), 7001, T));
        assertTrue(Probe.udp(n.get(2), n.get(1).address6(), 7001, T));
        // No echo server on n1: refused, not reached.
        assertFalse(Probe.tcp(n.get(2), n.get(0).address(), 7000, T));
    }

    @Test
    void routerJoinsTwoSwitches(Lab lab) {
        Network left = lab.network("left");
        Network right = lab.network("right");
        Node a = left.nodes("a").getFirst();
        Node b = right.nodes("b").getFirst();
        Node r = lab.router("r", left, right);
        assertTrue(r.isRouter());
        assertEquals("10.0.0.1", a.address().getHostAddress());
        assertEquals("10.0.1.1", b.address().getHostAddress());
        assertEquals("10.0.0.2", r.address(left).getHostAddress());
        assertEquals("10.0.1.2", r.address(right).getHostAddress());

        // Oracle: a's route to the right switch goes through r.
        String routes = Sh.ip(a.netns().name(), "route", "show", "10.0.1.0/24");
        assertTrue(routes.contains("via 10.0.0.2"), routes);
        String routes6 = Sh.ip(a.netns().name(), "-6", "route", "show", "fd00:0:0:1::/64");
        assertTrue(routes6.contains("via fd00::2"), routes6);

        Probe.tcpEcho(b, 7000);
        assertTrue(Probe.tcp(a, b.address(), 7000, T));
        assertTrue(Probe.tcp(a, b.address6(), 7000, T));
        // A node plugged in later gets its routes too.
        Node c = right.nodes("c").getFirst();
        Probe.tcpEcho(a, 7000);
        assertTrue(Probe.tcp(c, a.address(), 7000, T));
    }

    @Test
    void threeSwitchesTwoRoutersRouteAcrossBoth(Lab lab) {
        Network s1 = lab.network("s1");
        Network s2 = lab.network("s2");
        Network s3 = lab.network("s3");
        Node a = s1.nodes("a").getFirst();
        Node c = s3.nodes("c").getFirst();
        lab.router("r1", s1, s2);
        lab.router("r2", s2, s3);
        Probe.tcpEcho(c, 7000);
        assertTrue(Probe.tcp(a, c.address(), 7000, T));
        assertTrue(Probe.tcp(a, c.address6(), 7000, T));
    }

    @Test
    void pointToPointLink(Lab lab) {
        Network link = lab.link("x", "y");
        assertEquals(List.of("x", "y"), link.members().stream().map(Node::name).toList());
        Probe.tcpEcho(lab.node("y"), 7000);
        assertTrue(Probe.tcp(lab.node("x"), lab.node("y").address(), 7000, T));
        assertThrows(IllegalArgumentException.class, () -> lab.link("x", "y"));
    }

    @Test
    void badShapesAreRefusedWithTheirReason(Lab lab) {
        lab.nodes("n1");
        var dup = assertThrows(IllegalArgumentException.class, () -> lab.nodes("n1"));
        assertTrue(dup.getMessage().contains("has a node n1 already"), dup.getMessage());
        var bad = assertThrows(IllegalArgumentException.class, () -> lab.nodes("no/slash"));
        assertTrue(bad.getMessage().contains("node name \"no/slash\""), bad.getMessage());
        var none = assertThrows(IllegalArgumentException.class, () -> lab.node("ghost"));
        assertTrue(none.getMessage().contains("no node ghost"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Lab.create("bad prefix"));
        var lonely = lab.newNode("lonely");
        assertThrows(IllegalStateException.class, lonely::address);
        // A batch with a bad or repeated name is refused before any of it is made.
        long before = namespacesOf(lab.name());
        var twice = assertThrows(IllegalArgumentException.class, () -> lab.nodes("x1", "x2", "x1"));
        assertTrue(twice.getMessage().contains("x1"), twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> lab.nodes("y1", "bad/name"));
        assertEquals(before, namespacesOf(lab.name()), "no namespace of a refused batch was made");
        assertEquals(List.of("n1", "lonely"), lab.nodes().stream().map(Node::name).toList());
    }

    @Test
    void theBatchedShapeIsWhatIproute2Sees(Lab lab) {
        List<Node> n = lab.nodes("n1", "n2", "n3", "n4", "n5");
        String fabric = lab.fabric().name();
        for (Node node : n) {
            Interface i = node.interfaces().getFirst();
            // the node's end: its index as the lab says, up, with its peer being the lab's switch port
            String eth = Sh.ip(node.netns().name(), "-o", "link", "show", "eth0");
            assertTrue(eth.startsWith(i.index() + ": eth0@if" + i.portIndex() + ":"), eth);
            assertTrue(eth.contains(",UP"), eth);
            assertTrue(Sh.ip(node.netns().name(), "-o", "link", "show", "lo").contains(",UP"));
            // the port: in the fabric, on the switch's bridge, up
            String port = Sh.ip(fabric, "-o", "link", "show", i.port());
            assertTrue(port.startsWith(i.portIndex() + ": " + i.port() + "@if" + i.index() + ":"), port);
            assertTrue(port.contains("master sw0") && port.contains(",UP"), port);
            assertEquals("0", Sh.inNs(node.netns().name(), "sysctl", "-n", "net.ipv6.conf.eth0.accept_dad").ok().out()
                    .strip());
        }
        // The fabric only switches frames: no IPv6 address on its bridge or ports.
        assertEquals("", Sh.ip(fabric, "-6", "-o", "addr", "show").strip());
        Probe.tcpEcho(n.get(4), 7000);
        assertTrue(Probe.tcp(n.get(0), n.get(4).address6(), 7000, T));
    }

    @Test
    void javaServiceStartsAndStops(Lab lab) {
        Node n = lab.nodes("n1").getFirst();
        RunningService s = Probe.tcpEcho(n, 7000);
        assertTrue(s.isRunning());
        assertEquals(List.of(s), n.services());
        // The service's socket is in the node: ss inside the node lists the listener.
        assertTrue(Sh.inNs(n.netns().name(), "ss", "-Hltn").ok().out().contains(":7000"));
        assertTrue(s.stop());
        assertFalse(s.isRunning());
        assertEquals(null, s.failure());
        assertFalse(Sh.inNs(n.netns().name(), "ss", "-Hltn").ok().out().contains(":7000"));
    }

    @Test
    void execRunsAProgramInTheNode(Lab lab) throws Exception {
        Node n = lab.nodes("n1").getFirst();
        Process p = n.exec("ip", "-o", "-4", "addr", "show", "dev", "eth0");
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor());
        assertTrue(out.contains("10.0.0.1/24"), out);
    }

    @Test
    void closingTheLabDeletesEveryNamespace(Lab lab) {
        // A lab of its own (not the extension's), closed here.
        Lab own = Lab.create(PREFIX);
        own.nodes("a", "b");
        own.router("r", own.network(Lab.DEFAULT_NETWORK), own.network("other"));
        String name = own.name();
        assertEquals(4, namespacesOf(name));
        own.close();
        assertEquals(0, namespacesOf(name));
        assertTrue(own.isClosed());
        assertThrows(IllegalStateException.class, () -> own.nodes("late"));
        assertNotEquals(name, lab.name(), "every lab has a name of its own");
    }

    static long namespacesOf(String labName) {
        return Sh.run("ip", "netns", "list").lines()
                .map(l -> l.split(" ")[0])
                .filter(l -> l.equals(labName) || l.startsWith(labName + "-"))
                .count();
    }
}
