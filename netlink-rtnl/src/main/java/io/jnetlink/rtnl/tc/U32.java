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

    /** {@return a u32 filter matching every packet (no keys yet), classifying nowhere} */
    public static U32 create() {
        return new U32(null, List.of(), List.of(), 0);
    }

    /** The same putting matching packets in class {@code classid} (tc's {@code flowid}/{@code classid}). */
    public U32 flowid(Handle classid) {
        return new U32(classid, keys, actions, divisor);
    }

    /** The same running {@code action} too on a match. */
    public U32 action(Action action) {
        List<Action> a = new ArrayList<>(actions);
        a.add(action);
        return new U32(classid, keys, a, divisor);
    }

    /** The same with a raw key ({@code match u32 VALUE MASK at OFFSET}), packed as tc packs it. */
    public U32 match(int value, int mask, int offset) {
        return pack(value, mask, offset);
    }

    /** {@code match ip src PREFIX}. */
    public U32 ipSrc(IpPrefix p) {
        return ip4(p, 12);
    }

    /** {@code match ip dst PREFIX}. */
    public U32 ipDst(IpPrefix p) {
        return ip4(p, 16);
    }

    /** {@code match ip protocol N 0xff}. */
    public U32 ipProtocol(int protocol) {
        return pack8(protocol, 0xFF, 9);
    }

    /** {@code match ip sport N 0xffff} (IPv4 without options). */
    public U32 sport(int port) {
        return pack16(port, 0xFFFF, 20);
    }

    /** {@code match ip dport N 0xffff} (IPv4 without options). */
    public U32 dport(int port) {
        return pack16(port, 0xFFFF, 22);
    }

    /** {@code match ip6 src PREFIX}. */
    public U32 ip6Src(IpPrefix p) {
        return ip6(p, 8);
    }

    /** {@code match ip6 dst PREFIX}. */
    public U32 ip6Dst(IpPrefix p) {
        return ip6(p, 24);
    }

    /** {@code match ip6 protocol N 0xff} (the next header of the fixed IPv6 header). */
    public U32 ip6Protocol(int protocol) {
        return pack8(protocol, 0xFF, 6);
    }

    /** {@code match ip6 sport N 0xffff} (no extension headers). */
    public U32 ip6Sport(int port) {
        return pack16(port, 0xFFFF, 40);
    }

    /** {@code match ip6 dport N 0xffff} (no extension headers). */
    public U32 ip6Dport(int port) {
        return pack16(port, 0xFFFF, 42);
    }

    private U32 ip4(IpPrefix p, int off) {
        if (!(p.address() instanceof Inet4Address)) {
            throw new IllegalArgumentException("match ip takes an IPv4 prefix, got " + p);
        }
        byte[] a = p.address().getAddress();
        int mask = p.length() == 0 ? 0 : -1 << (32 - p.length());
        return pack(word(a, 0), mask, off);
    }

    private U32 ip6(IpPrefix p, int off) {
        if (p.address() instanceof Inet4Address) {
            throw new IllegalArgumentException("match ip6 takes an IPv6 prefix, got " + p);
        }
        byte[] a = p.address().getAddress();
        U32 u = this;
        for (int i = 0; i < p.length(); i += 32) {
            int left = p.length() - i;
            int mask = left >= 32 ? -1 : ~(-1 >>> left);
            u = u.pack(word(a, i / 8), mask, off + i / 8);
        }
        return u;
    }

    private static int word(byte[] a, int at) {
        return (a[at] & 0xFF) << 24 | (a[at + 1] & 0xFF) << 16 | (a[at + 2] & 0xFF) << 8 | (a[at + 3] & 0xFF);
    }

    private U32 pack8(int value, int mask, int off) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException("a byte match takes 0..255, got " + value);
        }
        int shift = 24 - 8 * (off & 3);
        return pack(value << shift, mask << shift, off & ~3);
    }

    private U32 pack16(int value, int mask, int off) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("a port match takes 0..65535, got " + value);
        }
        int shift = (off & 3) == 0 ? 16 : 0;
        return pack(value << shift, mask << shift, off & ~3);
    }

    /** tc's pack_key: a key at the same offset is merged (conflicting bits are an error). */
    private U32 pack(int value, int mask, int off) {
        value &= mask;
        List<U32Key> k = new ArrayList<>(keys);
        for (int i = 0; i < k.size(); i++) {
            U32Key old = k.get(i);
            if (old.offset() == off && old.offmask() == 0) {
                if (((value ^ old.value()) & (mask & old.mask())) != 0) {
                    throw new IllegalArgumentException("u32 match at offset " + off + " contradicts an earlier one: "
                            + old);
                }
                k.set(i, new U32Key(old.value() | value, old.mask() | mask, off, 0));
                return new U32(classid, k, actions, divisor);
            }
        }
        k.add(new U32Key(value, mask, off, 0));
        return new U32(classid, k, actions, divisor);
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
}
