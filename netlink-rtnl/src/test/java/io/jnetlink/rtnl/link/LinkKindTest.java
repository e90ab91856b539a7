package io.jnetlink.rtnl.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.rtnl.Fuzz;
import io.jnetlink.rtnl.Golden;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Link kinds are symmetric: what a kind's spec writes into IFLA_INFO_DATA, its own file reads back
 * into a value equal to the spec's {@link LinkSpec#data()}; other kinds keep their raw attributes;
 * and a kind is registered wherever it must be.
 */
class LinkKindTest {
    /** The RTM_NEWLINK the library sends for {@code spec}, decoded as a link message. */
    private static LinkInfo roundTrip(LinkSpec<?> spec) {
        byte[] b = Golden.encode(w -> {
            Links.FAMILY.begin(w, Ifla.RTM_NEWLINK, 0);
            Links.ifinfomsg(w, 0, 0, 0);
            spec.write(w);
            w.end();
        });
        return decode(b);
    }

    private static LinkInfo decode(byte[] b) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(b.length, 8);
            MemorySegment.copy(b, 0, seg, ValueLayout.JAVA_BYTE, 0, b.length);
            return LinkInfo.decode(Message.at(seg, 0));
        }
    }

    @Test
    void everyKindReadsBackWhatItWrites() throws Exception {
        List<LinkSpec<?>> specs = List.of(
                Veth.named("va").peer("vb"),
                Veth.named("vc"),
                Bridge.named("br0"),
                Bridge.named("br1").stp(true),
                Bridge.named("br2").stp(false),
                Vxlan.named("vx0", 42),
                Vxlan.named("vx1", 7).local("10.0.0.1").remote("10.0.0.2").port(8472),
                Vxlan.named("vx2", 0xFFFFFF).local("fd00::1").remote("ff05::100"),
                Macvlan.named("mv0", 3),
                Macvlan.named("mv1", 3).mode(Macvlan.Mode.PRIVATE),
                Macvlan.named("mv2", 9).mode(Macvlan.Mode.SOURCE),
                Macvtap.named("mvt0", 3), Macvtap.named("mvt1", 3).mode(Macvlan.Mode.VEPA),
                Vlan.named("vl10", 3, 10), Vlan.named("vl20", 3, 20).ieee8021ad(),
                Vrf.named("vrf0", 10), Vrf.named("vrf1", 0xFFFF_FF00), Dummy.named("dm0"), Ifb.named("ifb0"),
                Ipvlan.named("ipv0", 3), Ipvlan.named("ipv1", 3).mode(Ipvlan.Mode.L3S),
                Bond.named("bd0"), Bond.named("bd1").mode(Bond.Mode.IEEE_802_3AD).miimon(100),
                Bond.named("bd2").miimon(0), Wireguard.named("wg0"),
                Gre.named("gre0"), Gre.named("gre1").local("10.0.0.1").remote("10.0.0.2").key(-1).ttl(64),
                Gretap.named("gt0").remote("10.0.0.2").key(7), Ipip.named("ipip0").local("10.0.0.1").ttl(255),
                Sit.named("sit0").remote("10.0.0.2"), Ip6tnl.named("ip6t0").local("fd00::1").remote("fd00::2").ttl(0),
                Geneve.named("gnv0", 100).remote("10.0.0.2").ttl(64),
                Geneve.named("gnv1", 0xFFFFFF).remote("fd00::2").port(6082),
                Tun.named("tun0", Tun.Type.TUN),
                Tun.named("tap0", Tun.Type.TAP).owner(0).ownerGroup(5).packetInfo(true).vnetHeader(true).multiQueue(true),
                GenericKind.named("vx9", "vxlan").infoData(w -> w.attrU32(1, 9).attrU8(5, 5)),
                GenericKind.named("ms0", "macsec").infoData(w -> w.attrU64(1, 5)), GenericKind.named("nl0", "nlmon"));
        Set<Class<?>> covered = new HashSet<>();
        for (LinkSpec<?> spec : specs) {
            LinkInfo back = roundTrip(spec);
            assertEquals(spec.kind(), back.kind(), spec.toString());
            assertEquals(spec.data(), back.kindData(), spec.toString());
            covered.add(spec.getClass());
        }
        assertEquals(Set.copyOf(LinkKind.specClasses()), covered, "a kind without a round trip here");
        Vxlan.Data v = (Vxlan.Data) roundTrip(Vxlan.named("vx3", 5).local("10.1.0.1")).kindData();
        assertEquals(InetAddress.getByName("10.1.0.1"), v.local());
        assertEquals(4789, v.port());
    }

    @Test
    void everyPermittedKindIsRegisteredAndEveryRecordHasAKind() {
        Set<Class<?>> dataTypes = new HashSet<>();
        for (LinkKind<?> k : LinkKind.all()) {
            assertTrue(dataTypes.add(k.type()), "two kinds decode into " + k.type());
            assertEquals(k, LinkKind.named(k.name()));
        }
        assertEquals(LinkKind.kindClasses().size(), LinkKind.all().size());
        Set<Class<?>> notKinds = new HashSet<>(LinkKind.specClasses());
        LinkKind.kindClasses().forEach(notKinds::remove);
        assertEquals(Set.of(GenericKind.class), notKinds, "only the generic kind is a spec without a kind of its own");
        Set<Class<?>> records = new HashSet<>(Set.of(KindData.class.getPermittedSubclasses()));
        records.remove(KindData.Other.class);
        assertEquals(records, dataTypes, "KindData's records and the registered kinds' records differ");
    }

    @Test
    void anUnmodeledKindKeepsItsRawDataAndNothingIsDropped() {
        byte[] b = Golden.encode(w -> {
            w.begin(Ifla.RTM_NEWLINK, 0);
            Links.ifinfomsg(w, 4, 0, 0);
            w.attrString(Ifla.IFLA_IFNAME, "ip6gre0");
            w.nest(Ifla.IFLA_LINKINFO, li -> {
                li.attrString(Ifla.IFLA_INFO_KIND, "ip6gre");
                li.nest(Ifla.IFLA_INFO_DATA, d -> d.attrU8(10, 64).attrU32(6, 0x0a000001));
                li.attrString(Ifla.IFLA_INFO_SLAVE_KIND, "bridge");
            });
            w.end();
        });
        LinkInfo l = decode(b);
        KindData.Other o = assertInstanceOf(KindData.Other.class, l.kindData());
        assertEquals("ip6gre", o.kind());
        assertEquals(List.of(new RawAttribute(10, new byte[] {64}), new RawAttribute(6, new byte[] {1, 0, 0, 10})),
                o.attributes());
        // the whole IFLA_LINKINFO (slave kind included) stays in unknown(): nothing vanishes
        assertNotNull(l.unknown().get(Ifla.IFLA_LINKINFO));
    }

    @Test
    void aKindWithoutInfoDataAndALinkWithoutAKind() {
        byte[] vethAsListed = Golden.encode(w -> {
            w.begin(Ifla.RTM_NEWLINK, 0);
            Links.ifinfomsg(w, 4, 0, 0);
            w.attrString(Ifla.IFLA_IFNAME, "va");
            w.nest(Ifla.IFLA_LINKINFO, li -> li.attrString(Ifla.IFLA_INFO_KIND, "veth"));
            w.end();
        });
        assertEquals(new Veth.Data(null), decode(vethAsListed).kindData());
        byte[] lo = Golden.encode(w -> {
            w.begin(Ifla.RTM_NEWLINK, 0);
            Links.ifinfomsg(w, 1, 0, 0);
            w.attrString(Ifla.IFLA_IFNAME, "lo");
            w.end();
        });
        assertNull(decode(lo).kindData());
    }

    @Test
    void anUnknownMacvlanModeIsKeptRaw() {
        byte[] b = Golden.encode(w -> {
            w.begin(Ifla.RTM_NEWLINK, 0);
            Links.ifinfomsg(w, 4, 0, 0);
            w.attrString(Ifla.IFLA_IFNAME, "mv");
            w.nest(Ifla.IFLA_LINKINFO, li -> {
                li.attrString(Ifla.IFLA_INFO_KIND, "macvlan");
                li.nest(Ifla.IFLA_INFO_DATA, d -> d.attrU32(1, 64));
            });
            w.end();
        });
        KindData.Other o = assertInstanceOf(KindData.Other.class, decode(b).kindData());
        assertEquals("macvlan", o.kind());
        assertEquals(1, o.attributes().size());
    }

    @Test
    void kindDecodersOnlyThrowMalformedMessage() {
        List<byte[]> seeds = List.of(
                Golden.encode(w -> {
                    w.begin(Ifla.RTM_NEWLINK, 0);
                    Links.ifinfomsg(w, 0, 0, 0);
                    Vxlan.named("vx1", 7).local("fd00::1").remote("fd00::2").write(w);
                    w.end();
                }),
                Golden.encode(w -> {
                    w.begin(Ifla.RTM_NEWLINK, 0);
                    Links.ifinfomsg(w, 0, 0, 0);
                    Veth.named("va").peer("vb").write(w);
                    w.end();
                }),
                Golden.encode(w -> {
                    w.begin(Ifla.RTM_NEWLINK, 0);
                    Links.ifinfomsg(w, 0, 0, 0);
                    Macvlan.named("mv", 3).write(w);
                    w.end();
                }),
                Golden.encode(w -> {
                    w.begin(Ifla.RTM_NEWLINK, 0);
                    Links.ifinfomsg(w, 0, 0, 0);
                    Bridge.named("br").stp(true).write(w);
                    w.end();
                }));
        seeds = new java.util.ArrayList<>(seeds);
        for (LinkSpec<?> spec : List.<LinkSpec<?>>of(Gre.named("g").local("10.0.0.1").remote("10.0.0.2").key(7).ttl(9),
                Ip6tnl.named("t").local("fd00::1").remote("fd00::2"), Sit.named("s").remote("10.0.0.2"),
                Geneve.named("gn", 5).remote("fd00::2").port(7000), Bond.named("b").mode(Bond.Mode.BALANCE_ALB).miimon(9),
                Tun.named("tp", Tun.Type.TAP).owner(1).ownerGroup(2).multiQueue(true))) {
            seeds.add(Golden.encode(w -> Links.encodeCreate(w, spec, false)));
        }
        seeds.add(Golden.load("kind/reply_tap")); // the kernel's own message for a tap
        Fuzz.Result r = Fuzz.run(31, 10_000, Ifla.RTM_NEWLINK, seeds, m -> {
            LinkInfo l = LinkInfo.decode(m);
            l.unknown().list();
            return l;
        });
        assertTrue(r.decoded() > 100 && r.malformed() > 100, r::toString);
    }
}
