package io.jnetlink.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Skips (or, under CI, fails) kernel tests when the process is not root. */
public final class RootCheck implements BeforeAllCallback, BeforeEachCallback {
    private static final String REQUIRE = "jnetlink.requireKernelTests";

    @Override
    public void beforeAll(ExtensionContext context) {
        check();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        check();
    }

    /** True when the effective uid is 0. */
    public static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    String[] f = line.substring(4).trim().split("\\s+");
                    return f.length > 1 && f[1].equals("0");
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean required() {
        return Boolean.parseBoolean(System.getProperty(REQUIRE, "false"))
                || "true".equalsIgnoreCase(System.getenv("JNETLINK_REQUIRE_KERNEL_TESTS"));
    }

    private static void check() {
        if (isRoot()) {
            return;
        }
        String reason = "kernel test needs root (CAP_NET_ADMIN and CAP_SYS_ADMIN) to create network namespaces;"
                + " run the build as root";
        if (required()) {
            Assertions.fail(reason + " (jnetlink.requireKernelTests is set, so skipping is a failure)");
        }
        Assumptions.abort(reason);
    }
}
