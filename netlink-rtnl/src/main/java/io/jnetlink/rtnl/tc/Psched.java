package io.jnetlink.rtnl.tc;

import io.jnetlink.core.codec.MessageWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The packet scheduler's clock, as {@code tc} uses it: times go to the kernel in "ticks"
 * ({@code /proc/net/psched}: on every current kernel 1 tick = 1/15.625 us, i.e. 64 ns), and rate
 * limiters carry a rate table ({@code struct tc_ratespec} plus 256 transmit times). The
 * arithmetic here is iproute2's ({@code tc/tc_core.c}), truncations included, so requests equal
 * {@code tc}'s byte for byte.
 */
final class Psched {
    private Psched() {}

    /** Microseconds per second: tc's TIME_UNITS_PER_SEC. */
    static final double USEC_PER_SEC = 1_000_000.0;
    /** Ticks per microsecond. */
    static final double TICK_IN_USEC = tickInUsec();
    /** The scheduler's HZ as tc's get_hz() reads it, for htb's default burst. */
    static final long HZ = hz();

    /** TC_LINKLAYER_ETHERNET: the only link layer the library writes (tc's default). */
    static final int LINKLAYER_ETHERNET = 1;

    private static long[] fields() {
        try {
            String[] f = Files.readString(Path.of("/proc/net/psched")).trim().split("\\s+");
            long[] v = new long[f.length];
            for (int i = 0; i < f.length; i++) {
                v[i] = Long.parseLong(f[i], 16);
            }
            return v.length >= 4 ? v : null;
        } catch (IOException | RuntimeException e) {
            return null; // no procfs: use the values every kernel since 2.6.23 reports
        }
    }

    private static double tickInUsec() {
        long[] f = fields();
        long t2us = f != null ? f[0] : 1000;
        long us2t = f != null ? f[1] : 64;
        long clockRes = f != null ? f[2] : 1_000_000;
        if (clockRes == 1_000_000_000L) {
            t2us = us2t; // iproute2's compatibility rule for nanosecond clocks
        }
        return (double) t2us / us2t * (clockRes / USEC_PER_SEC);
    }

    private static long hz() {
        long[] f = fields();
        if (f == null) {
            return 1_000_000_000L;
        }
        return f[2] == 1_000_000 ? f[3] : f[2];
    }

    /** C's conversion of a non-negative double to {@code unsigned int} (saturating instead of undefined). */
    static long toUnsigned(double d) {
        if (!(d > 0)) {
            return 0;
        }
        return d >= 4294967295.0 ? 0xFFFF_FFFFL : (long) d;
    }

    /** tc_core_time2tick: microseconds (an unsigned int) to ticks. */
    static long ticks(long usec) {
        return toUnsigned(usec * TICK_IN_USEC);
    }

    /** tc_core_tick2time: ticks to microseconds. */
    static long usec(long ticks) {
        return toUnsigned(ticks / TICK_IN_USEC);
    }

    /** tc_calc_xmittime: the ticks it takes to send {@code size} bytes at {@code rate} bytes/s. */
    static long xmittime(long rate, long size) {
        return ticks(toUnsigned(USEC_PER_SEC * ((double) size / (double) rate)));
    }

    /**
     * The bytes that take {@code ticks} to send at {@code rate} bytes/s, as the kernel reads a burst
     * back ({@code psched_ns_t2l} on the ticks as nanoseconds). The kernel keeps a time, not the
     * bytes, so this equals the requested size when the kernel derived the time itself (tbf with
     * TCA_TBF_BURST) and is within one microsecond's worth of bytes of it otherwise.
     */
    static long xmitsize(long rate, long ticks) {
        if (rate <= 0 || ticks <= 0) {
            return 0;
        }
        double ns = ticks * (1000.0 / TICK_IN_USEC);
        return Math.min(0xFFFF_FFFFL, Math.round(ns * rate / 1e9));
    }

    /** The 32-bit rate field of {@code struct tc_ratespec}: saturated, the full rate goes in a *_RATE64 attribute. */
    static int rate32(long rate) {
        return rate >= 0x1_0000_0000L ? -1 : (int) rate;
    }

    /** tc_calc_rtable's cell_log: the smallest shift that maps {@code mtu} (2047 when 0) into 256 cells. */
    static int cellLog(int mtu) {
        int m = mtu == 0 ? 2047 : mtu;
        int cellLog = 0;
        while ((m >>> cellLog) > 255) {
            cellLog++;
        }
        return cellLog;
    }

    /** Writes {@code struct tc_ratespec} for an Ethernet link, as tc_calc_rtable leaves it. */
    static void ratespec(MessageWriter w, long rate, int cellLog, int mpu) {
        w.u8(cellLog).u8(LINKLAYER_ETHERNET).u16(0).u16(0xFFFF).u16(mpu).u32(rate32(rate));
    }

    /** Writes an attribute holding the 256-entry rate table for {@code rate} (tc_calc_rtable). */
    static void rtab(MessageWriter w, int type, long rate, int cellLog, int mpu) {
        long rate32 = rate32(rate) & 0xFFFF_FFFFL;
        w.nest(type, t -> {
            for (int i = 0; i < 256; i++) {
                long size = Math.max((long) (i + 1) << cellLog, mpu);
                t.u32((int) xmittime(rate32, size));
            }
        });
    }
}
