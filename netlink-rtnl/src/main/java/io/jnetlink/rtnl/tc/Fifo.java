package io.jnetlink.rtnl.tc;

import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;

/**
 * {@code pfifo} and {@code bfifo}: a first-in first-out queue limited in packets ({@code tc qdisc
 * add ... pfifo limit 100}) or in bytes ({@code bfifo limit 10000}). TCA_OPTIONS is {@code struct
 * tc_fifo_qopt} ({@code linux/pkt_sched.h}), the same for both.
 *
 * @param inBytes whether the limit is in bytes (bfifo) rather than packets (pfifo)
 * @param limit   the limit; 0 leaves it to the kernel (the link's txqueuelen, times the MTU for bfifo)
 */
public record Fifo(boolean inBytes, int limit) implements QdiscKind {
    static final String PFIFO = "pfifo";
    static final String BFIFO = "bfifo";

    /** Checks the limit is not negative. */
    public Fifo {
        if (limit < 0) {
            throw new IllegalArgumentException((inBytes ? BFIFO : PFIFO) + " limit must not be negative, got " + limit);
        }
    }

    /** {@return a pfifo of {@code packets} packets} */
    public static Fifo packets(int packets) {
        return new Fifo(false, packets);
    }

    /** {@return a bfifo of {@code bytes} bytes} */
    public static Fifo bytes(int bytes) {
        return new Fifo(true, bytes);
    }

    @Override
    public String kind() {
        return inBytes ? BFIFO : PFIFO;
    }

    @Override
    public void writeOptions(MessageWriter w) {
        if (limit != 0) {
            w.attrU32(Tca.TCA_OPTIONS, limit);
        }
    }

    static Fifo decode(boolean inBytes, AttributeCursor a) {
        return new Fifo(inBytes, a == null ? 0 : (int) Struct.of(a, 4, "struct tc_fifo_qopt").u32(0) & Integer.MAX_VALUE);
    }
}
