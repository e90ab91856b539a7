package io.jnetlink.rtnl.bridge;

import static io.jnetlink.core.codec.Netlink.NETLINK_ROUTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.AlreadyExistsException;
import io.jnetlink.core.Errno;
import io.jnetlink.core.NetlinkException;
import io.jnetlink.core.NoSuchDeviceException;
import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.testing.Json;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.rtnl.family.KernelLacksException;
import io.jnetlink.rtnl.Oracle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bridge FDB entries (port entries and VXLAN remotes), port options and port VLANs against the
 * kernel, checked with {@code bridge -j fdb show} and {@code bridge -j -d link show}.
 */
@KernelTest
class BridgeKernelTest {
    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    private String n;
    private Fdb fdb;
    private BridgePorts ports;

    @BeforeEach
    void bridgeWithAVethPortAndAVxlanPort() {
        NetworkNamespace ns = namespaces.create("br");
        n = ns.name();
        Sh.ip(n, "link", "add", "gx0", "type", "veth", "peer", "name", "gx1");
        Sh.ip(n, "addr", "add", "192.168.15.5/24", "dev", "gx0");
        Sh.ip(n, "link", "add", "br0", "type", "bridge");
        Sh.ip(n, "link", "add", "bp0", "type", "veth", "peer", "name", "bp1");
        Sh.ip(n, "link", "set", "bp0", "master", "br0");
        Sh.ip(n, "link", "add", "vx0", "type", "vxlan", "id", "42", "dstport", "4789", "local", "192.168.15.5", "nolearning");
        Sh.ip(n, "link", "set", "vx0", "master", "br0");
        for (String l : new String[] {"gx0", "gx1", "br0", "bp0", "bp1", "vx0"}) {
            Sh.ip(n, "link", "set", l, "up");
        }
        fdb = new Fdb(ns.socket(NETLINK_ROUTE));
        ports = new BridgePorts(ns.socket(NETLINK_ROUTE));
    }

    @Test
    void fdbEntriesListAsBridgeShowsThem() {
        fdb.add(FdbEntry.builder().mac("02:00:00:00:00:a1").dev("bp0").master().asStatic().build());
        fdb.add(FdbEntry.builder().mac("02:00:00:00:00:c1").dev("bp0").master().build());
        fdb.append(FdbEntry.builder().mac("00:00:00:00:00:00").dev("vx0").self().destination("192.168.15.8").build());
        fdb.append(FdbEntry.builder().mac("00:00:00:00:00:00").dev("vx0").self().destination("192.168.15.10").build());
        fdb.add(FdbEntry.builder().mac("02:00:00:00:00:b1").dev("vx0").self().destination("192.168.15.9").vni(4242)
                .port(8472).build());
        Oracle.eventually(() -> assertEquals(oracle(), keys(fdb.list())));
        List<FdbEntryInfo> remote = fdb.list(Oracle.ifindex(n, "vx0")).stream()
                .filter(e -> e.mac().equals("02:00:00:00:00:b1")).toList();
        assertEquals(1, remote.size());
        assertEquals(4242, remote.get(0).vni());
        assertEquals(8472, remote.get(0).port());

        assertThrows(AlreadyExistsException.class,
                () -> fdb.add(FdbEntry.builder().mac("02:00:00:00:00:a1").dev("bp0").master().asStatic().build()));
        fdb.replace(FdbEntry.builder().mac("02:00:00:00:00:a1").dev("vx0").master().asStatic().build());
        fdb.delete(FdbEntry.builder().mac("02:00:00:00:00:c1").dev("bp0").master().build());
        fdb.delete(FdbEntry.builder().mac("00:00:00:00:00:00").dev("vx0").self().destination("192.168.15.8").build());
        Oracle.eventually(() -> assertEquals(oracle(), keys(fdb.list())));
        String shown = Sh.run("bridge", "-n", n, "fdb", "show");
        assertTrue(shown.contains("02:00:00:00:00:a1 dev vx0 master br0 static"), shown);
        assertFalse(shown.contains("02:00:00:00:00:c1"), shown);
        assertFalse(shown.contains("dst 192.168.15.8 "), shown);
        assertTrue(shown.contains("dst 192.168.15.10 "), shown);
        assertThrows(NoSuchDeviceException.class,
                () -> fdb.add(FdbEntry.builder().mac("02:00:00:00:00:a9").dev("nosuch").master().build()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void portOptionsAndStpStateAsBridgeShowsThem() {
        PortOptions set = PortOptions.builder().cost(10).priority(5).hairpin(true).learning(false).flood(false)
                .isolated(true).build();
        ports.set("bp0", set);
        PortInfo bp0 = ports.get("bp0");
        assertEquals(set, bp0.options());
        assertEquals(Oracle.ifindex(n, "br0"), bp0.masterIndex());
        for (PortInfo p : ports.list()) {
            Map<String, Object> o = Oracle.objects((List<Object>) Json.parse(
                    Sh.run("bridge", "-n", n, "-j", "-d", "link", "show", "dev", p.name()))).get(0);
            assertEquals(o.get("state"), STP_STATES.get(p.stpState()), p.name());
            assertEquals(((Long) o.get("cost")).longValue(), p.cost(), p.name());
            assertEquals(((Long) o.get("priority")).intValue(), p.priority(), p.name());
            assertEquals(o.get("hairpin"), p.hairpin(), p.name());
            assertEquals(o.get("learning"), p.learning(), p.name());
            assertEquals(o.get("flood"), p.flood(), p.name());
            assertEquals(o.get("isolated"), p.isolated(), p.name());
        }
        ports.set("bp0", PortOptions.builder().learning(true).isolated(false).build());
        PortInfo again = ports.get("bp0");
        assertTrue(again.learning());
        assertFalse(again.isolated());
        assertEquals(10, again.cost(), "options not named are left as they were");
        assertThrows(NoSuchDeviceException.class, () -> ports.get("gx0"), "gx0 is no bridge port");
    }

    @Test
    void vlansNeedAKernelWithVlanFiltering() {
        // This kernel is built without CONFIG_BRIDGE_VLAN_FILTERING: bridge vlan add fails too.
        assertTrue(Sh.exec("bridge", "-n", n, "vlan", "add", "dev", "bp0", "vid", "10").exit() != 0,
                "bridge vlan add is refused here as well");
        KernelLacksException e = assertThrows(KernelLacksException.class,
                () -> ports.addVlan("bp0", PortVlan.pvidUntagged(10)));
        assertTrue(e.getMessage().contains("lacks bridge VLAN filtering"), e.getMessage());
        assertTrue(e.getMessage().contains("add vid 10 pvid untagged to bridge port bp0"), e.getMessage());
    }

    @Test
    @SuppressWarnings("unchecked")
    void fdbEntriesWithAVlanAsThisKernelTakesThem() {
        // Without bridge VLAN filtering no VLAN is configured on a port: the bridge refuses a
        // master entry for a VLAN, as bridge fdb does too.
        assertTrue(Sh.exec("bridge", "-n", n, "fdb", "add", "02:00:00:00:00:a4", "dev", "bp0", "master", "static",
                "vlan", "10").exit() != 0, "bridge fdb add ... vlan 10 is refused here as well");
        NetlinkException e = assertThrows(NetlinkException.class, () -> fdb.add(
                FdbEntry.builder().mac("02:00:00:00:00:a3").dev("bp0").master().asStatic().vlan(10).build()));
        assertEquals(Errno.EINVAL, e.errno());
        assertNull(e.extAckMessage(), "the kernel gives no text");
        assertTrue(e.detail().contains("only if that VLAN is configured on the port"), e.getMessage());
        assertTrue(e.getMessage().contains("add fdb 02:00:00:00:00:a3 dev bp0 vlan 10 master static"), e.getMessage());
        assertFalse(Sh.run("bridge", "-n", n, "fdb", "show").contains("02:00:00:00:00:a3"), "nothing added");

        // A VXLAN device takes a remote entry with a VLAN but keeps no VLAN (its driver ignores
        // NDA_VLAN): bridge fdb shows the entry without one, and so does the library's list.
        fdb.add(FdbEntry.builder().mac("02:00:00:00:00:a5").dev("vx0").self().destination("192.168.15.9").vlan(30)
                .build());
        Map<String, Object> shown = Oracle.objects((List<Object>) Json.parse(Sh.run("bridge", "-n", n, "-j", "fdb",
                "show", "dev", "vx0"))).stream().filter(o -> "02:00:00:00:00:a5".equals(o.get("mac"))).findFirst()
                .orElseThrow();
        assertEquals("192.168.15.9", shown.get("dst"));
        assertFalse(shown.containsKey("vlan"), shown::toString);
        FdbEntryInfo listed = fdb.list(Oracle.ifindex(n, "vx0")).stream()
                .filter(x -> x.mac().equals("02:00:00:00:00:a5")).findFirst().orElseThrow();
        assertEquals(0, listed.vlan());
        assertEquals(IpPrefix.parseAddress("192.168.15.9"), listed.destination());
    }

    private static final List<String> STP_STATES = List.of("disabled", "listening", "learning", "forwarding", "blocking");

    /** Keys of {@code bridge -j fdb show}. */
    @SuppressWarnings("unchecked")
    private List<String> oracle() {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> e : Oracle.objects((List<Object>) Json.parse(Sh.run("bridge", "-n", n, "-j", "fdb", "show")))) {
            out.add(String.join("|", (String) e.get("mac"), (String) e.get("ifname"), String.valueOf(e.get("dst")),
                    String.valueOf(e.get("master")), String.valueOf(((List<Object>) e.get("flags")).contains("self")),
                    String.valueOf(e.get("state"))));
        }
        out.sort(null);
        return out;
    }

    /** The same keys for the library's entries. */
    private List<String> keys(List<FdbEntryInfo> list) {
        Map<Integer, String> names = Oracle.linkNames(n);
        List<String> out = new ArrayList<>();
        for (FdbEntryInfo e : list) {
            int s = e.stateBits();
            String state = (s & 0x80) != 0 ? "permanent" : (s & 0x40) != 0 ? "static" : (s & 0x04) != 0 ? "stale" : "";
            out.add(String.join("|", e.mac(), names.get(e.ifindex()),
                    e.destination() == null ? "null" : IpPrefix.format(e.destination()),
                    e.masterIndex() == 0 ? "null" : names.get(e.masterIndex()), String.valueOf(e.self()), state));
        }
        out.sort(null);
        return out;
    }
}
