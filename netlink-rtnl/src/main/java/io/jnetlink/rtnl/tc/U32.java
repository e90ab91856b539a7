package io.jnetlink.rtnl.tc;

import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.net.IpPrefix;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code u32}: matches 32-bit words of the packet and classifies to a class ({@code tc filter add
 * dev X parent 1: protocol ip prio 1 u32 match ip dst 10.0.0.2/32 match ip dport 5001 0xffff
 * flowid 1:10}) and/or runs actions.
 *
 * <pre>{@code
 * U32.create().ipDst(IpPrefix.parse("10.0.0.2/32")).ipProtocol(6).dport(5001).flowid(Handle.parse("1:10"))
 * U32.create().ip6Dst(IpPrefix.parse("fd00::2/128")).ip6Protocol(17).ip6Dport(5001).flowid(...)
 * }</pre>
 *
 * <p>Matches are packed into keys exactly as tc's {@code f_u32.c} packs them (a byte or a port
 * joins a key at the same offset; IPv4 ports assume a header without options, as tc's {@code ip
 * sport}/{@code dport}), so the selector equals tc's. Written as tc writes it ({@code
 * linux/pkt_cls.h}): TCA_U32_CLASSID, TCA_U32_ACT, then TCA_U32_SEL ({@code struct tc_u32_sel}
 * with its keys, flagged TC_U32_TERMINAL when it classifies or acts). Read back, a hash-table node
 * of the kernel's (no selector) has {@link #divisor()} set and no keys.
 *
 * @param classid the class to put matching packets in, or null
 * @param keys    the keys, all of which must match
 * @param actions the actions to run on a match
 * @param divisor read back only: for a hash-table node, its number of buckets; else 0
 */
public record U32(Handle classid, List<U32Key> keys, List<Action> actions, int divisor) implements FilterKind {
    static final String KIND = "u32";
    static final int TCA_U32_CLASSID = 1;
    static final int TCA_U32_DIVISOR = 4;
    static final int TCA_U32_SEL = 5;
    static final int TCA_U32_ACT = 7;
    static final int TC_U32_TERMINAL = 1;
    /** sizeof(struct tc_u32_sel) without keys; each key is 16 bytes. */
    static final int SEL_LEN = 16;
    static final int KEY_LEN = 16;

    /** Copies the lists. */
    public U32 {
        keys = List.copyOf(keys);
        actions = List.copyOf(actions);
        if (keys.size() > 128) {
            throw new IllegalArgumentException("u32 takes at most 128 keys, got " + keys.size());
        }
    }

    /** {@return a builder of u32 filters, starting as {@link #create()}: no keys, no class, no actions} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this filter's values, to change and {@link Builder#build()} into a new one} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** {@return a u32 filter matching every packet (no keys yet), classifying nowhere} */
    public static U32 create() {
        return builder().build();
    }

    /**
     * The same putting matching packets in class {@code classid} (tc's {@code flowid}/{@code classid}).
     *
     * @param classid the class
     * @return a copy with it
     */
    public U32 flowid(Handle classid) {
        return toBuilder().flowid(classid).build();
    }

    /**
     * The same running {@code action} too on a match.
     *
     * @param action the action
     * @return a copy with it
     */
    public U32 action(Action action) {
        return toBuilder().action(action).build();
    }

    /**
     * The same with a raw key ({@code match u32 VALUE MASK at OFFSET}), packed as tc packs it.
     *
     * @param mask the mask
     * @param offset the offset in the packet
     * @param value the value
     * @return a copy with it
     */
    public U32 match(int value, int mask, int offset) {
        return toBuilder().match(value, mask, offset).build();
    }

    /**
     * {@code match ip src PREFIX}.
     *
     * @param p the prefix
     * @return a copy with it
     */
    public U32 ipSrc(IpPrefix p) {
        return toBuilder().ipSrc(p).build();
    }

    /**
     * {@code match ip dst PREFIX}.
     *
     * @param p the prefix
     * @return a copy with it
     */
    public U32 ipDst(IpPrefix p) {
        return toBuilder().ipDst(p).build();
    }

    /**
     * {@code match ip protocol N 0xff}.
     *
     * @param protocol the protocol number
     * @return a copy with it
     */
    public U32 ipProtocol(int protocol) {
        return toBuilder().ipProtocol(protocol).build();
    }

    /**
     * {@code match ip sport N 0xffff} (IPv4 without options).
     *
     * @param port the port
     * @return a copy with it
     */
    public U32 sport(int port) {
        return toBuilder().sport(port).build();
    }

    /**
     * {@code match ip dport N 0xffff} (IPv4 without options).
     *
     * @param port the port
     * @return a copy with it
     */
    public U32 dport(int port) {
        return toBuilder().dport(port).build();
    }

    /**
     * {@code match ip6 src PREFIX}.
     *
     * @param p the prefix
     * @return a copy with it
     */
    public U32 ip6Src(IpPrefix p) {
        return toBuilder().ip6Src(p).build();
    }

    /**
     * {@code match ip6 dst PREFIX}.
     *
     * @param p the prefix
     * @return a copy with it
     */
    public U32 ip6Dst(IpPrefix p) {
        return toBuilder().ip6Dst(p).build();
    }

    /**
     * {@code match ip6 protocol N 0xff} (the next header of the fixed IPv6 header).
     *
     * @param protocol the protocol number
     * @return a copy with it
     */
    public U32 ip6Protocol(int protocol) {
        return toBuilder().ip6Protocol(protocol).build();
    }

    /**
     * {@code match ip6 sport N 0xffff} (no extension headers).
     *
     * @param port the port
     * @return a copy with it
     */
    public U32 ip6Sport(int port) {
        return toBuilder().ip6Sport(port).build();
    }

    /**
     * {@code match ip6 dport N 0xffff} (no extension headers).
     *
     * @param port the port
     * @return a copy with it
     */
    public U32 ip6Dport(int port) {
        return toBuilder().ip6Dport(port).build();
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public List<Action> actions() {
        return actions;
    }

    @Override
    public void writeOptions(MessageWriter w) {
        w.nest(Tca.TCA_OPTIONS, o -> {
            if (classid != null) {
                o.attrU32(TCA_U32_CLASSID, classid.value());
            }
            if (!actions.isEmpty()) {
                Action.writeAll(o, TCA_U32_ACT, actions);
            }
            o.nest(TCA_U32_SEL, s -> {
                s.u8(classid != null || !actions.isEmpty() ? TC_U32_TERMINAL : 0).u8(0).u8(keys.size()).u8(0);
                s.u16(0).u16(0).u16(0).u16(0).u32(0); // offmask, off, offoff, hoff, hmask: no next-header hashing
                for (U32Key k : keys) {
                    be32(s, k.mask());
                    be32(s, k.value());
                    s.u32(k.offset()).u32(k.offmask());
                }
            });
        });
    }

    private static void be32(MessageWriter w, int v) {
        w.u8(v >>> 24).u8(v >>> 16 & 0xFF).u8(v >>> 8 & 0xFF).u8(v & 0xFF);
    }

    static U32 decode(AttributeCursor options) {
        Handle classid = null;
        List<U32Key> keys = new ArrayList<>();
        List<Action> actions = List.of();
        int divisor = 0;
        if (options != null) {
            AttributeCursor a = options.nested(Tca.optionNames(KIND));
            while (a.next()) {
                switch (a.type()) {
                    case TCA_U32_CLASSID -> classid = new Handle(a.u32());
                    case TCA_U32_DIVISOR -> divisor = a.u32();
                    case TCA_U32_ACT -> actions = Action.readAll(a);
                    case TCA_U32_SEL -> {
                        Struct s = Struct.of(a, SEL_LEN, "struct tc_u32_sel");
                        int n = s.u8(2);
                        if (s.length() < SEL_LEN + n * KEY_LEN) {
                            throw a.malformed("u32 selector of " + n + " keys needs " + (SEL_LEN + n * KEY_LEN)
                                    + " bytes, got " + s.length());
                        }
                        for (int i = 0; i < n; i++) {
                            int at = SEL_LEN + i * KEY_LEN;
                            int off = s.s32(at + 8);
                            if (off % 4 != 0) {
                                throw a.malformed("u32 key offset " + off + " is not a multiple of 4");
                            }
                            keys.add(new U32Key(s.be32(at + 4), s.be32(at), off, s.s32(at + 12)));
                        }
                    }
                    default -> { } // hash, link, mark, counters: not modeled
                }
            }
        }
        if (keys.size() > 128) {
            throw options.malformed("u32 selector with " + keys.size() + " keys");
        }
        return new U32(classid, keys, actions, divisor);
    }

    /**
     * Builds a {@link U32}: each match is packed into the keys as tc packs it (a match that
     * contradicts an earlier one at the same offset is refused and leaves the keys as they were);
     * {@link #build()} checks the whole (at most 128 keys). A builder is not thread-safe; the
     * filters it builds are immutable.
     */
    public static final class Builder {
        private Handle classid;
        private List<U32Key> keys = new ArrayList<>();
        private final List<Action> actions = new ArrayList<>();
        private final int divisor;

        private Builder() {
            divisor = 0;
        }

        private Builder(U32 u) {
            classid = u.classid;
            keys.addAll(u.keys);
            actions.addAll(u.actions);
            divisor = u.divisor;
        }

        /**
         * Puts matching packets in class {@code classid} (tc's {@code flowid}/{@code classid}).
         *
         * @param classid the class, or null for none
         * @return this builder
         */
        public Builder flowid(Handle classid) {
            this.classid = classid;
            return this;
        }

        /**
         * Runs {@code action} too on a match, after the actions added before.
         *
         * @param action the action
         * @return this builder
         */
        public Builder action(Action action) {
            actions.add(action);
            return this;
        }

        /**
         * A raw key ({@code match u32 VALUE MASK at OFFSET}), packed as tc packs it.
         *
         * @param value the value
         * @param mask the mask
         * @param offset the offset in the packet
         * @return this builder
         */
        public Builder match(int value, int mask, int offset) {
            return pack(value, mask, offset);
        }

        /**
         * {@code match ip src PREFIX}.
         *
         * @param p the prefix
         * @return this builder
         */
        public Builder ipSrc(IpPrefix p) {
            return ip4(p, 12);
        }

        /**
         * {@code match ip dst PREFIX}.
         *
         * @param p the prefix
         * @return this builder
         */
        public Builder ipDst(IpPrefix p) {
            return ip4(p, 16);
        }

        /**
         * {@code match ip protocol N 0xff}.
         *
         * @param protocol the protocol number
         * @return this builder
         */
        public Builder ipProtocol(int protocol) {
            return pack8(protocol, 0xFF, 9);
        }

        /**
         * {@code match ip sport N 0xffff} (IPv4 without options).
         *
         * @param port the port
         * @return this builder
         */
        public Builder sport(int port) {
            return pack16(port, 0xFFFF, 20);
        }

        /**
         * {@code match ip dport N 0xffff} (IPv4 without options).
         *
         * @param port the port
         * @return this builder
         */
        public Builder dport(int port) {
            return pack16(port, 0xFFFF, 22);
        }

        /**
         * {@code match ip6 src PREFIX}.
         *
         * @param p the prefix
         * @return this builder
         */
        public Builder ip6Src(IpPrefix p) {
            return ip6(p, 8);
        }

        /**
         * {@code match ip6 dst PREFIX}.
         *
         * @param p the prefix
         * @return this builder
         */
        public Builder ip6Dst(IpPrefix p) {
            return ip6(p, 24);
        }

        /**
         * {@code match ip6 protocol N 0xff} (the next header of the fixed IPv6 header).
         *
         * @param protocol the protocol number
         * @return this builder
         */
        public Builder ip6Protocol(int protocol) {
            return pack8(protocol, 0xFF, 6);
        }

        /**
         * {@code match ip6 sport N 0xffff} (no extension headers).
         *
         * @param port the port
         * @return this builder
         */
        public Builder ip6Sport(int port) {
            return pack16(port, 0xFFFF, 40);
        }

        /**
         * {@code match ip6 dport N 0xffff} (no extension headers).
         *
         * @param port the port
         * @return this builder
         */
        public Builder ip6Dport(int port) {
            return pack16(port, 0xFFFF, 42);
        }

        private Builder ip4(IpPrefix p, int off) {
            if (!(p.address() instanceof Inet4Address)) {
                throw new IllegalArgumentException("match ip takes an IPv4 prefix, got " + p);
            }
            byte[] a = p.address().getAddress();
            int mask = p.length() == 0 ? 0 : -1 << (32 - p.length());
            return pack(word(a, 0), mask, off);
        }

        private Builder ip6(IpPrefix p, int off) {
            if (p.address() instanceof Inet4Address) {
                throw new IllegalArgumentException("match ip6 takes an IPv6 prefix, got " + p);
            }
            byte[] a = p.address().getAddress();
            List<U32Key> k = new ArrayList<>(keys); // all of the prefix's words or none
            for (int i = 0; i < p.length(); i += 32) {
                int left = p.length() - i;
                int mask = left >= 32 ? -1 : ~(-1 >>> left);
                pack(k, word(a, i / 8), mask, off + i / 8);
            }
            keys = k;
            return this;
        }

        private static int word(byte[] a, int at) {
            return (a[at] & 0xFF) << 24 | (a[at + 1] & 0xFF) << 16 | (a[at + 2] & 0xFF) << 8 | (a[at + 3] & 0xFF);
        }

        private Builder pack8(int value, int mask, int off) {
            if (value < 0 || value > 0xFF) {
                throw new IllegalArgumentException("a byte match takes 0..255, got " + value);
            }
            int shift = 24 - 8 * (off & 3);
            return pack(value << shift, mask << shift, off & ~3);
        }

        private Builder pack16(int value, int mask, int off) {
            if (value < 0 || value > 0xFFFF) {
                throw new IllegalArgumentException("a port match takes 0..65535, got " + value);
            }
            int shift = (off & 3) == 0 ? 16 : 0;
            return pack(value << shift, mask << shift, off & ~3);
        }

        private Builder pack(int value, int mask, int off) {
            pack(keys, value, mask, off);
            return this;
        }

        /** tc's pack_key: a key at the same offset is merged (conflicting bits are an error). */
        private static void pack(List<U32Key> k, int value, int mask, int off) {
            value &= mask;
            for (int i = 0; i < k.size(); i++) {
                U32Key old = k.get(i);
                if (old.offset() == off && old.offmask() == 0) {
                    if (((value ^ old.value()) & (mask & old.mask())) != 0) {
                        throw new IllegalArgumentException("u32 match at offset " + off + " contradicts an earlier one: "
                                + old);
                    }
                    k.set(i, new U32Key(old.value() | value, old.mask() | mask, off, 0));
                    return;
                }
            }
            k.add(new U32Key(value, mask, off, 0));
        }

        /** {@return the filter these values make, checked} */
        public U32 build() {
            return new U32(classid, keys, actions, divisor);
        }
    }
}
