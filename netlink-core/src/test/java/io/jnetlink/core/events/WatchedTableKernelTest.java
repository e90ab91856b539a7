package io.jnetlink.core.events;

import static io.jnetlink.core.codec.Netlink.NETLINK_ROUTE;
import static io.jnetlink.core.codec.Netlink.NLM_F_DUMP;
import static io.jnetlink.core.codec.Netlink.NLM_F_REQUEST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.Message;
import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * List-then-watch against the kernel, with a minimal raw link decoder (the typed records live in
 * netlink-rtnl). The oracle is {@code ip -j link}.
 */
@KernelTest
class WatchedTableKernelTest {
    private static final int RTNLGRP_LINK = 1;
    private static final int RTM_NEWLINK = 16;
    private static final int RTM_DELLINK = 17;
    private static final int RTM_GETLINK = 18;
    private static final int IFLA_IFNAME = 3;

    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    /** What the test tracks of a link: its name and whether it is administratively up. */
    record Link(String name, boolean up) {}

    private static Link decodeLink(Message m) {
        String name = null;
        AttributeCursor a = m.attributes(16, AttrNames.numbered("IFLA"));
        while (a.next()) {
            if (a.type() == IFLA_IFNAME) {
                name = a.string();
            }
        }
        return new Link(name, (m.u32(8) & 1) != 0);
    }

    private static WatchedTable.Source<Integer, Link> links(NetworkNamespace ns) {
        return new WatchedTable.Source<>() {
            @Override
            public Map<Integer, Link> dump() {
                Map<Integer, Link> out = new HashMap<>();
                ns.socket(NETLINK_ROUTE).dump("dump links", w -> {
                    w.begin(RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP);
                    w.zeros(16);
                    w.end();
                }, m -> out.put(m.u32(4), decodeLink(m)));
                return out;
            }

            @Override
            public Change<Integer, Link> decode(Message m) {
                return switch (m.type()) {
                    case RTM_NEWLINK -> new Change<>(Change.Kind.ADDED, m.u32(4), decodeLink(m), false);
                    case RTM_DELLINK -> new Change<>(Change.Kind.REMOVED, m.u32(4), decodeLink(m), false);
                    default -> null;
                };
            }
        };
    }

    private static Map<Integer, Link> oracle(String ns) {
        Map<Integer, Link> out = new HashMap<>();
        for (Object o : Sh.ipJson(ns, "link", "show")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) o;
            @SuppressWarnings("unchecked")
            List<String> flags = (List<String>) m.get("flags");
            out.put(((Long) m.get("ifindex")).intValue(), new Link((String) m.get("ifname"), flags.contains("UP")));
        }
        return out;
    }

    @Test
    void eventsFollowCreateUpRenameAndDelete() throws Exception {
        NetworkNamespace ns = namespaces.create("watch");
        List<Change<Integer, Link>> seen = new CopyOnWriteArrayList<>();
        try (WatchedTable<Integer, Link> t = WatchedTable.open(ns, NETLINK_ROUTE, new int[] {RTNLGRP_LINK}, 0,
                links(ns), seen::add)) {
            assertEquals(oracle(ns.name()), t.snapshot());
            int initial = seen.size(); // lo, from the first dump
            Sh.ip(ns.name(), "link", "add", "wa", "type", "veth", "peer", "name", "wb");
            Sh.ip(ns.name(), "link", "set", "wa", "up");
            Sh.ip(ns.name(), "link", "set", "wb", "name", "wc");
            Sh.ip(ns.name(), "link", "del", "wa");
            t.awaitQuiet(Duration.ofMillis(300), Duration.ofSeconds(10));
            assertEquals(oracle(ns.name()), t.snapshot());
            List<Change<Integer, Link>> after = seen.subList(initial, seen.size());
            assertTrue(after.stream().anyMatch(c -> c.kind() == Change.Kind.ADDED && "wa".equals(c.value().name())),
                    after::toString);
            assertTrue(after.stream().anyMatch(c -> c.kind() == Change.Kind.CHANGED && c.value().up()
                    && "wa".equals(c.value().name())), after::toString);
            assertTrue(after.stream().anyMatch(c -> c.kind() == Change.Kind.CHANGED && "wc".equals(c.value().name())),
                    after::toString);
            assertTrue(after.stream().anyMatch(c -> c.kind() == Change.Kind.REMOVED && "wa".equals(c.value().name())),
                    after::toString);
            assertFalse(after.stream().anyMatch(Change::synthetic), "no overrun, so no synthetic change");
        }
    }

    @Test
    void floodAgainstASmallBufferOverrunsAndStillEndsEqualToTheKernel() throws Exception {
        NetworkNamespace ns = namespaces.create("flood");
        Path batch = Files.createTempFile("jnl-flood", ".batch");
        try {
            StringBuilder b = new StringBuilder();
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 100; i++) {
                    b.append("link add fa").append(i).append(" type veth peer name fb").append(i).append('\n');
                }
                for (int i = 0; i < 100; i++) {
                    b.append("link set fa").append(i).append(" up\n");
                }
                // keep a different subset each round so the end state is not the start state
                for (int i = round % 2; i < 100; i += 2) {
                    b.append("link del fa").append(i).append('\n');
                }
                for (int i = 1 - round % 2; i < 100; i += 2) {
                    b.append("link del fa").append(i).append('\n');
                }
            }
            for (int i = 0; i < 40; i++) {
                b.append("link add ka").append(i).append(" type veth peer name kb").append(i).append('\n');
            }
            Files.writeString(batch, b.toString());
            List<Change<Integer, Link>> seen = new CopyOnWriteArrayList<>();
            // The listener stalls on the first flood event until the flood is over, so the 4 KiB
            // buffer overflows for certain (not only when the machine happens to be slow).
            java.util.concurrent.atomic.AtomicBoolean stall = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.CountDownLatch floodDone = new java.util.concurrent.CountDownLatch(1);
            try (WatchedTable<Integer, Link> t = WatchedTable.open(ns, NETLINK_ROUTE, new int[] {RTNLGRP_LINK}, 4096,
                    links(ns), c -> {
                        seen.add(c);
                        if (stall.get()) {
                            try {
                                floodDone.await(60, java.util.concurrent.TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    })) {
                stall.set(true);
                Sh.run("ip", "-n", ns.name(), "-batch", batch.toString());
                stall.set(false);
                floodDone.countDown();
                t.awaitQuiet(Duration.ofMillis(500), Duration.ofSeconds(60));
                assertNull(t.failure());
                Map<Integer, Link> kernel = oracle(ns.name());
                assertEquals(81, kernel.size()); // lo + 40 pairs
                assertEquals(kernel, t.snapshot());
                assertEquals(links(ns).dump(), t.snapshot());
                assertTrue(t.overruns() > 0, "a 4 KiB buffer must overflow under this flood");
                assertTrue(t.resyncs() > 1, "each overrun leads to a re-read");
                assertTrue(seen.stream().anyMatch(Change::synthetic), "re-reads emit synthetic changes");
                assertNull(t.failure());
            }
        } finally {
            Files.deleteIfExists(batch);
        }
    }

    private static long openDescriptors() throws java.io.IOException {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count() - 1; // the listing's own descriptor
        }
    }

    @Test
    void closingUnderLoadLeavesNoThreadAndNoDescriptor() throws Exception {
        NetworkNamespace ns = namespaces.create("close");
        ns.socket(NETLINK_ROUTE); // the shared request socket stays; count after it exists
        long fds = openDescriptors();
        long threads = Thread.getAllStackTraces().keySet().stream()
                .filter(th -> th.getName().startsWith("netlink-events-")).count();
        Thread load = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 200 && !Thread.currentThread().isInterrupted(); i++) {
                Sh.exec("ip", "-n", ns.name(), "link", "add", "la" + i, "type", "veth", "peer", "name", "lb" + i);
            }
        });
        for (int i = 0; i < 5; i++) {
            WatchedTable<Integer, Link> t = WatchedTable.open(ns, NETLINK_ROUTE, new int[] {RTNLGRP_LINK}, 8192,
                    links(ns), c -> { });
            Thread.sleep(50);
            t.close();
        }
        load.interrupt();
        load.join();
        assertEquals(threads, Thread.getAllStackTraces().keySet().stream()
                .filter(th -> th.getName().startsWith("netlink-events-") && th.isAlive()).count());
        assertEquals(fds, openDescriptors());
    }

    /** Thread ids of this process whose name ({@code comm}, 15 characters) starts with {@code prefix}. */
    private static java.util.Set<String> tasksNamed(String prefix) throws java.io.IOException {
        java.util.Set<String> out = new java.util.TreeSet<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    if (Files.readString(t.resolve("comm")).strip().startsWith(prefix)) {
                        out.add(t.getFileName().toString());
                    }
                } catch (java.io.IOException gone) {
                    // the thread ended while listing
                }
            }
        }
        return out;
    }

    /** voluntary + involuntary context switches of thread {@code tid}: each wake-up adds at least one. */
    private static long switches(String tid) throws java.io.IOException {
        long n = 0;
        for (String line : Files.readAllLines(Path.of("/proc/self/task", tid, "status"))) {
            if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                n += Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        return n;
    }

    @Test
    void closeWakesAThreadBlockedInReceiveEventsAtOnce() throws Exception {
        NetworkNamespace ns = namespaces.create("wake");
        ns.socket(NETLINK_ROUTE);
        // The first close in a JVM loads and links the close path (a cold JVM took 13-65 ms on a
        // busy machine); what is measured here is the wake-up, so take that cost once first.
        ns.openSocket(NETLINK_ROUTE).close();
        long fds = openDescriptors();
        io.jnetlink.core.socket.NetlinkSocket s = ns.openSocket(NETLINK_ROUTE); // default 10 s timeout
        s.joinGroup(RTNLGRP_LINK);
        java.util.concurrent.atomic.AtomicInteger got = new java.util.concurrent.atomic.AtomicInteger(-1);
        java.util.concurrent.atomic.AtomicLong ended = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicReference<Throwable> error = new java.util.concurrent.atomic.AtomicReference<>();
        Thread receiver = Thread.ofPlatform().name("jnl-t-receiver").start(() -> {
            try {
                got.set(s.receiveEvents(m -> { }));
            } catch (Throwable t) {
                error.set(t);
            } finally {
                ended.set(System.nanoTime());
            }
        });
        Thread.sleep(300); // into its wait (no event comes: nothing changes in the namespace)
        assertTrue(receiver.isAlive(), "the receiver waits for events");
        long start = System.nanoTime();
        s.close();
        receiver.join(10_000);
        long closeToEnd = (ended.get() - start) / 1_000_000;
        assertFalse(receiver.isAlive());
        assertNull(error.get());
        assertEquals(0, got.get(), "a wait ended by close() reports no events");
        assertTrue(closeToEnd < 50, "receiver ended " + closeToEnd + " ms after close(), not within 50 ms");
        assertTrue(s.isClosed());
        assertEquals(fds, openDescriptors(), "the socket and its eventfd are closed");
        assertThrows(IllegalStateException.class, () -> s.receiveEvents(m -> { }));
    }

    @Test
    void anIdleWatchSleepsWithoutWakeUpsAndItsReaderEndsAtOnceOnClose() throws Exception {
        NetworkNamespace ns = namespaces.create("idle");
        ns.socket(NETLINK_ROUTE);
        // as above: the first watch closed in this JVM pays for loading the close path
        WatchedTable.open(ns, NETLINK_ROUTE, new int[] {RTNLGRP_LINK}, 0, links(ns), c -> { }).close();
        long fds = openDescriptors();
        java.util.Set<String> before = tasksNamed("netlink-events");
        WatchedTable<Integer, Link> t = WatchedTable.open(ns, NETLINK_ROUTE, new int[] {RTNLGRP_LINK}, 0,
                links(ns), c -> { });
        java.util.Set<String> readers = tasksNamed("netlink-events");
        readers.removeAll(before);
        assertEquals(1, readers.size(), "one new reader thread: " + readers);
        String reader = readers.iterator().next();
        Thread.sleep(200); // let it settle into its wait
        long s0 = switches(reader);
        Thread.sleep(1_000);
        long woke = switches(reader) - s0;
        // The old reader woke every 200 ms (5 times here); a wait in poll(2) with no event and no
        // timeout is never scheduled at all.
        assertEquals(0, woke, "the idle reader thread was scheduled " + woke + " times in 1 s");

        long start = System.nanoTime();
        t.close(); // returns once the reader thread has ended
        long took = (System.nanoTime() - start) / 1_000_000;
        assertTrue(took < 50, "the watch closed in " + took + " ms, not within 50 ms");
        // The Java thread has ended when close() returns; the kernel may list its task a moment
        // longer while the native thread finishes exiting (seen under load), so allow for that.
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (tasksNamed("netlink-events").contains(reader) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertFalse(tasksNamed("netlink-events").contains(reader), "the reader thread is gone");
        assertEquals(fds, openDescriptors(), "the watch's socket and eventfd are closed");
    }
}
