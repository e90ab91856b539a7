package io.jnetlink.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.jnetlink.core.testing.KernelTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The extension closes each test's lab after the test, also when the test fails or times out:
 * small test classes run through the JUnit launcher, and afterwards none of their namespaces is
 * left (checked with {@code ip netns list}).
 */
@KernelTest
class LabExtensionKernelTest {
    /** Lab names the inner tests saw, by test. */
    static final Map<String, String> SEEN = new ConcurrentHashMap<>();
    /** The tag of test classes that only this test runs, through the JUnit launcher. */
    static final String LAUNCHED = "launched-by-test";

    @Test
    void labIsGoneAfterPassFailureAndTimeout() {
        SEEN.clear();
        TestExecutionSummary s = run(Cases.class);
        assertEquals(3, s.getTestsStartedCount());
        assertEquals(1, s.getTestsSucceededCount());
        assertEquals(2, s.getTestsFailedCount(), "the failing and the timed-out case fail");
        assertEquals(3, SEEN.size(), SEEN.toString());
        assertEquals(3, SEEN.values().stream().distinct().count(), "each test has a lab of its own: " + SEEN);
        for (String lab : SEEN.values()) {
            assertTrue(lab.startsWith(LabKernelTest.PREFIX), lab);
            assertEquals(0, LabKernelTest.namespacesOf(lab), "namespaces of " + lab + " are gone");
        }
    }

    @Test
    void labAsAFieldWithTheClassAnnotation() {
        SEEN.clear();
        TestExecutionSummary s = run(FieldCase.class);
        assertEquals(1, s.getTestsSucceededCount(), () -> String.valueOf(s.getFailures()));
        String lab = SEEN.get("field");
        assertNotNull(lab);
        assertEquals(0, LabKernelTest.namespacesOf(lab));
    }

    @Test
    void withoutPrivilegesTheTestIsSkippedSayingHowToEnableIt() throws Exception {
        // A child JVM with every capability dropped (bounding set empty): neither root nor rootless
        // as far as namespaces go.
        String skipped = unprivileged(false);
        assertTrue(skipped.startsWith("RESULT ABORTED @WithLab needs a JVM that may create network namespaces"), skipped);
        for (String hint : List.of("rootless.sh", "Rootless.ensure()", "<jvm>", "as root")) {
            assertTrue(skipped.contains(hint), "the reason names " + hint + ": " + skipped);
        }
        String failed = unprivileged(true);
        assertTrue(failed.startsWith("RESULT FAILED @WithLab needs a JVM") && failed.contains("jnetlink.requireKernelTests"),
                failed);
    }

    /** The RESULT line of {@link UnprivilegedLabMain} in a JVM without capabilities. */
    private static String unprivileged(boolean require) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("setpriv", "--bounding-set=-all", "--inh-caps=-all",
                "--ambient-caps=-all", "--",
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path")));
        if (require) {
            cmd.add("-D" + LabExtension.REQUIRE_PROPERTY + "=true");
        }
        cmd.add(UnprivilegedLabMain.class.getName());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("JNETLINK_REQUIRE_KERNEL_TESTS");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child ended");
        assertEquals(0, p.exitValue(), out);
        List<String> results = out.lines().filter(l -> l.startsWith("RESULT ")).toList();
        assertEquals(1, results.size(), out);
        return results.getFirst();
    }

    private static TestExecutionSummary run(Class<?> c) {
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(c)).build(), listener);
        return listener.getSummary();
    }

    /** Run only through the launcher above: surefire leaves out the tag (see this module's pom). */
    @WithLab(prefix = LabKernelTest.PREFIX)
    @Tag(LAUNCHED)
    static class Cases {
        @Test
        void passes(Lab lab) {
            lab.nodes("a", "b");
            SEEN.put("passes", lab.name());
            assertEquals(3, LabKernelTest.namespacesOf(lab.name()));
        }

        @Test
        void fails(Lab lab) {
            lab.nodes("a", "b");
            SEEN.put("fails", lab.name());
            assertNotEquals(3, LabKernelTest.namespacesOf(lab.name()), "fails on purpose");
        }

        @Test
        @Timeout(value = 1, unit = TimeUnit.SECONDS)
        void timesOut(Lab lab) throws InterruptedException {
            lab.nodes("a");
            Probe.tcpEcho(lab.node("a"), 7000);
            SEEN.put("timesOut", lab.name());
            Thread.sleep(30_000);
        }
    }

    /** A lab injected into a field. */
    @WithLab(prefix = LabKernelTest.PREFIX)
    @Tag(LAUNCHED)
    static class FieldCase {
        Lab lab;

        @Test
        void field() {
            List<Node> n = lab.nodes("a");
            SEEN.put("field", lab.name());
            assertEquals(2, LabKernelTest.namespacesOf(n.getFirst().lab().name()));
        }
    }
}
