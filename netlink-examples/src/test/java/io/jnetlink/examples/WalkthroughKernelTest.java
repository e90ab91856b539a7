package io.jnetlink.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The walkthrough end to end, under a test prefix so it never meets a user's lab-* namespaces. */
@KernelTest
class WalkthroughKernelTest {
    private final String prefix = TestNamespaces.PREFIX + "lab-" + ProcessHandle.current().pid() + "-";
    private final ByteArrayOutputStream text = new ByteArrayOutputStream();
    private final Walkthrough walkthrough = new Walkthrough(new PrintStream(text, true, StandardCharsets.UTF_8), prefix);

    @AfterEach
    void removeLeftovers() {
        walkthrough.cleanup();
    }

    private List<String> ours() {
        return NetworkNamespace.list().stream().filter(n -> n.startsWith(prefix)).toList();
    }

    @Test
    void everyCheckPassesAndNothingRemains() {
        boolean ok = walkthrough.run(false);
        String output = text.toString(StandardCharsets.UTF_8);
        assertTrue(ok, output);
        assertTrue(walkthrough.checks().size() >= 12, output);
        assertTrue(walkthrough.checks().stream().allMatch(Walkthrough.Check::passed), output);
        assertTrue(output.contains("ip link add v-net-0 type bridge"), output);
        assertTrue(output.contains("MASQUERADE"), output);
        assertTrue(output.contains("[PASS] red reaches blue over the pipe"), output);
        assertTrue(!output.contains("[FAIL]"), output);
        // The test tools (ping among them) are installed by ./verify, so no check may be skipped.
        assertEquals(List.of(), walkthrough.skipped(), output);
        assertTrue(output.contains("[PASS] ip netns exec red ping"), output);
        assertEquals(List.of(), ours(), "the walkthrough deleted its namespaces");
        assertTrue(!Sh.run("ip", "netns", "list").contains(prefix), "ip netns list shows none of ours");
    }

    @Test
    void keepLeavesTheTopologyAndCleanupRemovesIt() {
        assertTrue(walkthrough.run(true), text.toString(StandardCharsets.UTF_8));
        assertEquals(4, ours().size());
        // The kept lab is real: iproute2 and nft see it.
        String host = prefix + "host";
        assertTrue(Sh.ip(host, "link", "show", "v-net-0").contains("v-net-0"));
        assertTrue(Sh.inNs(host, "nft", "list", "ruleset").ok().out().contains("masquerade"));
        IllegalStateException again = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> walkthrough.run(false), "a second run refuses to start over kept namespaces");
        assertTrue(again.getMessage().contains("--cleanup"), again.getMessage());
        assertEquals(4, walkthrough.cleanup().size());
        assertEquals(List.of(), ours());
        assertTrue(!Sh.run("ip", "netns", "list").contains(prefix), "ip netns list shows none of ours");
        assertEquals(List.of(), walkthrough.cleanup(), "a second cleanup finds nothing");
    }
}
