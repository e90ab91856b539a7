package io.jnetlink.rtnl.link;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A link's 64-bit counters (IFLA_STATS64, {@code struct rtnl_link_stats64}): the first ten fields,
 * the ones {@code ip -s link} shows.
 *
 * @param rxPackets  packets received
 * @param txPackets  packets sent
 * @param rxBytes    bytes received
 * @param txBytes    bytes sent
 * @param rxErrors   receive errors
 * @param txErrors   transmit errors
 * @param rxDropped  received packets dropped
 * @param txDropped  packets dropped on transmit
 * @param multicast  multicast packets received
 * @param collisions collisions
 */
public record LinkStats(long rxPackets, long txPackets, long rxBytes, long txBytes, long rxErrors, long txErrors,
                        long rxDropped, long txDropped, long multicast, long collisions) {
    private static final int FIELDS = 10;

    /** Throws unless the IFLA_STATS64 of the index holds the fields read here. */
    static void check(io.jnetlink.core.codec.AttributeIndex x) {
        int n = x.length(Ifla.IFLA_STATS64);
        if (n < FIELDS * 8) {
            throw x.malformed(Ifla.IFLA_STATS64, "rtnl_link_stats64 needs at least " + FIELDS * 8 + " bytes, got " + n);
        }
    }

    /** The counters of a checked ({@link #check}) IFLA_STATS64 payload at {@code o} of {@code s}. */
    static LinkStats read(MemorySegment s, long o) {
        return new LinkStats(at(s, o, 0), at(s, o, 1), at(s, o, 2), at(s, o, 3), at(s, o, 4), at(s, o, 5),
                at(s, o, 6), at(s, o, 7), at(s, o, 8), at(s, o, 9));
    }

    private static long at(MemorySegment s, long o, int field) {
        return s.get(ValueLayout.JAVA_LONG_UNALIGNED, o + 8L * field);
    }
}
