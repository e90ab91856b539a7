package io.jnetlink.core.netns;

import static io.jnetlink.core.codec.Netlink.NETLINK_ROUTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.socket.NetlinkSocket;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.ProcSelf;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Many platform and virtual threads using many namespaces at once: every answer comes from the
 * right namespace, no thread of the process is left in a foreign namespace, and closing the
 * handles gives every descriptor back.
 */
@KernelTest
class NetworkNamespaceStressKernelTest {
    private static final int NAMESPACES = 10;
    private static final int PLATFORM_THREADS = 64;
    private static final int VIRTUAL_THREADS = 1000;
    private static final int REQUESTS = 10_000;
    /** One request in this many hops into the namespace with run() instead of using the socket. */
    private static final int RUN_EVERY = 20;

    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    @Test
    void tenThousandRequestsFromPlatformAndVirtualThreadsAcrossTenNamespaces() throws Exception {
        String original = ProcSelf.netns();
        // Warm up what the JVM and the library open once for good (class init, the relay thread,
        // loggers), so the descriptor count below measures only the handles.
        try (NetworkNamespace warm = NetworkNamespace.create(namespaces.name("warm"))) {
            warm.socket(NETLINK_ROUTE);
            warm.run(() -> 1);
        }
        Thread.startVirtualThread(() -> { }).join();
        int fdsBefore = ProcSelf.openFds();

        // Namespace i holds i veth pairs s{i}a{j}/s{i}b{j}: its link set names it.
        List<NetworkNamespace> handles = new ArrayList<>();
        List<Set<String>> expected = new ArrayList<>();
        List<String> expectedNs = new ArrayList<>();
        try {
            for (int i = 0; i < NAMESPACES; i++) {
                NetworkNamespace ns = NetworkNamespace.create(namespaces.name("st" + i));
                handles.add(ns);
                Set<String> links = new TreeSet<>(Set.of("lo"));
                for (int j = 0; j < i; j++) {
                    Sh.ip(ns.name(), "link", "add", "s" + i + "a" + j, "type", "veth", "peer", "name", "s" + i + "b" + j);
                    links.add("s" + i + "a" + j);
                    links.add("s" + i + "b" + j);
                }
                assertEquals(links, NetlinkLinks.ip(ns.name()));
                // a sysctl that tells the namespaces apart, for the hops of the library's own workers
                Sh.exec("ip", "netns", "exec", ns.name(), "sh", "-c",
                        "echo " + (40 + i) + " > /proc/sys/net/ipv4/ip_default_ttl");
                expected.add(links);
                expectedNs.add(ProcSelf.netnsOf(Path.of("/run/netns", ns.name())));
            }

            AtomicInteger next = new AtomicInteger();
            AtomicInteger good = new AtomicInteger();
            AtomicInteger hops = new AtomicInteger();
            ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
            CountDownLatch start = new CountDownLatch(1);
            Runnable worker = () -> {
                try {
                    start.await();
                    int r;
                    while ((r = next.getAndIncrement()) < REQUESTS) {
                        int i = (r * 7 + r / NAMESPACES) % NAMESPACES;
                        NetworkNamespace ns = handles.get(i);
                        if (r % RUN_EVERY == RUN_EVERY / 2) {
                            // read through a reusable worker thread of the library
                            String ttl = ns.sysctl("net.ipv4.ip_default_ttl");
                            hops.incrementAndGet();
                            if (!ttl.equals(String.valueOf(40 + i))) {
                                wrong.add("sysctl #" + r + " in " + ns.name() + " read ttl " + ttl);
                                continue;
                            }
                        } else if (r % RUN_EVERY == 0) {
                            String where = ns.run(ProcSelf::threadNetns);
                            hops.incrementAndGet();
                            if (!where.equals(expectedNs.get(i))) {
                                wrong.add("run #" + r + " in " + ns.name() + " ran in " + where);
                                continue;
                            }
                        } else {
                            Set<String> got = NetlinkLinks.dump(ns.socket(NETLINK_ROUTE));
                            if (!got.equals(expected.get(i))) {
                                wrong.add("request #" + r + " to " + ns.name() + " answered " + got);
                                continue;
                            }
                        }
                        good.incrementAndGet();
                    }
                } catch (Throwable e) {
                    wrong.add(Thread.currentThread() + ": " + e);
                }
            };
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < PLATFORM_THREADS; t++) {
                threads.add(Thread.ofPlatform().name("stress-p" + t).start(worker));
            }
            for (int t = 0; t < VIRTUAL_THREADS; t++) {
                threads.add(Thread.ofVirtual().name("stress-v" + t).start(worker));
            }
            long t0 = System.nanoTime();
            start.countDown();
            for (Thread t : threads) {
                t.join();
            }
            long millis = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("netns stress: %d requests (%d hops: run() and sysctl reads) from %d platform + %d virtual threads "
                    + "across %d namespaces in %d ms%n", REQUESTS, hops.get(), PLATFORM_THREADS, VIRTUAL_THREADS,
                    NAMESPACES, millis);
            assertTrue(wrong.isEmpty(), wrong.size() + " wrong answers, first: " + wrong.peek());
            assertEquals(REQUESTS, good.get());
            assertEquals(2 * REQUESTS / RUN_EVERY, hops.get());
            for (NetworkNamespace ns : handles) {
                NetlinkSocket s = ns.socket(NETLINK_ROUTE);
                assertSame(s, ns.socket(NETLINK_ROUTE), "one socket per namespace and protocol");
            }

            // Every thread of the process is in the JVM's own namespace: the workers, the carriers
            // of the virtual threads, the hop threads still winding down and the library's
            // reusable netns workers waiting for their next task.
            Map<String, String> foreign = new java.util.TreeMap<>();
            ProcSelf.allThreadsNetns(true).forEach((thread, ns) -> {
                if (!ns.equals(original)) {
                    foreign.put(thread, ns);
                }
            });
            assertEquals(Map.of(), foreign, "threads outside " + original);
        } finally {
            for (NetworkNamespace ns : handles) {
                ns.close();
            }
        }
        for (NetworkNamespace ns : handles) {
            assertTrue(!NetworkNamespace.list().contains(ns.name()), ns.name() + " deleted by close()");
        }
        assertEquals(fdsBefore, ProcSelf.openFds(), "descriptors after closing the handles");
    }
}
