package io.jnetlink.rtnl.bridge;

import static io.jnetlink.core.codec.Netlink.NLM_F_APPEND;
import static io.jnetlink.core.codec.Netlink.NLM_F_CREATE;
import static io.jnetlink.core.codec.Netlink.NLM_F_EXCL;
import static io.jnetlink.core.codec.Netlink.NLM_F_REPLACE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.rtnl.Fuzz;
import io.jnetlink.rtnl.Golden;
import io.jnetlink.core.net.IpPrefix;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * FDB entries, port options and port VLANs against iproute2's {@code bridge} (golden/bridge/; bp0
 * is ifindex 6, vx0 7), decoding back, validation, fuzzing.
 */
class BridgeCodecTest {
    private static final int BP0 = 6;
    private static final int VX0 = 7;

    private static FdbEntry.Builder entry(String mac, int dev) {
        return FdbEntry.builder().mac(mac).dev(dev);
    }

    @Test
    void fdbRequestsAreWhatBridgeSends() {
        // bridge fdb add 02:00:00:00:00:a1 dev bp0 master static
        Golden.assertMatches("bridge/fdb_add_master_static", w -> Fdb.encode(w, Br.RTM_NEWNEIGH,
                NLM_F_CREATE | NLM_F_EXCL, entry("02:00:00:00:00:a1", BP0).master().asStatic().build(), BP0));
        // bridge fdb add 02:00:00:00:00:a2 dev bp0 self permanent
        Golden.assertMatches("bridge/fdb_add_self_permanent", w -> Fdb.encode(w, Br.RTM_NEWNEIGH,
                NLM_F_CREATE | NLM_F_EXCL, entry("02:00:00:00:00:a2", BP0).self().build(), BP0));
        // bridge fdb replace 02:00:00:00:00:a1 dev bp0 master static
        Golden.assertMatches("bridge/fdb_replace_master", w -> Fdb.encode(w, Br.RTM_NEWNEIGH,
                NLM_F_CREATE | NLM_F_REPLACE, entry("02:00:00:00:00:a1", BP0).master().asStatic().build(), BP0));
        // bridge fdb append 00:00:00:00:00:00 dev vx0 dst 192.168.15.8 self permanent
        Golden.assertMatches("bridge/fdb_append_vxlan", w -> Fdb.encode(w, Br.RTM_NEWNEIGH,
                NLM_F_CREATE | NLM_F_APPEND, entry("00:00:00:00:00:00", VX0).self().destination("192.168.15.8").build(), VX0));
        // bridge fdb add 02:00:00:00:00:b1 dev vx0 dst 192.168.15.9 vni 42 port 4789 self permanent
        Golden.assertMatches("bridge/fdb_add_vxlan_full", w -> Fdb.encode(w, Br.RTM_NEWNEIGH,
                NLM_F_CREATE | NLM_F_EXCL, entry("02:00:00:00:00:b1", VX0).self().destination("192.168.15.9").vni(42)
                        .port(4789).build(), VX0));
        // bridge fdb del 02:00:00:00:00:a1 dev bp0 master
        Golden.assertMatches("bridge/fdb_del_master", w -> Fdb.encode(w, Br.RTM_DELNEIGH, 0,
                entry("02:00:00:00:00:a1", BP0).master().build(), BP0));
        // bridge fdb del 02:00:00:00:00:b1 dev vx0 dst 192.168.15.9 self
        Golden.assertMatches("bridge/fdb_del_vxlan", w -> Fdb.encode(w, Br.RTM_DELNEIGH, 0,
                entry("02:00:00:00:00:b1", VX0).self().destination("192.168.15.9").build(), VX0));
    }

    @Test
    void fdbRequestsWithAVlanAreWhatBridgeSends() {
        // bridge fdb add 02:00:00:00:00:a3 dev bp0 master static vlan 10   (refused here: no VLAN 10 on bp0)
        Golden.assertMatches("bridge/fdb_add_master_vlan", w -> Fdb.encode(w, Br.RTM_NEWNEIGH,
                NLM_F_CREATE | NLM_F_EXCL, entry("02:00:00:00:00:a3", BP0).master().asStatic().vlan(10).build(), BP0));
        // bridge fdb add 02:00:00:00:00:a4 dev bp0 self permanent vlan 20   (refused here)
        Golden.assertMatches("bridge/fdb_add_self_vlan", w -> Fdb.encode(w, Br.RTM_NEWNEIGH,
                NLM_F_CREATE | NLM_F_EXCL, entry("02:00:00:00:00:a4", BP0).self().vlan(20).build(), BP0));
        // bridge fdb del 02:00:00:00:00:a3 dev bp0 master vlan 10
        Golden.assertMatches("bridge/fdb_del_master_vlan", w -> Fdb.encode(w, Br.RTM_DELNEIGH, 0,
                entry("02:00:00:00:00:a3", BP0).master().vlan(10).build(), BP0));
        // bridge fdb add 02:00:00:00:00:a5 dev vx0 dst 192.168.15.9 vlan 30 vni 42 port 4789 self permanent
        Golden.assertMatches("bridge/fdb_add_vxlan_vlan", w -> Fdb.encode(w, Br.RTM_NEWNEIGH,
                NLM_F_CREATE | NLM_F_EXCL, entry("02:00:00:00:00:a5", VX0).self().destination("192.168.15.9").vlan(30)
                        .vni(42).port(4789).build(), VX0));
    }

    @Test
    void fdbVlansDecodeBack() {
        FdbEntryInfo m = Golden.decode(Golden.load("bridge/fdb_add_master_vlan"), FdbEntryInfo::decode);
        assertEquals(10, m.vlan());
        assertEquals(FdbState.STATIC, m.state());
        assertTrue(m.master());
        FdbEntryInfo v = Golden.decode(Golden.load("bridge/fdb_add_vxlan_vlan"), FdbEntryInfo::decode);
        assertEquals(30, v.vlan());
        assertEquals(42, v.vni());
        assertEquals(4789, v.port());
        assertEquals(IpPrefix.parseAddress("192.168.15.9"), v.destination());
        assertEquals(0, Golden.decode(Golden.load("bridge/fdb_add_master_static"), FdbEntryInfo::decode).vlan());
        assertTrue(entry("02:00:00:00:00:a3", BP0).master().vlan(10).build().toString().contains(" vlan 10"));
        assertMessage("1..4094", () -> entry("02:00:00:00:00:01", 1).vlan(0));
        assertMessage("1..4094", () -> entry("02:00:00:00:00:01", 1).vlan(4095));
    }

    @Test
    void portRequestsAreWhatBridgeSends() {
        // bridge link set dev bp0 learning off
        Golden.assertMatches("bridge/port_learning_off",
                w -> BridgePorts.encodeOptions(w, BP0, PortOptions.builder().learning(false).build()));
        // bridge link set dev bp0 cost 10 priority 5 hairpin on learning on flood off isolated on
        Golden.assertMatches("bridge/port_all", w -> BridgePorts.encodeOptions(w, BP0, PortOptions.builder().cost(10)
                .priority(5).hairpin(true).learning(true).flood(false).isolated(true).build()));
        // bridge vlan add dev bp0 vid 10 pvid untagged
        Golden.assertMatches("bridge/vlan_add_pvid",
                w -> BridgePorts.encodeVlan(w, Br.RTM_SETLINK, BP0, PortVlan.pvidUntagged(10)));
        // bridge vlan add dev bp0 vid 20-30
        Golden.assertMatches("bridge/vlan_add_range",
                w -> BridgePorts.encodeVlan(w, Br.RTM_SETLINK, BP0, PortVlan.range(20, 30)));
        // bridge vlan del dev bp0 vid 10
        Golden.assertMatches("bridge/vlan_del", w -> BridgePorts.encodeVlan(w, Br.RTM_DELLINK, BP0, PortVlan.of(10)));
    }

    @Test
    void fdbEntriesDecodeBack() {
        FdbEntryInfo e = Golden.decode(Golden.load("bridge/fdb_add_vxlan_full"), FdbEntryInfo::decode);
        assertEquals("02:00:00:00:00:b1", e.mac());
        assertEquals(VX0, e.ifindex());
        assertEquals(IpPrefix.parseAddress("192.168.15.9"), e.destination());
        assertEquals(42, e.vni());
        assertEquals(4789, e.port());
        assertTrue(e.self());
        assertEquals(FdbState.PERMANENT, e.state());
        FdbEntryInfo s = Golden.decode(Golden.load("bridge/fdb_add_master_static"), FdbEntryInfo::decode);
        assertEquals(FdbState.STATIC, s.state());
        assertTrue(s.master());
        assertEquals(-1, s.vni());
        assertNull(s.destination());
    }

    @Test
    void badEntriesFailBeforeSending() {
        assertMessage("bad MAC address \"02:00:00:00:00\"", () -> entry("02:00:00:00:00", 1).build());
        assertMessage("by name or by index", () -> FdbEntry.builder().mac("02:00:00:00:00:01").build());
        assertMessage("0..16777215", () -> entry("02:00:00:00:00:01", 1).vni(1 << 24).build());
        assertMessage("1..65535", () -> entry("02:00:00:00:00:01", 1).port(70000).build());
        assertMessage("1..65535", () -> PortOptions.builder().cost(0).build());
        assertMessage("0..63", () -> PortOptions.builder().priority(64).build());
        assertMessage("1..4094", () -> PortVlan.of(4095));
        assertMessage("1..4094", () -> PortVlan.range(30, 20));
        assertMessage("a PVID is one VLAN", () -> new PortVlan(10, 20, true, false));
    }

    @Test
    void fuzzedFdbAndPortMessagesOnlyEverRaiseMalformed() {
        List<byte[]> fdb = List.of(Golden.load("bridge/fdb_add_vxlan_full"), Golden.load("bridge/fdb_add_master_static"));
        Fuzz.Result f = Fuzz.run(7, 3000, Br.RTM_NEWNEIGH, fdb, FdbEntryInfo::decode);
        assertTrue(f.decoded() > 500 && f.malformed() > 100, "the fuzzer reached the FDB decoder: " + f);
        // A port as the kernel reports it: RTM_NEWLINK of AF_BRIDGE with IFLA_PROTINFO and IFLA_AF_SPEC.
        List<byte[]> ports = List.of(asNewLink(Golden.load("bridge/port_all")), asNewLink(Golden.load("bridge/vlan_add_range")),
                asNewLink(Golden.encode(w -> {
                    BridgePorts.encodeOptions(w, BP0, PortOptions.builder().learning(true).build());
                })));
        Fuzz.Result p = Fuzz.run(8, 3000, Br.RTM_NEWLINK, ports, PortInfo::decode);
        assertTrue(p.decoded() > 300 && p.malformed() > 100, "the fuzzer reached the port decoder: " + p);
    }

    @Test
    void decodesThePortTheKernelReported() {
        // The kernel's RTM_NEWLINK of AF_BRIDGE for bp0 after bridge link set dev bp0 cost 10 priority 5
        // hairpin on learning on flood off isolated on (golden/bridge/reply_port_newlink.hex).
        PortInfo p = Golden.decode(Golden.load("bridge/reply_port_newlink"), PortInfo::decode);
        assertEquals("bp0", p.name());
        assertEquals(BP0, p.ifindex());
        assertEquals(4, p.masterIndex());
        assertEquals(3, p.stpState(), "forwarding");
        assertEquals(PortOptions.builder().cost(10).priority(5).hairpin(true).learning(true).flood(false).isolated(true)
                .build(), p.options());
        assertTrue(p.unknown().size() > 20, "the attributes not modelled are kept: " + p.unknown().size());
    }

    @Test
    void aPortDecodesItsOptionsAndVlanRanges() {
        PortInfo p = Golden.decode(asNewLink(Golden.load("bridge/port_all")), PortInfo::decode);
        assertEquals(PortOptions.builder().cost(10).priority(5).hairpin(true).learning(true).flood(false).isolated(true)
                .build(), p.options());
        byte[] spec = asNewLink(Golden.encode(w -> BridgePorts.encodeVlan(w, Br.RTM_SETLINK, BP0, PortVlan.range(20, 30))));
        // A port without IFLA_PROTINFO is not a port (the bridge itself): add an empty one.
        byte[] withProt = new byte[spec.length + 4];
        System.arraycopy(spec, 0, withProt, 0, spec.length);
        withProt[spec.length] = 4;
        withProt[spec.length + 2] = (byte) Br.IFLA_PROTINFO;
        withProt[spec.length + 3] = (byte) 0x80;
        withProt[0] = (byte) withProt.length;
        assertEquals(List.of(PortVlan.range(20, 30)), Golden.decode(withProt, PortInfo::decode).vlans());
    }

    /** A request turned into the RTM_NEWLINK the kernel answers with. */
    private static byte[] asNewLink(byte[] request) {
        byte[] b = request.clone();
        b[4] = (byte) Br.RTM_NEWLINK;
        b[5] = 0;
        return b;
    }

    private static void assertMessage(String part, Supplier<?> s) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, s::get);
        assertTrue(e.getMessage().contains(part), () -> "message '" + e.getMessage() + "' should contain '" + part + "'");
    }
}
