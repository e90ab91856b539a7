package io.jnetlink.rtnl.tc;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;

/**
 * The statistics the kernel reports for a qdisc or class in TCA_STATS2 ({@code
 * linux/gen_stats.h}), what {@code tc -s} prints: basic counters (TCA_STATS_BASIC, with the
 * 64-bit packet count TCA_STATS_PKT64 when sent), queue counters (TCA_STATS_QUEUE) and the rate
 * estimator (TCA_STATS_RATE_EST, or TCA_STATS_RATE_EST64), which is 0 unless an estimator runs.
 *
 * @param bytes      bytes sent
 * @param packets    packets sent
 * @param qlen       packets queued now
 * @param backlog    bytes queued now
 * @param drops      packets dropped
 * @param requeues   packets requeued
 * @param overlimits times the qdisc held a packet back because of its limits
 * @param rateBps    the estimated rate in bytes per second
 * @param ratePps    the estimated rate in packets per second
 */
public record TcStats(long bytes, long packets, long qlen, long backlog, long drops, long requeues, long overlimits,
                      long rateBps, long ratePps) {
    /** No statistics (the message had no TCA_STATS2). */
    public static final TcStats NONE = new TcStats(0, 0, 0, 0, 0, 0, 0, 0, 0);

    static final int TCA_STATS_BASIC = 1;
    static final int TCA_STATS_RATE_EST = 2;
    static final int TCA_STATS_QUEUE = 3;
    static final int TCA_STATS_APP = 4;
    static final int TCA_STATS_RATE_EST64 = 5;
    static final int TCA_STATS_PAD = 6;
    static final int TCA_STATS_BASIC_HW = 7;
    static final int TCA_STATS_PKT64 = 8;

    static final AttrNames NAMES = AttrNames.table("TCA_STATS", "TCA_STATS_UNSPEC", "TCA_STATS_BASIC",
            "TCA_STATS_RATE_EST", "TCA_STATS_QUEUE", "TCA_STATS_APP", "TCA_STATS_RATE_EST64", "TCA_STATS_PAD",
            "TCA_STATS_BASIC_HW", "TCA_STATS_PKT64");

    /** Reads TCA_STATS2 (the cursor is on it). */
    static TcStats decode(AttributeCursor stats2) {
        long bytes = 0;
        long packets = 0;
        long pkt64 = -1;
        long qlen = 0;
        long backlog = 0;
        long drops = 0;
        long requeues = 0;
        long overlimits = 0;
        long bps = 0;
        long pps = 0;
        boolean est64 = false;
        AttributeCursor a = stats2.nested(NAMES);
        while (a.next()) {
            switch (a.type()) {
                case TCA_STATS_BASIC -> {
                    Struct s = Struct.of(a, 12, "struct gnet_stats_basic");
                    bytes = s.u32(0) | s.u32(4) << 32;
                    packets = s.u32(8);
                }
                case TCA_STATS_PKT64 -> pkt64 = a.u64();
                case TCA_STATS_QUEUE -> {
                    Struct s = Struct.of(a, 20, "struct gnet_stats_queue");
                    qlen = s.u32(0);
                    backlog = s.u32(4);
                    drops = s.u32(8);
                    requeues = s.u32(12);
                    overlimits = s.u32(16);
                }
                case TCA_STATS_RATE_EST -> {
                    if (!est64) {
                        Struct s = Struct.of(a, 8, "struct gnet_stats_rate_est");
                        bps = s.u32(0);
                        pps = s.u32(4);
                    }
                }
                case TCA_STATS_RATE_EST64 -> {
                    Struct s = Struct.of(a, 16, "struct gnet_stats_rate_est64");
                    bps = s.u32(0) | s.u32(4) << 32;
                    pps = s.u32(8) | s.u32(12) << 32;
                    est64 = true;
                }
                default -> { } // APP (the kind's xstats), hardware counters, padding
            }
        }
        return new TcStats(bytes, pkt64 >= 0 ? pkt64 : packets, qlen, backlog, drops, requeues, overlimits, bps, pps);
    }
}
