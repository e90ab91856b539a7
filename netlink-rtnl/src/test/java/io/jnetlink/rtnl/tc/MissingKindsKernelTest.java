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
import io.jnetlink.core.net.IpPrefix;
import java.time.Duration;
import java.util.List;
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

    @Test
    void classifiersAndActionsTheKernelLacksFailSayingWhichModule() {
        NetworkNamespace a = namespaces.create("tc-miss-f");
        Sh.ip(a.name(), "link", "add", "va", "type", "veth", "peer", "name", "vb");
        Link va = Netns.wrap(a).link("va").up();
        Filters filters = Netns.wrap(a).tc().filters();
        Netns.wrap(a).tc().qdiscs().add(va.index(), QdiscSpec.of(new Clsact()));
        IpPrefix dst = IpPrefix.parse("10.0.0.2/32");
        record Case(FilterSpec spec, String module, String tcArgs) {}
        List<Case> cases = List.of(
                new Case(FilterSpec.of(Handle.INGRESS_HOOK, Matchall.of(Gact.drop())).prio(5), "cls_matchall",
                        "matchall"),
                new Case(FilterSpec.of(Handle.INGRESS_HOOK, Flower.ipv4().dst(dst)).prio(6), "cls_flower",
                        "protocol ip flower dst_ip 10.0.0.2"),
                new Case(FilterSpec.of(Handle.INGRESS_HOOK, U32.create().ipDst(dst).action(Gact.drop()))
                        .protocol(FilterSpec.ETH_P_IP).prio(3), "act_gact",
                        "protocol ip u32 match ip dst 10.0.0.2/32 action drop"),
                new Case(FilterSpec.of(Handle.INGRESS_HOOK, U32.create().ipDst(dst)
                        .action(Police.rate(Rate.mbit(1), 10240))).protocol(FilterSpec.ETH_P_IP).prio(4), "act_police",
                        "protocol ip u32 match ip dst 10.0.0.2/32 action police rate 1mbit burst 10k drop"));
        int checked = 0;
        for (Case c : cases) {
            List<String> cmd = new java.util.ArrayList<>(List.of("tc", "-n", a.name(), "filter", "add", "dev", "vb",
                    "ingress"));
            cmd.addAll(List.of(c.tcArgs().split(" ")));
            Sh.exec("tc", "-n", a.name(), "qdisc", "add", "dev", "vb", "clsact");
            if (Sh.exec(cmd.toArray(String[]::new)).exit() == 0) {
                continue; // this kernel has it
            }
            KindNotSupportedException e = assertThrows(KindNotSupportedException.class,
                    () -> filters.add(va.index(), c.spec()));
            assertEquals(c.module(), e.module());
            assertTrue(e.getMessage().contains("this kernel has no " + c.module()), e.getMessage());
            assertTrue(e.extAckMessage() != null, "the kernel's own text is kept: " + e.getMessage());
            checked++;
        }
        assertTrue(TcOracle.tcJson(a.name(), "filter", "show", "dev", "va", "ingress").isEmpty(),
                "nothing half-made: no filter on va");
        assertTrue(checked > 0 || !System.getProperty("os.version").startsWith("6.18.44-fc"),
                "this machine's kernel lacks matchall, flower, gact and police");
    }

    static boolean tcCanAdd(String ns, String kind) {
        boolean ok = Sh.exec("tc", "-n", ns, "qdisc", "add", "dev", "vb", "root", kind).exit() == 0;
        if (ok) {
            Sh.exec("tc", "-n", ns, "qdisc", "del", "dev", "vb", "root");
        }
        return ok;
    }
}
