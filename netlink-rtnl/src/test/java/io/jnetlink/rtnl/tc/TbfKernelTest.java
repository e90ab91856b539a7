package io.jnetlink.rtnl.tc;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A tbf on a veth, through the fluent API, checked by {@code tc -j -d qdisc show} and
 * {@code tc -s -j qdisc show}, and by real TCP traffic measured by the test's own sender and
 * receiver: within 15% of 20 Mbit/s with the tbf, several times more without it.
 */
@KernelTest
class TbfKernelTest {
    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    @Test
    void tbfShapesTcpTo20MbitAndReadsBackAsTcShowsIt() throws Exception {
        NetworkNamespace a = namespaces.create("tbf-a");
        NetworkNamespace b = namespaces.create("tbf-b");
        Sh.ip(a.name(), "link", "add", "va", "type", "veth", "peer", "name", "vb", "netns", b.name());
        Netns red = Netns.wrap(a);
        Netns blue = Netns.wrap(b);
        Link va = red.link("va").address("10.77.0.1/24").up();
        blue.link("vb").address("10.77.0.2/24").up();
        InetAddress to = IpPrefix.parseAddress("10.77.0.2");

        Tbf tbf = Tbf.rate(Rate.mbit(20)).burst(32 * 1024).latency(Duration.ofMillis(50));
        va.qdisc(QdiscSpec.of(tbf).handle("1:"));

        // read back: the library's record and tc's view
        List<QdiscInfo> mine = va.qdiscs();
        assertEquals(1, mine.size(), "one qdisc on va: " + mine);
        QdiscInfo q = mine.get(0);
        assertEquals(Handle.parse("1:"), q.handle());
        assertTrue(q.isRoot());
        assertEquals(tbf, q.options(), "tbf reads back as it was written");
        Map<String, Object> shown = TcOracle.qdisc(a.name(), "va", "1:");
        assertEquals("tbf", shown.get("kind"));
        assertEquals(Boolean.TRUE, shown.get("root"));
        Map<String, Object> opts = TcOracle.map(shown.get("options"));
        assertEquals(2_500_000L, opts.get("rate"), "tc shows the rate in bytes/s");
        // tc prints BURST/CELL with 1 << cell_log; the kernel keeps no cell_log (reports 0)
        assertEquals(TcOracle.size(tbf.burst()) + "/1", opts.get("burst"));
        assertEquals(TcOracle.tbfLatencyUs(q), ((Number) opts.get("lat")).longValue(), "latency tc derives from limit");

        double shaped = Throughput.measure(a, b, to, 5001, Duration.ofMillis(700), Duration.ofSeconds(3));
        assertEquals(20e6, shaped, 20e6 * 0.15, "TCP through tbf rate 20mbit: measured " + mbit(shaped));

        // statistics after traffic, once the queue is idle: tc -s -j and the library agree, and count it
        QdiscInfo after = TcOracle.idle(() -> va.qdiscs().get(0).stats(), () -> va.qdiscs().get(0));
        TcOracle.assertStatsAgree(() -> TcOracle.qdiscStats(a.name(), "va", "1:"), () -> va.qdiscs().get(0).stats());
        assertTrue(after.stats().bytes() > 20e6 / 8 * 3 * 0.8, "tbf counted the bytes: " + after.stats());
        assertTrue(after.stats().overlimits() > 0, "tbf held packets back: " + after.stats());

        red.tc().qdiscs().delete(va.index(), Handle.ROOT);
        assertEquals("noqueue", TcOracle.qdiscs(a.name(), "va").get(0).get("kind"), "back to veth's default");
        double free = Throughput.measure(a, b, to, 5002, Duration.ofMillis(300), Duration.ofSeconds(1));
        System.out.println("TCP over veth: " + mbit(shaped) + " through tbf rate 20mbit, " + mbit(free) + " without");
        assertTrue(free > 3 * shaped, "without the tbf TCP is several times faster: " + mbit(free) + " vs "
                + mbit(shaped));
    }

    static String mbit(double bps) {
        return String.format("%.2f Mbit/s", bps / 1e6);
    }
}
