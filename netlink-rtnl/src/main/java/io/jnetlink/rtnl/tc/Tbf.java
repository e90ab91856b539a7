package io.jnetlink.rtnl.tc;

import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code tbf}, the token bucket filter: shapes a link to a rate, letting bursts of up to
 * {@code burst} bytes through at line speed ({@code tc qdisc add dev X root tbf rate 20mbit burst
 * 32kb latency 50ms}).
 *
 * <pre>{@code
 * Tbf tbf = Tbf.rate(Rate.mbit(20)).burst(32 * 1024).latency(Duration.ofMillis(50));
 * }</pre>
 *
 * <p>Written as tc writes it ({@code linux/pkt_sched.h}): TCA_TBF_PARMS ({@code struct
 * tc_tbf_qopt}: rate specs, limit, and the burst as a transmit time in scheduler ticks),
 * TCA_TBF_BURST, TCA_TBF_RATE64 for rates of 2^32 bytes/s (about 34.4 Gbit/s) and more, the
 * 256-entry rate table TCA_TBF_RTAB, and for a peak rate TCA_TBF_PRATE64, TCA_TBF_PBURST and
 * TCA_TBF_PTAB. The kernel keeps the burst as a time, derived from TCA_TBF_BURST; read back,
 * it is turned into bytes again, which gives the requested burst as long as 64 ns at the rate is
 * less than half a byte (rates up to about 62 Mbit/s); above, it can differ by a few bytes.
 *
 * @param rate     the rate
 * @param burst    the bucket's size in bytes
 * @param limit    the queue's size in bytes (what tc computes from {@code latency})
 * @param peakrate the peak rate, or null
 * @param mtu      with a peak rate, the peak bucket's size in bytes (tc's {@code mtu}/{@code minburst}); else 0
 */
public record Tbf(Rate rate, long burst, long limit, Rate peakrate, long mtu) implements QdiscKind {
    static final String KIND = "tbf";

    static final int TCA_TBF_PARMS = 1;
    static final int TCA_TBF_RTAB = 2;
    static final int TCA_TBF_PTAB = 3;
    static final int TCA_TBF_RATE64 = 4;
    static final int TCA_TBF_PRATE64 = 5;
    static final int TCA_TBF_BURST = 6;
    static final int TCA_TBF_PBURST = 7;

    /** sizeof(struct tc_tbf_qopt): two tc_ratespec (12 bytes each), limit, buffer, mtu. */
    static final int QOPT_LEN = 36;

    /** Checks the values fit the kernel's fields. */
    public Tbf {
        Objects.requireNonNull(rate, "rate");
        checkU32("burst", burst);
        checkU32("limit", limit);
        checkU32("mtu", mtu);
        if (peakrate != null && mtu == 0) {
            throw new IllegalArgumentException("tbf with a peak rate needs the peak bucket size (mtu), as tc does");
        }
    }

    private static void checkU32(String what, long v) {
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("tbf " + what + " must be 0..4294967295 bytes, got " + v);
        }
    }

    /**
     * {@return a tbf of rate {@code rate}; give it a {@link #burst} and a {@link #limit} or {@link #latency}}
     *
     * @param rate the rate
     */
    public static Tbf rate(Rate rate) {
        return builder(rate).build();
    }

    /**
     * {@return a builder of tbfs of rate {@code rate}, starting as {@link #rate(Rate)}}
     *
     * @param rate the rate
     */
    public static Builder builder(Rate rate) {
        return new Builder(Objects.requireNonNull(rate, "rate"));
    }

    /** {@return a builder holding this tbf's values, to change and {@link Builder#build()} into a new one} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The same with a bucket of {@code bytes} bytes (tc's {@code burst}).
     *
     * @param bytes the size in bytes
     * @return a copy with it
     */
    public Tbf burst(long bytes) {
        return toBuilder().burst(bytes).build();
    }

    /**
     * The same with a queue of {@code bytes} bytes (tc's {@code limit}).
     *
     * @param bytes the size in bytes
     * @return a copy with it
     */
    public Tbf limit(long bytes) {
        return toBuilder().limit(bytes).build();
    }

    /**
     * The same with the queue sized so a packet waits at most {@code latency} (tc's {@code
     * latency}): the limit is computed as tc does, from the rate, burst and peak rate set so far,
     * so set those first.
     *
     * @param latency the longest a packet may wait
     * @return a copy with it
     */
    public Tbf latency(Duration latency) {
        return toBuilder().latency(latency).build();
    }

    /**
     * The same with a peak rate and its bucket of {@code mtu} bytes (tc's {@code peakrate R mtu M}).
     *
     * @param mtu the peak bucket in bytes
     * @param peak the peak rate
     * @return a copy with it
     */
    public Tbf peakrate(Rate peak, long mtu) {
        return toBuilder().peakrate(peak, mtu).build();
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void writeOptions(MessageWriter w) {
        if (burst == 0 || limit == 0) {
            throw new IllegalArgumentException("tbf needs a burst and a limit or latency (as tc does): " + this);
        }
        long r = rate.bytesPerSecond();
        long r32 = Psched.rate32(r) & 0xFFFF_FFFFL;
        int cellLog = Psched.cellLog((int) mtu);
        w.nest(Tca.TCA_OPTIONS, o -> {
            o.nest(TCA_TBF_PARMS, p -> {
                Psched.ratespec(p, r, cellLog, 0);
                if (peakrate != null) {
                    Psched.ratespec(p, peakrate.bytesPerSecond(), cellLog, 0);
                } else {
                    p.zeros(12);
                }
                p.u32((int) limit);
                p.u32((int) Psched.xmittime(r32, burst));
                p.u32(peakrate == null ? 0
                        : (int) Psched.xmittime(Psched.rate32(peakrate.bytesPerSecond()) & 0xFFFF_FFFFL, mtu));
            });
            o.attrU32(TCA_TBF_BURST, (int) burst);
            if (r >= 0x1_0000_0000L) {
                o.attrU64(TCA_TBF_RATE64, r);
            }
            Psched.rtab(o, TCA_TBF_RTAB, r, cellLog, 0);
            if (peakrate != null) {
                long p = peakrate.bytesPerSecond();
                if (p >= 0x1_0000_0000L) {
                    o.attrU64(TCA_TBF_PRATE64, p);
                }
                o.attrU32(TCA_TBF_PBURST, (int) mtu);
                Psched.rtab(o, TCA_TBF_PTAB, p, cellLog, 0);
            }
        });
    }

    static Tbf decode(AttributeCursor options) {
        if (options == null) {
            throw new io.jnetlink.core.MalformedMessageException("TCA_OPTIONS", 0, "tbf qdisc without options");
        }
        Struct q = null;
        long rate64 = 0;
        long prate64 = 0;
        long burst = -1;
        long pburst = -1;
        AttributeCursor a = options.nested(Tca.optionNames(KIND));
        while (a.next()) {
            switch (a.type()) {
                case TCA_TBF_PARMS -> q = Struct.of(a, QOPT_LEN, "struct tc_tbf_qopt");
                case TCA_TBF_RATE64 -> rate64 = a.u64();
                case TCA_TBF_PRATE64 -> prate64 = a.u64();
                case TCA_TBF_BURST -> burst = a.u32() & 0xFFFF_FFFFL;
                case TCA_TBF_PBURST -> pburst = a.u32() & 0xFFFF_FFFFL;
                default -> { } // rate tables: derived from the rate, nothing of their own
            }
        }
        if (q == null) {
            throw options.malformed("tbf options without TCA_TBF_PARMS");
        }
        long rate32 = q.u32(8);
        long peak32 = q.u32(20);
        long rate = rate64 != 0 ? rate64 : rate32;
        long peak = prate64 != 0 ? prate64 : peak32;
        if (rate <= 0 || peak < 0) {
            throw options.malformed("tbf rate " + Long.toUnsignedString(rate) + " or peak rate "
                    + Long.toUnsignedString(peak) + " out of range");
        }
        long limit = q.u32(24);
        if (burst < 0) {
            burst = Psched.xmitsize(rate, q.u32(28));
        }
        long mtu = 0;
        if (peak != 0) {
            mtu = pburst >= 0 ? pburst : Psched.xmitsize(peak, q.u32(32));
            if (mtu == 0) {
                mtu = 1; // a peak rate always comes with a bucket; keep the record valid
            }
        }
        return new Tbf(new Rate(rate), burst, limit, peak == 0 ? null : new Rate(peak), mtu);
    }

    /**
     * Builds a {@link Tbf}: each setter checks its own value; {@link #build()} checks them together
     * (the record's constructor: ranges, a peak rate needs its bucket). A builder is not
     * thread-safe; the tbfs it builds are immutable.
     */
    public static final class Builder {
        private final Rate rate;
        private long burst;
        private long limit;
        private Rate peakrate;
        private long mtu;

        private Builder(Rate rate) {
            this.rate = rate;
        }

        private Builder(Tbf t) {
            rate = t.rate;
            burst = t.burst;
            limit = t.limit;
            peakrate = t.peakrate;
            mtu = t.mtu;
        }

        /**
         * A bucket of {@code bytes} bytes (tc's {@code burst}).
         *
         * @param bytes the size in bytes, positive
         * @return this builder
         */
        public Builder burst(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("tbf burst must be positive, got " + bytes);
            }
            burst = bytes;
            return this;
        }

        /**
         * A queue of {@code bytes} bytes (tc's {@code limit}).
         *
         * @param bytes the size in bytes, positive
         * @return this builder
         */
        public Builder limit(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("tbf limit must be positive, got " + bytes);
            }
            limit = bytes;
            return this;
        }

        /**
         * The queue sized so a packet waits at most {@code latency} (tc's {@code latency}): the
         * limit is computed as tc does, from the rate, burst and peak rate set so far, so set
         * those first.
         *
         * @param latency the longest a packet may wait
         * @return this builder
         */
        public Builder latency(Duration latency) {
            if (burst == 0) {
                throw new IllegalStateException("tbf latency is computed from the burst: set burst(...) first");
            }
            long us = latency.toNanos() / 1000;
            if (us <= 0 || us > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("tbf latency must be 1 us .. 4294 s, got " + latency);
            }
            double lim = rate.bytesPerSecond() * (double) us / Psched.USEC_PER_SEC + burst;
            if (peakrate != null) {
                double lim2 = peakrate.bytesPerSecond() * (double) us / Psched.USEC_PER_SEC + mtu;
                lim = Math.min(lim, lim2);
            }
            limit = Psched.toUnsigned(lim);
            return this;
        }

        /**
         * A peak rate and its bucket of {@code mtu} bytes (tc's {@code peakrate R mtu M}).
         *
         * @param peak the peak rate
         * @param mtu the peak bucket in bytes, positive
         * @return this builder
         */
        public Builder peakrate(Rate peak, long mtu) {
            if (mtu <= 0) {
                throw new IllegalArgumentException("tbf peak bucket (mtu) must be positive, got " + mtu);
            }
            this.peakrate = Objects.requireNonNull(peak, "peak");
            this.mtu = mtu;
            return this;
        }

        /** {@return the tbf these values make, checked together} */
        public Tbf build() {
            return new Tbf(rate, burst, limit, peakrate, mtu);
        }
    }
}
