package io.jnetlink.cni;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Step timestamps for finding where a call spends its time: with {@code JNETLINK_CNI_TRACE=1} in
 * the environment each step prints one line to stderr, milliseconds since the process started
 * (so the first line shows JVM start up to {@code main}) and since the previous step. Off, a step
 * costs one boolean test.
 */
final class Trace {
    private Trace() {}

    private static final boolean ON = "1".equals(System.getenv("JNETLINK_CNI_TRACE"));
    private static long startNanos;
    private static long lastNanos;

    /** Records that {@code step} has just finished. */
    static void step(String step) {
        if (!ON) {
            return;
        }
        long now = System.nanoTime();
        if (startNanos == 0) {
            // The process's start time has a resolution of one clock tick (10 ms); good enough to
            // tell JVM start from the plugin's own work.
            Instant started = ProcessHandle.current().info().startInstant().orElse(Instant.now());
            startNanos = now - Duration.between(started, Instant.now()).toNanos();
            lastNanos = startNanos;
        }
        System.err.println(String.format(Locale.ROOT, "jnetlink-bridge trace: %8.1f ms  +%7.1f ms  %s",
                (now - startNanos) / 1e6, (now - lastNanos) / 1e6, step));
        lastNanos = now;
    }
}
