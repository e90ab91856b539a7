package io.jnetlink.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.Inet6Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpPrefixTest {
    @Test
    void parsesIpv4WithLength() {
        IpPrefix p = IpPrefix.parse("192.168.15.1/24");
        assertTrue(p.address() instanceof Inet4Address);
        assertEquals(24, p.length());
        assertEquals(IpPrefix.AF_INET, p.family());
        assertTrue(p.isIpv4());
        assertEquals("192.168.15.1/24", p.toString());
        assertEquals(IpPrefix.parse("192.168.15.0/24"), p.network());
        assertEquals("192.168.15.255", IpPrefix.format(p.broadcast()));
        assertFalse(p.isNetwork());
    }

    @Test
    void parsesIpv6WithLength() {
        IpPrefix p = IpPrefix.parse("fd00::1/64");
        assertTrue(p.address() instanceof Inet6Address);
        assertEquals(IpPrefix.AF_INET6, p.family());
        assertFalse(p.isIpv4());
        assertEquals("fd00::1/64", p.toString());
        assertEquals("fd00::/64", p.network().toString());
        assertThrows(IllegalStateException.class, p::broadcast);
    }

    @Test
    void addressAloneIsAHostPrefix() {
        assertEquals(32, IpPrefix.parse("10.1.2.3").length());
        assertEquals(128, IpPrefix.parse("fd00::9").length());
    }

    @Test
    void edgesOfTheRange() {
        assertEquals("0.0.0.0/0", IpPrefix.parse("0.0.0.0/0").toString());
        assertEquals("::/0", IpPrefix.parse("::/0").toString());
        assertTrue(IpPrefix.parse("::/0").isDefault());
        assertEquals(32, IpPrefix.parse("255.255.255.255/32").length());
        assertEquals(128, IpPrefix.parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128").length());
        assertEquals("10.0.0.0/9", IpPrefix.parse("10.127.255.255/9").network().toString());
        assertEquals("10.127.255.255", IpPrefix.format(IpPrefix.parse("10.64.0.1/10").broadcast()));
    }

    @Test
    void canonicalIpv6Text() {
        assertEquals("fd00::", IpPrefix.format(IpPrefix.parseAddress("fd00:0:0:0:0:0:0:0")));
        assertEquals("::1", IpPrefix.format(IpPrefix.parseAddress("0:0:0:0:0:0:0:1")));
        assertEquals("fd00:0:1::1", IpPrefix.format(IpPrefix.parseAddress("fd00:0:1:0:0:0:0:1")));
        assertEquals("fd00:1:2:3:4:5:6:7", IpPrefix.format(IpPrefix.parseAddress("FD00:1:2:3:4:5:6:7")));
        // RFC 5952: a single zero group is not shortened, the first of equal runs is
        assertEquals("1:0:2:3:4:5:6:7", IpPrefix.format(IpPrefix.parseAddress("1:0:2:3:4:5:6:7")));
        assertEquals("1::3:0:0:6:7", IpPrefix.format(IpPrefix.parseAddress("1:0:0:3:0:0:6:7")));
        assertEquals("fe80::1:2", IpPrefix.format(IpPrefix.parseAddress("fe80::1:2")));
    }

    @Test
    void containsOnlyItsOwnFamily() {
        IpPrefix p = IpPrefix.parse("192.168.15.0/24");
        assertTrue(p.contains(IpPrefix.parseAddress("192.168.15.200")));
        assertFalse(p.contains(IpPrefix.parseAddress("192.168.16.1")));
        assertFalse(p.contains(IpPrefix.parseAddress("fd00::1")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/24", "192.168.15.1/", "192.168.15.1/33", "192.168.15.1/-1", "192.168.15.1/+4",
            "192.168.15.1/2a", "192.168.15.1/1000", "192.168.15/24", "192.168.15.256/24", "192.168.15.1.1/24",
            "1.2.3.04444/8", "fd00::1/129", "fd00::g/64", "fd00:::1/64", "fe80::1%eth0/64", "[fd00::1]/64",
            "localhost", "example.com/24", "192.168.15.1 /24", "fd00:: 1/64", "10", "10.1", "::ffff:1.2.3.4/96", "192.168.15.1/24/8", " / "})
    void rejectsMalformedInputNamingIt(String input) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse(input));
        assertTrue(e.getMessage().contains("\"" + input + "\"") || e.getMessage().contains(input.strip()),
                "message names the input: " + e.getMessage());
    }

    @Test
    void outOfRangeLengthSaysTheRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse("10.0.0.1/33"));
        assertTrue(e.getMessage().contains("0..32"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse("fd00::1/129"));
        assertTrue(e.getMessage().contains("0..128"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new IpPrefix(IpPrefix.parseAddress("10.0.0.1"), -1));
        assertThrows(NullPointerException.class, () -> IpPrefix.parse(null));
    }
}
