package io.jnetlink.rtnl.tc;

import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;

/**
 * {@code sfq}, stochastic fairness queueing ({@code tc qdisc add dev X root handle 1: sfq perturb
 * 10 quantum 1514 limit 127}). TCA_OPTIONS is {@code struct tc_sfq_qopt_v1} (72 bytes, {@code
 * linux/pkt_sched.h}) as tc sends it, with only the fields set here filled in.
 *
 * @param quantum       bytes served per flow per round, 0 for the default (the MTU)
 * @param perturbSeconds how often the flow hash is changed, 0 never
 * @param limit         the queue's length in packets, 0 for the default (127)
 */
public record Sfq(int quantum, int perturbSeconds, int limit) implements QdiscKind {
    static final String KIND = "sfq";
    /** sizeof(struct tc_sfq_qopt_v1). */
    static final int QOPT_V1_LEN = 72;

    /** Checks nothing is negative. */
    public Sfq {
        if (quantum < 0 || perturbSeconds < 0 || limit < 0) {
            throw new IllegalArgumentException("sfq values must not be negative");
        }
    }

    /** {@return an sfq with the kernel's defaults} */
    public static Sfq create() {
        return builder().build();
    }

    /**
     * {@return a builder of sfqs, starting as {@link #create()}: the kernel's defaults}
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this sfq's values, to change and {@link Builder#build()} into a new one} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The same with quantum {@code bytes}.
     *
     * @param bytes the size in bytes
     * @return a copy with it
     */
    public Sfq quantum(int bytes) {
        return toBuilder().quantum(bytes).build();
    }

    /**
     * The same changing its hash every {@code seconds}.
     *
     * @param seconds the interval in seconds
     * @return a copy with it
     */
    public Sfq perturb(int seconds) {
        return toBuilder().perturb(seconds).build();
    }

    /**
     * The same with a queue of {@code packets}.
     *
     * @param packets the number of packets
     * @return a copy with it
     */
    public Sfq limit(int packets) {
        return toBuilder().limit(packets).build();
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void writeOptions(MessageWriter w) {
        w.nest(Tca.TCA_OPTIONS, o -> o.u32(quantum).u32(perturbSeconds).u32(limit).zeros(QOPT_V1_LEN - 12));
    }

    static Sfq decode(AttributeCursor options) {
        if (options == null) {
            throw new io.jnetlink.core.MalformedMessageException("TCA_OPTIONS", 0, "sfq qdisc without options");
        }
        Struct q = Struct.of(options, 12, "struct tc_sfq_qopt");
        return new Sfq(q.s32(0) & Integer.MAX_VALUE, q.s32(4) & Integer.MAX_VALUE, q.s32(8) & Integer.MAX_VALUE);
    }

    /**
     * Builds an {@link Sfq}; {@link #build()} checks the values (the record's constructor). A builder
     * is not thread-safe; the qdiscs it builds are immutable.
     */
    public static final class Builder {
        private int quantum;
        private int perturbSeconds;
        private int limit;

        private Builder() {
        }

        private Builder(Sfq q) {
            quantum = q.quantum;
            perturbSeconds = q.perturbSeconds;
            limit = q.limit;
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
         * A new hash every {@code seconds} seconds (0: never).
         *
         * @param seconds the period in seconds
         * @return this builder
         */
        public Builder perturb(int seconds) {
            perturbSeconds = seconds;
            return this;
        }

        /**
         * A queue of {@code packets} packets (0: the kernel's default).
         *
         * @param packets the number of packets
         * @return this builder
         */
        public Builder limit(int packets) {
            limit = packets;
            return this;
        }

        /** {@return the sfq these values make, checked} */
        public Sfq build() {
            return new Sfq(quantum, perturbSeconds, limit);
        }
    }
}
