package io.jnetlink.rtnl.tc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.rtnl.Link;
import io.jnetlink.rtnl.Netns;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * htb qdiscs, classes and u32 filters made through the library on a veth, checked by {@code tc}
 * ({@code -j -d qdisc}, {@code -d class} and {@code -s class}, {@code -j filter}) and by real TCP
 * traffic measured by the test's own sender and receiver.
 */
@KernelTest
class HtbKernelTest {
    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    NetworkNamespace a;
    NetworkNamespace b;
    Netns red;
    Link va;
    InetAddress to;

    void pair(String tag) {
        a = namespaces.create(tag + "-a");
        b = namespaces.create(tag + "-b");
        Sh.ip(a.name(), "link", "add", "va", "type", "veth", "peer", "name", "vb", "netns", b.name());
        red = Netns.wrap(a);
        va = red.link("va").address("10.78.0.1/24").up();
        Netns.wrap(b).link("vb").address("10.78.0.2/24").up();
        to = IpPrefix.parseAddress("10.78.0.2");
    }

    @Test
    void htbClassShapesTcpTo10MbitAndReadsBackAsTcShowsIt() throws Exception {
        pair("htb");
        va.qdisc(QdiscSpec.of(Htb.defaultClass(0x10)).handle("1:"));
        HtbClass ten = HtbClass.rate(Rate.mbit(10)).prio(2).quantum(3000);
        red.tc().classes().add(va.index(), ClassSpec.of("1:", "1:10", ten));

        Map<String, Object> q = TcOracle.qdisc(a.name(), "va", "1:");
        assertEquals("htb", q.get("kind"));
        assertEquals("0x10", TcOracle.map(q.get("options")).get("default"));
        assertEquals(10L, TcOracle.map(q.get("options")).get("r2q"));
        Htb htb = (Htb) va.qdiscs().get(0).options();
        assertEquals(0x10, htb.defaultClass());
        assertEquals(10, htb.r2q());
        assertEquals(((Number) TcOracle.map(q.get("options")).get("direct_qlen")).longValue(), htb.directQlen());

        List<ClassInfo> classes = red.tc().classes().list(va.index());
        assertEquals(1, classes.size(), classes.toString());
        ClassInfo c = classes.get(0);
        assertEquals(Handle.parse("1:10"), c.handle());
        // a class right under the qdisc reads back with parent root, as tc prints it
        assertEquals(Handle.ROOT, c.parent());
        assertEquals("root", TcOracle.htbClasses(a.name(), "va").get("1:10").get("parent"));
        HtbClass back = (HtbClass) c.options();
        TcOracle.assertHtbClass(TcOracle.htbClasses(a.name(), "va").get("1:10"), back, ten);

        double shaped = Throughput.measure(a, b, to, 5001, Duration.ofMillis(700), Duration.ofSeconds(3));
        System.out.println("TCP over veth through htb class rate 10mbit: " + TbfKernelTest.mbit(shaped));
        assertEquals(10e6, shaped, 10e6 * 0.15, "TCP through an htb class of 10mbit: " + TbfKernelTest.mbit(shaped));

        TcOracle.idle(() -> red.tc().classes().list(va.index()).get(0).stats(), () -> null);
        TcOracle.assertStatsAgree(() -> TcOracle.htbClassStats(a.name(), "va").get("1:10"),
                () -> red.tc().classes().list(va.index()).get(0).stats());
        assertTrue(red.tc().classes().list(va.index()).get(0).stats().bytes() > 10e6 / 8 * 3 * 0.8);

        red.tc().classes().delete(va.index(), Handle.parse("1:10"));
        assertTrue(TcOracle.htbClasses(a.name(), "va").isEmpty(), "tc shows no class left");
        red.tc().qdiscs().delete(va.index(), Handle.ROOT);
        double free = Throughput.measure(a, b, to, 5002, Duration.ofMillis(300), Duration.ofSeconds(1));
        assertTrue(free > 3 * shaped, "without htb TCP is several times faster: " + TbfKernelTest.mbit(free));
    }

    @Test
    void twoClassesAndU32FiltersGiveEachFlowItsShare() throws Exception {
        pair("htb2");
        va.qdisc(QdiscSpec.of(Htb.create()).handle("1:"));
        var classes = red.tc().classes();
        classes.add(va.index(), ClassSpec.of("1:", "1:1", HtbClass.rate(Rate.mbit(18))));
        classes.add(va.index(), ClassSpec.of("1:1", "1:10", HtbClass.rate(Rate.mbit(12)).ceil(Rate.mbit(18))));
        classes.add(va.index(), ClassSpec.of("1:1", "1:20", HtbClass.rate(Rate.mbit(6)).ceil(Rate.mbit(18))));
        var filters = red.tc().filters();
        Handle root = Handle.parse("1:");
        filters.add(va.index(), FilterSpec.of(root, U32.create().ipProtocol(6).dport(5011)
                .flowid(Handle.parse("1:10"))).protocol(FilterSpec.ETH_P_IP).prio(1));
        filters.add(va.index(), FilterSpec.of(root, U32.create().ipProtocol(6).dport(5012)
                .flowid(Handle.parse("1:20"))).protocol(FilterSpec.ETH_P_IP).prio(2));

        // the filters read back as tc shows them: each flowid on its own u32 node
        List<FilterInfo> mine = filters.list(va.index(), root);
        List<Map<String, Object>> shown = TcOracle.tcJson(a.name(), "filter", "show", "dev", "va", "parent", "1:");
        int nodes = 0;
        for (Map<String, Object> f : shown) {
            Map<String, Object> o = TcOracle.map(f.get("options"));
            if (o == null || o.get("flowid") == null) {
                continue;
            }
            nodes++;
            int handle = FilterSpec.u32Handle((String) o.get("fh"));
            FilterInfo same = mine.stream().filter(x -> x.handle() == handle && x.prio() == ((Number) f.get("pref")).intValue())
                    .findFirst().orElse(null);
            assertNotNull(same, "the library lists tc's filter " + f);
            assertEquals(o.get("flowid"), ((U32) same.options()).classid().toString());
            assertEquals(FilterSpec.ETH_P_IP, same.protocol());
            int port = "1:10".equals(o.get("flowid")) ? 5011 : 5012;
            assertEquals(U32.create().ipProtocol(6).dport(port).keys(), ((U32) same.options()).keys());
        }
        assertEquals(2, nodes, "tc shows two classifying u32 nodes: " + shown);

        // both flows at once, on threads of their own (the common pool may have one thread on 2 CPUs)
        double r10;
        double r20;
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<Double> f10 = CompletableFuture.supplyAsync(() -> measure(5011), two);
            CompletableFuture<Double> f20 = CompletableFuture.supplyAsync(() -> measure(5012), two);
            r10 = f10.get();
            r20 = f20.get();
        } finally {
            two.shutdownNow();
        }
        System.out.println("two flows through htb classes 12mbit and 6mbit: " + TbfKernelTest.mbit(r10) + ", "
                + TbfKernelTest.mbit(r20));
        assertEquals(12e6, r10, 12e6 * 0.20, "flow to class 1:10 (rate 12mbit): " + TbfKernelTest.mbit(r10));
        assertEquals(6e6, r20, 6e6 * 0.20, "flow to class 1:20 (rate 6mbit): " + TbfKernelTest.mbit(r20));

        // the filters counted: deleting one by what was listed leaves the other
        FilterInfo first = mine.stream().filter(x -> x.prio() == 1 && !((U32) x.options()).keys().isEmpty())
                .findFirst().orElseThrow();
        filters.delete(first);
        assertTrue(filters.list(va.index(), root).stream().noneMatch(x -> x.prio() == 1 && x.handle() == first.handle()));
        assertEquals(1, TcOracle.tcJson(a.name(), "filter", "show", "dev", "va", "parent", "1:").stream()
                .filter(f -> f.get("options") != null && TcOracle.map(f.get("options")).get("flowid") != null).count());
    }

    private double measure(int port) {
        try {
            return Throughput.measure(a, b, to, port, Duration.ofMillis(800), Duration.ofSeconds(3));
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }
}
