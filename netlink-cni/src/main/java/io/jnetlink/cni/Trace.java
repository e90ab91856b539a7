package io.jnetlink.cni;

import java.time.Instant;
import java.util.Locale;

/**
 * Step timestamps for finding where a call spends its time: with {@code JNETLINK_CNI_TRACE=1} in
 * the environment each step prints one line to stderr, milliseconds since the launcher started the
 * JVM (the launcher passes the moment in {@code JNETLINK_CNI_T0}, nanoseconds since the epoch; the
 * first line, "main", is then the JVM's start up to the plugin's main method) and since the
 * previous step, and the CPU time the calling thread spent on the step (from
 * {@code /proc/thread-self/schedstat}: unlike wall time, it hardly changes on a busy machine).
 * Off, a step costs one boolean test.
 */
final class Trace {
    private Trace() {}

    private static final boolean ON = "1".equals(System.getenv("JNETLINK_CNI_TRACE"));
    private static long startNanos;
    private static long lastNanos;
    private static long lastCpu;

    /** Records that {@code step} has just finished. */
    static void step(String step) {
        if (!ON) {
            return;
        }
        long now = System.nanoTime();
        if (startNanos == 0) {
            startNanos = now;
            String t0 = System.getenv("JNETLINK_CNI_T0");
            if (t0 != null && t0.matches("[0-9]{10,19}")) {
                Instant i = Instant.now();
                long epochNanos = i.getEpochSecond() * 1_000_000_000L + i.getNano();
                startNanos = now - (epochNanos - Long.parseLong(t0));
            }
            lastNanos = startNanos;
        }
        long cpu = threadCpuNanos();
        System.err.println(String.format(Locale.ROOT, "jnetlink-bridge trace: %8.1f ms  +%7.1f ms  (cpu +%6.1f ms)  %s",
                (now - startNanos) / 1e6, (now - lastNanos) / 1e6, (cpu - lastCpu) / 1e6, step));
        lastNanos = now;
        lastCpu = cpu;
    }

    /** The CPU time of the calling thread so far, in nanoseconds (0 if the kernel does not say). */
    private static long threadCpuNanos() {
        try {
            String s = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/thread-self/schedstat"));
            return Long.parseLong(s.substring(0, s.indexOf(' ')));
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }
}
