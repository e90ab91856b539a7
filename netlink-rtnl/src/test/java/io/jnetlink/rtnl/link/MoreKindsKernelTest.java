package io.jnetlink.rtnl.link;

import static io.jnetlink.core.codec.Netlink.NETLINK_ROUTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import io.jnetlink.rtnl.Oracle;
import io.jnetlink.rtnl.family.KernelLacksException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The kinds of issue #16 against the kernel, checked with {@code ip -j -d link show}: ifb and
 * macvtap are made and read back; the kinds this kernel has no driver for (dummy, vlan, vrf, ipvlan,
 * bond, wireguard, gre, gretap, ipip, sit, ip6tnl, geneve) fail with an exception that names the
 * kind, as {@code ip link add} fails too.
 */
@KernelTest
class MoreKindsKernelTest {
    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    private String n;
    private Links links;

    @BeforeEach
    void aParentLink() {
        NetworkNamespace ns = namespaces.create("kinds");
        n = ns.name();
        Sh.ip(n, "link", "add", "gx0", "type", "veth", "peer", "name", "gx1");
        links = new Links(ns.socket(NETLINK_ROUTE));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> linkinfo(String name) {
        Map<String, Object> l = Oracle.objects(Sh.ipJson(n, "-d", "link", "show", "dev", name)).get(0);
        return (Map<String, Object>) l.get("linkinfo");
    }

    @Test
    void ifbAndMacvtapAreMadeAndReadBack() {
        Ifb ifb = Ifb.named("ifb0");
        Macvtap tap = Macvtap.named("mvt0", "gx0").mode(Macvlan.Mode.VEPA);
        int ifbIndex = links.createReturningIndex(ifb);
        int tapIndex = links.createReturningIndex(tap);
        assertEquals("ifb", linkinfo("ifb0").get("info_kind"));
        assertEquals("macvtap", linkinfo("mvt0").get("info_kind"));
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) linkinfo("mvt0").get("info_data");
        assertEquals("vepa", data.get("mode"));
        assertEquals(new Ifb.Data(), links.get(ifbIndex).kindData());
        assertEquals(tap.data(), links.get(tapIndex).kindData());
        assertEquals(Oracle.ifindex(n, "gx0"), links.get(tapIndex).peerIndex(), "the parent link");
    }

    @Test
    void kindsThisKernelLacksSaySo() {
        for (LinkSpec<?> spec : List.<LinkSpec<?>>of(Dummy.named("dm0"), Vlan.named("vl10", "gx0", 10),
                Vrf.named("vrf0", 10), Ipvlan.named("ipv0", "gx0"),
                Bond.named("bd0").mode(Bond.Mode.ACTIVE_BACKUP).miimon(100), Wireguard.named("wg0"),
                Gre.named("gre1").local("192.168.15.5").remote("192.168.15.9").key(7).ttl(64),
                Gretap.named("gtap1").remote("192.168.15.9"), Ipip.named("ipip1").remote("192.168.15.9"),
                Sit.named("sit1").remote("192.168.15.9"), Ip6tnl.named("ip6t1").local("fd00::5").remote("fd00::9"),
                Geneve.named("gnv0", 100).remote("192.168.15.9"), Geneve.named("gnv6", 101).remote("fd00::9"))) {
            KernelLacksException e = assertThrows(KernelLacksException.class, () -> links.create(spec), spec.toString());
            assertTrue(e.getMessage().contains("this kernel lacks the link kind \"" + spec.kind() + "\""), e.getMessage());
            assertTrue(e.getMessage().contains("Unknown device type"), e.getMessage());
            assertFalse(Sh.exec("ip", "-n", n, "link", "add", "x0", "type", spec.kind()).exit() == 0,
                    "ip link add ... type " + spec.kind() + " fails here too");
            assertFalse(Sh.ip(n, "link", "show").contains(spec.name()), "nothing half-made");
        }
    }

    /** The generic kind: a vxlan and a macvlan built from caller-written attributes, and a kind this kernel lacks. */
    @Test
    @SuppressWarnings("unchecked")
    void aGenericKindCarriesCallerBuiltData() {
        // ip link add vx9 type vxlan id 9 ttl 5 dstport 4789  (IFLA_VXLAN_ID 1, _TTL 5, _PORT 15)
        GenericKind vx = GenericKind.named("vx9", "vxlan").infoData(w -> w.attrU32(1, 9).attrU8(5, 5).attrU16Be(15, 4789));
        // ip link add mvg link gx0 type macvlan mode vepa  (IFLA_MACVLAN_MODE 1, vepa 2)
        GenericKind mv = GenericKind.named("mvg", "macvlan").parent("gx0").infoData(w -> w.attrU32(1, 2));
        int vxIndex = links.createReturningIndex(vx);
        int mvIndex = links.createReturningIndex(mv);

        assertEquals("vxlan", linkinfo("vx9").get("info_kind"));
        Map<String, Object> vxData = (Map<String, Object>) linkinfo("vx9").get("info_data");
        assertEquals(List.of(9L, 5L, 4789L), List.of(vxData.get("id"), vxData.get("ttl"), vxData.get("port")));
        assertEquals(vx.data(), links.get(vxIndex).kindData(), "read back as vxlan's own record");
        assertEquals(new Vxlan.Data(9, 0, null, null, 4789), links.get(vxIndex).kindData());

        assertEquals("macvlan", linkinfo("mvg").get("info_kind"));
        assertEquals("vepa", ((Map<String, Object>) linkinfo("mvg").get("info_data")).get("mode"));
        assertEquals(Oracle.ifindex(n, "gx0"), links.get(mvIndex).peerIndex(), "the parent link, looked up by name");
        assertEquals(new Macvlan.Data(Macvlan.Mode.VEPA), links.get(mvIndex).kindData());

        KernelLacksException e = assertThrows(KernelLacksException.class,
                () -> links.create(GenericKind.named("ms0", "macsec").parent("gx0").infoData(w -> w.attrU8(5, 1))));
        assertTrue(e.getMessage().contains("this kernel lacks the link kind \"macsec\""), e.getMessage());
        assertFalse(Sh.ip(n, "link", "show").contains("ms0"), "nothing half-made");
    }
}
