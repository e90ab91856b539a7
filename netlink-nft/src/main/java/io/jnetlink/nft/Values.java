package io.jnetlink.nft;

import io.jnetlink.core.net.IpPrefix;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Constant data of rules as nft puts it in registers: header fields in network order, metadata
 * (marks, ct state, numbers) in host order, interface names NUL-padded to IFNAMSIZ.
 */
final class Values {
    private Values() {}

    private static final int IFNAMSIZ = 16;
    /** IP protocol names as nft prints them (from /etc/protocols). */
    private static final Map<Integer, String> PROTOCOLS = Map.ofEntries(Map.entry(1, "icmp"), Map.entry(2, "igmp"),
            Map.entry(6, "tcp"), Map.entry(17, "udp"), Map.entry(33, "dccp"), Map.entry(47, "gre"),
            Map.entry(50, "esp"), Map.entry(51, "ah"), Map.entry(58, "ipv6-icmp"), Map.entry(132, "sctp"),
            Map.entry(136, "udplite"));

    /** The name nft prints for an IP protocol number. */
    static String protocolName(int proto) {
        String n = PROTOCOLS.get(proto);
        return n != null ? n : Integer.toString(proto);
    }

    static byte[] be16(int v) {
        return new byte[] {(byte) (v >>> 8), (byte) v};
    }

    static int u16(byte[] b) {
        return (b[0] & 0xFF) << 8 | (b[1] & 0xFF);
    }

    static byte[] be32(int v) {
        return ByteBuffer.allocate(4).putInt(v).array();
    }

    static int be32(byte[] b) {
        return ByteBuffer.wrap(b).getInt();
    }

    /** A 32-bit value in host order (metadata, ct state, marks). */
    static byte[] host32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(v).array();
    }

    static int host32(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).getInt();
    }

    /** An interface name as nft compares it: NUL-padded to IFNAMSIZ (an exact match). */
    static byte[] ifname(String name) {
        return Arrays.copyOf(name.getBytes(StandardCharsets.UTF_8), IFNAMSIZ);
    }

    /** The text before the first NUL. */
    static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    /** Whether {@code b} is an exact interface-name comparison (IFNAMSIZ bytes, NUL-terminated). */
    static boolean isIfname(byte[] b) {
        return b.length == IFNAMSIZ && b[IFNAMSIZ - 1] == 0 && b[0] != 0;
    }

    static boolean isAddress(byte[] b) {
        return b.length == 4 || b.length == 16;
    }

    /** A 4- or 16-byte address (callers check the length with {@link #isAddress}). */
    static InetAddress address(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("address of " + b.length + " bytes", e);
        }
    }

    /** Whether {@code b} has no bit set past the first {@code bits}. */
    static boolean hostBitsZero(byte[] b, int bits) {
        for (int bit = bits; bit < b.length * 8; bit++) {
            if ((b[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                return false;
            }
        }
        return true;
    }

    /** The number of leading one bits of a contiguous mask, or -1 if the mask is not contiguous. */
    static int prefixBits(byte[] mask) {
        int bits = 0;
        boolean ended = false;
        for (byte m : mask) {
            for (int i = 7; i >= 0; i--) {
                boolean one = (m >> i & 1) != 0;
                if (one && ended) {
                    return -1;
                }
                if (one) {
                    bits++;
                } else {
                    ended = true;
                }
            }
        }
        return bits;
    }

    /** An IPv6 address as nft prints it in brackets where a port may follow. */
    static String bracketed(InetAddress a) {
        return a.getAddress().length == 16 ? "[" + text(a) + "]" : text(a);
    }

    /** An address as nft prints it (compressed IPv6 as RFC 5952 has it, no scope). */
    static String text(InetAddress a) {
        return IpPrefix.format(a);
    }
}
