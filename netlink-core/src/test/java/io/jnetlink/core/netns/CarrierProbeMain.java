package io.jnetlink.core.netns;

import io.jnetlink.core.testing.ProcSelf;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Run by {@link NetworkNamespaceCarrierKernelTest} in a child JVM whose virtual-thread scheduler
 * may grow to many carriers: virtual threads hop into a namespace with run() while the carriers
 * are kept busy, so the scheduler has to start new carriers while hop threads wake virtual
 * threads. Prints "FOREIGN n" and the threads outside the JVM's namespace at the end.
 * Argument: the name of the namespace to create (and delete).
 */
public final class CarrierProbeMain {
    private CarrierProbeMain() {}

    public static void main(String[] args) throws Exception {
        String original = ProcSelf.netns();
        try (NetworkNamespace ns = NetworkNamespace.create(args[0])) {
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    for (int j = 0; j < 30; j++) {
                        ns.run(() -> 1);
                        long until = System.nanoTime() + 2_000_000;
                        while (System.nanoTime() < until) {
                            Thread.onSpinWait(); // keep this carrier busy
                        }
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
        }
        Map<String, String> foreign = new TreeMap<>();
        ProcSelf.allThreadsNetns(true).forEach((thread, ns) -> {
            if (!ns.equals(original)) {
                foreign.put(thread, ns);
            }
        });
        System.out.println("FOREIGN " + foreign.size() + " " + foreign);
    }
}
