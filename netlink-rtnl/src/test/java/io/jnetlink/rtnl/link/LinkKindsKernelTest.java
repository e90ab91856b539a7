package io.jnetlink.rtnl.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jnetlink.core.codec.Netlink;
import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import io.jnetlink.rtnl.Oracle;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each kind's IFLA_INFO_DATA, as the kernel reports it for a link the library created, decodes
 * into a value equal to the spec's {@link LinkSpec#data()}, and agrees with
 * {@code ip -j -d link}'s {@code info_data}.
 */
@KernelTest
class LinkKindsKernelTest {
    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> infoData(String ns, String name) {
        Map<String, Object> l = Oracle.objects(Sh.ipJson(ns, "-d", "link", "show", "dev", name)).get(0);
        Map<String, Object> info = (Map<String, Object>) l.get("linkinfo");
        return (Map<String, Object>) info.get("info_data");
    }

    @Test
    void everyKindReadsBackAsTheSpecThatMadeIt() throws Exception {
        NetworkNamespace ns = namespaces.create("kinds");
        Links links = new Links(ns.socket(Netlink.NETLINK_ROUTE));
        Veth veth = Veth.named("up0").peer("up1");
        Bridge bridge = Bridge.named("br0").stp(true);
        Vxlan vx4 = Vxlan.named("vx4", 42).device("up0").local("10.0.0.1").remote("10.0.0.2");
        Vxlan vx6 = Vxlan.named("vx6", 43).local("fd00::1").remote("fd00::2").port(8472);
        Macvlan mv = Macvlan.named("mv0", "up0").mode(Macvlan.Mode.PRIVATE);
        for (LinkSpec<?> spec : List.of(veth, bridge, vx4, vx6, mv)) {
            links.create(spec);
        }
        int up0 = links.indexOf("up0");

        // veth: the kernel sends no IFLA_INFO_DATA for a veth, and neither does ip show any
        assertEquals(new Veth.Data(null), links.get("up0").kindData());
        assertNull(infoData(ns.name(), "up0"));

        assertEquals(bridge.data(), links.get("br0").kindData());
        assertEquals(1L, infoData(ns.name(), "br0").get("stp_state"));

        // a spec is immutable: it keeps its device by name (index 0); the create sent the index it looked up
        assertEquals(new Vxlan.Data(42, 0, InetAddress.getByName("10.0.0.1"), InetAddress.getByName("10.0.0.2"),
                4789), vx4.data(), "the spec is unchanged by the create");
        Vxlan vx4Sent = vx4.device(up0);
        assertEquals(new Vxlan.Data(42, up0, InetAddress.getByName("10.0.0.1"), InetAddress.getByName("10.0.0.2"),
                4789), vx4Sent.data(), "the device resolved by name");
        assertEquals(vx4Sent.data(), links.get("vx4").kindData());
        Map<String, Object> ip4 = infoData(ns.name(), "vx4");
        assertEquals(List.of(42L, "10.0.0.1", "10.0.0.2", "up0", 4789L),
                List.of(ip4.get("id"), ip4.get("local"), ip4.get("remote"), ip4.get("link"), ip4.get("port")));

        assertEquals(vx6.data(), links.get("vx6").kindData());
        Map<String, Object> ip6 = infoData(ns.name(), "vx6");
        assertEquals(List.of(43L, "fd00::1", "fd00::2", 8472L),
                List.of(ip6.get("id"), ip6.get("local6"), ip6.get("remote6"), ip6.get("port")));

        assertEquals(mv.data(), links.get("mv0").kindData());
        assertEquals("private", infoData(ns.name(), "mv0").get("mode"));
        assertEquals(up0, links.get("mv0").peerIndex());

        // and the same through a dump
        for (LinkInfo l : links.list()) {
            switch (l.name()) {
                case "br0" -> assertEquals(bridge.data(), l.kindData());
                case "vx4" -> assertEquals(vx4Sent.data(), l.kindData());
                case "vx6" -> assertEquals(vx6.data(), l.kindData());
                case "mv0" -> assertEquals(mv.data(), l.kindData());
                case "lo" -> assertNull(l.kindData());
                default -> assertEquals(new Veth.Data(null), l.kindData(), l.name());
            }
        }
    }
}
