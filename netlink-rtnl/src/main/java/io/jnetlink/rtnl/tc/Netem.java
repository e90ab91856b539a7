package io.jnetlink.rtnl.tc;

import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code netem}, the network emulator: delay with jitter, loss, duplication, reordering,
 * corruption and a rate ({@code tc qdisc add dev X root netem limit 1000 delay 100ms 10ms 25% loss
 * 1% duplicate 2% reorder 25% 50% corrupt 0.1% rate 1mbit}).
 *
 * <p>Written as tc writes it ({@code linux/pkt_sched.h}): TCA_OPTIONS starts with {@code struct
 * tc_netem_qopt} (delay and jitter in scheduler ticks, probabilities scaled to 2^32 - 1) followed
 * by TCA_NETEM_CORR, TCA_NETEM_REORDER, TCA_NETEM_CORRUPT and TCA_NETEM_RATE when used.
 * Percentages are held as the kernel's 32-bit probabilities ({@link #percent(double)}), so what is
 * read back equals what was written.
 *
 * @param delayUs        the added delay in microseconds
 * @param jitterUs       its random variation in microseconds
 * @param delayCorrelation correlation of successive delays (a probability, see {@link #percent})
 * @param limit          the queue's length in packets (tc's default 1000)
 * @param loss           probability of dropping a packet
 * @param lossCorrelation correlation of successive losses
 * @param duplicate      probability of duplicating a packet
 * @param duplicateCorrelation correlation of successive duplications
 * @param reorder        probability of sending a packet at once (reordered), needs a delay
 * @param reorderCorrelation correlation of successive reorders
 * @param corrupt        probability of flipping a bit in a packet
 * @param corruptCorrelation correlation of successive corruptions
 * @param rate           a rate to emulate, or null
 */
public record Netem(long delayUs, long jitterUs, int delayCorrelation, int limit, int loss, int lossCorrelation,
                    int duplicate, int duplicateCorrelation, int reorder, int reorderCorrelation, int corrupt,
                    int corruptCorrelation, Rate rate) implements QdiscKind {
    static final String KIND = "netem";

    static final int TCA_NETEM_CORR = 1;
    static final int TCA_NETEM_DELAY_DIST = 2;
    static final int TCA_NETEM_REORDER = 3;
    static final int TCA_NETEM_CORRUPT = 4;
    static final int TCA_NETEM_LOSS = 5;
    static final int TCA_NETEM_RATE = 6;
    static final int TCA_NETEM_ECN = 7;
    static final int TCA_NETEM_RATE64 = 8;
    static final int TCA_NETEM_LATENCY64 = 10;
    static final int TCA_NETEM_JITTER64 = 11;

    /** sizeof(struct tc_netem_qopt). */
    static final int QOPT_LEN = 24;

    /** Checks the values fit the kernel's fields. */
    public Netem {
        if (delayUs < 0 || jitterUs < 0 || delayUs > 0xFFFF_FFFFL || jitterUs > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("netem delay and jitter must be 0..4294 s, got " + delayUs + " us, "
                    + jitterUs + " us");
        }
        if (limit < 0) {
            throw new IllegalArgumentException("netem limit must not be negative, got " + limit);
        }
        if (reorder != 0 && delayUs == 0) {
            throw new IllegalArgumentException("netem reorder needs a delay (as tc says: reordering is sending "
                    + "some packets without the delay)");
        }
    }

    /** {@return a netem with nothing but tc's default queue of 1000 packets; add what to emulate} */
    public static Netem create() {
        return builder().build();
    }

    /** {@return a builder of netems, starting as {@link #create()}: tc's default queue of 1000 packets, nothing emulated} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this netem's values, to change and {@link Builder#build()} into a new one} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * {@return the kernel's 32-bit probability for {@code percent} (0..100), rounded as tc rounds it: the
     * value netem compares a random 32-bit number with}
     *
     * @param percent the share, in percent
     */
    public static int percent(double percent) {
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException("a percentage must be 0..100, got " + percent);
        }
        return (int) (long) Math.rint(percent / 100 * 4294967295.0);
    }

    /**
     * {@return a probability read back as a percentage}
     *
     * @param probability the kernel's 32-bit probability
     */
    public static double asPercent(int probability) {
        return (probability & 0xFFFF_FFFFL) * 100.0 / 4294967295.0;
    }

    /**
     * The same with {@code delay}, varying by {@code jitter} with {@code correlation} percent.
     *
     * @param correlation how much each packet follows the previous one, in percent
     * @param delay the delay
     * @param jitter how far the delay varies either way
     * @return a copy with it
     */
    public Netem delay(Duration delay, Duration jitter, double correlation) {
        return toBuilder().delay(delay, jitter, correlation).build();
    }

    /**
     * The same with a fixed {@code delay}.
     *
     * @param delay the delay
     * @return a copy with it
     */
    public Netem delay(Duration delay) {
        return delay(delay, Duration.ZERO, 0);
    }

    /**
     * The same dropping {@code percent} of packets.
     *
     * @param percent the share, in percent
     * @return a copy with it
     */
    public Netem loss(double percent) {
        return toBuilder().loss(percent).build();
    }

    /**
     * The same duplicating {@code percent} of packets.
     *
     * @param percent the share, in percent
     * @return a copy with it
     */
    public Netem duplicate(double percent) {
        return toBuilder().duplicate(percent).build();
    }

    /**
     * The same sending {@code percent} of packets at once (out of order), with {@code correlation} percent.
     *
     * @param correlation how much each packet follows the previous one, in percent
     * @param percent the share, in percent
     * @return a copy with it
     */
    public Netem reorder(double percent, double correlation) {
        return toBuilder().reorder(percent, correlation).build();
    }

    /**
     * The same corrupting {@code percent} of packets.
     *
     * @param percent the share, in percent
     * @return a copy with it
     */
    public Netem corrupt(double percent) {
        return toBuilder().corrupt(percent).build();
    }

    /**
     * The same emulating a link of {@code rate}.
     *
     * @param rate the rate
     * @return a copy with it
     */
    public Netem rate(Rate rate) {
        return toBuilder().rate(rate).build();
    }

    /**
     * The same with a queue of {@code packets} packets.
     *
     * @param packets the number of packets
     * @return a copy with it
     */
    public Netem limit(int packets) {
        return toBuilder().limit(packets).build();
    }

    private static long micros(Duration d) {
        long us = d.toNanos() / 1000;
        if (us < 0) {
            throw new IllegalArgumentException("netem times must not be negative, got " + d);
        }
        return us;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void writeOptions(MessageWriter w) {
        w.nest(Tca.TCA_OPTIONS, o -> {
            o.u32((int) Psched.ticks(delayUs)).u32(limit).u32(loss).u32(reorder != 0 ? 1 : 0).u32(duplicate)
                    .u32((int) Psched.ticks(jitterUs));
            if (delayCorrelation != 0 || lossCorrelation != 0 || duplicateCorrelation != 0) {
                o.nest(TCA_NETEM_CORR, c -> c.u32(delayCorrelation).u32(lossCorrelation).u32(duplicateCorrelation));
            }
            if (reorder != 0) {
                o.nest(TCA_NETEM_REORDER, r -> r.u32(reorder).u32(reorderCorrelation));
            }
            if (corrupt != 0) {
                o.nest(TCA_NETEM_CORRUPT, c -> c.u32(corrupt).u32(corruptCorrelation));
            }
            if (rate != null) {
                long r = rate.bytesPerSecond();
                o.nest(TCA_NETEM_RATE, c -> c.u32(Psched.rate32(r)).u32(0).u32(0).u32(0));
                if (r >= 0x1_0000_0000L) {
                    o.attrU64(TCA_NETEM_RATE64, r);
                }
            }
        });
    }

    static Netem decode(AttributeCursor options) {
        if (options == null) {
            throw new io.jnetlink.core.MalformedMessageException("TCA_OPTIONS", 0, "netem qdisc without options");
        }
        Struct q = Struct.of(options, QOPT_LEN, "struct tc_netem_qopt");
        long delay = Psched.usec(q.u32(0));
        long jitter = Psched.usec(q.u32(20));
        int[] corr = new int[3];
        int[] reorder = new int[2];
        int[] corrupt = new int[2];
        long rate = 0;
        long rate64 = 0;
        AttributeCursor a = options.nested(QOPT_LEN, Tca.optionNames(KIND));
        while (a.next()) {
            switch (a.type()) {
                case TCA_NETEM_CORR -> {
                    Struct s = Struct.of(a, 12, "struct tc_netem_corr");
                    corr = new int[] {s.s32(0), s.s32(4), s.s32(8)};
                }
                case TCA_NETEM_REORDER -> {
                    Struct s = Struct.of(a, 8, "struct tc_netem_reorder");
                    reorder = new int[] {s.s32(0), s.s32(4)};
                }
                case TCA_NETEM_CORRUPT -> {
                    Struct s = Struct.of(a, 8, "struct tc_netem_corrupt");
                    corrupt = new int[] {s.s32(0), s.s32(4)};
                }
                case TCA_NETEM_RATE -> rate = Struct.of(a, 16, "struct tc_netem_rate").u32(0);
                case TCA_NETEM_RATE64 -> rate64 = a.u64();
                case TCA_NETEM_LATENCY64 -> delay = Math.max(0, a.u64() / 1000);
                case TCA_NETEM_JITTER64 -> jitter = Math.max(0, a.u64() / 1000);
                default -> { }
            }
        }
        delay = Math.min(delay, 0xFFFF_FFFFL);
        jitter = Math.min(jitter, 0xFFFF_FFFFL);
        if (reorder[0] != 0 && delay == 0) {
            reorder = new int[2]; // the kernel ignores reordering without a delay
        }
        long r = rate64 != 0 ? rate64 : rate;
        return new Netem(delay, jitter, corr[0], q.s32(4) & Integer.MAX_VALUE, q.s32(8), corr[1], q.s32(16), corr[2],
                reorder[0], reorder[1], corrupt[0], corrupt[1], r > 0 ? new Rate(r) : null);
    }

    /**
     * Not a record accessor: the delay as a duration.
     *
     * @return the delay
     */
    public Duration delay() {
        return Duration.ofNanos(delayUs * 1000);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Netem n && n.delayUs == delayUs && n.jitterUs == jitterUs
                && n.delayCorrelation == delayCorrelation && n.limit == limit && n.loss == loss
                && n.lossCorrelation == lossCorrelation && n.duplicate == duplicate
                && n.duplicateCorrelation == duplicateCorrelation && n.reorder == reorder
                && n.reorderCorrelation == reorderCorrelation && n.corrupt == corrupt
                && n.corruptCorrelation == corruptCorrelation && Objects.equals(n.rate, rate);
    }

    @Override
    public int hashCode() {
        return Objects.hash(delayUs, jitterUs, loss, duplicate, reorder, corrupt, rate, limit);
    }

    /**
     * Builds a {@link Netem}: each setter converts and checks its own values; {@link #build()} checks
     * them together (the record's constructor: ranges, reorder needs a delay). A builder is not
     * thread-safe; the netems it builds are immutable.
     */
    public static final class Builder {
        private long delayUs;
        private long jitterUs;
        private int delayCorrelation;
        private int limit = 1000;
        private int loss;
        private int lossCorrelation;
        private int duplicate;
        private int duplicateCorrelation;
        private int reorder;
        private int reorderCorrelation;
        private int corrupt;
        private int corruptCorrelation;
        private Rate rate;

        private Builder() {
        }

        private Builder(Netem n) {
            delayUs = n.delayUs;
            jitterUs = n.jitterUs;
            delayCorrelation = n.delayCorrelation;
            limit = n.limit;
            loss = n.loss;
            lossCorrelation = n.lossCorrelation;
            duplicate = n.duplicate;
            duplicateCorrelation = n.duplicateCorrelation;
            reorder = n.reorder;
            reorderCorrelation = n.reorderCorrelation;
            corrupt = n.corrupt;
            corruptCorrelation = n.corruptCorrelation;
            rate = n.rate;
        }

        /**
         * Delay {@code delay}, varying by {@code jitter} with {@code correlation} percent.
         *
         * @param delay the delay
         * @param jitter how far the delay varies either way
         * @param correlation how much each packet follows the previous one, in percent
         * @return this builder
         */
        public Builder delay(Duration delay, Duration jitter, double correlation) {
            long d = micros(delay);
            long j = micros(jitter);
            int c = percent(correlation);
            delayUs = d;
            jitterUs = j;
            delayCorrelation = c;
            return this;
        }

        /**
         * A fixed delay {@code delay}.
         *
         * @param delay the delay
         * @return this builder
         */
        public Builder delay(Duration delay) {
            return delay(delay, Duration.ZERO, 0);
        }

        /**
         * Drops {@code percent} of packets.
         *
         * @param percent the share, in percent
         * @return this builder
         */
        public Builder loss(double percent) {
            loss = percent(percent);
            return this;
        }

        /**
         * Duplicates {@code percent} of packets.
         *
         * @param percent the share, in percent
         * @return this builder
         */
        public Builder duplicate(double percent) {
            duplicate = percent(percent);
            return this;
        }

        /**
         * Sends {@code percent} of packets at once (out of order), with {@code correlation} percent.
         *
         * @param percent the share, in percent
         * @param correlation how much each packet follows the previous one, in percent
         * @return this builder
         */
        public Builder reorder(double percent, double correlation) {
            int p = percent(percent);
            int c = percent(correlation);
            reorder = p;
            reorderCorrelation = c;
            return this;
        }

        /**
         * Corrupts {@code percent} of packets.
         *
         * @param percent the share, in percent
         * @return this builder
         */
        public Builder corrupt(double percent) {
            corrupt = percent(percent);
            return this;
        }

        /**
         * Emulates a link of {@code rate}.
         *
         * @param rate the rate, or null for none
         * @return this builder
         */
        public Builder rate(Rate rate) {
            this.rate = rate;
            return this;
        }

        /**
         * A queue of {@code packets} packets.
         *
         * @param packets the number of packets
         * @return this builder
         */
        public Builder limit(int packets) {
            limit = packets;
            return this;
        }

        /** {@return the netem these values make, checked together} */
        public Netem build() {
            return new Netem(delayUs, jitterUs, delayCorrelation, limit, loss, lossCorrelation, duplicate,
                    duplicateCorrelation, reorder, reorderCorrelation, corrupt, corruptCorrelation, rate);
        }
    }
}
