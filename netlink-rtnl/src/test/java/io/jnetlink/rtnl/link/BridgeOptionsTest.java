package io.jnetlink.rtnl.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.Errno;
import io.jnetlink.core.NetlinkException;
import io.jnetlink.core.codec.Message;
import io.jnetlink.rtnl.Fuzz;
import io.jnetlink.rtnl.Golden;
import io.jnetlink.rtnl.family.KernelLacksException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bridge-level options (issue #16) against iproute2's requests in golden/bridge/ (br0 is ifindex
 * 4 there), read back from what the library writes, and refused before sending when out of range.
 */
class BridgeOptionsTest {
    @Test
    void createWithOptionsIsWhatIpLinkAddSends() {
        // ip link add br1 type bridge stp_state 1 forward_delay 400 ageing_time 30000 mcast_snooping 0
        Bridge br1 = Bridge.named("br1").stp(true).forwardDelay(Duration.ofSeconds(4))
                .ageingTime(Duration.ofSeconds(300)).multicastSnooping(false);
        Golden.assertMatches("bridge/link_options", w -> Links.encodeCreate(w, br1, false));
        // ip link add br2 type bridge vlan_filtering 1 vlan_default_pvid 1   (refused by this kernel)
        Bridge br2 = Bridge.named("br2").vlanFiltering(true).defaultPvid(1);
        Golden.assertMatches("bridge/link_vlan_filtering", w -> Links.encodeCreate(w, br2, false));
    }

    @Test
    void changeIsWhatIpLinkSetSends() {
        // ip link set dev br0 type bridge stp_state 1
        Golden.assertMatches("bridge/link_set_stp", w -> Links.encodeChange(w, 4, Bridge.named("br0").stp(true)));
    }

    @Test
    void optionsReadBackAsTheSpecsData() {
        for (Bridge b : List.of(
                Bridge.named("b0"),
                Bridge.named("b1").stp(true).forwardDelay(Duration.ofMillis(4010)).ageingTime(Duration.ZERO),
                Bridge.named("b2").vlanFiltering(true).defaultPvid(0).multicastSnooping(false),
                Bridge.named("b3").vlanFiltering(false).defaultPvid(4094).multicastSnooping(true).stp(false),
                Bridge.named("b4").ageingTime(Duration.ofSeconds(42_949_672)))) {
            byte[] sent = Golden.encode(w -> Links.encodeCreate(w, b, false));
            assertEquals(b.data(), Golden.decode(sent, LinkInfo::decode).kindData(), b.toString());
        }
        Bridge.Data d = Bridge.named("b1").stp(true).forwardDelay(Duration.ofMillis(4010)).data();
        assertEquals(new Bridge.Data(true, Duration.ofMillis(4010), Bridge.DEFAULT_AGEING_TIME, false, null, true), d);
    }

    @Test
    void badOptionsFailBeforeSending() {
        Bridge b = Bridge.named("br0");
        assertMessage("whole number of hundredths", () -> b.forwardDelay(Duration.ofMillis(1005)));
        assertMessage("must not be negative", () -> b.ageingTime(Duration.ofSeconds(-1)));
        assertMessage("too long", () -> b.ageingTime(Duration.ofSeconds(42_949_673)));
        assertMessage("0..4094", () -> b.defaultPvid(4095));
        assertMessage("0..4094", () -> b.defaultPvid(-1));
        assertThrows(NullPointerException.class, () -> b.forwardDelay(null));
    }

    @Test
    void vlanFilteringRefusedWithoutAKindErrorSaysTheKernelLacksIt() {
        NetlinkException refused = NetlinkException.of("create bridge br2", Errno.EOPNOTSUPP.value(), null, -1, 3);
        NetlinkException e = Bridge.named("br2").vlanFiltering(true).explain(refused);
        KernelLacksException k = assertTypeOf(e);
        assertTrue(k.getMessage().contains("this kernel lacks bridge VLAN filtering"), k.getMessage());
        // without VLAN filtering in the request, the same refusal is about the kind; with the
        // kernel's "Unknown device type" it is about the kind whatever the options
        assertTrue(Bridge.named("br3").explain(refused).getMessage().contains("lacks the link kind \"bridge\""));
        NetlinkException unknown = NetlinkException.of("create bridge br2", Errno.EOPNOTSUPP.value(),
                "Unknown device type", -1, 3);
        assertTrue(Bridge.named("br2").vlanFiltering(true).explain(unknown).getMessage()
                .contains("lacks the link kind \"bridge\""));
        NetlinkException other = NetlinkException.of("create bridge br2", Errno.EINVAL.value(), null, -1, 3);
        assertFalse(Bridge.named("br2").vlanFiltering(true).explain(other) instanceof KernelLacksException);
    }

    @Test
    void fuzzedBridgeDataOnlyEverRaisesMalformed() {
        List<byte[]> seeds = List.of(
                Golden.encode(w -> Links.encodeCreate(w, Bridge.named("br1").stp(true).forwardDelay(Duration.ofSeconds(4))
                        .ageingTime(Duration.ofSeconds(300)).vlanFiltering(true).defaultPvid(7).multicastSnooping(false),
                        false)),
                Golden.load("bridge/link_set_stp"));
        Fuzz.Result r = Fuzz.run(47, 10_000, Ifla.RTM_NEWLINK, seeds, m -> {
            LinkInfo l = LinkInfo.decode(m);
            l.unknown().list();
            return l;
        });
        assertTrue(r.decoded() > 100 && r.malformed() > 100, r::toString);
    }

    private static KernelLacksException assertTypeOf(NetlinkException e) {
        assertTrue(e instanceof KernelLacksException, e.toString());
        return (KernelLacksException) e;
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable x) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, x);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
