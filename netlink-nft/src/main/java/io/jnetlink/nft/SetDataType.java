package io.jnetlink.nft;

import io.jnetlink.core.net.Mac;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

/**
 * A data type of set keys and map values, with nft's name and number ({@code enum datatypes} of
 * nftables' {@code datatype.h}, which the kernel stores in NFTA_SET_KEY_TYPE for nft to read back),
 * its length, and how nft writes and prints a value of it.
 */
public enum SetDataType {
    /** An IPv4 address. */
    IPV4_ADDR("ipv4_addr", 7, 4, false, 2),
    /** An IPv6 address. */
    IPV6_ADDR("ipv6_addr", 8, 16, false, 0),
    /** An Ethernet (MAC) address. */
    ETHER_ADDR("ether_addr", 9, 6, false, 0),
    /** An IP protocol number ({@code tcp}, {@code udp}, ...). */
    INET_PROTO("inet_proto", 12, 1, false, 5),
    /** A TCP/UDP port. */
    INET_SERVICE("inet_service", 13, 2, false, 5),
    /** A packet or connection mark (host byte order). */
    MARK("mark", 19, 4, true, 5),
    /** An interface name, NUL-padded to IFNAMSIZ (host byte order, as nft stores strings). */
    IFNAME("ifname", 41, 16, true, 0);

    /** nft's name of the type ("ipv4_addr"). */
    public final String nftName;
    /** nft's number of the type. */
    public final int id;
    /** The length of a value in bytes. */
    public final int length;
    final boolean hostOrder;
    /** How many elements nft prints on one line of a named set of this key type; 0: one per line. */
    final int perLine;

    private static final Map<String, Integer> PROTOCOL_NUMBERS = Map.ofEntries(Map.entry("icmp", 1),
            Map.entry("igmp", 2), Map.entry("tcp", 6), Map.entry("udp", 17), Map.entry("dccp", 33),
            Map.entry("gre", 47), Map.entry("esp", 50), Map.entry("ah", 51), Map.entry("ipv6-icmp", 58),
            Map.entry("icmpv6", 58), Map.entry("sctp", 132), Map.entry("udplite", 136));

    SetDataType(String nftName, int id, int length, boolean hostOrder, int perLine) {
        this.nftName = nftName;
        this.id = id;
        this.length = length;
        this.hostOrder = hostOrder;
        this.perLine = perLine;
    }

    /** The type nft numbers {@code id}, or null. */
    static SetDataType of(int id) {
        for (SetDataType t : values()) {
            if (t.id == id) {
                return t;
            }
        }
        return null;
    }

    /** The type nft names {@code name}, or null. */
    static SetDataType named(String name) {
        for (SetDataType t : values()) {
            if (t.nftName.equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** Whether values of this type can form ranges and prefixes in an interval set. */
    boolean isAddress() {
        return this == IPV4_ADDR || this == IPV6_ADDR;
    }

    /**
     * One value as nft reads it: {@code 10.0.0.1}, {@code fd00::1}, {@code 02:00:00:00:00:01},
     * {@code tcp}/{@code 6}, {@code 22}, {@code 0x00000001}/{@code 1}, {@code eth0} (quotes allowed).
     */
    byte[] parse(String text) {
        String t = text.strip();
        try {
            return switch (this) {
                case IPV4_ADDR, IPV6_ADDR -> {
                    InetAddress a = Addresses.literal(t, nftName + " value");
                    if ((this == IPV4_ADDR) != (a instanceof Inet4Address)) {
                        throw new IllegalArgumentException("'" + t + "' is not an " + (this == IPV4_ADDR ? "IPv4"
                                : "IPv6") + " address");
                    }
                    yield a.getAddress();
                }
                case ETHER_ADDR -> Mac.parse(t);
                case INET_PROTO -> {
                    Integer n = PROTOCOL_NUMBERS.get(t);
                    int v = n != null ? n : Integer.parseInt(t);
                    if (v < 0 || v > 255) {
                        throw new IllegalArgumentException("IP protocol " + v + " out of range 0..255");
                    }
                    yield new byte[] {(byte) v};
                }
                case INET_SERVICE -> {
                    int v = Integer.parseInt(t);
                    if (v < 0 || v > 65535) {
                        throw new IllegalArgumentException("port " + v + " out of range 0..65535");
                    }
                    yield Values.be16(v);
                }
                case MARK -> Values.host32((int) Long.decode(t).longValue());
                case IFNAME -> {
                    String n = t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1)
                            : t;
                    yield Values.ifname(Names.iface(n));
                }
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + t + "' is not a " + nftName + " value", e);
        }
    }

    /** A value as nft prints it. */
    String format(byte[] v) {
        if (v.length != length) {
            return "0x" + HexFormat.of().formatHex(v);
        }
        return switch (this) {
            case IPV4_ADDR, IPV6_ADDR -> Values.text(Values.address(v));
            case ETHER_ADDR -> HexFormat.ofDelimiter(":").formatHex(v);
            case INET_PROTO -> Values.protocolName(v[0] & 0xFF);
            case INET_SERVICE -> Integer.toString(Values.u16(v));
            case MARK -> String.format("0x%08x", Values.host32(v));
            case IFNAME -> "\"" + Values.cString(v) + "\"";
        };
    }

    /** The bytes of {@code v} in the order nft compares them (network order; host order reversed on LE hosts). */
    byte[] sortable(byte[] v) {
        if (!hostOrder || java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.BIG_ENDIAN) {
            return v;
        }
        byte[] r = Arrays.copyOf(v, v.length);
        for (int i = 0; i < r.length / 2; i++) {
            byte b = r[i];
            r[i] = r[r.length - 1 - i];
            r[r.length - 1 - i] = b;
        }
        return r;
    }
}
