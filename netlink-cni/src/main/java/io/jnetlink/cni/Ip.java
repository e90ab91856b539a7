package io.jnetlink.cni;

import io.jnetlink.rtnl.IpPrefix;
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
        byte[] b = p.address().getAddress();
        for (int i = 0; i < b.length; i++) {
            int bits = Math.max(0, Math.min(8, p.length() - 8 * i));
            b[i] &= (byte) (0xff << (8 - bits));
        }
        return IpPrefix.byAddress(b);
    }

    /** Whether {@code a} lies in {@code p}. */
    static boolean contains(IpPrefix p, InetAddress a) {
        if (isV4(a) != isV4(p.address())) {
            return false;
        }
        return network(p).equals(network(IpPrefix.of(a, p.length())));
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

    /** "a.b.c.d" or the RFC 5952 form of an IPv6 address ("fd00::1"), as Go prints them. */
    static String format(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length == 4) {
            return a.getHostAddress();
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        // The longest run of zero groups (at least two), the first one on a tie, becomes "::".
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen && j - i >= 2) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLen - 1;
                continue;
            }
            if (!s.isEmpty() && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(g[i]));
        }
        return s.toString();
    }

    static String format(IpPrefix p) {
        return format(p.address()) + "/" + p.length();
    }
}
