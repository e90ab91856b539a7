package io.jnetlink.rtnl.neigh;

import static io.jnetlink.core.codec.Netlink.NLM_F_CREATE;
import static io.jnetlink.core.codec.Netlink.NLM_F_EXCL;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.codec.Message;
import io.jnetlink.rtnl.Fuzz;
import io.jnetlink.rtnl.Golden;
import io.jnetlink.core.net.IpPrefix;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Encoding against iproute2's bytes, decoding, validation and fuzzing of neighbours; no kernel. */
class NeighbourCodecTest {
    @Test
    void addPermanentIsWhatIproute2Sends() {
        // ip neigh add 192.168.15.9 lladdr 02:00:00:00:00:09 nud permanent dev gx0
        Golden.assertMatches("rtm_newneigh_permanent", w -> Neighbours.encodeNew(w, NLM_F_CREATE | NLM_F_EXCL, 3,
                IpPrefix.parseAddress("192.168.15.9"), NeighbourInfo.parseMac("02:00:00:00:00:09")));
    }

    @Test
    void aSpecWritesWhatIproute2Sends() {
        // ip neigh add 192.168.15.9 lladdr 02:00:00:00:00:09 nud permanent dev gx0
        NeighbourSpec spec = NeighbourSpec.builder().link(3).address("192.168.15.9").mac("02:00:00:00:00:09").build();
        Golden.assertMatches("rtm_newneigh_permanent", w -> Neighbours.encodeNew(w, NLM_F_CREATE | NLM_F_EXCL, spec));
        assertEquals("permanent neighbour 192.168.15.9 lladdr 02:00:00:00:00:09 on link 3", spec.toString());
        assertEquals("a neighbour entry needs a link",
                assertThrows(IllegalArgumentException.class, () -> NeighbourSpec.builder().address("10.0.0.1").build())
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> NeighbourSpec.builder().state(NeighbourState.NONE));
    }

    @Test
    void deleteIsWhatIproute2Sends() {
        // ip neigh del 192.168.15.9 dev gx0
        Golden.assertMatches("rtm_delneigh", w -> Neighbours.encodeDelete(w, 3, IpPrefix.parseAddress("192.168.15.9")));
    }

    @Test
    void macAddresses() {
        assertArrayEquals(new byte[] {2, 0, (byte) 0xab, 0, 0, 9}, NeighbourInfo.parseMac("02:00:AB:00:00:09"));
        assertArrayEquals(new byte[] {2, 0, (byte) 0xab, 0, 0, 9}, NeighbourInfo.parseMac("02-00-ab-00-00-09"));
        assertEquals("02:00:ab:00:00:09", NeighbourInfo.formatMac(new byte[] {2, 0, (byte) 0xab, 0, 0, 9}));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "02:00:00:00:00", "02:00:00:00:00:09:01", "02:00:00:00:00:9", "02:00:00:00:00:0g",
            "0200.0000.0009", "02:00:00:00:00:009"})
    void badMacsAreRefusedNamingThem(String mac) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NeighbourInfo.parseMac(mac));
        assertTrue(e.getMessage().contains("\"" + mac + "\""), e.getMessage());
    }

    @Test
    void decodesAndKeepsUnknownAttributes() {
        byte[] b = Golden.encode(w -> {
            w.begin(28, 0);
            w.u8(10).u8(0).u16(0).s32(4).u16(0x02).u8(0x80).u8(1);
            w.attrBytes(1, IpPrefix.parseAddress("fd00::9").getAddress());
            w.attrBytes(2, new byte[] {2, 0, 0, 0, 0, 9});
            w.attrU32(4, 1); // NDA_PROBES
            w.end();
        });
        NeighbourInfo n = decode(b);
        assertEquals(IpPrefix.AF_INET6, n.family());
        assertEquals(4, n.ifindex());
        assertEquals("fd00::9", IpPrefix.format(n.address()));
        assertEquals("02:00:00:00:00:09", n.mac());
        assertEquals(NeighbourState.REACHABLE, n.state());
        assertEquals(Set.of(NeighbourState.REACHABLE), n.states());
        assertEquals(NeighbourInfo.NTF_ROUTER, n.flags());
        assertEquals(1, n.unknown().size());
    }

    @Test
    void entryWithoutLinkLayerAddress() {
        byte[] b = Golden.encode(w -> {
            w.begin(28, 0);
            w.u8(2).u8(0).u16(0).s32(4).u16(0x20).u8(0).u8(1);
            w.attrBytes(1, new byte[] {10, 0, 0, 9});
            w.end();
        });
        NeighbourInfo n = decode(b);
        assertNull(n.mac());
        assertEquals(NeighbourState.FAILED, n.state());
        byte[] none = Golden.encode(w -> {
            w.begin(28, 0);
            w.u8(2).u8(0).u16(0).s32(4).u16(0).u8(0).u8(1);
            w.attrBytes(1, new byte[] {10, 0, 0, 9});
            w.end();
        });
        assertEquals(NeighbourState.NONE, decode(none).state());
    }

    @Test
    void fuzzedMessagesOnlyEverRaiseMalformed() {
        List<byte[]> seeds = List.of(Golden.load("rtm_newneigh_permanent"), Golden.load("rtm_delneigh"));
        Fuzz.Result r = Fuzz.run(99, 20_000, 28, seeds, NeighbourInfo::decode);
        assertTrue(r.decoded() > 1000 && r.malformed() > 1000, "fuzzer reached both outcomes: " + r);
    }

    private static NeighbourInfo decode(byte[] b) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(b.length);
            MemorySegment.copy(b, 0, seg, ValueLayout.JAVA_BYTE, 0, b.length);
            return NeighbourInfo.decode(Message.at(seg, 0));
        }
    }
}
