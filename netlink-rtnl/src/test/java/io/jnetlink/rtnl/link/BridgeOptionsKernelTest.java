package io.jnetlink.rtnl.link;

import static io.jnetlink.core.codec.Netlink.NETLINK_ROUTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.NoSuchDeviceException;
import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import io.jnetlink.rtnl.Oracle;
import io.jnetlink.rtnl.family.KernelLacksException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bridge-level options set at create and on change, checked with {@code ip -j -d link show}'s
 * {@code info_data} and read back into {@link Bridge.Data}. This kernel is built without
 * CONFIG_BRIDGE_VLAN_FILTERING: VLAN filtering is refused (as by {@code ip link}) with an
 * exception that says so, and the default PVID is accepted but neither kept nor reported.
 */
@KernelTest
class BridgeOptionsKernelTest {
    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    private String n;
    private Links links;

    @BeforeEach
    void namespace() {
        NetworkNamespace ns = namespaces.create("bropt");
        n = ns.name();
        links = new Links(ns.socket(NETLINK_ROUTE));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> infoData(String name) {
        Map<String, Object> l = Oracle.objects(Sh.ipJson(n, "-d", "link", "show", "dev", name)).get(0);
        return (Map<String, Object>) ((Map<String, Object>) l.get("linkinfo")).get("info_data");
    }

    /** stp_state, forward_delay, ageing_time (ip shows the kernel's hundredths), vlan_filtering, mcast_snooping. */
    private List<Object> shown(String name) {
        Map<String, Object> d = infoData(name);
        return List.of(d.get("stp_state"), d.get("forward_delay"), d.get("ageing_time"), d.get("vlan_filtering"),
                d.get("mcast_snooping"));
    }

    @Test
    void optionsSetAtCreateAndOnChangeAreWhatIpShows() {
        Bridge spec = Bridge.named("br1").stp(true).forwardDelay(Duration.ofSeconds(4))
                .ageingTime(Duration.ofSeconds(300)).multicastSnooping(false);
        links.create(spec);
        assertEquals(List.of(1L, 400L, 30000L, 0L, 0L), shown("br1"));
        assertEquals(spec.data(), links.get("br1").kindData());

        // defaults: what a bridge made without options has, as ip shows it
        Bridge plain = Bridge.named("br2");
        links.create(plain);
        assertEquals(List.of(0L, 1500L, 30000L, 0L, 1L), shown("br2"));
        assertEquals(plain.data(), links.get("br2").kindData());

        // a change sends only what it names; the rest stays
        links.change(Bridge.named("br1").stp(false).ageingTime(Duration.ofMillis(12_340)).multicastSnooping(true));
        assertEquals(List.of(0L, 400L, 1234L, 0L, 1L), shown("br1"));
        Bridge.Data now = (Bridge.Data) links.get("br1").kindData();
        assertEquals(new Bridge.Data(false, Duration.ofSeconds(4), Duration.ofMillis(12_340), false, null, true), now);
        links.change(links.indexOf("br2"), Bridge.named("ignored").forwardDelay(Duration.ofSeconds(7)).mtu(1400));
        assertEquals(List.of(0L, 700L, 30000L, 0L, 1L), shown("br2"));
        assertEquals(1400L, ((Number) Oracle.objects(Sh.ipJson(n, "link", "show", "dev", "br2")).get(0).get("mtu"))
                .longValue());
        // and through a dump
        for (LinkInfo l : links.list()) {
            if (l.name().equals("br1")) {
                assertEquals(now, l.kindData());
            }
        }
    }

    @Test
    void vlanFilteringIsRefusedWithTheReasonAndNothingIsLeft() {
        assertTrue(Sh.exec("ip", "-n", n, "link", "add", "brx", "type", "bridge", "vlan_filtering", "1").exit() != 0,
                "ip link add ... vlan_filtering 1 is refused here as well");
        KernelLacksException e = assertThrows(KernelLacksException.class,
                () -> links.create(Bridge.named("br3").vlanFiltering(true)));
        assertTrue(e.getMessage().contains("this kernel lacks bridge VLAN filtering"), e.getMessage());
        assertFalse(Sh.ip(n, "link", "show").contains("br3"), "nothing half-made");

        links.create(Bridge.named("br4"));
        KernelLacksException c = assertThrows(KernelLacksException.class,
                () -> links.change(Bridge.named("br4").vlanFiltering(false)));
        assertTrue(c.getMessage().contains("this kernel lacks bridge VLAN filtering"), c.getMessage());
        assertEquals(List.of(0L, 1500L, 30000L, 0L, 1L), shown("br4"), "the bridge is as it was");
    }

    @Test
    void theDefaultPvidIsAcceptedButNotKeptWithoutVlanFiltering() {
        assertEquals(0, Sh.exec("ip", "-n", n, "link", "add", "bry", "type", "bridge", "vlan_default_pvid", "5").exit(),
                "ip link add ... vlan_default_pvid 5 is accepted here");
        assertFalse(infoData("bry").containsKey("vlan_default_pvid"), "and not reported by the kernel");
        links.create(Bridge.named("br5").defaultPvid(5));
        assertFalse(infoData("br5").containsKey("vlan_default_pvid"));
        assertNull(((Bridge.Data) links.get("br5").kindData()).defaultPvid(), "the kernel reports no PVID here");
    }

    @Test
    void changingAMissingLinkOrAnotherKindFailsClearly() {
        assertThrows(NoSuchDeviceException.class, () -> links.change(Bridge.named("nosuch").stp(true)));
        Sh.ip(n, "link", "add", "va", "type", "veth", "peer", "name", "vb");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> links.change(Bridge.named("va").stp(true)));
        assertTrue(e.getMessage().contains("is a veth, not a bridge"), e.getMessage());
    }
}
