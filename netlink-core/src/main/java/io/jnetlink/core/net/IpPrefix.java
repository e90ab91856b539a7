package io.jnetlink.core.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * An IP address with a prefix length, as written in CIDR notation: {@code 192.168.15.1/24},
 * {@code fd00::1/64}. The address keeps its host bits (an interface address is a prefix whose
 * address is the host's own); {@link #network()} masks them off.
 *
 * <p>Parsing never consults DNS: only address literals are accepted.
 *
 * @param address the address, IPv4 or IPv6
 * @param length  the prefix length: 0..32 for IPv4, 0..128 for IPv6
 */
public record IpPrefix(InetAddress address, int length) {
    /** Address family AF_INET, from {@code linux/socket.h}. */
    public static final int AF_INET = 2;
    /** Address family AF_INET6. */
    public static final int AF_INET6 = 10;

    /**
     * Checks the length against the address's family.
     *
     * @param address the address, host bits included
     * @param length the prefix length
     * @throws IllegalArgumentException if the length is outside 0..32 (IPv4) or 0..128 (IPv6)
     */
    public IpPrefix {
        Objects.requireNonNull(address, "address");
        int max = address instanceof Inet4Address ? 32 : 128;
        if (length < 0 || length > max) {
            throw new IllegalArgumentException("prefix length " + length + " of " + format(address)
                    + " is out of range 0.." + max);
        }
    }

    /**
     * Parses {@code "192.168.15.1/24"}, {@code "fd00::1/64"}, or an address alone (a host prefix:
     * /32 or /128).
     *
     * @param cidr the text
     * @throws IllegalArgumentException naming the input if it is not an address literal with an
     *         optional, in-range decimal prefix length
     * @return the prefix, the address kept as written (host bits included)
     */
    public static IpPrefix parse(String cidr) {
        Objects.requireNonNull(cidr, "cidr");
        String s = cidr.strip();
        if (s.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("invalid prefix \"" + cidr + "\": contains whitespace");
        }
        int slash = s.indexOf('/');
        String addr = slash < 0 ? s : s.substring(0, slash);
        InetAddress a;
        try {
            a = parseAddress(addr);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid prefix \"" + cidr + "\": " + e.getMessage(), e);
        }
        if (slash < 0) {
            return host(a);
        }
        String len = s.substring(slash + 1);
        if (len.isEmpty() || len.length() > 3 || !len.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("invalid prefix \"" + cidr + "\": prefix length \"" + len
                    + "\" is not a number");
        }
        int n = Integer.parseInt(len);
        int max = a instanceof Inet4Address ? 32 : 128;
        if (n > max) {
            throw new IllegalArgumentException("invalid prefix \"" + cidr + "\": length /" + n
                    + " out of range 0.." + max + " for an " + (max == 32 ? "IPv4" : "IPv6") + " address");
        }
        return new IpPrefix(a, n);
    }

    /** {@return the prefix {@code address/length}} */
    public static IpPrefix of(InetAddress address, int length) {
        return new IpPrefix(address, length);
    }

    /**
     * {@return a host prefix: /32 for IPv4, /128 for IPv6}
     *
     * @param address the address
     */
    public static IpPrefix host(InetAddress address) {
        return new IpPrefix(address, address instanceof Inet4Address ? 32 : 128);
    }

    /**
     * Parses an IPv4 (dotted quad, four decimal parts) or IPv6 literal, never consulting DNS.
     * Zone ids ({@code %eth0}) and IPv4-mapped IPv6 forms are refused.
     *
     * @param text the literal
     * @throws IllegalArgumentException naming the input if it is not such a literal
     * @return the address
     */
    public static InetAddress parseAddress(String text) {
        Objects.requireNonNull(text, "address");
        String s = text.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty address");
        }
        if (s.indexOf(':') >= 0) {
            if (s.indexOf('%') >= 0 || s.indexOf('[') >= 0) {
                throw new IllegalArgumentException("\"" + text + "\" is not a plain IPv6 address (no zone or brackets)");
            }
            InetAddress a;
            try {
                a = Inet6Address.ofLiteral(s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("\"" + text + "\" is not a numeric IPv6 address", e);
            }
            if (!(a instanceof Inet6Address)) {
                throw new IllegalArgumentException("\"" + text + "\": IPv4-mapped IPv6 addresses are not supported");
            }
            return a;
        }
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("\"" + text + "\" is not a numeric IPv4 address (four dotted numbers)");
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("\"" + text + "\" is not a numeric IPv4 address");
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                throw new IllegalArgumentException("\"" + text + "\" is not a numeric IPv4 address (" + v + " > 255)");
            }
            b[i] = (byte) v;
        }
        return byAddress(b);
    }

    /**
     * {@return an address from 4 or 16 raw bytes}
     *
     * @param raw the address bytes, in network order
     */
    public static InetAddress byAddress(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an address has 4 or 16 bytes, not " + raw.length, e);
        }
    }

    /**
     * {@return the family of {@code a}: {@link #AF_INET} or {@link #AF_INET6}}
     *
     * @param a the address
     */
    public static int familyOf(InetAddress a) {
        return a instanceof Inet4Address ? AF_INET : AF_INET6;
    }

    /**
     * {@link #AF_INET} or {@link #AF_INET6}.
     *
     * @return the address family
     */
    public int family() {
        return familyOf(address);
    }

    /** {@return whether this is an IPv4 prefix} */
    public boolean isIpv4() {
        return address instanceof Inet4Address;
    }

    /** {@return the largest prefix length of the family: 32 or 128} */
    public int maxLength() {
        return isIpv4() ? 32 : 128;
    }

    /** {@return whether this prefix is the whole address space ({@code 0.0.0.0/0} or {@code ::/0})} */
    public boolean isDefault() {
        return length == 0;
    }

    /** {@return the network: the address with its host bits cleared, same length} */
    public IpPrefix network() {
        return new IpPrefix(byAddress(masked(address.getAddress(), length, false)), length);
    }

    /** {@return whether the host bits of the address are all zero (the address is the network)} */
    public boolean isNetwork() {
        return network().address.equals(address);
    }

    /** {@return the IPv4 broadcast address: the host bits set} */
    public InetAddress broadcast() {
        if (!isIpv4()) {
            throw new IllegalStateException("IPv6 has no broadcast address: " + this);
        }
        return byAddress(masked(address.getAddress(), length, true));
    }

    /**
     * {@return whether {@code a} (of the same family) lies inside this prefix}
     *
     * @param a the address
     */
    public boolean contains(InetAddress a) {
        if (familyOf(a) != family()) {
            return false;
        }
        return new IpPrefix(a, length).network().equals(network());
    }

    private static byte[] masked(byte[] b, int len, boolean setHostBits) {
        for (int bit = len; bit < b.length * 8; bit++) {
            int mask = 0x80 >>> (bit & 7);
            b[bit >> 3] = (byte) (setHostBits ? b[bit >> 3] | mask : b[bit >> 3] & ~mask);
        }
        return b;
    }

    /** {@code address/length}, with the address in its canonical text form. */
    @Override
    public String toString() {
        return format(address) + "/" + length;
    }

    /**
     * {@return the canonical text of an address: dotted quad for IPv4, RFC 5952 for IPv6 (lower case, the
     * longest run of two or more zero groups shortened to {@code ::}), as iproute2 prints them}
     *
     * @param a the address
     */
    public static String format(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length == 4) {
            return a.getHostAddress();
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
