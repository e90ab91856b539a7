package io.jnetlink.rtnl.link;

import io.jnetlink.core.codec.AttributeCursor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A link's 64-bit counters (IFLA_STATS64, {@code struct rtnl_link_stats64}): the first ten fields,
 * the ones {@code ip -s link} shows.
 */
public record LinkStats(long rxPackets, long txPackets, long rxBytes, long txBytes, long rxErrors, long txErrors,
                        long rxDropped, long txDropped, long multicast, long collisions) {
    private static final int FIELDS = 10;

    static LinkStats decode(AttributeCursor a) {
        if (a.length() < FIELDS * 8) {
            throw a.malformed("rtnl_link_stats64 needs at least " + FIELDS * 8 + " bytes, got " + a.length());
        }
        MemorySegment s = a.segment();
        long o = a.payloadOffset();
        long[] v = new long[FIELDS];
        for (int i = 0; i < FIELDS; i++) {
            v[i] = s.get(ValueLayout.JAVA_LONG_UNALIGNED, o + 8L * i);
        }
        return new LinkStats(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
    }
}
