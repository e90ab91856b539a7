package io.jnetlink.rtnl.link;

import static io.jnetlink.core.codec.Netlink.NETLINK_ROUTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jnetlink.core.AlreadyExistsException;
import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.netns.Rootless;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import io.jnetlink.rtnl.Netns;
import io.jnetlink.rtnl.Oracle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tun and tap devices made through /dev/net/tun inside a namespace, checked with
 * {@code ip -j -d link show} (type, persistence, owner and group, queues), read back and deleted
 * over rtnetlink.
 */
@KernelTest
class TunKernelTest {
    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    private NetworkNamespace ns;
    private String n;
    private Links links;

    /** Rootless, the user namespace maps one uid and gid, as 0: the only owner there is. */
    private static final boolean ROOTLESS = Rootless.active();
    private static final int UID = ROOTLESS ? 0 : 4242;
    private static final int GID = ROOTLESS ? 0 : 4243;

    /** How ip -j shows an owner: by name if the id has one (0 is root), else the number. */
    private static boolean isId(Object shown, int id) {
        return String.valueOf(id).equals(String.valueOf(shown)) || (id == 0 && "root".equals(shown));
    }

    @BeforeEach
    void aNamespace() {
        Path tun = Path.of("/dev/net/tun");
        assumeTrue(Files.isReadable(tun) && Files.isWritable(tun), "/dev/net/tun is not open to this user"
                + " (rootless, a 0600 device node cannot be opened; most distributions make it 0666)");
        ns = namespaces.create("tun");
        n = ns.name();
        links = new Links(ns);
    }

    private Map<String, Object> link(String name) {
        return Oracle.objects(Sh.ipJson(n, "-d", "link", "show", "dev", name)).get(0);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> infoData(String name) {
        Map<String, Object> info = (Map<String, Object>) link(name).get("linkinfo");
        assertEquals("tun", info.get("info_kind"), name);
        return (Map<String, Object>) info.get("info_data");
    }

    @Test
    void tapAndTunAreMadeInTheNamespaceAndReadBack() {
        Tun tap = Tun.named("jtap0", Tun.Type.TAP).owner(UID).ownerGroup(GID).multiQueue(true);
        Tun tun = Tun.named("jtun0", Tun.Type.TUN).packetInfo(true).mtu(1400);
        int tapIndex = links.createReturningIndex(tap);
        links.create(tun);

        Map<String, Object> tapData = infoData("jtap0");
        assertEquals(List.of("tap", true, true, false, false),
                List.of(tapData.get("type"), tapData.get("persist"), tapData.get("multi_queue"), tapData.get("pi"),
                        tapData.get("vnet_hdr")));
        assertTrue(isId(tapData.get("user"), UID) && isId(tapData.get("group"), GID), tapData.toString());
        assertEquals("ether", link("jtap0").get("link_type"));
        assertEquals(Oracle.ifindex(n, "jtap0"), tapIndex);
        Map<String, Object> tunData = infoData("jtun0");
        assertEquals(List.of("tun", true, false, true), List.of(tunData.get("type"), tunData.get("persist"),
                tunData.get("multi_queue"), tunData.get("pi")));
        assertFalse(tunData.containsKey("user"), "no owner was set");
        assertEquals("none", link("jtun0").get("link_type"), "layer 3: no hardware address");
        assertEquals(1400L, link("jtun0").get("mtu"));

        assertEquals(tap.data(), links.get(tapIndex).kindData());
        assertEquals(new Tun.Data(Tun.Type.TAP, UID, GID, false, false, true, true), links.get("jtap0").kindData());
        assertEquals(tun.data(), links.get("jtun0").kindData());
        assertFalse(Sh.exec("ip", "link", "show", "dev", "jtap0").exit() == 0, "made inside the namespace, not beside the JVM");

        // an ordinary link from here on: up, and deleted over rtnetlink
        links.setUp(tapIndex, true);
        assertTrue(((List<?>) link("jtap0").get("flags")).contains("UP"));
        links.delete(tapIndex);
        links.delete("jtun0");
        assertFalse(Sh.ip(n, "link", "show").contains("jtap0"));
        assertFalse(Sh.ip(n, "link", "show").contains("jtun0"));
    }

    @Test
    void theFluentApiMakesOneToo() {
        // Netns's links know their namespace: the card's link(spec).up() works for tun/tap as for any kind
        Netns.wrap(ns).link(Tun.named("jtap4", Tun.Type.TAP).owner(UID)).up().address("192.168.77.1/24");
        assertEquals("tap", infoData("jtap4").get("type"));
        assertTrue(((List<?>) link("jtap4").get("flags")).contains("UP"));
        assertTrue(Sh.ip(n, "-4", "addr", "show", "dev", "jtap4").contains("192.168.77.1/24"));
    }

    @Test
    void aTakenNameIsRefusedAndTheDeviceThereIsLeftAlone() {
        Sh.ip(n, "tuntap", "add", "mode", "tap", "jtap1", "user", String.valueOf(UID));
        Sh.ip(n, "link", "add", "gx0", "type", "veth", "peer", "name", "gx1");
        AlreadyExistsException e = assertThrows(AlreadyExistsException.class,
                () -> links.create(Tun.named("jtap1", Tun.Type.TAP).multiQueue(true)));
        assertTrue(e.getMessage().contains("jtap1"), e.getMessage());
        assertEquals(false, infoData("jtap1").get("multi_queue"), "the existing device is unchanged");
        assertTrue(isId(infoData("jtap1").get("user"), UID), infoData("jtap1").toString());
        assertThrows(AlreadyExistsException.class, () -> links.create(Tun.named("gx0", Tun.Type.TUN)));
        assertEquals("veth", ((Map<?, ?>) link("gx0").get("linkinfo")).get("info_kind"));
    }

    @Test
    void aSharedSettingTheDeviceRefusesLeavesNothing() {
        // a tun device (layer 3) has no hardware address to set
        assertThrows(io.jnetlink.core.NetlinkException.class,
                () -> links.create(Tun.named("jtun3", Tun.Type.TUN).mac("02:00:00:00:00:01")));
        assertFalse(Sh.ip(n, "link", "show").contains("jtun3"), "deleted again");
        links.create(Tun.named("jtap3", Tun.Type.TAP).mac("02:00:00:00:00:01").group(7));
        assertEquals(List.of("02:00:00:00:00:01", "7"), List.of(link("jtap3").get("address"),
                String.valueOf(link("jtap3").get("group"))));
    }

    @Test
    void linksOfASocketAloneCannotMakeOneAndSaySo() {
        Links bySocket = new Links(ns.socket(NETLINK_ROUTE));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> bySocket.create(Tun.named("jtun2", Tun.Type.TUN)));
        assertTrue(e.getMessage().contains("new Links(namespace)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> links.createAll(List.of(Tun.named("jtun2", Tun.Type.TUN))));
        assertFalse(Sh.ip(n, "link", "show").contains("jtun2"), "nothing made");
        assertEquals(new Tun.Data(Tun.Type.TUN, null, null, false, false, true, false),
                bySocket.get(links.createReturningIndex(Tun.named("jtun2", Tun.Type.TUN))).kindData(),
                "read back by any Links");
    }
}
