package io.jnetlink.examples.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.netns.Rootless;
import io.jnetlink.testing.Lab;
import io.jnetlink.testing.Node;
import io.jnetlink.testing.Probe;
import io.jnetlink.testing.WithLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Eight labs of three nodes at once under JUnit's parallel execution (junit-platform.properties
 * of this module: fixed parallelism 8): each partitions and heals its own cluster without seeing
 * the others, and afterwards none of their namespaces is left (and so none of their links and
 * nf_tables rules, which lived only in those namespaces), and the host's own links are as before.
 */
@WithLab
@Execution(ExecutionMode.CONCURRENT)
class ParallelLabsTest {
    static final Set<String> LABS = ConcurrentHashMap.newKeySet();
    /** All eight tests hold their labs at the same moment once, so they do overlap. */
    static final CountDownLatch ALL_UP = new CountDownLatch(8);
    static String hostLinks;
    static String hostTables;

    @BeforeAll
    static void before() throws IOException, InterruptedException {
        hostLinks = links();
        hostTables = nftTables();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void labOfThree(int i, Lab lab) throws InterruptedException {
        LABS.add(lab.name());
        List<Node> n = lab.nodes("n1", "n2", "n3");
        Probe.tcpEcho(n.get(2), 7000);
        ALL_UP.countDown();
        assertTrue(ALL_UP.await(60, TimeUnit.SECONDS), "all eight labs up at once");
        assertTrue(Probe.tcp(n.get(0), n.get(2).address(), 7000, Duration.ofSeconds(10)));
        lab.isolate(n.get(2));
        assertFalse(Probe.tcp(n.get(0), n.get(2).address(), 7000, Duration.ofMillis(300)));
        lab.heal();
        assertTrue(Probe.tcp(n.get(0), n.get(2).address6(), 7000, Duration.ofSeconds(10)));
    }

    @AfterAll
    static void nothingLeft() throws IOException, InterruptedException {
        assertEquals(8, LABS.size(), "eight different labs: " + LABS);
        try (Stream<Path> s = Files.list(Path.of("/run/netns"))) {
            List<String> left = s.map(p -> p.getFileName().toString())
                    .filter(name -> LABS.stream().anyMatch(name::startsWith)).toList();
            assertEquals(List.of(), left, "namespaces left in /run/netns");
        }
        assertEquals(hostLinks, links(), "the host's links");
        assertEquals(hostTables, nftTables(), "the host's nf_tables tables");
    }

    /**
     * {@code nft list tables} of the JVM's own namespace (read only). Rootless the JVM holds no
     * capability there, so it can neither read nor change the host's ruleset: the refusal is
     * checked instead.
     */
    static String nftTables() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("nft", "list", "tables").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        int exit = p.waitFor();
        if (Rootless.active()) {
            assertTrue(exit != 0 && out.contains("Operation not permitted"), "rootless, nft on the host: " + out);
            return "refused";
        }
        assertEquals(0, exit, out);
        return out;
    }

    /** The JVM's own namespace's link names, from /sys/class/net (read only). */
    static String links() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/sys/class/net"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList().toString();
        }
    }
}
