package io.jnetlink.rtnl.tc;

import static io.jnetlink.core.codec.Netlink.NETLINK_ROUTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.socket.NetlinkSocket;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import io.jnetlink.rtnl.Oracle;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A qdisc record keeps its own unmodeled attributes (TCA_STATS, TCA_XSTATS, ..., copied out of
 * the reply only when first read): read for the first time after its socket received many more
 * replies about changed qdiscs and was closed, on another thread, it still says what the kernel
 * said when it was made, checked against {@code tc -j -d qdisc show} taken then.
 */
@KernelTest
class TcRecordsOutliveTheirSocketKernelTest {
    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    @Test
    void qdiscsReadAfterMoreRepliesAndAfterCloseHoldTheirOwnValues() throws Exception {
        NetworkNamespace ns = namespaces.create("tcoutlive");
        String n = ns.name();
        Sh.ip(n, "link", "add", "d0", "type", "veth", "peer", "name", "d0p"); // down: no traffic, counters stay
        Sh.run("tc", "-n", n, "qdisc", "add", "dev", "d0", "root", "handle", "1:", "tbf", "rate", "1mbit",
                "burst", "32kb", "latency", "50ms");
        int d0 = Oracle.ifindex(n, "d0");
        Map<String, Object> tcThen = TcOracle.qdisc(n, "d0", "1:");
        NetlinkSocket own = ns.openSocket(NETLINK_ROUTE);
        Qdiscs qdiscs = new Qdiscs(own);
        // what the same message decodes to, read at once, while the reply is the latest
        String then = describe(qdiscs.list(d0).get(0));
        // the record under test: not touched until the end
        List<QdiscInfo> dump = qdiscs.list(d0);

        // The socket receives many more replies into the same buffer, about qdiscs that changed.
        Sh.run("tc", "-n", n, "qdisc", "replace", "dev", "d0", "root", "handle", "2:", "pfifo", "limit", "100");
        Sh.run("tc", "-n", n, "qdisc", "add", "dev", "d0p", "root", "handle", "3:", "tbf", "rate", "2mbit",
                "burst", "16kb", "latency", "20ms");
        for (int i = 0; i < 50; i++) {
            qdiscs.list();
        }
        assertNotEquals(then, describe(qdiscs.list(d0).get(0)), "the qdiscs changed under the record");
        own.close();

        // Read for the first time, after the close, on another thread.
        CompletableFuture.runAsync(() -> {
            assertEquals(1, dump.size(), "one qdisc on d0: " + dump);
            QdiscInfo q = dump.get(0);
            assertEquals(then, describe(q));
            assertEquals(tcThen.get("kind"), q.kind());
            assertEquals(tcThen.get("handle"), q.handle().toString());
            assertFalse(q.unknown().isEmpty(), "the kernel sends TCA_STATS and TCA_XSTATS with a qdisc");
        }).get();
    }

    /** The record's fields and every unmodeled attribute's type and bytes. */
    private static String describe(QdiscInfo q) {
        StringBuilder sb = new StringBuilder(q.toString()).append(" refcnt ").append(q.refcnt());
        for (RawAttribute a : q.unknown()) {
            sb.append(' ').append(a.type()).append('=').append(HexFormat.of().formatHex(a.value()));
        }
        return sb.toString();
    }
}
