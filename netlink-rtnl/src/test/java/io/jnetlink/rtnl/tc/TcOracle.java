package io.jnetlink.rtnl.tc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jnetlink.core.testing.Json;
import io.jnetlink.core.testing.Sh;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** iproute2's {@code tc -j} as the independent oracle for qdiscs, classes and filters. */
final class TcOracle {
    private TcOracle() {}

    /** {@code tc -j [-d|-s] -n NS args...} parsed as a list of objects. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> tcJson(String ns, String... args) {
        List<String> c = new ArrayList<>(List.of("tc", "-j", "-n", ns));
        c.addAll(List.of(args));
        String out = Sh.run(c.toArray(String[]::new)).strip();
        List<Map<String, Object>> l = new ArrayList<>();
        if (out.isEmpty()) {
            return l;
        }
        for (Object o : (List<Object>) Json.parse(out)) {
            l.add((Map<String, Object>) o);
        }
        return l;
    }

    /** {@code tc -j -d qdisc show dev DEV}. */
    static List<Map<String, Object>> qdiscs(String ns, String dev) {
        return tcJson(ns, "-d", "qdisc", "show", "dev", dev);
    }

    /** The qdisc with handle {@code handle} from {@code tc -j -d qdisc show dev DEV}. */
    static Map<String, Object> qdisc(String ns, String dev, String handle) {
        return qdiscs(ns, dev).stream().filter(q -> handle.equals(q.get("handle"))).findFirst()
                .orElseThrow(() -> new AssertionError("tc shows no qdisc " + handle + " on " + dev));
    }

    /** The qdisc with handle {@code handle} from {@code tc -s -j qdisc show dev DEV}. */
    static Map<String, Object> qdiscStats(String ns, String dev, String handle) {
        return tcJson(ns, "-s", "qdisc", "show", "dev", dev).stream().filter(q -> handle.equals(q.get("handle")))
                .findFirst().orElseThrow(() -> new AssertionError("tc -s shows no qdisc " + handle));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    /**
     * Waits (up to 10 s) until {@code stats} reads the same twice 300 ms apart (the traffic and
     * the connection's teardown are over), then returns {@code read}'s result.
     */
    static <T> T idle(java.util.function.Supplier<TcStats> stats, java.util.function.Supplier<T> read)
            throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        TcStats last = stats.get();
        while (System.nanoTime() < end) {
            Thread.sleep(300);
            TcStats now = stats.get();
            if (now.equals(last)) {
                return read.get();
            }
            last = now;
        }
        throw new AssertionError("counters still moving after 10 s: " + last);
    }

    /**
     * The library's statistics equal what {@code tc -s -j} prints: read between two identical tc
     * readings (so a stray packet in between, such as an IPv6 neighbour solicitation, cannot make
     * a false difference), retried a few times.
     */
    static void assertStatsAgree(java.util.function.Supplier<Map<String, Object>> tc,
                                 java.util.function.Supplier<TcStats> library) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Map<String, Object> before = tc.get();
            TcStats mine = library.get();
            Map<String, Object> after = tc.get();
            if (before.equals(after)) {
                assertStatsEqual(before, mine);
                return;
            }
        }
        throw new AssertionError("tc's counters never held still for one reading");
    }

    /** The statistics tc printed equal the library's record. */
    static void assertStatsEqual(Map<String, Object> tc, TcStats s) {
        assertEquals(tc.get("bytes"), s.bytes(), "bytes");
        assertEquals(tc.get("packets"), s.packets(), "packets");
        assertEquals(tc.get("drops"), s.drops(), "drops");
        assertEquals(tc.get("overlimits"), s.overlimits(), "overlimits");
        assertEquals(tc.get("requeues"), s.requeues(), "requeues");
        assertEquals(tc.get("backlog"), s.backlog(), "backlog");
        assertEquals(tc.get("qlen"), s.qlen(), "qlen");
    }

    /** A byte count as tc prints it (iproute2's print_size: {@code 32Kb}, {@code 1Mb}, {@code 1514b}). */
    static String size(long sz) {
        double d = sz;
        if (sz >= 1024 * 1024 && Math.abs(1024 * 1024 * Math.rint(d / (1024 * 1024)) - sz) < 1024) {
            return (long) Math.rint(d / (1024 * 1024)) + "Mb";
        }
        if (sz >= 1024 && Math.abs(1024 * Math.rint(d / 1024) - sz) < 16) {
            return (long) Math.rint(d / 1024) + "Kb";
        }
        return sz + "b";
    }

    /** The latency tc derives from a tbf's limit (tbf_print_opt), in microseconds. */
    static long tbfLatencyUs(QdiscInfo q) {
        Tbf t = (Tbf) q.options();
        // the kernel's buffer time, derived from TCA_TBF_BURST (psched_l2t_ns), in ticks of 64 ns
        long ticks = (long) (t.burst() * 1e9 / t.rate().bytesPerSecond() / (1000.0 / Psched.TICK_IN_USEC));
        return (long) (Psched.USEC_PER_SEC * (t.limit() / (double) t.rate().bytesPerSecond()) - Psched.usec(ticks));
    }
}
