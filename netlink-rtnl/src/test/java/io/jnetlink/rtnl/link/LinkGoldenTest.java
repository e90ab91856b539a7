package io.jnetlink.rtnl.link;

import io.jnetlink.rtnl.Golden;
import org.junit.jupiter.api.Test;

/**
 * The link requests are byte for byte what iproute2 6.1 sends (see golden/README.md), written by
 * the encoders {@link Links} sends with ({@code encodeCreate}, {@code encodeSetMaster}): header
 * flags included, nothing hard-coded here.
 */
class LinkGoldenTest {
    private static void assertCreate(String golden, LinkSpec<?> spec) {
        Golden.assertMatches(golden, w -> Links.encodeCreate(w, spec, false));
    }

    @Test
    void bridgeCreate() {
        // ip link add v-net-0 type bridge
        assertCreate("rtm_newlink_bridge", Bridge.named("v-net-0"));
    }

    @Test
    void bridgeWithStp() {
        // ip link add br1 type bridge stp_state 1
        assertCreate("rtm_newlink_bridge_stp", Bridge.named("br1").stp(true));
    }

    @Test
    void setMaster() {
        // ip link set gx0 master v-net-0   (gx0 = 3, v-net-0 = 4)
        Golden.assertMatches("rtm_newlink_set_master", w -> Links.encodeSetMaster(w, 3, 4));
    }

    @Test
    void vethWithNamedPeer() {
        // ip link add va type veth peer name vb
        assertCreate("rtm_newlink_veth", Veth.named("va").peer("vb"));
    }

    @Test
    void vethWithMtuMacAndGroup() {
        // ip link add va mtu 1400 address 02:00:00:00:00:01 group 5 type veth peer name vb
        assertCreate("rtm_newlink_veth_mtu_mac_group",
                Veth.named("va").peer("vb").mtu(1400).mac("02:00:00:00:00:01").group(5));
    }

    @Test
    void vethCreatedEnslavedAndUp() {
        // ip link add vm0 master br0 up type veth peer name vm1   (br0 = 4): IFF_UP in the header, IFLA_MASTER
        assertCreate("kind/veth_master_up", Veth.named("vm0").peer("vm1").master(4).up());
    }

    @Test
    void vxlan() {
        // ip link add vx0 type vxlan id 42 local 192.168.15.5 remote 192.168.15.9 dstport 4789
        assertCreate("rtm_newlink_vxlan", Vxlan.named("vx0", 42).local("192.168.15.5").remote("192.168.15.9").port(4789));
    }

    @Test
    void vxlanIpv6() {
        // ip link add vx6 type vxlan id 43 local fd00::5 remote fd00::9 dstport 8472
        assertCreate("rtm_newlink_vxlan_v6", Vxlan.named("vx6", 43).local("fd00::5").remote("fd00::9").port(8472));
    }

    @Test
    void vxlanOnADevice() {
        // ip link add vx0 type vxlan id 42 dev gx0 local 192.168.15.5 remote 192.168.15.9 dstport 4789  (gx0 = 3)
        assertCreate("rtm_newlink_vxlan_dev",
                Vxlan.named("vx0", 42).device(3).local("192.168.15.5").remote("192.168.15.9"));
    }

    @Test
    void macvlan() {
        // ip link add mv0 link gx0 type macvlan mode private   (gx0 = 3)
        assertCreate("rtm_newlink_macvlan", Macvlan.named("mv0", 3).mode(Macvlan.Mode.PRIVATE));
    }
}
