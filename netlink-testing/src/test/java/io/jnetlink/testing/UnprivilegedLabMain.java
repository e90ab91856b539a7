package io.jnetlink.testing;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * A child JVM for {@link LabExtensionKernelTest}, started without any capability: runs
 * {@link Case} through the JUnit launcher and prints, per test, {@code RESULT <status> <reason>}
 * (one line each). The case must never get as far as making a namespace.
 */
public final class UnprivilegedLabMain {
    private UnprivilegedLabMain() {}

    public static void main(String[] args) {
        Launcher launcher = LauncherFactory.create();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(Case.class)).build(),
                new TestExecutionListener() {
                    @Override
                    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                        if (id.isTest()) {
                            String why = result.getThrowable().map(Throwable::getMessage).orElse("");
                            System.out.println("RESULT " + result.getStatus() + " " + why.replace('\n', ' '));
                        }
                    }
                });
    }

    /** Run only through the launcher above (surefire leaves out the tag). */
    @WithLab(prefix = LabKernelTest.PREFIX)
    @Tag(LabExtensionKernelTest.LAUNCHED)
    static class Case {
        @Test
        void wantsALab(Lab lab) {
            lab.nodes("a");
            System.out.println("RESULT MADE " + lab.name());
        }
    }
}
