package io.jnetlink.benchmarks;

import io.jnetlink.rtnl.Netns;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The namespaces a benchmark fork makes: all named {@code bench-TAG-PID-N}, all closed (deleted)
 * by the benchmark's {@code @TearDown} and, should a benchmark fail before its teardown ran, by a
 * shutdown hook of the fork. Benchmarks touch nothing outside these namespaces.
 */
final class BenchNamespaces {
    private static final Set<Netns> OPEN = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final long PID = ProcessHandle.current().pid();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(BenchNamespaces::closeAll, "bench-namespaces-cleanup"));
    }

    private BenchNamespaces() {
    }

    /** A fresh, unused name {@code bench-TAG-PID-N}. */
    static String name(String tag) {
        return "bench-" + tag + "-" + PID + "-" + SEQ.incrementAndGet();
    }

    /** Creates namespace {@code bench-TAG-PID-N}, remembered for cleanup. */
    static Netns create(String tag) {
        Netns ns = Netns.create(name(tag));
        OPEN.add(ns);
        return ns;
    }

    /** Closes (deletes) a namespace made by {@link #create}; null is ignored. */
    static void close(Netns ns) {
        if (ns != null) {
            OPEN.remove(ns);
            ns.close();
        }
    }

    /** Closes every namespace still open (the fork's shutdown hook). */
    static void closeAll() {
        for (Netns ns : OPEN.toArray(Netns[]::new)) {
            try {
                close(ns);
            } catch (RuntimeException e) {
                System.err.println("cleanup of " + ns + " failed: " + e);
            }
        }
    }
}
