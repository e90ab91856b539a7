package io.jnetlink.rtnl.tc;

import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;

/**
 * {@code pfifo}: a first-in first-out queue limited in packets ({@code tc qdisc add ... pfifo limit 100}).
 * TCA_OPTIONS is {@code struct tc_fifo_qopt} ({@code linux/pkt_sched.h}).
 *
 * @param limit the queue's length in packets; 0 leaves it to the kernel (the link's txqueuelen)
 */
public record Pfifo(int limit) implements QdiscKind {
    static final String KIND = "pfifo";

    /** Checks the limit is not negative. */
    public Pfifo {
        if (limit < 0) {
            throw new IllegalArgumentException("pfifo limit must not be negative, got " + limit);
        }
    }

    /** A pfifo of {@code packets} packets. */
    public static Pfifo limit(int packets) {
        return new Pfifo(packets);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void writeOptions(MessageWriter w) {
        if (limit != 0) {
            w.attrU32(Tca.TCA_OPTIONS, limit);
        }
    }

    static Pfifo decode(AttributeCursor a) {
        return new Pfifo(a == null ? 0 : (int) Struct.of(a, 4, "struct tc_fifo_qopt").u32(0) & Integer.MAX_VALUE);
    }
}
