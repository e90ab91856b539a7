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

    /**
     * {@code tc -d class show dev DEV}, parsed from text (iproute2 6.1 prints classes without
     * JSON): class id to its words, such as {@code rate -> 10Mbit}, {@code burst -> 1600b/1}.
     */
    static Map<String, Map<String, String>> htbClasses(String ns, String dev) {
        Map<String, Map<String, String>> out = new java.util.LinkedHashMap<>();
        for (String line : Sh.run("tc", "-n", ns, "-d", "class", "show", "dev", dev).split("\n")) {
            String[] w = line.strip().split("\s+");
            if (w.length < 3 || !w[0].equals("class")) {
                continue;
            }
            Map<String, String> m = new java.util.HashMap<>();
            for (int i = 3; i + 1 < w.length; i += 2) {
                if (w[i].equals("root")) {
                    m.put("parent", "root");
                    i--;
                    continue;
                }
                m.put(w[i], w[i + 1]);
            }
            out.put(w[2], m);
        }
        return out;
    }

    /** {@code tc -s class show dev DEV}'s counters per class id, in the keys {@code tc -s -j} uses for qdiscs. */
    static Map<String, Map<String, Object>> htbClassStats(String ns, String dev) {
        Map<String, Map<String, Object>> out = new java.util.LinkedHashMap<>();
        String current = null;
        java.util.regex.Pattern sent = java.util.regex.Pattern.compile(
                "Sent (\\d+) bytes (\\d+) pkt \\(dropped (\\d+), overlimits (\\d+) requeues (\\d+)\\)");
        java.util.regex.Pattern backlog = java.util.regex.Pattern.compile("backlog (\\d+)b (\\d+)p");
        for (String line : Sh.run("tc", "-n", ns, "-s", "class", "show", "dev", dev).split("\n")) {
            String[] w = line.strip().split("\s+");
            if (w.length > 2 && w[0].equals("class")) {
                current = w[2];
                out.put(current, new java.util.HashMap<>());
                continue;
            }
            java.util.regex.Matcher m = sent.matcher(line);
            if (current != null && m.find()) {
                Map<String, Object> s = out.get(current);
                s.put("bytes", Long.parseLong(m.group(1)));
                s.put("packets", Long.parseLong(m.group(2)));
                s.put("drops", Long.parseLong(m.group(3)));
                s.put("overlimits", Long.parseLong(m.group(4)));
                s.put("requeues", Long.parseLong(m.group(5)));
            }
            m = backlog.matcher(line);
            if (current != null && m.find()) {
                out.get(current).put("backlog", Long.parseLong(m.group(1)));
                out.get(current).put("qlen", Long.parseLong(m.group(2)));
            }
        }
        return out;
    }

    /** An htb class as tc prints it equals the library's record, and the record the spec it was made from. */
    static void assertHtbClass(Map<String, String> tc, HtbClass mine, HtbClass spec) {
        assertEquals(spec.rate(), mine.rate());
        assertEquals(spec.ceil(), mine.ceil());
        assertEquals(spec.prio(), mine.prio());
        assertEquals(spec.quantum(), mine.quantum());
        assertEquals(mine.rate().toString(), tc.get("rate"));
        assertEquals(mine.ceil().toString(), tc.get("ceil"));
        assertEquals(String.valueOf(mine.prio()), tc.get("prio"));
        assertEquals(String.valueOf(mine.quantum()), tc.get("quantum"));
        assertEquals(String.valueOf(mine.level()), tc.get("level"));
        // tc prints bursts with its own truncation (tc_calc_xmitsize); within 2 us of bytes of ours
        long slack = mine.rate().bytesPerSecond() * 2 / 1_000_000 + 2;
        assertEquals(mine.burst(), bytes(tc.get("burst")), slack, "burst " + tc.get("burst"));
        assertEquals(mine.cburst(), bytes(tc.get("cburst")), slack, "cburst " + tc.get("cburst"));
    }

    /** A size tc printed ({@code 1597b/1}, {@code 15Kb/1}, {@code 2Mb}) in bytes (Kb and Mb rounded, as tc rounds them). */
    static long bytes(String s) {
        String v = s.contains("/") ? s.substring(0, s.indexOf('/')) : s;
        if (v.endsWith("Mb")) {
            return (long) (Double.parseDouble(v.substring(0, v.length() - 2)) * 1024 * 1024);
        }
        if (v.endsWith("Kb")) {
            return (long) (Double.parseDouble(v.substring(0, v.length() - 2)) * 1024);
        }
        return Long.parseLong(v.substring(0, v.length() - 1));
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
