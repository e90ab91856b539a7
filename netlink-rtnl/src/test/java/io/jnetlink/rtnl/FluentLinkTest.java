package io.jnetlink.rtnl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.AlreadyExistsException;
import io.jnetlink.core.NetlinkException;
import io.jnetlink.core.NoSuchDeviceException;
import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import io.jnetlink.rtnl.link.Bridge;
import io.jnetlink.rtnl.link.LinkInfo;
import io.jnetlink.rtnl.link.LinkOracle;
import io.jnetlink.rtnl.link.Macvlan;
import io.jnetlink.rtnl.link.Veth;
import io.jnetlink.rtnl.link.Vxlan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The fluent {@link Netns} / {@link Link} API against the kernel, checked with {@code ip -j}. */
@KernelTest
class FluentLinkTest {
    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    private static Map<String, Object> ipLink(String ns, String name) {
        return Oracle.objects(Sh.ipJson(ns, "-d", "link", "show", "dev", name)).get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<String> flags(String ns, String name) {
        return (List<String>) ipLink(ns, name).get("flags");
    }

    private static List<String> linkNames(String ns) {
        return Oracle.objects(Sh.ipJson(ns, "link", "show")).stream().map(l -> (String) l.get("ifname")).sorted()
                .toList();
    }

    @Test
    void chainOfLinkStepsMatchesIproute2() {
        try (Netns host = Netns.create(namespaces.name("fhost"));
             Netns red = Netns.create(namespaces.name("fred"))) {
            Link bridge = host.link(Bridge.named("v-net-0")).up();
            Link veth = red.link(Veth.named("veth-red").peer("veth-red-br", host))
                    .mtu(1400)
                    .mac("02:00:00:00:0a:01")
                    .address("192.168.15.1/24")
                    .address("fd00:15::1/64")
                    .up();
            Link port = host.link("veth-red-br").master(bridge).up();

            Map<String, Object> r = ipLink(red.name(), "veth-red");
            assertEquals((long) veth.index(), r.get("ifindex"));
            assertEquals(1400L, r.get("mtu"));
            assertEquals("02:00:00:00:0a:01", r.get("address"));
            assertTrue(flags(red.name(), "veth-red").contains("UP"));
            assertEquals((long) port.index(), r.get("link_index"), "the peer was made in host directly");
            assertEquals(List.of("lo", "veth-red"), linkNames(red.name()));
            List<String> addrs = Oracle.addresses(red.name(), "dev", "veth-red");
            assertTrue(addrs.stream().anyMatch(a -> a.startsWith("veth-red|inet|192.168.15.1|24|")), addrs::toString);
            assertTrue(addrs.stream().anyMatch(a -> a.startsWith("veth-red|inet6|fd00:15::1|64|")), addrs::toString);
            assertEquals("v-net-0", ipLink(host.name(), "veth-red-br").get("master"));

            LinkInfo info = veth.info();
            assertEquals("veth-red", info.name());
            assertEquals(veth.index(), info.index());
            assertEquals("veth", info.kind());
            assertEquals(port.index(), info.peerIndex());
            assertEquals(((Long) r.get("link_netnsid")).intValue(), info.linkNetnsId());
            assertEquals(bridge.index(), port.info().master());
            assertEquals("bridge", bridge.info().kind());

            // a handle by index names the same link; one from another Netns handle of the same
            // namespace can be the master
            assertEquals("veth-red-br", host.link(port.index()).name());
            try (Netns again = Netns.open(host.name())) {
                again.link("veth-red-br").noMaster().master(bridge);
            }
            assertEquals("v-net-0", ipLink(host.name(), "veth-red-br").get("master"));

            port.noMaster().down().rename("red-port");
            assertEquals("red-port", port.name());
            Map<String, Object> p = ipLink(host.name(), "red-port");
            assertFalse(p.containsKey("master"));
            assertFalse(flags(host.name(), "red-port").contains("UP"));
            assertEquals((long) port.index(), p.get("ifindex"));
            // the bridge's operstate follows its last port going down a moment later
            Oracle.eventually(() -> {
                assertEquals(LinkOracle.ip(host.name()), LinkOracle.library(host.links()));
                assertEquals(LinkOracle.ip(red.name()), LinkOracle.library(red.links()));
            });
        }
    }

    @Test
    void moveToAnotherNamespaceAndDelete() {
        try (Netns a = Netns.create(namespaces.name("fa"));
             Netns b = Netns.create(namespaces.name("fb"))) {
            Link end = a.link(Veth.named("mv-a").peer("mv-b"));
            Link moved = a.link("mv-b").moveTo(b);
            assertEquals("mv-b", moved.name());
            assertEquals((long) moved.index(), ipLink(b.name(), "mv-b").get("ifindex"));
            assertEquals(List.of("lo", "mv-a"), linkNames(a.name()));
            assertEquals(List.of("lo", "mv-b"), linkNames(b.name()));
            assertTrue(end.info().linkNetnsId() >= 0, "the peer is now in another namespace");
            moved.up();
            assertTrue(flags(b.name(), "mv-b").contains("UP"));
            moved.delete();
            assertEquals(List.of("lo"), linkNames(a.name()), "the peer went with it");
            assertEquals(List.of("lo"), linkNames(b.name()));
        }
    }

    @Test
    void vxlanOverIpv6AndMacvlan() {
        try (Netns ns = Netns.create(namespaces.name("fkinds"))) {
            Link under = ns.link(Veth.named("under").peer("under-peer")).address("fd00:99::1/64").up();
            Link vx = ns.link(Vxlan.named("vx6", 100).device("under").local("fd00:99::1").remote("fd00:99::2"));
            Link mv = ns.link(Macvlan.named("mv0", "under").mode(Macvlan.Mode.BRIDGE)).mtu(1300);
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) ((Map<String, Object>) ipLink(ns.name(), "vx6")
                    .get("linkinfo")).get("info_data");
            assertEquals(100L, data.get("id"));
            assertEquals("fd00:99::1", data.get("local6"));
            assertEquals("fd00:99::2", data.get("remote6"));
            assertEquals("under", data.get("link"));
            assertEquals("vxlan", vx.info().kind());
            assertEquals(1300L, ipLink(ns.name(), "mv0").get("mtu"));
            assertEquals(under.index(), mv.info().peerIndex(), "IFLA_LINK of a macvlan is its lower device");
            assertEquals(LinkOracle.ip(ns.name()), LinkOracle.library(ns.links()));
        }
    }

    @Test
    void closeDeletesWhatCreateMadeAndKeepLeavesIt() {
        String made = namespaces.name("fclose");
        try (Netns ns = Netns.create(made)) {
            ns.link(Bridge.named("br0"));
        }
        assertFalse(Netns.list().contains(made), "close() deleted the namespace create() made");

        String kept = namespaces.name("fkeep");
        try (Netns ns = Netns.create(kept)) {
            ns.link(Bridge.named("br0"));
            ns.keep();
        }
        assertTrue(Netns.list().contains(kept), "keep() leaves it");
        assertEquals(List.of("br0", "lo"), linkNames(kept));
        try (Netns opened = Netns.open(kept)) {
            assertEquals(kept, opened.name());
        }
        assertTrue(Netns.list().contains(kept), "closing an opened handle leaves the namespace");
        Netns.delete(kept);
        assertFalse(Netns.list().contains(kept));
    }

    @Test
    void badInputIsRefusedBeforeSendingAndKernelErrorsCarryTheReason() {
        NetworkNamespace other = namespaces.create("fother");
        try (Netns ns = Netns.create(namespaces.name("fbad"))) {
            Link br = ns.link(Bridge.named("br0"));
            Link br1 = ns.link(Bridge.named("br1"));
            Link v = ns.link(Veth.named("v0").peer("v0-peer"));
            List<String> before = linkNames(ns.name());

            IllegalArgumentException longName = assertThrows(IllegalArgumentException.class,
                    () -> v.rename("sixteen-bytes-xx"));
            assertTrue(longName.getMessage().contains("sixteen-bytes-xx"), longName.getMessage());
            assertEquals("v0", v.name());
            assertThrows(IllegalArgumentException.class, () -> v.rename(""));
            IllegalArgumentException mtu = assertThrows(IllegalArgumentException.class, () -> v.mtu(67));
            assertTrue(mtu.getMessage().contains("67"), mtu.getMessage());
            assertThrows(IllegalArgumentException.class, () -> v.mtu(65536));
            IllegalArgumentException mac = assertThrows(IllegalArgumentException.class, () -> v.mac("02:00:zz:00:00:01"));
            assertTrue(mac.getMessage().contains("02:00:zz:00:00:01"), mac.getMessage());
            assertThrows(IllegalArgumentException.class, () -> v.address("10.0.0.1/33"));

            NoSuchDeviceException noMaster = assertThrows(NoSuchDeviceException.class, () -> v.master("no-such-br"));
            assertTrue(noMaster.getMessage().contains("no-such-br"), noMaster.getMessage());
            NoSuchDeviceException noDevice = assertThrows(NoSuchDeviceException.class, () -> ns.link("ghost0"));
            assertTrue(noDevice.getMessage().contains("ghost0"), noDevice.getMessage());
            Link foreign = Netns.wrap(other).link(Bridge.named("brx")); // not closed: the extension owns it
            assertThrows(IllegalArgumentException.class, () -> v.master(foreign));

            // the kernel's own reason (extended ack) reaches the exception
            NetlinkException bridgeInBridge = assertThrows(NetlinkException.class, () -> br.master(br1));
            assertNotNull(bridgeInBridge.extAckMessage(), bridgeInBridge.getMessage());
            assertTrue(bridgeInBridge.getMessage().contains(bridgeInBridge.extAckMessage()),
                    bridgeInBridge.getMessage());
            assertTrue(bridgeInBridge.extAckMessage().toLowerCase().contains("bridge"),
                    bridgeInBridge.extAckMessage());

            // a taken peer name: the kernel's atomic create leaves neither end, here or in the peer's namespace
            Sh.ip(other.name(), "link", "add", "taken", "type", "bridge");
            List<String> otherBefore = linkNames(other.name());
            assertThrows(AlreadyExistsException.class,
                    () -> ns.link(Veth.named("fresh").peer("taken", Netns.wrap(other))));
            assertThrows(AlreadyExistsException.class, () -> ns.link(Veth.named("fresh").peer("v0-peer")));
            assertEquals(before, linkNames(ns.name()), "nothing half-made");
            assertEquals(otherBefore, linkNames(other.name()));
            assertFalse(ipLink(ns.name(), "br0").containsKey("master"));
        }
    }
}
