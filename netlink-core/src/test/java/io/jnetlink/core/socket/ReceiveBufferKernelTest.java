package io.jnetlink.core.socket;

import static io.jnetlink.core.codec.Netlink.NETLINK_ROUTE;
import static io.jnetlink.core.codec.Netlink.NLM_F_DUMP;
import static io.jnetlink.core.codec.Netlink.NLM_F_REQUEST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A datagram larger than the receive buffer is never silently cut, and the socket adapts. */
@KernelTest
class ReceiveBufferKernelTest {
    private static final int RTM_GETLINK = 18;

    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    private static NetlinkSocket tiny(NetworkNamespace ns) {
        return ns.run(() -> NetlinkSocket.over(new NativeTransport(NETLINK_ROUTE, Duration.ofSeconds(5), 256),
                NETLINK_ROUTE));
    }

    private static Integer getLo(NetlinkSocket s) {
        return s.query("get link 1", w -> {
            w.begin(RTM_GETLINK, NLM_F_REQUEST); // no ACK: the reply ends the exchange
            w.zeros(4).s32(1).zeros(8);
            w.end();
        }, m -> m.u32(4));
    }

    @Test
    void oversizedReplyRaisesThenTheGrownSocketSucceeds() {
        NetworkNamespace ns = namespaces.create("rbuf");
        try (NetlinkSocket s = tiny(ns)) {
            ReceiveTruncatedException e = assertThrows(ReceiveTruncatedException.class, () -> getLo(s));
            assertTrue(e.size() > 256, e.getMessage());
            assertTrue(e.getMessage().contains("did not fit"), e.getMessage());
            assertEquals(1, getLo(s));
            assertEquals(1, getLo(s));
        }
    }

    @Test
    void dumpRetriesByItselfAfterATruncation() {
        NetworkNamespace ns = namespaces.create("rbuf-dump");
        for (int i = 0; i < 30; i++) {
            Sh.ip(ns.name(), "link", "add", "rb" + i, "type", "veth", "peer", "name", "rp" + i);
        }
        try (NetlinkSocket s = tiny(ns)) {
            List<Integer> indexes = s.dumpAll("dump links", w -> {
                w.begin(RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP);
                w.zeros(16);
                w.end();
            }, m -> m.u32(4));
            assertEquals(61, indexes.size());
            assertEquals(61, Sh.ipJson(ns.name(), "link", "show").size());
        }
    }
}
