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
        return new FqCodel(0, 0, 0, 0, 0, null);
    }

    /** The same with a queue of {@code packets}. */
    public FqCodel limit(int packets) {
        return new FqCodel(packets, flows, quantum, targetUs, intervalUs, ecn);
    }

    /** The same with {@code n} flow queues. */
    public FqCodel flows(int n) {
        return new FqCodel(limit, n, quantum, targetUs, intervalUs, ecn);
    }

    /** The same with quantum {@code bytes}. */
    public FqCodel quantum(int bytes) {
        return new FqCodel(limit, flows, bytes, targetUs, intervalUs, ecn);
    }

    /** The same with target delay {@code target}. */
    public FqCodel target(Duration target) {
        return new FqCodel(limit, flows, quantum, target.toNanos() / 1000, intervalUs, ecn);
    }

    /** The same with measuring interval {@code interval}. */
    public FqCodel interval(Duration interval) {
        return new FqCodel(limit, flows, quantum, targetUs, interval.toNanos() / 1000, ecn);
    }

    /** The same marking with ECN ({@code true}) or dropping ({@code false}). */
    public FqCodel ecn(boolean on) {
        return new FqCodel(limit, flows, quantum, targetUs, intervalUs, on);
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
}
