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

    /**
     * {@return a filter of {@code kind} on {@code parent}, its protocol the kind's default, prio and handle the kernel's}
     *
     * @param kind the classifier
     * @param parent the parent
     */
    public static FilterSpec of(Handle parent, FilterKind kind) {
        return builder(parent, kind).build();
    }

    /**
     * {@return a builder of filters of {@code kind} on {@code parent}, starting as {@link #of(Handle, FilterKind)}}
     *
     * @param parent the parent
     * @param kind the classifier
     */
    public static Builder builder(Handle parent, FilterKind kind) {
        return new Builder(parent, Objects.requireNonNull(kind, "kind"));
    }

    /** {@return a builder holding this filter's values, to change and {@link Builder#build()} into a new one} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The same with priority {@code prio}.
     *
     * @param prio the priority
     * @return a copy with it
     */
    public FilterSpec prio(int prio) {
        return toBuilder().prio(prio).build();
    }

    /**
     * The same for Ethernet type {@code protocol}.
     *
     * @param protocol the Ethernet type
     * @return a copy with it
     */
    public FilterSpec protocol(int protocol) {
        return toBuilder().protocol(protocol).build();
    }

    /**
     * The same with handle {@code handle}.
     *
     * @param handle the handle
     * @return a copy with it
     */
    public FilterSpec handle(int handle) {
        return toBuilder().handle(handle).build();
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
     *
     * @param text the text in tc's notation
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

    /**
     * Builds a {@link FilterSpec}; {@link #build()} checks the values (the record's constructor). A
     * builder is not thread-safe; the specs it builds are immutable.
     */
    public static final class Builder {
        private final Handle parent;
        private int prio;
        private int protocol;
        private int handle;
        private final FilterKind kind;

        private Builder(Handle parent, FilterKind kind) {
            this.parent = parent;
            this.protocol = kind.defaultProtocol();
            this.kind = kind;
        }

        private Builder(FilterSpec f) {
            parent = f.parent;
            prio = f.prio;
            protocol = f.protocol;
            handle = f.handle;
            kind = f.kind;
        }

        /**
         * Priority {@code prio} (0: the kernel picks).
         *
         * @param prio the priority, 0..65535
         * @return this builder
         */
        public Builder prio(int prio) {
            this.prio = prio;
            return this;
        }

        /**
         * Ethernet type {@code protocol}.
         *
         * @param protocol the Ethernet type
         * @return this builder
         */
        public Builder protocol(int protocol) {
            this.protocol = protocol;
            return this;
        }

        /**
         * Handle {@code handle} (0: the kernel picks).
         *
         * @param handle the handle
         * @return this builder
         */
        public Builder handle(int handle) {
            this.handle = handle;
            return this;
        }

        /** {@return the filter spec these values make, checked} */
        public FilterSpec build() {
            return new FilterSpec(parent, prio, protocol, handle, kind);
        }
    }
}
