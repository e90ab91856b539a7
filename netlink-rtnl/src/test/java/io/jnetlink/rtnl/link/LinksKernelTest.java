package io.jnetlink.rtnl.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.AlreadyExistsException;
import io.jnetlink.core.NetlinkException;
import io.jnetlink.core.NoSuchDeviceException;
import io.jnetlink.core.codec.Netlink;
import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import io.jnetlink.rtnl.Oracle;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every link operation against the kernel, checked with {@code ip -j -d link}. */
@KernelTest
class LinksKernelTest {
    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    private static Links links(NetworkNamespace ns) {
        return new Links(ns.socket(Netlink.NETLINK_ROUTE));
    }

    private static Map<String, Object> ipLink(String ns, String name) {
        return Oracle.objects(Sh.ipJson(ns, "-d", "link", "show", "dev", name)).get(0);
    }

    @Test
    void vethWithPeerInAnotherNamespaceInOneRequest() {
        NetworkNamespace red = namespaces.create("red");
        NetworkNamespace host = namespaces.create("host");
        links(red).create(Veth.named("veth-red").peer("veth-red-br", host).mtu(1400));
        Map<String, Object> local = ipLink(red.name(), "veth-red");
        Map<String, Object> peer = ipLink(host.name(), "veth-red-br");
        assertEquals(1400L, local.get("mtu"));
        assertEquals(peer.get("ifindex"), local.get("link_index"));
        LinkInfo mine = links(red).get("veth-red");
        assertEquals("veth", mine.kind());
        assertEquals(((Long) peer.get("ifindex")).intValue(), mine.peerIndex());
        assertEquals(((Long) local.get("link_netnsid")).intValue(), mine.linkNetnsId());
        assertFalse(Sh.ipJson(red.name(), "link", "show").toString().contains("veth-red-br"));
        assertEquals(LinkOracle.ip(red.name()), LinkOracle.library(links(red).list()));
        assertEquals(LinkOracle.ip(host.name()), LinkOracle.library(links(host).list()));
    }

    @Test
    void bridgeWithPortsUpDownMtuMacRenameMaster() {
        NetworkNamespace ns = namespaces.create("br");
        Links l = links(ns);
        l.create(Bridge.named("v-net-0"));
        l.create(Veth.named("p0").peer("p0-peer"));
        l.create(Veth.named("p1").peer("p1-peer"));
        int br = l.indexOf("v-net-0");
        int p0 = l.indexOf("p0");
        int p1 = l.indexOf("p1");
        l.setMaster(p0, br);
        l.setMaster(p1, br);
        l.setUp(br, true);
        l.setUp(p0, true);
        l.setMtu(p1, 1280);
        l.setMac(p1, "02:00:00:00:10:01");
        l.setName(p1, "port1");
        assertEquals("v-net-0", ipLink(ns.name(), "p0").get("master"));
        assertEquals("v-net-0", ipLink(ns.name(), "port1").get("master"));
        @SuppressWarnings("unchecked")
        List<String> flags = (List<String>) ipLink(ns.name(), "p0").get("flags");
        assertTrue(flags.contains("UP"));
        assertEquals(1280L, ipLink(ns.name(), "port1").get("mtu"));
        assertEquals("02:00:00:00:10:01", ipLink(ns.name(), "port1").get("address"));
        assertEquals(LinkOracle.ip(ns.name()), LinkOracle.library(l.list()));

        l.setNoMaster(p0);
        l.setUp(p0, false);
        assertFalse(ipLink(ns.name(), "p0").containsKey("master"));
        assertEquals(LinkOracle.ip(ns.name()), LinkOracle.library(l.list()));
        LinkInfo bridge = l.get(br);
        assertEquals("bridge", bridge.kind());
        assertEquals(br, l.get("port1").master());
    }

    @Test
    void vxlanAndMacvlan() {
        NetworkNamespace ns = namespaces.create("kinds");
        Links l = links(ns);
        l.create(Veth.named("under").peer("under-peer"));
        Sh.ip(ns.name(), "addr", "add", "10.99.0.1/24", "dev", "under");
        l.create(Vxlan.named("vx0", 4242).device("under").local("10.99.0.1").remote("10.99.0.2").port(4790));
        l.create(Macvlan.named("mv0", "under").mode(Macvlan.Mode.BRIDGE));
        Map<String, Object> vx = ipLink(ns.name(), "vx0");
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) ((Map<String, Object>) vx.get("linkinfo")).get("info_data");
        assertEquals(4242L, data.get("id"));
        assertEquals("10.99.0.2", data.get("remote"));
        assertEquals("10.99.0.1", data.get("local"));
        assertEquals("under", data.get("link"));
        assertEquals(4790L, data.get("port"));
        Map<String, Object> mv = ipLink(ns.name(), "mv0");
        @SuppressWarnings("unchecked")
        Map<String, Object> mvData = (Map<String, Object>) ((Map<String, Object>) mv.get("linkinfo")).get("info_data");
        assertEquals("bridge", mvData.get("mode"));
        assertEquals("under", mv.get("link"));
        assertEquals(LinkOracle.ip(ns.name()), LinkOracle.library(l.list()));
    }

    @Test
    void moveToAnotherNamespaceAndDelete() {
        NetworkNamespace a = namespaces.create("a");
        NetworkNamespace b = namespaces.create("b");
        Links la = links(a);
        la.create(Veth.named("mv-a").peer("mv-b"));
        la.moveTo(la.indexOf("mv-b"), b);
        assertTrue(links(a).find("mv-b").isEmpty());
        assertEquals("mv-b", ipLink(b.name(), "mv-b").get("ifname"));
        assertEquals(LinkOracle.ip(a.name()), LinkOracle.library(la.list()));
        assertEquals(LinkOracle.ip(b.name()), LinkOracle.library(links(b).list()));
        links(b).delete("mv-b");
        assertEquals(1, Sh.ipJson(a.name(), "link", "show").size(), "the peer goes with it");
        assertEquals(1, Sh.ipJson(b.name(), "link", "show").size());
    }

    @Test
    void groupDeleteRemovesManyInOneRequest() {
        NetworkNamespace ns = namespaces.create("grp");
        Links l = links(ns);
        for (int i = 0; i < 16; i++) {
            l.create(Veth.named("g" + i).peer("gp" + i).group(77));
        }
        l.create(Veth.named("keep").peer("keep-peer"));
        assertEquals(77, l.get("g3").group());
        l.deleteGroup(77);
        List<Object> left = Sh.ipJson(ns.name(), "link", "show");
        assertEquals(3, left.size(), left::toString); // lo, keep, keep-peer
        assertThrows(IllegalArgumentException.class, () -> l.deleteGroup(0));
    }

    @Test
    void statisticsMatchIproute2AfterTraffic() throws Exception {
        NetworkNamespace ns = namespaces.create("stats");
        Sh.ip(ns.name(), "link", "set", "lo", "up");
        Sh.inNs(ns.name(), "ping", "-c", "3", "-i", "0.2", "-W", "1", "127.0.0.1").ok();
        Links l = links(ns);
        LinkInfo lo = l.get("lo");
        assertNotNull(lo.stats());
        assertTrue(lo.stats().rxPackets() >= 6, lo.stats()::toString);
        assertEquals(LinkOracle.stats(ns.name()), LinkOracle.stats(l.list()));
        assertFalse(lo.unknown().list().isEmpty(), "unmodeled attributes are kept");
        assertNotNull(lo.unknown().get(6), "IFLA_QDISC is kept as a raw attribute");
    }

    @Test
    void sameReadingAsIproute2ForANamespaceBuiltWithIp() {
        String ns = namespaces.createWithIp("ipbuilt");
        String other = namespaces.createWithIp("ipother");
        Sh.ip(ns, "link", "add", "br0", "type", "bridge");
        for (int i = 0; i < 4; i++) {
            Sh.ip(ns, "link", "add", "e" + i, "type", "veth", "peer", "name", "e" + i + "p");
            Sh.ip(ns, "link", "set", "e" + i, "master", "br0");
            Sh.ip(ns, "link", "set", "e" + i, "up");
        }
        Sh.ip(ns, "link", "add", "far", "type", "veth", "peer", "name", "far-peer", "netns", other);
        Sh.ip(ns, "link", "set", "far", "mtu", "9000", "group", "5", "address", "02:aa:bb:cc:dd:ee");
        Sh.ip(ns, "link", "set", "br0", "up");
        try (NetworkNamespace h = NetworkNamespace.open(ns)) {
            assertEquals(LinkOracle.ip(ns), LinkOracle.library(links(h).list()));
        }
    }

    @Test
    void badInputIsRefusedClearlyAndLeavesNothing() {
        NetworkNamespace ns = namespaces.create("bad");
        Links l = links(ns);
        IllegalArgumentException longName = assertThrows(IllegalArgumentException.class,
                () -> Veth.named("a-name-over-15-bytes"));
        assertTrue(longName.getMessage().contains("15"), longName.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Bridge.named(""));
        assertThrows(IllegalArgumentException.class, () -> Veth.named("x").mac("02:00:00:00:00"));
        assertThrows(IllegalArgumentException.class, () -> Veth.named("x").mtu(20));

        NoSuchDeviceException noMaster = assertThrows(NoSuchDeviceException.class, () -> l.indexOf("no-such-br"));
        assertTrue(noMaster.getMessage().contains("no-such-br"), noMaster.getMessage());
        NetlinkException noDevice = assertThrows(NetlinkException.class, () -> l.setMaster(9999, 1));
        assertTrue(noDevice.getMessage().contains("9999"), noDevice.getMessage());
        assertThrows(NoSuchDeviceException.class, () -> l.delete("ghost"));
        assertThrows(NoSuchDeviceException.class, () -> l.get(4242));

        l.create(Veth.named("taken").peer("taken-peer"));
        int before = Sh.ipJson(ns.name(), "link", "show").size();
        AlreadyExistsException taken = assertThrows(AlreadyExistsException.class,
                () -> l.create(Veth.named("fresh").peer("taken")));
        assertTrue(taken.getMessage().startsWith("create veth fresh"), taken.getMessage());
        assertEquals(before, Sh.ipJson(ns.name(), "link", "show").size(), "a failed veth create leaves no link");
        assertTrue(l.find("fresh").isEmpty());
    }

    @Test
    void modeledOnlyReadsTheSameFieldsWithoutCopyingTheRest() throws Exception {
        NetworkNamespace ns = namespaces.create("lean");
        Links full = links(ns);
        full.create(Veth.named("ln0").peer("ln0-peer").mtu(1450).group(3));
        Links lean = full.modeledOnly();
        int index = full.indexOf("ln0");
        LinkInfo kept = full.get(index);
        LinkInfo modeled = lean.get(index);
        assertFalse(kept.unknown().list().isEmpty());
        assertTrue(modeled.unknown().list().isEmpty());
        assertEquals(LinkInfo.Unknown.NONE, modeled.unknown());
        assertEquals(kept.name(), modeled.name());
        assertEquals(kept.peerIndex(), modeled.peerIndex());
        assertEquals(LinkOracle.ip(ns.name()), LinkOracle.library(lean.list()));
        assertEquals("ln0", lean.find("ln0").orElseThrow().name());

        // what a lookup allocates, the reply's ~1.5 KB attribute copy included or not
        // (by reflection: the test classes compile inside module io.jnetlink.rtnl, which does not
        // read jdk.management; they run on the class path, where it is readable)
        Object mx = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
        java.lang.reflect.Method allocated =
                Class.forName("com.sun.management.ThreadMXBean").getMethod("getThreadAllocatedBytes", long.class);
        long tid = Thread.currentThread().threadId();
        int n = 3000;
        for (int i = 0; i < n; i++) {
            full.get(index);
            lean.get(index);
        }
        long a0 = (long) allocated.invoke(mx, tid);
        for (int i = 0; i < n; i++) {
            full.get(index);
        }
        long a1 = (long) allocated.invoke(mx, tid);
        for (int i = 0; i < n; i++) {
            lean.get(index);
        }
        long a2 = (long) allocated.invoke(mx, tid);
        long perFull = (a1 - a0) / n;
        long perLean = (a2 - a1) / n;
        System.out.printf("Links.get allocation: %d B/op keeping unknown attributes, %d B/op modeledOnly%n",
                perFull, perLean);
        assertTrue(perFull - perLean > 1000, () -> perFull + " vs " + perLean + " B/op");
    }

    @Test
    void bulkUpAndMasterPipelined() {
        NetworkNamespace ns = namespaces.create("bulk");
        Links l = links(ns);
        l.create(Bridge.named("bulkbr"));
        int br = l.indexOf("bulkbr");
        int n = 300; // more than one batch of 256
        List<Veth> specs = new java.util.ArrayList<>();
        for (int i = 0; i < n / 2; i++) {
            specs.add(Veth.named("b" + i).peer("bp" + i));
        }
        l.createAll(specs);
        int[] ports = l.list().stream().filter(x -> x.name().startsWith("b") && !x.name().equals("bulkbr"))
                .mapToInt(LinkInfo::index).toArray();
        assertEquals(n, ports.length);
        l.setMasterAll(ports, br);
        l.setUpAll(ports, true);
        int enslavedUp = 0;
        for (Map<String, Object> x : Oracle.objects(Sh.ipJson(ns.name(), "link", "show"))) {
            @SuppressWarnings("unchecked")
            List<String> flags = (List<String>) x.get("flags");
            if ("bulkbr".equals(x.get("master")) && flags.contains("UP")) {
                enslavedUp++;
            }
        }
        assertEquals(n, enslavedUp);
        // operstate settles a moment after IFF_UP (LOWERLAYERDOWN -> UP) on a loaded machine
        Oracle.eventually(() -> assertEquals(LinkOracle.ip(ns.name()), LinkOracle.library(l.list())));

        l.setMasterAll(ports, 0);
        l.setUpAll(ports, false);
        assertTrue(Oracle.objects(Sh.ipJson(ns.name(), "link", "show")).stream()
                .noneMatch(x -> x.containsKey("master") || ((List<?>) x.get("flags")).contains("UP")));

        assertThrows(IllegalArgumentException.class, () -> l.setUpAll(new int[] {ports[0], 0}, true));
        assertFalse(((List<?>) ipLink(ns.name(), "b0").get("flags")).contains("UP"), "nothing sent on bad input");
        NetlinkException missing = assertThrows(NetlinkException.class,
                () -> l.setUpAll(new int[] {ports[0], 99999, ports[1]}, true));
        assertTrue(missing.getMessage().contains("links up"), missing.getMessage());
    }

    @Test
    void createReturningIndexTakesTheIndexFromTheKernelsEcho() {
        NetworkNamespace ns = namespaces.create("echo");
        NetworkNamespace other = namespaces.create("echo-peer");
        Links l = links(ns);
        int br = l.createReturningIndex(Bridge.named("ebr"));
        int veth = l.createReturningIndex(Veth.named("ev0").peer("ev0-peer"));
        int far = l.createReturningIndex(Veth.named("ev1").peer("ev1-peer", other));
        assertEquals((long) br, ipLink(ns.name(), "ebr").get("ifindex"));
        assertEquals((long) veth, ipLink(ns.name(), "ev0").get("ifindex"));
        assertEquals((long) far, ipLink(ns.name(), "ev1").get("ifindex"));
        // on this kernel the index really comes from the echo (NLM_F_ECHO on RTM_NEWLINK: Linux 6.3+)
        String[] v = System.getProperty("os.version").split("[.-]");
        if (Integer.parseInt(v[0]) > 6 || Integer.parseInt(v[0]) == 6 && Integer.parseInt(v[1]) >= 3) {
            Integer echoed = l.createWith(Veth.named("ev2").peer("ev2-peer"), true);
            assertNotNull(echoed, "the kernel echoed the new link");
            assertEquals((long) echoed, ipLink(ns.name(), "ev2").get("ifindex"));
        }
        int before = Sh.ipJson(ns.name(), "link", "show").size();
        assertThrows(AlreadyExistsException.class, () -> l.createReturningIndex(Veth.named("ev3").peer("ev0")));
        assertEquals(before, Sh.ipJson(ns.name(), "link", "show").size(), "nothing half-made");
    }
}
