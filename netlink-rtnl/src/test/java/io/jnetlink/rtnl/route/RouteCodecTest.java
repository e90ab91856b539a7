package io.jnetlink.rtnl.route;

import static io.jnetlink.core.codec.Netlink.NLM_F_CREATE;
import static io.jnetlink.core.codec.Netlink.NLM_F_EXCL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.MalformedMessageException;
import io.jnetlink.core.codec.Message;
import io.jnetlink.rtnl.Fuzz;
import io.jnetlink.rtnl.Golden;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.rtnl.family.Scope;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Encoding against iproute2's bytes, decoding, validation and fuzzing of routes; no kernel. */
class RouteCodecTest {
    private static final int ADD = NLM_F_CREATE | NLM_F_EXCL;

    @Test
    void defaultViaIsWhatIproute2Sends() {
        // ip route add default via 192.168.15.5
        Golden.assertMatches("rtm_newroute_default_via",
                w -> Routes.encode(w, Rt.RTM_NEWROUTE, ADD, Route.defaultVia("192.168.15.5"), 0));
    }

    @Test
    void everyOptionIsWhatIproute2Sends() {
        // ip route add 10.9.0.0/16 via 192.168.15.7 dev gx0 src 192.168.15.5 metric 50 table 1000
        Route r = Route.to("10.9.0.0/16").via("192.168.15.7").dev(3).src("192.168.15.5").metric(50).table(1000);
        Golden.assertMatches("rtm_newroute_v4_full", w -> Routes.encode(w, Rt.RTM_NEWROUTE, ADD, r, 3));
    }

    @Test
    void ipv6DefaultIsWhatIproute2Sends() {
        // ip route add default via fd00::7 dev gx0
        Golden.assertMatches("rtm_newroute_v6_default",
                w -> Routes.encode(w, Rt.RTM_NEWROUTE, ADD, Route.defaultVia("fd00::7").dev(3), 3));
    }

    @Test
    void blackholeIsWhatIproute2Sends() {
        // ip route add blackhole 10.66.0.0/16 table 100
        Golden.assertMatches("rtm_newroute_blackhole", w -> Routes.encode(w, Rt.RTM_NEWROUTE, ADD,
                Route.to("10.66.0.0/16").type(RouteType.BLACKHOLE).table(100), 0));
    }

    @Test
    void deleteIsWhatIproute2Sends() {
        // ip route del 10.9.0.0/16 via 192.168.15.7 table 1000: unset fields are wildcards
        Golden.assertMatches("rtm_delroute_v4", w -> Routes.encode(w, Rt.RTM_DELROUTE, 0,
                Route.to("10.9.0.0/16").via("192.168.15.7").table(1000), 0));
    }

    @Test
    void multipathIsWhatIproute2Sends() {
        // ip route add 10.70.0.0/16 nexthop via 192.168.15.7 dev gx0 weight 2 nexthop via 192.168.16.8 dev gx1
        Route r = Route.to("10.70.0.0/16").nexthop("192.168.15.7", 3, 2).nexthop("192.168.16.8", 2, 1);
        Golden.assertMatches("rtm_newroute_multipath", w -> Routes.encode(w, Rt.RTM_NEWROUTE, ADD, r, 0));
        RouteInfo back = decode(Golden.encode(w -> Routes.encode(w, Rt.RTM_NEWROUTE, ADD, r, 0)));
        assertEquals(2, back.nexthops().size());
        assertEquals(2, back.nexthops().get(0).weight());
        assertEquals(Scope.UNIVERSE, back.scope());
    }

    @Test
    void badMultipathFailsBeforeSending() {
        assertMessage("not both", () -> Route.to("10.70.0.0/16").via("10.0.0.1").nexthop("10.0.0.2", 1, 1));
        assertMessage("not both", () -> Route.to("10.70.0.0/16").nexthop("10.0.0.2", 1, 1).dev(1));
        assertMessage("mixes", () -> Route.to("10.70.0.0/16").nexthop("fd00::2", 1, 1));
        assertMessage("mixes", () -> Route.to("default").nexthop("10.0.0.2", 1, 1).nexthop("fd00::2", 1, 1));
        assertMessage("1..256", () -> Route.to("10.70.0.0/16").nexthop("10.0.0.2", 1, 0));
        assertMessage("gateway or a link", () -> Route.to("10.70.0.0/16").nexthop(null, 0, 1));
        assertMessage("invalid nexthop gateway", () -> Route.to("10.70.0.0/16").nexthop("10.0.0", 1, 1));
    }

    @Test
    void familyComesFromTheAddresses() {
        assertEquals(IpPrefix.AF_INET6, Route.defaultVia("fd00::1").family());
        assertEquals("::/0", Route.defaultVia("fd00::1").destination().toString());
        assertEquals("0.0.0.0/0", Route.defaultVia("10.0.0.1").destination().toString());
        assertEquals(IpPrefix.AF_INET, Route.to("default").family());
        assertEquals(IpPrefix.AF_INET6, Route.to("default").src("fd00::2").family());
        assertEquals(IpPrefix.AF_INET6, Route.to("::/0").family());
        assertEquals(32, Route.to("10.1.2.3").destination().length());
    }

    @Test
    void scopeDefaultsLikeIproute2() {
        assertEquals(Scope.LINK, Routes.defaultScope(RouteType.UNICAST, false, false));
        assertEquals(Scope.UNIVERSE, Routes.defaultScope(RouteType.UNICAST, true, false));
        assertEquals(Scope.NOWHERE, Routes.defaultScope(RouteType.UNICAST, true, true));
        assertEquals(Scope.HOST, Routes.defaultScope(RouteType.LOCAL, false, false));
        assertEquals(Scope.LINK, Routes.defaultScope(RouteType.BROADCAST, false, false));
        assertEquals(Scope.UNIVERSE, Routes.defaultScope(RouteType.BLACKHOLE, false, false));
    }

    @Test
    void mixedFamiliesFailBeforeSending() {
        assertMessage("IPv6", () -> Route.to("10.0.0.0/8").via("fd00::1"));
        assertMessage("IPv4", () -> Route.to("fd00::/64").via("10.0.0.1"));
        assertMessage("source", () -> Route.to("10.0.0.0/8").src("fd00::1"));
        assertMessage("mixes", () -> Route.defaultVia("10.0.0.1").src("fd00::1"));
        assertMessage("mixes", () -> Route.defaultVia("fd00::1").src("10.0.0.2"));
    }

    @Test
    void malformedInputFailsBeforeSending() {
        assertMessage("\"10.0.0.0/33\"", () -> Route.to("10.0.0.0/33"));
        assertMessage("\"10.0.0/8\"", () -> Route.to("10.0.0/8"));
        assertMessage("host bits", () -> Route.to("10.9.1.1/16"));
        assertMessage("host bits", () -> Route.to("fd00::1/64"));
        assertMessage("invalid gateway", () -> Route.defaultVia("192.168.15"));
        assertMessage("invalid gateway", () -> Route.defaultVia("gateway.example"));
        assertMessage("invalid source", () -> Route.to("10.0.0.0/8").src("10.0.0.x"));
        assertMessage("out of range", () -> Route.to("10.0.0.0/8").metric(-5));
        assertMessage("table 0", () -> Route.to("10.0.0.0/8").table(0));
        assertMessage("bytes long", () -> Route.to("10.0.0.0/8").dev("this-name-is-too-long"));
        assertMessage("positive", () -> Route.to("10.0.0.0/8").dev(0));
        assertMessage("empty", () -> Route.to("10.0.0.0/8").dev(""));
    }

    @Test
    void tablePast255TravelsInAttribute() {
        RouteInfo r = decode(Golden.encode(w -> Routes.encode(w, Rt.RTM_NEWROUTE, ADD,
                Route.to("10.0.0.0/8").dev(2).table(70000), 2)));
        assertEquals(70000, r.table());
        assertEquals(2, r.oif());
        assertEquals(Scope.LINK, r.scope());
        assertEquals(RouteProtocol.BOOT, r.protocol());
        assertNull(r.gateway());
        assertEquals(IpPrefix.parse("10.0.0.0/8"), r.destinationPrefix());
    }

    @Test
    void decodesEveryModelledAttributeAndKeepsTheRest() {
        byte[] b = Golden.encode(w -> {
            w.begin(24, 0);
            w.u8(10).u8(64).u8(0).u8(0).u8(0).u8(186).u8(0).u8(1).u32(0x4);
            w.attrBytes(1, IpPrefix.parseAddress("fd00:9::").getAddress());
            w.attrBytes(5, IpPrefix.parseAddress("fd00::7").getAddress());
            w.attrBytes(7, IpPrefix.parseAddress("fd00::5").getAddress());
            w.attrU32(4, 3);
            w.attrU32(3, 2);
            w.attrU32(6, 1024);
            w.attrU32(15, 5000);
            w.attrU8(20, 0); // RTA_PREF: kept as unknown
            w.end();
        });
        RouteInfo r = decode(b);
        assertEquals(IpPrefix.AF_INET6, r.family());
        assertEquals("fd00:9::/64", r.destinationPrefix().toString());
        assertEquals("fd00::7", IpPrefix.format(r.gateway()));
        assertEquals("fd00::5", IpPrefix.format(r.prefsrc()));
        assertEquals(3, r.oif());
        assertEquals(2, r.iif());
        assertEquals(1024, r.metric());
        assertEquals(5000, r.table());
        assertEquals(186, r.protocol().value());
        assertEquals(RouteType.UNICAST, r.type());
        assertEquals(4, r.flags());
        assertEquals(1, r.unknown().size());
        assertEquals(20, r.unknown().get(0).type());
    }

    private static byte[] multipath() {
        return Golden.encode(w -> {
            w.begin(24, 0);
            w.u8(2).u8(16).u8(0).u8(0).u8(254).u8(3).u8(0).u8(1).u32(0);
            w.attrBytes(1, new byte[] {10, 70, 0, 0});
            w.nest(9, mp -> {
                // two struct rtnexthop, each followed by its RTA_GATEWAY
                mp.u16(16).u8(0).u8(1).s32(3).attrBytes(5, new byte[] {10, 1, 0, 9});
                mp.u16(16).u8(4).u8(0).s32(4).attrBytes(5, new byte[] {10, 2, 0, 9});
            });
            w.end();
        });
    }

    @Test
    void decodesMultipathNexthops() {
        RouteInfo r = decode(multipath());
        assertEquals(2, r.nexthops().size());
        assertEquals("10.1.0.9", IpPrefix.format(r.nexthops().get(0).gateway()));
        assertEquals(3, r.nexthops().get(0).ifindex());
        assertEquals(2, r.nexthops().get(0).weight());
        assertEquals(4, r.nexthops().get(1).flags());
        assertEquals(List.of(), r.unknown());
        byte[] bad = multipath();
        bad[16 + 12 + 8 + 4] = 99; // first rtnexthop claims 99 bytes
        assertThrows(MalformedMessageException.class, () -> decode(bad));
    }

    @Test
    void unknownRouteTypeIsMalformed() {
        byte[] b = Golden.encode(w -> {
            w.begin(24, 0);
            w.u8(2).u8(0).u8(0).u8(0).u8(254).u8(3).u8(0).u8(200).u32(0);
            w.end();
        });
        assertThrows(MalformedMessageException.class, () -> decode(b));
    }

    @Test
    void fuzzedMessagesOnlyEverRaiseMalformed() {
        List<byte[]> seeds = List.of(Golden.load("rtm_newroute_v4_full"), Golden.load("rtm_newroute_v6_default"),
                Golden.load("rtm_newroute_blackhole"), Golden.load("rtm_newroute_default_via"), multipath());
        Fuzz.Result r = Fuzz.run(2424, 20_000, 24, seeds, RouteInfo::decode);
        assertTrue(r.decoded() > 1000 && r.malformed() > 1000, "fuzzer reached both outcomes: " + r);
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(part), "\"" + x.getMessage() + "\" should say " + part);
    }

    private static RouteInfo decode(byte[] b) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(b.length);
            MemorySegment.copy(b, 0, seg, ValueLayout.JAVA_BYTE, 0, b.length);
            return RouteInfo.decode(Message.at(seg, 0));
        }
    }

    /**
     * A route's fields are read from its message when first asked for: whatever decoding accepted
     * must then read without an error (decoding checks everything the reading relies on).
     */
    @Test
    void aRouteDecodedWithoutErrorIsReadWithoutError() {
        List<byte[]> seeds = List.of(Golden.load("rtm_newroute_v4_full"), Golden.load("rtm_newroute_v6_default"),
                Golden.load("rtm_newroute_blackhole"), Golden.load("rtm_newroute_default_via"), multipath());
        Fuzz.Result r = Fuzz.run(4711, 20_000, 24, seeds, m -> {
            RouteInfo route = RouteInfo.decode(m);
            if (route != null) {
                try {
                    route.toString();
                    route.hashCode();
                    route.destinationPrefix();
                    route.unknown();
                    route.nexthops();
                    route.equals(RouteInfo.decode(m));
                } catch (MalformedMessageException e) {
                    throw new AssertionError("decoded, then failed when read", e);
                }
            }
            return route;
        });
        assertTrue(r.decoded() > 1000 && r.malformed() > 1000, "fuzzer reached both outcomes: " + r);
    }
}
