package io.jnetlink.rtnl.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.rtnl.Golden;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The kinds of issue #16 against iproute2's requests (golden/kind/; gx0 is ifindex 3). Their
 * IFLA_INFO_DATA reads back into the value the spec wrote in {@link LinkKindTest}.
 */
class MoreKindsTest {
    /** A golden file and the spec that must write it. */
    private record Case(String file, LinkSpec<?> spec) {}

    private static final List<Case> CASES = List.of(
            // ip link add ifb0 type ifb
            new Case("kind/ifb", Ifb.named("ifb0")),
            // ip link add dm0 type dummy  (refused here: no dummy driver)
            new Case("kind/dummy", Dummy.named("dm0")),
            // ip link add vrf0 type vrf table 10  (refused here)
            new Case("kind/vrf", Vrf.named("vrf0", 10)),
            // ip link add vl10 link gx0 type vlan id 10  (refused here)
            new Case("kind/vlan", Vlan.named("vl10", 3, 10)),
            // ip link add vl20 link gx0 type vlan id 20 protocol 802.1ad  (refused here)
            new Case("kind/vlan_8021ad", Vlan.named("vl20", 3, 20).ieee8021ad()),
            // ip link add mvt0 link gx0 type macvtap mode bridge
            new Case("kind/macvtap", Macvtap.named("mvt0", 3).mode(Macvlan.Mode.BRIDGE)),
            // ip link add ipv0 link gx0 type ipvlan mode l2  (refused here: no ipvlan driver)
            new Case("kind/ipvlan_l2", Ipvlan.named("ipv0", 3).mode(Ipvlan.Mode.L2)),
            // ip link add ipv1 link gx0 type ipvlan mode l3
            new Case("kind/ipvlan_l3", Ipvlan.named("ipv1", 3).mode(Ipvlan.Mode.L3)),
            // ip link add ipv2 link gx0 type ipvlan mode l3s
            new Case("kind/ipvlan_l3s", Ipvlan.named("ipv2", 3).mode(Ipvlan.Mode.L3S)),
            // ip link add bd0 type bond mode active-backup miimon 100  (refused here: no bonding driver)
            new Case("kind/bond", Bond.named("bd0").mode(Bond.Mode.ACTIVE_BACKUP).miimon(100)),
            // ip link add wg0 type wireguard  (refused here)
            new Case("kind/wireguard", Wireguard.named("wg0")),
            // ip link add gre1 type gre local 192.168.15.5 remote 192.168.15.9 key 7 ttl 64  (refused here)
            new Case("kind/gre", Gre.named("gre1").local("192.168.15.5").remote("192.168.15.9").key(7).ttl(64)),
            // ip link add gtap1 type gretap local 192.168.15.5 remote 192.168.15.9 key 7 ttl 64  (refused here)
            new Case("kind/gretap", Gretap.named("gtap1").local("192.168.15.5").remote("192.168.15.9").key(7).ttl(64)),
            // ip link add ipip1 type ipip local 192.168.15.5 remote 192.168.15.9 ttl 64  (refused here)
            new Case("kind/ipip", Ipip.named("ipip1").local("192.168.15.5").remote("192.168.15.9").ttl(64)),
            // ip link add sit1 type sit local 192.168.15.5 remote 192.168.15.9 ttl 64  (refused here)
            new Case("kind/sit", Sit.named("sit1").local("192.168.15.5").remote("192.168.15.9").ttl(64)),
            // ip link add ip6t1 type ip6tnl local fd00::5 remote fd00::9 ttl 64  (refused here)
            new Case("kind/ip6tnl", Ip6tnl.named("ip6t1").local("fd00::5").remote("fd00::9").ttl(64)),
            // ip link add gnv0 type geneve id 100 remote 192.168.15.9 ttl 64  (refused here)
            new Case("kind/geneve", Geneve.named("gnv0", 100).remote("192.168.15.9").ttl(64)),
            // ip link add bd1 type bond  (no IFLA_INFO_DATA at all)
            new Case("kind/bond_plain", Bond.named("bd1")),
            // ip link add gre2 type gre remote 192.168.15.9  (no key, no local, TTL inherited)
            new Case("kind/gre_nokey", Gre.named("gre2").remote("192.168.15.9")),
            // ip link add ip6t2 type ip6tnl remote fd00::9  (ip link's hop limit 64)
            new Case("kind/ip6tnl_remote", Ip6tnl.named("ip6t2").remote("fd00::9")),
            // ip link add gnv6 type geneve id 101 remote fd00::9 ttl 64 dstport 6082
            new Case("kind/geneve_v6", Geneve.named("gnv6", 101).remote("fd00::9").ttl(64).port(6082)));

    @Test
    void everyKindIsWhatIproute2Sends() {
        for (Case c : CASES) {
            Golden.assertMatches(c.file(), w -> Links.encodeCreate(w, c.spec(), false)); // what Links.create sends
        }
    }

    /** What the kernel reports for a gre it made without local or key: 0.0.0.0, and a key word without its flag. */
    @Test
    void aTunnelReadsUnsetEndpointsAndKeysAsAbsent() throws Exception {
        byte[] b = Golden.encode(w -> {
            w.begin(Ifla.RTM_NEWLINK, 0);
            Links.ifinfomsg(w, 9, 0, 0);
            w.attrString(Ifla.IFLA_IFNAME, "gre2");
            w.nest(Ifla.IFLA_LINKINFO, li -> {
                li.attrString(Ifla.IFLA_INFO_KIND, "gre");
                li.nest(Ifla.IFLA_INFO_DATA, d -> d.attrU32(1, 0) // IFLA_GRE_LINK
                        .attrU16Be(2, 0).attrU16Be(3, 0x2000) // IFLAGS none, OFLAGS GRE_KEY
                        .attrU32Be(4, 5).attrU32Be(5, 6) // IKEY 5 (not in use), OKEY 6
                        .attrBytes(6, new byte[4]).attrBytes(7, new byte[] {10, 0, 0, 2}) // LOCAL 0.0.0.0, REMOTE
                        .attrU8(8, 0).attrU8(9, 0).attrU8(10, 1)); // TTL, TOS, PMTUDISC
            });
            w.end();
        });
        LinkInfo l = Golden.decode(b, LinkInfo::decode);
        assertEquals(new Gre.Data(null, InetAddress.getByName("10.0.0.2"), null, 6, 0), l.kindData());
    }

    /** The tunnel kinds that share a base follow the spec idiom too: builder form = fluent form, templates unchanged. */
    @Test
    void sharedTunnelBasesKeepTheSpecIdiom() throws Exception {
        Gre template = Gre.named("gre1").local("192.168.15.5");
        Gre keyed = template.remote("192.168.15.9").key(7).ttl(64);
        assertEquals(new Gre.Data(InetAddress.getByName("192.168.15.5"), null, null, null, 0), template.data());
        Golden.assertMatches("kind/gre", w -> Links.encodeCreate(w, keyed, false));
        Golden.assertMatches("kind/gre", w -> Links.encodeCreate(w,
                Gre.builder("gre1").local("192.168.15.5").remote("192.168.15.9").key(7).ttl(64).build(), false));
        Golden.assertMatches("kind/ip6tnl", w -> Links.encodeCreate(w,
                Ip6tnl.builder("ip6t1").local("fd00::5").remote("fd00::9").build(), false));
        Bond.Builder b = Bond.builder("bd0").mode(Bond.Mode.ACTIVE_BACKUP);
        Bond bond = b.miimon(100).build();
        b.miimon(5);
        Golden.assertMatches("kind/bond", w -> Links.encodeCreate(w, bond, false));
    }

    /**
     * Tun and tap: the kernel's RTM_NEWLINK for devices {@code ip tuntap add} made (golden/kind/reply_tap,
     * reply_tun) decodes into the value of the spec that asks for the same, and the spec's IFLA_INFO_DATA
     * is the kernel's (the kernel adds the queue counts of a multi-queue device).
     */
    @Test
    void tunAndTapReadBackWhatTheKernelReports() {
        // ip tuntap add mode tap tp0 user 1000 group 1000 multi_queue
        Tun tap = Tun.named("tp0", Tun.Type.TAP).owner(1000).ownerGroup(1000).multiQueue(true);
        LinkInfo tp0 = Golden.decode(Golden.load("kind/reply_tap"), LinkInfo::decode);
        assertEquals("tun", tp0.kind());
        assertEquals(tap.data(), tp0.kindData());
        // ip tuntap add mode tun tn0 pi vnet_hdr
        Tun tun = Tun.named("tn0", Tun.Type.TUN).packetInfo(true).vnetHeader(true);
        LinkInfo tn0 = Golden.decode(Golden.load("kind/reply_tun"), LinkInfo::decode);
        assertEquals(tun.data(), tn0.kindData());
        for (var c : List.of(Map.entry(tap, "kind/reply_tap"), Map.entry(tun, "kind/reply_tun"))) {
            byte[] data = Golden.encode(w -> {
                w.begin(0, 0);
                c.getKey().writeInfoData(w);
                w.end();
            });
            String hex = HexFormat.of().formatHex(data, 16, data.length);
            assertTrue(HexFormat.of().formatHex(Golden.load(c.getValue())).contains(hex), c.getValue());
        }
    }

    @Test
    void badSettingsFailBeforeSending() {
        assertThrows(IllegalArgumentException.class, () -> Vlan.named("v", 3, 4095));
        assertThrows(IllegalArgumentException.class, () -> Vlan.named("v", 3, 0));
        assertThrows(IllegalArgumentException.class, () -> Vrf.named("v", 0));
        assertThrows(IllegalArgumentException.class, () -> Macvtap.named("m", 0));
        assertThrows(IllegalArgumentException.class, () -> Bond.named("b").miimon(-1));
        IllegalArgumentException v6 = assertThrows(IllegalArgumentException.class, () -> Gre.named("g").local("fd00::1"));
        assertEquals("gre local must be an IPv4 address, got fd00::1", v6.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Sit.named("s").remote("fd00::1"));
        IllegalArgumentException v4 = assertThrows(IllegalArgumentException.class,
                () -> Ip6tnl.named("t").remote("10.0.0.1"));
        assertEquals("ip6tnl remote must be an IPv6 address, got 10.0.0.1", v4.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Ipip.named("i").ttl(256));
        assertThrows(IllegalArgumentException.class, () -> Gretap.named("g").ttl(-1));
        assertThrows(IllegalArgumentException.class, () -> Geneve.named("g", 1 << 24));
        assertThrows(IllegalArgumentException.class, () -> Geneve.named("g", 1).port(0));
        assertThrows(IllegalArgumentException.class, () -> Tun.named("t", Tun.Type.TAP).owner(-1));
        assertThrows(NullPointerException.class, () -> Tun.named("t", null));
    }
}
