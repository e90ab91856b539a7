package io.jnetlink.rtnl.tc;

import java.nio.ByteOrder;
import java.util.Objects;

/**
 * A filter to add, replace or change: the qdisc or class it hangs on ({@code parent}), its
 * priority and protocol, its handle, and its classifier with options.
 *
 * <pre>{@code
 * FilterSpec.of(Handle.parse("1:"), U32.create().ipDst(IpPrefix.parse("10.0.0.2/32")).flowid(Handle.parse("1:10")))
 *         .protocol(FilterSpec.ETH_P_IP).prio(1)      // tc filter add ... parent 1: protocol ip prio 1 u32 match ip dst ... flowid 1:10
 * }</pre>
 *
 * @param parent   the qdisc ({@code 1:}), class, or hook ({@link Handle#INGRESS_HOOK}, {@link Handle#EGRESS_HOOK})
 * @param prio     the priority (tc's {@code prio}/{@code pref}), 1..65535, or 0 to let the kernel pick
 * @param protocol the Ethernet type it applies to ({@link #ETH_P_ALL}, {@link #ETH_P_IP}, {@link #ETH_P_IPV6})
 * @param handle   the filter's handle (for u32 {@code 800::800} is {@code 0x80000800}), or 0 to let the kernel pick
 * @param kind     the classifier and its options
 */
public record FilterSpec(Handle parent, int prio, int protocol, int handle, FilterKind kind) {
    /** ETH_P_ALL: every protocol (tc's {@code protocol all}, its default). */
    public static final int ETH_P_ALL = 0x0003;
    /** ETH_P_IP: IPv4 (tc's {@code protocol ip}). */
    public static final int ETH_P_IP = 0x0800;
    /** ETH_P_IPV6: IPv6 (tc's {@code protocol ipv6}). */
    public static final int ETH_P_IPV6 = 0x86DD;

    /** Checks the ranges. */
    public FilterSpec {
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(kind, "kind");
        if (prio < 0 || prio > 0xFFFF) {
            throw new IllegalArgumentException("filter prio must be 0..65535, got " + prio);
        }
        if (protocol < 0 || protocol > 0xFFFF) {
            throw new IllegalArgumentException("filter protocol is a 16-bit Ethernet type, got " + protocol);
        }
    }

    /** {@return a filter of {@code kind} on {@code parent}, its protocol the kind's default, prio and handle the kernel's} */
    public static FilterSpec of(Handle parent, FilterKind kind) {
        return new FilterSpec(parent, 0, kind.defaultProtocol(), 0, kind);
    }

    /** The same with priority {@code prio}. */
    public FilterSpec prio(int prio) {
        return new FilterSpec(parent, prio, protocol, handle, kind);
    }

    /** The same for Ethernet type {@code protocol}. */
    public FilterSpec protocol(int protocol) {
        return new FilterSpec(parent, prio, protocol, handle, kind);
    }

    /** The same with handle {@code handle}. */
    public FilterSpec handle(int handle) {
        return new FilterSpec(parent, prio, protocol, handle, kind);
    }

    /** tcm_info as tc writes it: {@code TC_H_MAKE(prio << 16, htons(protocol))}. */
    static int info(int prio, int protocol) {
        int net = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? Short.reverseBytes((short) protocol) & 0xFFFF
                : protocol;
        return prio << 16 | net;
    }

    /** The protocol from tcm_info (the inverse of {@link #info}). */
    static int protocolOf(int info) {
        int net = info & 0xFFFF;
        return ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? Short.reverseBytes((short) net) & 0xFFFF : net;
    }

    /**
     * {@return a u32 handle in tc's notation {@code HTID:HASH:NODE} (hexadecimal; {@code 800::800} is
     * {@code 0x80000800})}
     */
    public static int u32Handle(String text) {
        String[] f = text.strip().split(":", -1);
        if (f.length != 3) {
            throw new IllegalArgumentException("a u32 handle is HTID:HASH:NODE in hexadecimal, such as 800::800, got \""
                    + text + "\"");
        }
        try {
            int htid = f[0].isEmpty() ? 0 : Integer.parseInt(f[0], 16);
            int hash = f[1].isEmpty() ? 0 : Integer.parseInt(f[1], 16);
            int node = f[2].isEmpty() ? 0 : Integer.parseInt(f[2], 16);
            if (htid > 0xFFF || hash > 0xFF || node > 0xFFF) {
                throw new NumberFormatException("out of range");
            }
            return htid << 20 | hash << 12 | node;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a u32 handle is HTID:HASH:NODE with at most 12, 8 and 12 bits, got \""
                    + text + "\"", e);
        }
    }

    @Override
    public String toString() {
        return kind.kind() + " filter parent " + parent + " prio " + prio + " protocol 0x" + Integer.toHexString(protocol)
                + (handle != 0 ? " handle 0x" + Integer.toHexString(handle) : "");
    }
}
