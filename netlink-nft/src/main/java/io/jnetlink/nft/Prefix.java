package io.jnetlink.nft;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * An IPv4 or IPv6 network prefix such as {@code 192.168.15.0/24} or {@code fd00:15::/64}.
 *
 * @param address the network address (host bits zero)
 * @param length  the prefix length in bits
 */
public record Prefix(InetAddress address, int length) {
    public Prefix {
        if (address == null) {
            throw new IllegalArgumentException("prefix address is null");
        }
        int max = address.getAddress().length * 8;
        if (length < 0 || length > max) {
            throw new IllegalArgumentException("prefix length /" + length + " out of range 0.." + max + " for "
                    + address.getHostAddress());
        }
        byte[] b = address.getAddress();
        for (int bit = length; bit < max; bit++) {
            if ((b[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                throw new IllegalArgumentException("prefix " + address.getHostAddress() + "/" + length
                        + " has host bits set; the network is " + masked(b, length).getHostAddress() + "/" + length);
            }
        }
    }

    /**
     * Parses {@code ADDRESS/LENGTH} or a bare address (a host prefix). Only numeric addresses: no
     * name lookups.
     */
    public static Prefix parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("prefix is empty");
        }
        String s = text.strip();
        int slash = s.indexOf('/');
        InetAddress a = Addresses.literal(slash < 0 ? s : s.substring(0, slash), "prefix '" + text + "'");
        int max = a.getAddress().length * 8;
        int len = max;
        if (slash >= 0) {
            String l = s.substring(slash + 1);
            try {
                len = Integer.parseInt(l);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix '" + text + "': length '" + l + "' is not a number");
            }
            if (len < 0 || len > max) {
                throw new IllegalArgumentException("bad prefix '" + text + "': length /" + len + " out of range 0.."
                        + max);
            }
        }
        return new Prefix(a, len);
    }

    /** Whether this is an IPv4 prefix. */
    public boolean isIpv4() {
        return address instanceof Inet4Address;
    }

    private static InetAddress masked(byte[] b, int length) {
        byte[] m = b.clone();
        for (int bit = length; bit < m.length * 8; bit++) {
            m[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return InetAddress.getByAddress(m);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + length;
    }
}
