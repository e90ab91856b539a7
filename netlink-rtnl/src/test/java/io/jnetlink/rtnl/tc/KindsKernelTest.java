package io.jnetlink.rtnl.tc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import io.jnetlink.rtnl.Link;
import io.jnetlink.rtnl.Netns;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The other kinds this kernel has, made through the library and read back both through the
 * library and through {@code tc -j}: pfifo, bfifo (replace, change), ingress, clsact, a u32 filter
 * with a mirred redirect, a bpf filter from bytecode, and their deletion.
 */
@KernelTest
class KindsKernelTest {
    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    @Test
    void fifosIngressClsactMirredAndBpfReadBackAsTcShowsThem() {
        NetworkNamespace a = namespaces.create("tc-kinds");
        Sh.ip(a.name(), "link", "add", "va", "type", "veth", "peer", "name", "vb");
        Netns ns = Netns.wrap(a);
        Link vb = ns.link("vb").up();
        Link va = ns.link("va").up();
        Qdiscs qdiscs = ns.tc().qdiscs();

        qdiscs.add(va.index(), QdiscSpec.of(Fifo.packets(100)).handle("1:"));
        assertEquals(Fifo.packets(100), va.qdiscs().get(0).options());
        Map<String, Object> shown = TcOracle.qdisc(a.name(), "va", "1:");
        assertEquals("pfifo", shown.get("kind"));
        assertEquals(100L, TcOracle.map(shown.get("options")).get("limit"));

        // a replace under another handle grafts the new root (the kernel refuses another kind under the same handle)
        qdiscs.replace(va.index(), QdiscSpec.of(Fifo.bytes(10000)).handle("2:"));
        assertEquals(Fifo.bytes(10000), va.qdiscs().get(0).options());
        qdiscs.change(va.index(), QdiscSpec.of(Fifo.bytes(20000)).handle("2:"));
        assertEquals(Fifo.bytes(20000), va.qdiscs().get(0).options());
        assertEquals(1, va.qdiscs().size(), "the pfifo is gone: " + va.qdiscs());
        shown = TcOracle.qdisc(a.name(), "va", "2:");
        assertEquals("bfifo", shown.get("kind"));
        assertEquals(20000L, TcOracle.map(shown.get("options")).get("limit"));

        va.qdisc(new Ingress());
        QdiscInfo ingress = va.qdiscs().stream().filter(q -> q.options() instanceof Ingress).findFirst().orElseThrow();
        assertEquals(Handle.major(0xFFFF), ingress.handle());
        assertEquals(Handle.INGRESS, ingress.parent());
        shown = TcOracle.qdisc(a.name(), "va", "ffff:");
        assertEquals("ingress", shown.get("kind"));
        assertEquals(Handle.INGRESS.toString(), shown.get("parent"));
        qdiscs.delete(ingress);
        assertTrue(TcOracle.qdiscs(a.name(), "va").stream().noneMatch(q -> "ingress".equals(q.get("kind"))));

        va.qdisc(new Clsact());
        shown = TcOracle.qdisc(a.name(), "va", "ffff:");
        assertEquals("clsact", shown.get("kind"));
        Filters filters = ns.tc().filters();
        filters.add(va.index(), FilterSpec.of(Handle.INGRESS_HOOK, U32.create().match(0, 0, 0)
                .action(Mirred.redirectTo(vb.index()))).prio(1));
        Bpf bpf = Bpf.bytecode("1,6 0 0 4294967295,").flowid(Handle.parse("1:1"));
        filters.add(va.index(), FilterSpec.of(Handle.EGRESS_HOOK, bpf).prio(7));

        FilterInfo u32 = filters.list(va.index(), Handle.INGRESS_HOOK).stream()
                .filter(f -> f.options() instanceof U32 u && !u.actions().isEmpty()).findFirst().orElse(null);
        assertNotNull(u32, "the u32 node with the action reads back");
        assertEquals(List.of(Mirred.redirectTo(vb.index())), u32.options().actions());
        assertEquals(FilterSpec.ETH_P_ALL, u32.protocol());
        Map<String, Object> tcU32 = TcOracle.tcJson(a.name(), "filter", "show", "dev", "va", "ingress").stream()
                .filter(f -> f.get("options") != null && TcOracle.map(f.get("options")).get("actions") != null)
                .findFirst().orElseThrow();
        assertEquals(Integer.toHexString(u32.handle() >>> 20) + "::" + Integer.toHexString(u32.handle() & 0xFFF),
                TcOracle.map(tcU32.get("options")).get("fh"));
        @SuppressWarnings("unchecked")
        Map<String, Object> act = (Map<String, Object>) ((List<Object>) TcOracle.map(tcU32.get("options"))
                .get("actions")).get(0);
        assertEquals("mirred", act.get("kind"));
        assertEquals("redirect", act.get("mirred_action"));
        assertEquals("egress", act.get("direction"));
        assertEquals("vb", act.get("to_dev"));

        FilterInfo mine = filters.list(va.index(), Handle.EGRESS_HOOK).stream()
                .filter(f -> f.options() instanceof Bpf && f.handle() != 0).findFirst().orElseThrow(); // not the prio's head
        assertEquals(bpf, mine.options());
        Map<String, Object> tcBpf = TcOracle.tcJson(a.name(), "filter", "show", "dev", "va", "egress").stream()
                .filter(f -> f.get("options") != null).findFirst().orElseThrow();
        assertEquals("1:1", TcOracle.map(tcBpf.get("options")).get("flowid"));
        assertEquals(Map.of("length", 1L, "insns", List.of(Map.of("code", 6L, "jt", 0L, "jf", 0L, "k", 4294967295L))),
                TcOracle.map(tcBpf.get("options")).get("bytecode"));

        // every filter of the namespace, as a watch's first table sees them
        assertTrue(filters.list().containsAll(List.of(u32, mine)), "list() walks the clsact hooks");

        filters.delete(mine);
        assertTrue(TcOracle.tcJson(a.name(), "filter", "show", "dev", "va", "egress").isEmpty());
        qdiscs.delete(va.index(), QdiscSpec.of(new Clsact()));
        assertTrue(TcOracle.qdiscs(a.name(), "va").stream().noneMatch(q -> "clsact".equals(q.get("kind"))));
    }
}
