package io.jnetlink.rtnl.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.rtnl.Golden;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A link of any kind with caller-written IFLA_INFO_DATA: the same bytes as iproute2 (and as the
 * kind's own file) when the caller writes the same attributes, read back as the kind's record or
 * raw, and bad writers refused where they are given.
 */
class GenericKindTest {
    @Test
    void writesWhatIproute2SendsForTheSameAttributes() throws Exception {
        byte[] local = InetAddress.getByName("192.168.15.5").getAddress();
        byte[] remote = InetAddress.getByName("192.168.15.9").getAddress();
        // ip link add vx0 type vxlan id 42 local 192.168.15.5 remote 192.168.15.9 dstport 4789
        GenericKind vx = GenericKind.named("vx0", "vxlan")
                .infoData(w -> w.attrU32(1, 42).attrBytes(4, local).attrBytes(2, remote).attrU8(7, 1).attrU16Be(15, 4789));
        Golden.assertMatches("rtm_newlink_vxlan", w -> Links.encodeCreate(w, vx, false));
        assertEquals(Vxlan.named("vx0", 42).local("192.168.15.5").remote("192.168.15.9").data(), vx.data(),
                "read as the kernel's vxlan data would be: vxlan's own record");
        // ip link add mv0 link gx0 type macvlan mode private  (gx0 = 3; IFLA_MACVLAN_MODE 1, private = 1)
        GenericKind mv = GenericKind.builder("mv0", "macvlan").parent(3).infoData(w -> w.attrU32(1, 1)).build();
        Golden.assertMatches("rtm_newlink_macvlan", w -> Links.encodeCreate(w, mv, false));
        // ip link add bd0 type bond mode active-backup miimon 100  (IFLA_BOND_MODE 1, _MIIMON 3)
        Golden.assertMatches("kind/bond", w -> Links.encodeCreate(w,
                GenericKind.named("bd0", "bond").infoData(d -> d.attrU8(1, 1).attrU32(3, 100)), false));
        // ip link add wg0 type wireguard: no IFLA_INFO_DATA at all
        Golden.assertMatches("kind/wireguard", w -> Links.encodeCreate(w, GenericKind.named("wg0", "wireguard"), false));
    }

    @Test
    void anUnmodeledKindReadsBackRawAndCopiesFromItsRecord() {
        GenericKind ms = GenericKind.named("ms0", "macsec").infoData(w -> w.attrU64(1, 0x1122334455667788L).attrU8(5, 1)
                .nest(0x8000 | 9, n -> n.attrU16(1, 7)));
        KindData.Other o = (KindData.Other) ms.data();
        assertEquals("macsec", o.kind());
        assertEquals(3, o.attributes().size());
        assertEquals(0x8000 | 9, o.attributes().get(2).type(), "a nest keeps its flag");
        GenericKind copy = GenericKind.named("ms1", "macsec").infoData(o.attributes());
        assertEquals(o, copy.data());
        assertEquals(new KindData.Other("nlmon", List.of()), GenericKind.named("nl0", "nlmon").data());
        assertEquals(List.of(new RawAttribute(1, new byte[] {1, 0, 0, 0})),
                ((KindData.Other) GenericKind.named("x", "nlmon").infoData(w -> w.attrU32(1, 1)).data()).attributes());
    }

    @Test
    void badWritersAndNamesFailWhereGiven() {
        GenericKind.Builder b = GenericKind.builder("x0", "macsec");
        IllegalArgumentException begun = assertThrows(IllegalArgumentException.class,
                () -> b.infoData(w -> w.end().begin(16, 0)));
        assertTrue(begun.getMessage().contains("must write attributes only"), begun.getMessage());
        IllegalArgumentException open = assertThrows(IllegalArgumentException.class,
                () -> b.infoData(w -> w.nestStart(1)));
        assertTrue(open.getMessage().contains("nested attribute(s) still open"), open.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.infoData(w -> w.attrBytes(1, new byte[65_000])
                .attrBytes(2, new byte[1_000])));
        assertThrows(IllegalArgumentException.class, () -> GenericKind.named("x0", ""));
        assertThrows(IllegalArgumentException.class, () -> GenericKind.named("x0", "mac sec"));
        assertThrows(IllegalArgumentException.class, () -> GenericKind.named("x0", "veth").parent(0));
        assertEquals(new KindData.Other("macsec", List.of()), b.build().data(), "a refused writer changed nothing");
    }
}
