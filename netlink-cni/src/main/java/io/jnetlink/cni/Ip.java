package io.jnetlink.cni;

import io.jnetlink.core.net.IpPrefix;
import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * Addresses as CNI writes them: the text Go's {@code net.IP.String()} prints (RFC 5952 for IPv6),
 * so a result equals the reference plugin's byte for byte, and subnet arithmetic.
 */
final class Ip {
    private Ip() {}

    /** Parses "10.1.0.2/24" or "fd00::2/64" (an address with a prefix length; host bits kept). */
    static IpPrefix prefix(String cidr, String what) {
        try {
            return IpPrefix.parse(cidr);
        } catch (IllegalArgumentException e) {
            throw new CniException(CniException.INVALID_NETWORK_CONFIG, "invalid " + what + " \"" + cidr + "\"",
                    e.getMessage());
        }
    }

    static InetAddress address(String text, String what) {
        try {
            return IpPrefix.parseAddress(text);
        } catch (IllegalArgumentException e) {
            throw new CniException(CniException.INVALID_NETWORK_CONFIG, "invalid " + what + " \"" + text + "\"",
                    e.getMessage());
        }
    }

    static boolean isV4(InetAddress a) {
        return a instanceof Inet4Address;
    }

    /** The network of {@code p}: host bits cleared. */
    static InetAddress network(IpPrefix p) {
        return p.network().address();
    }

    /** Whether {@code a} lies in {@code p}. */
    static boolean contains(IpPrefix p, InetAddress a) {
        return p.contains(a);
    }

    /** The first address after the network address: the reference's calcGatewayIP. */
    static InetAddress firstHost(IpPrefix p) {
        byte[] b = network(p).getAddress();
        for (int i = b.length - 1; i >= 0; i--) {
            if (++b[i] != 0) {
                break;
            }
        }
        return IpPrefix.byAddress(b);
    }

    /** "a.b.c.d" or the RFC 5952 form of an IPv6 address ("fd00::1"): what Go prints too. */
    static String format(InetAddress a) {
        return IpPrefix.format(a);
    }

    static String format(IpPrefix p) {
        return format(p.address()) + "/" + p.length();
    }
}
