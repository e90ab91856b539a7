package io.jnetlink.core.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Waking a virtual thread from a hop thread must not start a scheduler carrier inside the
 * namespace. Needs a scheduler that can grow (the test JVM's is already running with as many
 * carriers as cores), so it runs {@link CarrierProbeMain} in a child JVM.
 */
@KernelTest
class NetworkNamespaceCarrierKernelTest {
    private static final String JAVA = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java";

    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    @Test
    void noCarrierThreadIsStartedInsideANamespace() throws Exception {
        String cp = String.join(":", location(NetworkNamespace.class), location(CarrierProbeMain.class),
                location(org.slf4j.Logger.class));
        String name = namespaces.name("carrier");
        Sh.Result r = Sh.exec(JAVA, "--enable-native-access=ALL-UNNAMED", "-cp", cp,
                "-Djdk.virtualThreadScheduler.parallelism=64", "-Djdk.virtualThreadScheduler.maxPoolSize=256",
                CarrierProbeMain.class.getName(), name);
        assertEquals(0, r.exit(), r.err() + r.out());
        String line = r.out().lines().filter(l -> l.startsWith("FOREIGN ")).findFirst().orElse("no FOREIGN line");
        assertTrue(line.startsWith("FOREIGN 0 "), "threads left in a foreign namespace: " + line + "\n" + r.err());
        assertTrue(!NetworkNamespace.list().contains(name));
    }

    private static String location(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

}
