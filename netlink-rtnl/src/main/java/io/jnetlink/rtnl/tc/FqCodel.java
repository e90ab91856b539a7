package io.jnetlink.rtnl.tc;

import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;
import java.time.Duration;

/**
 * {@code fq_codel}: fair queueing over flows with CoDel's delay control ({@code tc qdisc add dev X
 * root fq_codel limit 1000 flows 512 target 5ms interval 100ms quantum 1514 ecn}). TCA_OPTIONS
 * holds TCA_FQ_CODEL_* attributes ({@code linux/pkt_sched.h}), written only for what is set, in
 * tc's order. Read back, every field holds the kernel's value.
 *
 * @param limit      the queue's length in packets, 0 for the kernel's default
 * @param flows      the number of flow queues, 0 for the default
 * @param quantum    bytes served per flow per round, 0 for the default
 * @param targetUs   the acceptable queueing delay in microseconds, 0 for the default
 * @param intervalUs the interval over which the delay is measured in microseconds, 0 for the default
 * @param ecn        whether to mark instead of drop; null for the default
 */
public record FqCodel(int limit, int flows, int quantum, long targetUs, long intervalUs, Boolean ecn)
        implements QdiscKind {
    static final String KIND = "fq_codel";

    static final int TCA_FQ_CODEL_TARGET = 1;
    static final int TCA_FQ_CODEL_LIMIT = 2;
    static final int TCA_FQ_CODEL_INTERVAL = 3;
    static final int TCA_FQ_CODEL_ECN = 4;
    static final int TCA_FQ_CODEL_FLOWS = 5;
    static final int TCA_FQ_CODEL_QUANTUM = 6;

    /** Checks nothing is negative. */
    public FqCodel {
        if (limit < 0 || flows < 0 || quantum < 0 || targetUs < 0 || intervalUs < 0
                || targetUs > 0xFFFF_FFFFL || intervalUs > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("fq_codel values must not be negative (nor times above 4294 s)");
        }
    }

    /** {@return an fq_codel with the kernel's defaults} */
    public static FqCodel create() {
        return builder().build();
    }

    /** {@return a builder of fq_codels, starting as {@link #create()}: the kernel's defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this fq_codel's values, to change and {@link Builder#build()} into a new one} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The same with a queue of {@code packets}.
     *
     * @param packets the number of packets
     * @return a copy with it
     */
    public FqCodel limit(int packets) {
        return toBuilder().limit(packets).build();
    }

    /**
     * The same with {@code n} flow queues.
     *
     * @param n the number of flow queues
     * @return a copy with it
     */
    public FqCodel flows(int n) {
        return toBuilder().flows(n).build();
    }

    /**
     * The same with quantum {@code bytes}.
     *
     * @param bytes the size in bytes
     * @return a copy with it
     */
    public FqCodel quantum(int bytes) {
        return toBuilder().quantum(bytes).build();
    }

    /**
     * The same with target delay {@code target}.
     *
     * @param target the target delay
     * @return a copy with it
     */
    public FqCodel target(Duration target) {
        return toBuilder().target(target).build();
    }

    /**
     * The same with measuring interval {@code interval}.
     *
     * @param interval the interval
     * @return a copy with it
     */
    public FqCodel interval(Duration interval) {
        return toBuilder().interval(interval).build();
    }

    /**
     * The same marking with ECN ({@code true}) or dropping ({@code false}).
     *
     * @param on true to turn it on
     * @return a copy with it
     */
    public FqCodel ecn(boolean on) {
        return toBuilder().ecn(on).build();
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void writeOptions(MessageWriter w) {
        w.nest(Tca.TCA_OPTIONS, o -> {
            if (limit != 0) {
                o.attrU32(TCA_FQ_CODEL_LIMIT, limit);
            }
            if (flows != 0) {
                o.attrU32(TCA_FQ_CODEL_FLOWS, flows);
            }
            if (quantum != 0) {
                o.attrU32(TCA_FQ_CODEL_QUANTUM, quantum);
            }
            if (intervalUs != 0) {
                o.attrU32(TCA_FQ_CODEL_INTERVAL, (int) intervalUs);
            }
            if (targetUs != 0) {
                o.attrU32(TCA_FQ_CODEL_TARGET, (int) targetUs);
            }
            if (ecn != null) {
                o.attrU32(TCA_FQ_CODEL_ECN, ecn ? 1 : 0);
            }
        });
    }

    static FqCodel decode(AttributeCursor options) {
        int limit = 0;
        int flows = 0;
        int quantum = 0;
        long target = 0;
        long interval = 0;
        Boolean ecn = null;
        if (options != null) {
            AttributeCursor a = options.nested(Tca.optionNames(KIND));
            while (a.next()) {
                switch (a.type()) {
                    case TCA_FQ_CODEL_LIMIT -> limit = a.u32() & Integer.MAX_VALUE;
                    case TCA_FQ_CODEL_FLOWS -> flows = a.u32() & Integer.MAX_VALUE;
                    case TCA_FQ_CODEL_QUANTUM -> quantum = a.u32() & Integer.MAX_VALUE;
                    case TCA_FQ_CODEL_TARGET -> target = a.u32() & 0xFFFF_FFFFL;
                    case TCA_FQ_CODEL_INTERVAL -> interval = a.u32() & 0xFFFF_FFFFL;
                    case TCA_FQ_CODEL_ECN -> ecn = a.u32() != 0;
                    default -> { } // ce_threshold, drop batch, memory limit: kernel tuning not modeled
                }
            }
        }
        return new FqCodel(limit, flows, quantum, target, interval, ecn);
    }

    /**
     * Builds an {@link FqCodel}; {@link #build()} checks the values (the record's constructor). A
     * builder is not thread-safe; the qdiscs it builds are immutable.
     */
    public static final class Builder {
        private int limit;
        private int flows;
        private int quantum;
        private long targetUs;
        private long intervalUs;
        private Boolean ecn;

        private Builder() {
        }

        private Builder(FqCodel q) {
            limit = q.limit;
            flows = q.flows;
            quantum = q.quantum;
            targetUs = q.targetUs;
            intervalUs = q.intervalUs;
            ecn = q.ecn;
        }

        /**
         * A queue of {@code packets} (0: the kernel's default).
         *
         * @param packets the number of packets
         * @return this builder
         */
        public Builder limit(int packets) {
            limit = packets;
            return this;
        }

        /**
         * {@code n} flow queues (0: the kernel's default).
         *
         * @param n the number of flow queues
         * @return this builder
         */
        public Builder flows(int n) {
            flows = n;
            return this;
        }

        /**
         * Quantum {@code bytes} (0: the kernel's default).
         *
         * @param bytes the size in bytes
         * @return this builder
         */
        public Builder quantum(int bytes) {
            quantum = bytes;
            return this;
        }

        /**
         * Target delay {@code target}, in whole microseconds.
         *
         * @param target the target delay
         * @return this builder
         */
        public Builder target(Duration target) {
            targetUs = target.toNanos() / 1000;
            return this;
        }

        /**
         * Measuring interval {@code interval}, in whole microseconds.
         *
         * @param interval the interval
         * @return this builder
         */
        public Builder interval(Duration interval) {
            intervalUs = interval.toNanos() / 1000;
            return this;
        }

        /**
         * Marks with ECN ({@code true}) or drops ({@code false}).
         *
         * @param on true to turn it on
         * @return this builder
         */
        public Builder ecn(boolean on) {
            ecn = on;
            return this;
        }

        /** {@return the fq_codel these values make, checked} */
        public FqCodel build() {
            return new FqCodel(limit, flows, quantum, targetUs, intervalUs, ecn);
        }
    }
}
