package io.jnetlink.rtnl.tc;

import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;

/**
 * {@code htb}, the hierarchy token bucket: a qdisc whose classes ({@link HtbClass}) each get a
 * guaranteed rate and may borrow up to a ceiling ({@code tc qdisc add dev X root handle 1: htb
 * default 20 r2q 5}). TCA_OPTIONS holds TCA_HTB_INIT ({@code struct tc_htb_glob},
 * {@code linux/pkt_sched.h}) and, when set, TCA_HTB_DIRECT_QLEN.
 *
 * @param defaultClass the minor number of the class unclassified traffic goes to (tc's {@code
 *                     default 20} is {@code 0x20}); 0 sends it straight out, unshaped
 * @param r2q          the divisor from a class's rate (bytes/s) to its default quantum; tc's default is 10
 * @param directQlen   the length of the queue for unclassified packets, or -1 to leave it to the kernel
 * @param directPackets read back only: packets sent unshaped because no class took them
 */
public record Htb(int defaultClass, int r2q, long directQlen, long directPackets) implements QdiscKind {
    static final String KIND = "htb";

    static final int TCA_HTB_PARMS = 1;
    static final int TCA_HTB_INIT = 2;
    static final int TCA_HTB_CTAB = 3;
    static final int TCA_HTB_RTAB = 4;
    static final int TCA_HTB_DIRECT_QLEN = 5;
    static final int TCA_HTB_RATE64 = 6;
    static final int TCA_HTB_CEIL64 = 7;

    /** TC_HTB_PROTOVER. */
    static final int VERSION = 3;
    /** sizeof(struct tc_htb_glob). */
    static final int GLOB_LEN = 20;

    /** Checks the values fit the kernel's fields. */
    public Htb {
        if (defaultClass < 0 || defaultClass > 0xFFFF) {
            throw new IllegalArgumentException("htb default class is a minor number 0..ffff, got " + defaultClass);
        }
        if (r2q <= 0) {
            throw new IllegalArgumentException("htb r2q must be positive, got " + r2q);
        }
        if (directQlen < -1 || directQlen > 0xFFFF_FFFEL) {
            throw new IllegalArgumentException("htb direct_qlen must be 0..4294967294 or -1 (unset), got " + directQlen);
        }
    }

    /** {@return an htb with tc's defaults: no default class, r2q 10} */
    public static Htb create() {
        return builder().build();
    }

    /** {@return a builder of htbs, starting as {@link #create()}: no default class, r2q 10} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this htb's values, to change and {@link Builder#build()} into a new one} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * {@return an htb sending unclassified traffic to class {@code minor} (tc's {@code default}, hexadecimal there)}
     *
     * @param minor the minor number
     */
    public static Htb defaultClass(int minor) {
        return builder().defaultClass(minor).build();
    }

    /**
     * The same with default class {@code minor}.
     *
     * @param minor the minor number
     * @return a copy with it
     */
    public Htb withDefaultClass(int minor) {
        return toBuilder().defaultClass(minor).build();
    }

    /**
     * The same with rate-to-quantum divisor {@code r2q}.
     *
     * @param r2q the divisor
     * @return a copy with it
     */
    public Htb r2q(int r2q) {
        return toBuilder().r2q(r2q).build();
    }

    /**
     * The same with a direct queue of {@code packets} packets (tc's {@code direct_qlen}).
     *
     * @param packets the number of packets
     * @return a copy with it
     */
    public Htb directQlen(long packets) {
        return toBuilder().directQlen(packets).build();
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void writeOptions(MessageWriter w) {
        w.nest(Tca.TCA_OPTIONS, o -> {
            o.nest(TCA_HTB_INIT, g -> g.u32(VERSION).u32(r2q).u32(defaultClass).u32(0).u32(0));
            if (directQlen >= 0) {
                o.attrU32(TCA_HTB_DIRECT_QLEN, (int) directQlen);
            }
        });
    }

    static Htb decode(AttributeCursor options) {
        if (options == null) {
            throw new io.jnetlink.core.MalformedMessageException("TCA_OPTIONS", 0, "htb qdisc without options");
        }
        Struct g = null;
        long directQlen = -1;
        AttributeCursor a = options.nested(Tca.optionNames(KIND));
        while (a.next()) {
            switch (a.type()) {
                case TCA_HTB_INIT -> g = Struct.of(a, GLOB_LEN, "struct tc_htb_glob");
                case TCA_HTB_DIRECT_QLEN -> directQlen = Math.min(a.u32() & 0xFFFF_FFFFL, 0xFFFF_FFFEL);
                default -> { }
            }
        }
        if (g == null) {
            throw options.malformed("htb options without TCA_HTB_INIT");
        }
        long r2q = g.u32(4);
        long defcls = g.u32(8);
        if (r2q == 0 || r2q > Integer.MAX_VALUE || defcls > 0xFFFF) {
            throw options.malformed("htb r2q " + r2q + " or default class " + defcls + " out of range");
        }
        return new Htb((int) defcls, (int) r2q, directQlen, g.u32(16));
    }

    /**
     * Builds an {@link Htb}; {@link #build()} checks the values (the record's constructor). A builder
     * is not thread-safe; the htbs it builds are immutable.
     */
    public static final class Builder {
        private int defaultClass;
        private int r2q = 10;
        private long directQlen = -1;
        private long directPackets;

        private Builder() {
        }

        private Builder(Htb h) {
            defaultClass = h.defaultClass;
            r2q = h.r2q;
            directQlen = h.directQlen;
            directPackets = h.directPackets;
        }

        /**
         * Sends unclassified traffic to class {@code minor} (tc's {@code default}, hexadecimal there).
         *
         * @param minor the minor number, 0..ffff (0: unshaped)
         * @return this builder
         */
        public Builder defaultClass(int minor) {
            defaultClass = minor;
            return this;
        }

        /**
         * The rate-to-quantum divisor {@code r2q}.
         *
         * @param r2q the divisor, positive
         * @return this builder
         */
        public Builder r2q(int r2q) {
            this.r2q = r2q;
            return this;
        }

        /**
         * A direct queue of {@code packets} packets (tc's {@code direct_qlen}); -1 leaves it to the kernel.
         *
         * @param packets the number of packets
         * @return this builder
         */
        public Builder directQlen(long packets) {
            directQlen = packets;
            return this;
        }

        /** {@return the htb these values make, checked} */
        public Htb build() {
            return new Htb(defaultClass, r2q, directQlen, directPackets);
        }
    }
}
