package io.jnetlink.rtnl.tc;

import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;
import java.util.Objects;

/**
 * The options of an {@code htb} class: a guaranteed rate, a ceiling it may borrow up to, bursts,
 * a priority and a quantum ({@code tc class add dev X parent 1: classid 1:10 htb rate 10mbit ceil
 * 20mbit burst 15k cburst 15k prio 1 quantum 1500}).
 *
 * <p>Written as tc writes it ({@code linux/pkt_sched.h}): TCA_HTB_RATE64 / TCA_HTB_CEIL64 for rates
 * of 2^32 bytes/s and more, TCA_HTB_PARMS ({@code struct tc_htb_opt}, the bursts as transmit times
 * in scheduler ticks), then the rate and ceil tables (TCA_HTB_RTAB, TCA_HTB_CTAB) for an MTU of
 * 1600. Unset bursts get tc's default, {@code rate / HZ + 1600} bytes. Read back, bursts come from
 * the kernel's transmit times, which tc computed with microsecond truncation: a burst reads back
 * within one microsecond's worth of bytes of what was asked.
 *
 * @param rate    the guaranteed rate
 * @param ceil    the most the class may take by borrowing; tc's default is the rate
 * @param burst   bytes that may go at the ceiling's speed after idling; 0 for tc's default
 * @param cburst  bytes that may go at line speed after idling; 0 for tc's default
 * @param prio    the priority for borrowing (lower first), 0..7
 * @param quantum bytes served per round; 0 lets the kernel use rate / r2q
 * @param level   read back only: the class's level in the tree (0 for a leaf)
 */
public record HtbClass(Rate rate, Rate ceil, long burst, long cburst, int prio, int quantum, int level)
        implements ClassKind {
    /** tc's default MTU for htb's rate tables. */
    static final int MTU = 1600;
    /** sizeof(struct tc_htb_opt): two tc_ratespec, buffer, cbuffer, quantum, level, prio. */
    static final int OPT_LEN = 44;

    /** Checks the values fit the kernel's fields. */
    public HtbClass {
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(ceil, "ceil");
        if (burst < 0 || burst > 0xFFFF_FFFFL || cburst < 0 || cburst > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("htb burst and cburst must be 0..4294967295 bytes");
        }
        if (prio < 0 || prio > 7) {
            throw new IllegalArgumentException("htb prio must be 0..7, got " + prio);
        }
        if (quantum < 0) {
            throw new IllegalArgumentException("htb quantum must not be negative, got " + quantum);
        }
    }

    /**
     * {@return a class with guaranteed rate {@code rate} (ceiling the same, tc's defaults for the rest)}
     *
     * @param rate the rate
     */
    public static HtbClass rate(Rate rate) {
        return builder(rate).build();
    }

    /**
     * {@return a builder of classes with guaranteed rate {@code rate}, starting as {@link #rate(Rate)}}
     *
     * @param rate the rate (also the ceiling until {@link Builder#ceil} is set)
     */
    public static Builder builder(Rate rate) {
        return new Builder(Objects.requireNonNull(rate, "rate"));
    }

    /** {@return a builder holding this class's values, to change and {@link Builder#build()} into a new one} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The same with ceiling {@code ceil}.
     *
     * @param ceil the ceiling rate
     * @return a copy with it
     */
    public HtbClass ceil(Rate ceil) {
        return toBuilder().ceil(ceil).build();
    }

    /**
     * The same with burst {@code bytes}.
     *
     * @param bytes the size in bytes
     * @return a copy with it
     */
    public HtbClass burst(long bytes) {
        return toBuilder().burst(bytes).build();
    }

    /**
     * The same with cburst {@code bytes}.
     *
     * @param bytes the size in bytes
     * @return a copy with it
     */
    public HtbClass cburst(long bytes) {
        return toBuilder().cburst(bytes).build();
    }

    /**
     * The same with priority {@code prio}.
     *
     * @param prio the priority
     * @return a copy with it
     */
    public HtbClass prio(int prio) {
        return toBuilder().prio(prio).build();
    }

    /**
     * The same with quantum {@code bytes}.
     *
     * @param bytes the size in bytes
     * @return a copy with it
     */
    public HtbClass quantum(int bytes) {
        return toBuilder().quantum(bytes).build();
    }

    @Override
    public String kind() {
        return Htb.KIND;
    }

    private static long defaultBurst(long rate) {
        return rate / Psched.HZ + MTU;
    }

    @Override
    public void writeOptions(MessageWriter w) {
        long r = rate.bytesPerSecond();
        long c = ceil.bytesPerSecond();
        long buffer = burst != 0 ? burst : defaultBurst(r);
        long cbuffer = cburst != 0 ? cburst : defaultBurst(c);
        int cellLog = Psched.cellLog(MTU);
        w.nest(Tca.TCA_OPTIONS, o -> {
            if (r >= 0x1_0000_0000L) {
                o.attrU64(Htb.TCA_HTB_RATE64, r);
            }
            if (c >= 0x1_0000_0000L) {
                o.attrU64(Htb.TCA_HTB_CEIL64, c);
            }
            o.nest(Htb.TCA_HTB_PARMS, p -> {
                Psched.ratespec(p, r, cellLog, 0);
                Psched.ratespec(p, c, cellLog, 0);
                p.u32((int) Psched.xmittime(r, buffer));
                p.u32((int) Psched.xmittime(c, cbuffer));
                p.u32(quantum).u32(0).u32(prio);
            });
            Psched.rtab(o, Htb.TCA_HTB_RTAB, r, cellLog, 0);
            Psched.rtab(o, Htb.TCA_HTB_CTAB, c, cellLog, 0);
        });
    }

    static HtbClass decode(AttributeCursor options) {
        if (options == null) {
            return null; // the root of the tree has no options
        }
        Struct p = null;
        long rate64 = 0;
        long ceil64 = 0;
        AttributeCursor a = options.nested(Tca.optionNames(Htb.KIND));
        while (a.next()) {
            switch (a.type()) {
                case Htb.TCA_HTB_PARMS -> p = Struct.of(a, OPT_LEN, "struct tc_htb_opt");
                case Htb.TCA_HTB_RATE64 -> rate64 = a.u64();
                case Htb.TCA_HTB_CEIL64 -> ceil64 = a.u64();
                default -> { }
            }
        }
        if (p == null) {
            throw options.malformed("htb class options without TCA_HTB_PARMS");
        }
        long rate = rate64 != 0 ? rate64 : p.u32(8);
        long ceil = ceil64 != 0 ? ceil64 : p.u32(20);
        long prio = p.u32(40);
        long quantum = p.u32(32);
        if (rate <= 0 || ceil <= 0 || prio > 7 || quantum > Integer.MAX_VALUE) {
            throw options.malformed("htb class rate " + rate + ", ceil " + ceil + ", prio " + prio
                    + " or quantum " + quantum + " out of range");
        }
        return new HtbClass(new Rate(rate), new Rate(ceil), Psched.xmitsize(rate, p.u32(24)),
                Psched.xmitsize(ceil, p.u32(28)), (int) prio, (int) quantum, (int) Math.min(p.u32(36), 255));
    }

    /**
     * Builds an {@link HtbClass}; {@link #build()} checks the values (the record's constructor). A
     * builder is not thread-safe; the classes it builds are immutable.
     */
    public static final class Builder {
        private Rate rate;
        private Rate ceil;
        private long burst;
        private long cburst;
        private int prio;
        private int quantum;
        private int level;

        private Builder(Rate rate) {
            this.rate = rate;
            this.ceil = rate;
        }

        private Builder(HtbClass c) {
            rate = c.rate;
            ceil = c.ceil;
            burst = c.burst;
            cburst = c.cburst;
            prio = c.prio;
            quantum = c.quantum;
            level = c.level;
        }

        /**
         * The guaranteed rate {@code rate} (the ceiling is not changed).
         *
         * @param rate the rate
         * @return this builder
         */
        public Builder rate(Rate rate) {
            this.rate = rate;
            return this;
        }

        /**
         * The ceiling {@code ceil}.
         *
         * @param ceil the ceiling rate
         * @return this builder
         */
        public Builder ceil(Rate ceil) {
            this.ceil = ceil;
            return this;
        }

        /**
         * A burst of {@code bytes} (0: tc's default).
         *
         * @param bytes the size in bytes
         * @return this builder
         */
        public Builder burst(long bytes) {
            burst = bytes;
            return this;
        }

        /**
         * A cburst of {@code bytes} (0: tc's default).
         *
         * @param bytes the size in bytes
         * @return this builder
         */
        public Builder cburst(long bytes) {
            cburst = bytes;
            return this;
        }

        /**
         * The priority {@code prio}, 0..7.
         *
         * @param prio the priority
         * @return this builder
         */
        public Builder prio(int prio) {
            this.prio = prio;
            return this;
        }

        /**
         * The quantum {@code bytes} (0: rate / r2q).
         *
         * @param bytes the size in bytes
         * @return this builder
         */
        public Builder quantum(int bytes) {
            quantum = bytes;
            return this;
        }

        /** {@return the class these values make, checked} */
        public HtbClass build() {
            return new HtbClass(rate, ceil, burst, cburst, prio, quantum, level);
        }
    }
}
