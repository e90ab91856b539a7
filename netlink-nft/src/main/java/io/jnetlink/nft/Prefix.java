package io.jnetlink.nft;

import io.jnetlink.core.net.IpPrefix;
import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * An IPv4 or IPv6 network prefix such as {@code 192.168.15.0/24} or {@code fd00:15::/64}: the
 * library's {@link IpPrefix} (parsed and checked by its rules) with the one rule nf_tables adds,
 * that a match prefix is a network, its host bits zero.
 *
 * @param address the network address (host bits zero)
 * @param length  the prefix length in bits
 */
public record Prefix(InetAddress address, int length) {
    /**
     * Checks that the length fits the family and that the address is the network.
     *
     * @throws IllegalArgumentException if the length is out of range for the family, or the address
     *                                  has host bits set (naming the network it would be)
     */
    public Prefix {
        if (address == null) {
            throw new IllegalArgumentException("prefix address is null");
        }
        IpPrefix p = IpPrefix.of(address, length);
        if (!p.isNetwork()) {
            throw new IllegalArgumentException("prefix " + p + " has host bits set; the network is " + p.network());
        }
    }

    /**
     * Parses {@code ADDRESS/LENGTH} or a bare address (a host prefix) by {@link IpPrefix#parse}'s
     * rules: only numeric addresses, no name lookups.
     *
     * @param text the prefix
     * @return the prefix
     */
    public static Prefix parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("prefix is empty");
        }
        IpPrefix p = IpPrefix.parse(text);
        return new Prefix(p.address(), p.length());
    }

    /** {@return this prefix as the library's shared type} */
    public IpPrefix toIpPrefix() {
        return IpPrefix.of(address, length);
    }

    /** {@return whether this is an IPv4 prefix} */
    public boolean isIpv4() {
        return address instanceof Inet4Address;
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + length;
    }
}
