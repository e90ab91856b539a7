package io.jnetlink.rtnl.link;

import static io.jnetlink.core.codec.Netlink.NETLINK_ROUTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import io.jnetlink.rtnl.Golden;
import io.jnetlink.rtnl.Oracle;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Link settings (txqueuelen, alias, promisc, allmulticast, arp) against iproute2's requests
 * (golden/linkset/, gx0 is ifindex 3) and against the kernel through {@code ip -j -d link show}.
 */
@KernelTest
class LinkSettingsTest {
    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    @Test
    void settingsAreWhatIproute2Sends() {
        // ip link set dev gx0 txqueuelen 500
        Golden.assertMatches("linkset/txqueuelen", w -> Links.encodeSet(w, 3, a -> a.attrU32(Ifla.IFLA_TXQLEN, 500)));
        // ip link set dev gx0 alias uplink-a
        Golden.assertMatches("linkset/alias", w -> Links.encodeSet(w, 3, a -> a.attrStringNoNul(Ifla.IFLA_IFALIAS, "uplink-a")));
        // ip link set dev gx0 allmulticast on
        Golden.assertMatches("linkset/allmulticast_on", w -> Links.encodeSetFlag(w, 3, Ifla.IFF_ALLMULTI, true));
        // ip link set dev gx0 promisc on
        Golden.assertMatches("linkset/promisc_on", w -> Links.encodeSetFlag(w, 3, Ifla.IFF_PROMISC, true));
        // ip link set dev gx0 arp off
        Golden.assertMatches("linkset/arp_off", w -> Links.encodeSetFlag(w, 3, Ifla.IFF_NOARP, true));
        // ip link set dev gx0 arp on
        Golden.assertMatches("linkset/arp_on", w -> Links.encodeSetFlag(w, 3, Ifla.IFF_NOARP, false));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theKernelShowsWhatWasSet() {
        NetworkNamespace ns = namespaces.create("lset");
        String n = ns.name();
        Sh.ip(n, "link", "add", "gx0", "type", "veth", "peer", "name", "gx1");
        Links links = new Links(ns.socket(NETLINK_ROUTE));
        int gx0 = Oracle.ifindex(n, "gx0");
        links.setTxQueueLength(gx0, 500);
        links.setAlias(gx0, "uplink-a");
        links.setPromisc(gx0, true);
        links.setAllMulticast(gx0, true);
        links.setArp(gx0, false);
        Map<String, Object> l = Oracle.objects(Sh.ipJson(n, "-d", "link", "show", "dev", "gx0")).get(0);
        assertEquals(500L, l.get("txqlen"));
        assertEquals("uplink-a", l.get("ifalias"));
        List<Object> flags = (List<Object>) l.get("flags");
        assertTrue(flags.contains("NOARP") && flags.contains("ALLMULTI"), flags.toString());
        assertEquals(1L, l.get("promiscuity"));
        assertEquals(500, links.get(gx0).txQueueLen());
        // the alias reads back (IFLA_IFALIAS), as ip -j link shows it; a link without one has none
        assertEquals("uplink-a", Oracle.objects(Sh.ipJson(n, "link", "show", "dev", "gx0")).get(0).get("ifalias"));
        assertEquals("uplink-a", links.get(gx0).alias());
        assertEquals("uplink-a", links.modeledOnly().get(gx0).alias());
        assertNull(links.get("gx1").alias());
        assertNull(Oracle.objects(Sh.ipJson(n, "link", "show", "dev", "gx1")).get(0).get("ifalias"));
        assertNull(links.get(gx0).unknown().get(Ifla.IFLA_IFALIAS), "modeled, so not among the unknown");
        links.setAlias(gx0, "Uplink ä → core");
        assertEquals("Uplink ä → core", Oracle.objects(Sh.ipJson(n, "link", "show", "dev", "gx0")).get(0).get("ifalias"));
        assertEquals("Uplink ä → core", links.get(gx0).alias());
        links.setPromisc(gx0, false);
        links.setAllMulticast(gx0, false);
        links.setArp(gx0, true);
        Map<String, Object> after = Oracle.objects(Sh.ipJson(n, "-d", "link", "show", "dev", "gx0")).get(0);
        List<Object> flagsAfter = (List<Object>) after.get("flags");
        assertTrue(!flagsAfter.contains("NOARP") && !flagsAfter.contains("ALLMULTI"), flagsAfter.toString());
        assertEquals(0L, after.get("promiscuity"));
    }
}
