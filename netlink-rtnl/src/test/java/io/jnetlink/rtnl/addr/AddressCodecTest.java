package io.jnetlink.rtnl.addr;

import static io.jnetlink.core.codec.Netlink.NLM_F_CREATE;
import static io.jnetlink.core.codec.Netlink.NLM_F_EXCL;
import static io.jnetlink.core.codec.Netlink.NLM_F_REPLACE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.MalformedMessageException;
import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.rtnl.Fuzz;
import io.jnetlink.rtnl.Golden;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.rtnl.family.Scope;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Encoding against iproute2's bytes, decoding, validation and fuzzing of addresses; no kernel. */
class AddressCodecTest {
    @Test
    void ipv4WithDerivedBroadcastIsWhatIproute2Sends() {
        // ip addr add 192.168.15.5/24 brd + dev gx0   (gx0 = ifindex 3)
        AddressSpec spec = AddressSpec.builder().link(3).prefix("192.168.15.5/24").broadcastDerived().build();
        Golden.assertMatches("rtm_newaddr_v4_brd_plus", w -> Addresses.encodeNew(w, NLM_F_CREATE | NLM_F_EXCL, spec, 3));
    }

    @Test
    void ipv6IsWhatIproute2Sends() {
        // ip addr add fd00::5/64 dev gx0
        Golden.assertMatches("rtm_newaddr_v6", w -> Addresses.encodeNew(w, NLM_F_CREATE | NLM_F_EXCL,
                AddressSpec.of(3, IpPrefix.parse("fd00::5/64")), 3));
    }

    @Test
    void lifetimesAreWhatIproute2Sends() {
        // ip addr add 10.5.0.1/24 dev gx0 valid_lft 100 preferred_lft 50
        AddressSpec spec = AddressSpec.builder().link(3).prefix("10.5.0.1/24").validLifetime(100).preferredLifetime(50)
                .build();
        Golden.assertMatches("rtm_newaddr_v4_lifetimes", w -> Addresses.encodeNew(w, NLM_F_CREATE | NLM_F_EXCL, spec, 3));
        AddressInfo back = decode(Golden.encode(w -> Addresses.encodeNew(w, 0, spec, 3)), 20);
        assertEquals(100, back.validLifetime());
        assertEquals(50, back.preferredLifetime());
    }

    @Test
    void deleteIsWhatIproute2Sends() {
        // ip addr del 192.168.15.5/24 dev gx0
        Golden.assertMatches("rtm_deladdr_v4", w -> Addresses.encodeDelete(w, 3, IpPrefix.parse("192.168.15.5/24")));
    }

    @Test
    void derivedBroadcastFollowsIproute2() {
        assertEquals("10.1.255.255", IpPrefix.format(spec("10.1.2.3/16").broadcastDerived().build().broadcast()));
        assertEquals("10.1.2.3", IpPrefix.format(spec("10.1.2.2/31").broadcast("10.1.2.3").build().broadcast()));
        assertNull(spec("10.1.2.2/31").broadcastDerived().build().broadcast(), "brd + on /31 sends none");
        assertNull(spec("10.1.2.2/32").broadcastDerived().build().broadcast(), "brd + on /32 sends none");
        assertNull(spec("10.1.2.2/24").build().broadcast());
    }

    @Test
    void scopeDefaultsLikeIproute2() {
        assertEquals(Scope.HOST, spec("127.0.0.2/8").build().scope());
        assertEquals(Scope.UNIVERSE, spec("10.0.0.2/8").build().scope());
        assertEquals(Scope.LINK, spec("10.0.0.2/8").scope(Scope.LINK).build().scope());
    }

    @Test
    void labelAndFlagsAreEncoded() {
        AddressSpec s = AddressSpec.builder().link(7).prefix("10.0.0.1/8").label("gx0:one").noPrefixRoute().noDad()
                .metric(77).build();
        byte[] b = Golden.encode(w -> Addresses.encodeNew(w, NLM_F_CREATE | NLM_F_REPLACE, s, 7));
        AddressInfo back = decode(b, 20);
        assertEquals("gx0:one", back.label());
        assertEquals(AddressFlag.NOPREFIXROUTE.bit() | AddressFlag.NODAD.bit(), back.flags(), "IFA_FLAGS carries the high bits");
        assertEquals(77, back.metric());
        assertEquals(7, back.ifindex());
        assertEquals(IpPrefix.parse("10.0.0.1/8"), back.prefix());
    }

    @Test
    void badSpecsFailBeforeSending() {
        assertMessage("no link", () -> AddressSpec.builder().prefix("10.0.0.1/8").build());
        assertMessage("without a prefix", () -> AddressSpec.builder().link(1).build());
        assertMessage("IPv4 only", () -> spec("fd00::1/64").broadcastDerived().build());
        assertMessage("IPv4 only", () -> spec("fd00::1/64").broadcast("10.0.0.255").build());
        assertMessage("IPv4 only", () -> spec("fd00::1/64").label("x").build());
        assertMessage("other address family", () -> spec("10.0.0.1/8").peer("fd00::2").build());
        assertMessage("not an IPv4 address", () -> spec("10.0.0.1/8").broadcast("fd00::ff").build());
        assertMessage("not both", () -> spec("10.0.0.1/8").broadcast("10.255.255.255").broadcastDerived().build());
        assertMessage("bytes", () -> spec("10.0.0.1/8").label("a-label-that-is-too-long"));
        assertMessage("out of range", () -> spec("10.0.0.1/8").metric(-1));
        assertMessage("positive", () -> AddressSpec.builder().link(0));
        assertMessage("longer than the valid", () -> spec("10.0.0.1/8").validLifetime(10).preferredLifetime(20).build());
        assertMessage("out of range", () -> spec("10.0.0.1/8").validLifetime(0));
        assertMessage("out of range", () -> spec("10.0.0.1/8").preferredLifetime(-1));
        assertMessage("\"10.0.0.300/8\"", () -> spec("10.0.0.300/8"));
        assertMessage("\"10.0.0.1/40\"", () -> spec("10.0.0.1/40"));
        assertMessage("bytes long", () -> AddressSpec.builder().link("a-name-of-16-byt"));
        assertMessage("empty", () -> AddressSpec.builder().link(""));
        assertMessage("illegal character", () -> AddressSpec.builder().link("a/b"));
    }

    @Test
    void decodesEveryModelledAttributeAndKeepsTheRest() {
        byte[] b = Golden.encode(w -> {
            w.begin(20, 0);
            w.u8(2).u8(24).u8(0x80).u8(253).u32(9);
            w.attrBytes(1, new byte[] {10, 0, 0, 2});
            w.attrBytes(2, new byte[] {10, 0, 0, 1});
            w.attrBytes(4, new byte[] {10, 0, 0, (byte) 255});
            w.attrString(3, "gx0:lbl");
            w.attrU32(8, 0x280);
            w.attrU8(11, 3);
            w.attrU32(9, 12);
            w.attrBytes(6, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 10, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0});
            w.attrU32(99, 42);
            w.end();
        });
        AddressInfo a = decode(b, 20);
        assertEquals(2, a.family());
        assertEquals(24, a.prefixLength());
        assertEquals(0x280, a.flags(), "IFA_FLAGS wins over ifa_flags");
        assertEquals(Scope.LINK, a.scope());
        assertEquals(9, a.ifindex());
        assertEquals("10.0.0.2", IpPrefix.format(a.address()));
        assertEquals("10.0.0.1", IpPrefix.format(a.local()));
        assertEquals("10.0.0.255", IpPrefix.format(a.broadcast()));
        assertEquals("gx0:lbl", a.label());
        assertEquals(3, a.protocol());
        assertEquals(12, a.metric());
        assertEquals(AddressInfo.FOREVER, a.preferredLifetime());
        assertEquals(10, a.validLifetime());
        assertEquals(IpPrefix.parse("10.0.0.1/24"), a.prefix());
        assertEquals(1, a.unknown().size());
        assertEquals(99, a.unknown().get(0).type());
        assertTrue(a.has(AddressFlag.NOPREFIXROUTE));
    }

    @Test
    void wrongAddressSizeIsMalformed() {
        byte[] b = Golden.encode(w -> {
            w.begin(20, 0);
            w.u8(2).u8(24).u8(0).u8(0).u32(1);
            w.attrBytes(1, new byte[16]); // IPv6-sized address in an IPv4 message
            w.end();
        });
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> decode(b, 20));
        assertTrue(e.getMessage().contains("IFA_ADDRESS"), e.getMessage());
    }

    @Test
    void fuzzedMessagesOnlyEverRaiseMalformed() {
        List<byte[]> seeds = List.of(Golden.load("rtm_newaddr_v4_brd_plus"), Golden.load("rtm_newaddr_v6"),
                Golden.encode(w -> Addresses.encodeNew(w, 0, AddressSpec.builder().link(7).prefix("10.0.0.1/8")
                        .label("gx0:one").noPrefixRoute().metric(5).build(), 7)));
        Fuzz.Result r = Fuzz.run(4242, 20_000, 20, seeds, AddressInfo::decode);
        assertTrue(r.decoded() > 1000 && r.malformed() > 1000, "fuzzer reached both outcomes: " + r);
    }

    private static AddressSpec.Builder spec(String prefix) {
        return AddressSpec.builder().link(1).prefix(prefix);
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(part), "\"" + x.getMessage() + "\" should say " + part);
    }

    static AddressInfo decode(byte[] b, int type) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(b.length);
            MemorySegment.copy(b, 0, seg, ValueLayout.JAVA_BYTE, 0, b.length);
            Message m = Message.at(seg, 0);
            assertEquals(type, m.type());
            return AddressInfo.decode(m);
        }
    }

    /**
     * An address's fields are read from its message when first asked for: whatever decoding
     * accepted must then read without an error (decoding checks everything the reading relies on).
     */
    @Test
    void anAddressDecodedWithoutErrorIsReadWithoutError() {
        List<byte[]> seeds = List.of(Golden.load("rtm_newaddr_v4_brd_plus"), Golden.load("rtm_newaddr_v6"),
                Golden.encode(w -> Addresses.encodeNew(w, 0, AddressSpec.builder().link(7).prefix("10.0.0.1/8")
                        .label("gx0:one").noPrefixRoute().metric(5).build(), 7)));
        Fuzz.Result r = Fuzz.run(4743, 20_000, 20, seeds, m -> {
            AddressInfo a = AddressInfo.decode(m);
            if (a != null) {
                try {
                    a.toString();
                    a.hashCode();
                    a.prefix();
                    a.unknown();
                    a.flagSet();
                    a.equals(AddressInfo.decode(m));
                } catch (MalformedMessageException e) {
                    throw new AssertionError("decoded, then failed when read", e);
                }
            }
            return a;
        });
        assertTrue(r.decoded() > 1000 && r.malformed() > 1000, "fuzzer reached both outcomes: " + r);
    }
}
