package io.jnetlink.rtnl.tc;

import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;

/**
 * {@code bfifo}: a first-in first-out queue limited in bytes ({@code tc qdisc add ... bfifo limit 10000}).
 * TCA_OPTIONS is {@code struct tc_fifo_qopt} ({@code linux/pkt_sched.h}).
 *
 * @param limit the queue's size in bytes; 0 leaves it to the kernel (txqueuelen times the MTU)
 */
public record Bfifo(int limit) implements QdiscKind {
    static final String KIND = "bfifo";

    /** Checks the limit is not negative. */
    public Bfifo {
        if (limit < 0) {
            throw new IllegalArgumentException("bfifo limit must not be negative, got " + limit);
        }
    }

    /** A bfifo of {@code bytes} bytes. */
    public static Bfifo limit(int bytes) {
        return new Bfifo(bytes);
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

    static Bfifo decode(AttributeCursor a) {
        return new Bfifo(a == null ? 0 : (int) Struct.of(a, 4, "struct tc_fifo_qopt").u32(0) & Integer.MAX_VALUE);
    }
}
