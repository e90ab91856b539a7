package io.jnetlink.rtnl.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jnetlink.rtnl.Golden;
import java.util.List;
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
            new Case("kind/ipvlan_l3s", Ipvlan.named("ipv2", 3).mode(Ipvlan.Mode.L3S)));

    @Test
    void everyKindIsWhatIproute2Sends() {
        for (Case c : CASES) {
            Golden.assertMatches(c.file(), w -> Links.encodeCreate(w, c.spec(), false)); // what Links.create sends
        }
    }

    @Test
    void badSettingsFailBeforeSending() {
        assertThrows(IllegalArgumentException.class, () -> Vlan.named("v", 3, 4095));
        assertThrows(IllegalArgumentException.class, () -> Vlan.named("v", 3, 0));
        assertThrows(IllegalArgumentException.class, () -> Vrf.named("v", 0));
        assertThrows(IllegalArgumentException.class, () -> Macvtap.named("m", 0));
    }
}
