package io.jnetlink.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * kill -9 of a JVM in the middle of a lab: its nf_tables rules go with it at once (tables owned
 * by its sockets), its namespaces stay until the next lab of the same prefix starts, which
 * removes them. Checked with {@code ip netns list}, {@code nft list ruleset} and the host's links.
 */
@KernelTest
class CrashKernelTest {
    /** A prefix of this test's own, so no other test's reaper takes the dead child's lab first. */
    static final String PREFIX = "jnl-t-crash-";

    @Test
    @Timeout(120)
    void nothingOfAKilledJvmSurvivesTheNextLabStart() throws Exception {
        String hostLinks = Sh.run("ip", "-o", "link", "show");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                CrashChild.class.getName(), PREFIX)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String labName;
        String node3;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("READY ")) {
                // the child's other output
            }
            assertTrue(line != null, "the child made its lab");
            String[] f = line.split(" ");
            labName = f[1];
            node3 = f[2];
            assertTrue(labName.startsWith(PREFIX + child.pid() + "x"), labName);
            assertEquals(4, LabKernelTest.namespacesOf(labName));
            assertEquals(4, FaultsKernelTest.nftRules(labName, "bridge"), "the isolation is in force");
            assertEquals(2, FaultsKernelTest.nftRules(node3, "inet"), "the block is in force");
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally in the child
        }
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, child.exitValue(), "killed by SIGKILL");

        // The kernel dropped the tables with the dead JVM's sockets; the namespaces are still there.
        assertEquals(4, LabKernelTest.namespacesOf(labName));
        assertEquals(0, FaultsKernelTest.nftRules(labName, "bridge"));
        assertEquals(0, FaultsKernelTest.nftRules(node3, "inet"));

        // The next lab of the prefix removes them.
        try (Lab next = Lab.create(PREFIX)) {
            assertEquals(0, LabKernelTest.namespacesOf(labName), "the dead JVM's namespaces are gone");
            assertTrue(LabKernelTest.namespacesOf(next.name()) == 1);
        }
        assertEquals(hostLinks, Sh.run("ip", "-o", "link", "show"), "the host's links never changed");
    }
}
