package io.jnetlink.rtnl.tc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.Errno;
import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import io.jnetlink.rtnl.Link;
import io.jnetlink.rtnl.Netns;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On a kernel without a kind's module the request fails with {@link KindNotSupportedException}
 * naming the module, not a bare ENOENT, and leaves the link's qdisc as it was. This machine's
 * kernel has no netem, fq_codel, prio or sfq; the test first checks with {@code tc} itself that
 * the kind is missing, so on a kernel that has it the assertion is about that kernel's truth.
 */
@KernelTest
class MissingKindsKernelTest {
    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    @Test
    void qdiscKindsTheKernelLacksFailSayingWhichModule() {
        NetworkNamespace a = namespaces.create("tc-miss");
        Sh.ip(a.name(), "link", "add", "va", "type", "veth", "peer", "name", "vb");
        Sh.ip(a.name(), "link", "set", "vb", "up");
        Link va = Netns.wrap(a).link("va").up();
        QdiscKind[] kinds = {
            Netem.create().delay(Duration.ofMillis(100)), FqCodel.create(), Prio.create(), Sfq.create(),
        };
        int checked = 0;
        for (QdiscKind kind : kinds) {
            if (tcCanAdd(a.name(), kind.kind())) {
                continue; // this kernel has the module: nothing to show here
            }
            KindNotSupportedException e = assertThrows(KindNotSupportedException.class, () -> va.qdisc(kind));
            assertEquals("sch_" + kind.kind(), e.module());
            assertEquals(Errno.ENOENT, e.errno());
            assertTrue(e.getMessage().contains("this kernel has no sch_" + kind.kind()), e.getMessage());
            assertTrue(e.getMessage().contains("on link " + va.index()), "names the object: " + e.getMessage());
            Map<String, Object> left = TcOracle.qdiscs(a.name(), "va").get(0);
            assertEquals("noqueue", left.get("kind"), "nothing half-made: va keeps its qdisc");
            checked++;
        }
        assertTrue(checked > 0 || !System.getProperty("os.version").startsWith("6.18.44-fc"),
                "this machine's kernel lacks netem, fq_codel, prio and sfq");
    }

    static boolean tcCanAdd(String ns, String kind) {
        boolean ok = Sh.exec("tc", "-n", ns, "qdisc", "add", "dev", "vb", "root", kind).exit() == 0;
        if (ok) {
            Sh.exec("tc", "-n", ns, "qdisc", "del", "dev", "vb", "root");
        }
        return ok;
    }
}
