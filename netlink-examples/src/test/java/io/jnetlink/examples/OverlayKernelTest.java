package io.jnetlink.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The multi-host overlay end to end, under a test prefix; and interrupted, as by Ctrl-C. */
@KernelTest
class OverlayKernelTest {
    private final String prefix = TestNamespaces.PREFIX + "ov-" + ProcessHandle.current().pid() + "-";
    private final ByteArrayOutputStream text = new ByteArrayOutputStream();
    private final Overlay overlay = new Overlay(new PrintStream(text, true, StandardCharsets.UTF_8), prefix);

    @AfterEach
    void removeLeftovers() {
        overlay.cleanup();
    }

    private List<String> ours() {
        return NetworkNamespace.list().stream().filter(n -> n.startsWith(prefix)).toList();
    }

    @Test
    void everyContainerReachesEveryOtherHostsContainersOverVxlanOnly() {
        boolean ok = overlay.run();
        String output = text.toString(StandardCharsets.UTF_8);
        assertTrue(ok, output);
        int pairs = Overlay.HOSTS * Overlay.CONTAINERS * (Overlay.HOSTS - 1) * Overlay.CONTAINERS;
        assertEquals(2 * pairs + 2, overlay.checks(), output); // each pair over IPv4 and IPv6, and the LAN twice
        assertTrue(output.contains("[PASS] h1c1 -> h3c2 over TCP: h3c2 saw 10.200.1.11"), output);
        assertTrue(output.contains("[PASS] h1c1 -> h3c2 over TCP/IPv6: h3c2 saw fd00:200:0:0:0:0:1:11"), output);
        assertTrue(output.contains("[PASS] the LAN carried nothing else: 0 other frames dropped"), output);
        assertEquals(List.of(), ours(), "the overlay deleted its namespaces");
        assertTrue(!Sh.run("ip", "netns", "list").contains(prefix), "ip netns list shows none of ours");
    }

    @Test
    void ctrlCLeavesNothingBehind() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        File log = File.createTempFile("overlay-", ".log");
        log.deleteOnExit();
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), Overlay.class.getName(), "--prefix", prefix)
                .redirectErrorStream(true).redirectOutput(log).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!ours().contains(prefix + "h2c1") && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(p.isAlive(), "the overlay is still building when interrupted");
            assertTrue(!ours().isEmpty(), "it had made namespaces");
            Sh.run("kill", "-INT", Long.toString(p.pid())); // what Ctrl-C sends
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the program ends after SIGINT");
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
        String said = Files.readString(log.toPath());
        assertTrue(said.contains("interrupted: removing"), said);
        assertEquals(List.of(), ours(), "nothing left behind after Ctrl-C: " + said);
        log.delete();
    }
}
