package io.jnetlink.rtnl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.NetlinkException;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import io.jnetlink.rtnl.addr.AddressSpec;
import io.jnetlink.rtnl.link.Bridge;
import io.jnetlink.rtnl.link.Links;
import io.jnetlink.rtnl.link.Veth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.jnetlink.core.net.IpPrefix;

/** The pipelined bulk forms (setMasterAll, setUpAll, addAll) against {@code ip -j}. */
@KernelTest
class BulkKernelTest {
    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    @Test
    void enslaveRaiseAndAddressManyLinksInOneSendEach() {
        try (Netns ns = Netns.create(namespaces.name("bulk"))) {
            Links links = ns.linkService();
            List<Veth> specs = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                specs.add(Veth.named("bh" + i).peer("bp" + i));
            }
            links.createAll(specs);
            Link br = ns.link(Bridge.named("bulk-br"));
            int[] hosts = new int[40];
            int[] peers = new int[40];
            List<AddressSpec> addrs = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                hosts[i] = links.indexOf("bh" + i);
                peers[i] = links.indexOf("bp" + i);
                addrs.add(AddressSpec.of(peers[i], IpPrefix.parse("10.66." + i + ".2/24")));
            }
            links.setMasterAll(hosts, br.index());
            links.setUpAll(hosts, true);
            links.setUpAll(peers, true);
            ns.addresses().addAll(addrs);
            int enslaved = 0;
            int up = 0;
            for (Map<String, Object> l : Oracle.objects(Sh.ipJson(ns.name(), "link", "show"))) {
                String name = (String) l.get("ifname");
                if ("bulk-br".equals(l.get("master"))) {
                    enslaved++;
                }
                if ((name.startsWith("bh") || name.startsWith("bp")) && l.get("flags").toString().contains("UP")) {
                    up++;
                }
            }
            assertEquals(40, enslaved);
            assertEquals(80, up);
            List<String> v4 = Oracle.addresses(ns.name());
            assertEquals(40, v4.stream().filter(a -> a.contains("10.66.")).count(), v4::toString);

            // A failure in the middle is reported; the others were still applied.
            List<AddressSpec> again = List.of(AddressSpec.of(peers[0], IpPrefix.parse("10.67.0.2/24")),
                    AddressSpec.of(peers[1], IpPrefix.parse("10.66.1.2/24")),
                    AddressSpec.of(peers[2], IpPrefix.parse("10.67.2.2/24")));
            NetlinkException e = assertThrows(NetlinkException.class, () -> ns.addresses().addAll(again));
            assertTrue(e.getMessage().contains("File exists"), e.getMessage());
            List<String> after = Oracle.addresses(ns.name());
            assertEquals(2, after.stream().filter(a -> a.contains("10.67.")).count(), after::toString);
        }
    }

    @Test
    void vethsIntoSeveralNamespacesInOneSendReturnBothEnds() {
        List<Netns> nodes = Netns.createAll(List.of(namespaces.name("ret"), namespaces.name("ret"),
                namespaces.name("ret")), Map.of());
        try (Netns hub = Netns.create(namespaces.name("hub"))) {
            List<Veth> specs = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                specs.add(Veth.named("hp" + i).peer("eth0", nodes.get(i)));
            }
            List<io.jnetlink.rtnl.link.LinkInfo> made = hub.linkService().createAllReturning(specs);
            assertEquals(3, made.size());
            for (int i = 0; i < nodes.size(); i++) {
                // the oracle: ip -j in the hub and in the node
                Map<String, Object> port = Oracle.objects(Sh.ipJson(hub.name(), "link", "show", "hp" + i)).get(0);
                Map<String, Object> eth = Oracle.objects(Sh.ipJson(nodes.get(i).name(), "link", "show", "eth0")).get(0);
                assertEquals("hp" + i, made.get(i).name());
                assertEquals(((Number) port.get("ifindex")).intValue(), made.get(i).index());
                assertEquals(((Number) eth.get("ifindex")).intValue(), made.get(i).peerIndex(), "the node end's index");
                assertEquals(((Number) port.get("ifindex")).intValue(), ((Number) eth.get("link_index")).intValue());
            }
            // A failure is thrown after the others were made: the node already has an eth0.
            List<Veth> again = List.of(Veth.named("hq0").peer("eth1", nodes.get(0)),
                    Veth.named("hq1").peer("eth0", nodes.get(1)));
            NetlinkException e = assertThrows(NetlinkException.class, () -> hub.linkService().createAllReturning(again));
            assertTrue(e.getMessage().contains("hq1"), e.getMessage());
            assertEquals(1, Oracle.objects(Sh.ipJson(nodes.get(0).name(), "link", "show", "eth1")).size());
        } finally {
            nodes.forEach(Netns::close);
        }
    }
}
