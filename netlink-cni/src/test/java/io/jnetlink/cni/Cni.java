package io.jnetlink.cni;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnetlink.core.testing.Sh;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs CNI plugins as a runtime does, one process per call, always inside a sandbox "host"
 * namespace the test made ({@code nsenter --net=/run/netns/HOST plugin}), never in the namespace
 * the build runs in. Ours is installed in a temporary CNI_PATH directory: in the build (tests in
 * the integration-test phase, system property {@code jnetlink.cni.installed} naming target/) the
 * shipped launcher, jar and AOT cache; elsewhere (an IDE) a small launcher with this JVM's java and
 * class path, so the tests need no packaged jar. The reference plugins are
 * Debian's, in {@value #REFERENCE_DIR}. IPAM state (host-local's dataDir) lives in the same
 * temporary directory, deleted by {@link #close()}: register it as a JUnit extension
 * ({@code @RegisterExtension final Cni cni = new Cni();}) and that happens after each test.
 */
final class Cni implements AutoCloseable, org.junit.jupiter.api.extension.AfterEachCallback {
    static final String REFERENCE_DIR = "/usr/lib/cni";
    static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    final Path bin;
    final Path ipamData;
    /** The java the shipped launcher is told to use (JNETLINK_JAVA), or null for the class-path launcher. */
    private final String javaForLauncher;

    Cni() {
        try {
            dir = Files.createTempDirectory("jnl-t-cni-");
            bin = Files.createDirectories(dir.resolve("bin"));
            ipamData = Files.createDirectories(dir.resolve("ipam"));
            String java = ProcessHandle.current().info().command().orElse("java");
            Path launcher = bin.resolve("jnetlink-bridge");
            String installed = System.getProperty("jnetlink.cni.installed");
            if (installed != null && Files.isRegularFile(Path.of(installed, "jnetlink-bridge.jar"))) {
                // After package (the build runs these tests in integration-test): the plugin as a
                // user installs it, the launcher script, the jar and the AOT cache side by side.
                Path target = Path.of(installed);
                Files.copy(target.resolveSibling("jnetlink-bridge"), launcher);
                Files.copy(target.resolve("jnetlink-bridge.jar"), bin.resolve("jnetlink-bridge.jar"));
                if (Files.isRegularFile(target.resolve("jnetlink-bridge.aot"))) {
                    Files.copy(target.resolve("jnetlink-bridge.aot"), bin.resolve("jnetlink-bridge.aot"));
                }
                javaForLauncher = java;
                return;
            }
            javaForLauncher = null;
            Files.writeString(launcher, "#!/bin/sh\nexec '" + java + "' --enable-native-access=ALL-UNNAMED"
                    + " -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData"
                    // as the shipped launcher: JVM warnings to stderr, stdout is the CNI result
                    + " -Xlog:disable -Xlog:all=warning:stderr"
                    + " -Dslf4j.internal.verbosity=ERROR -cp '"
                    + System.getProperty("java.class.path") + "' io.jnetlink.cni.Main\n");
            Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a plugin printed and its exit status. */
    record Call(int exit, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("not JSON (exit " + exit + "): " + out + "\nstderr: " + err, e);
            }
        }

        /** Asserts success and returns the output as JSON (or null when there is none, as for DEL). */
        JsonNode ok() {
            assertEquals(0, exit, () -> "plugin failed: " + out + "\nstderr: " + err);
            return out.isBlank() ? null : json();
        }

        /** Asserts an error object with {@code code} and returns it. */
        JsonNode error(int code) {
            assertEquals(1, exit, () -> "expected error " + code + ", got exit " + exit + ": " + out + "\n" + err);
            JsonNode e = json();
            assertEquals(code, e.path("code").asInt(), () -> "error: " + out);
            return e;
        }
    }

    /** The CNI_* environment of an attachment call. */
    Map<String, String> env(String command, String containerId, String netns, String ifName) {
        Map<String, String> env = new HashMap<>();
        env.put("CNI_COMMAND", command);
        env.put("CNI_CONTAINERID", containerId);
        env.put("CNI_NETNS", netns);
        env.put("CNI_IFNAME", ifName);
        env.put("CNI_PATH", bin + ":" + REFERENCE_DIR);
        return env;
    }

    /** Runs our plugin in sandbox namespace {@code hostNs}. */
    Call ours(String hostNs, Map<String, String> env, String stdin) {
        return run(hostNs, bin.resolve("jnetlink-bridge").toString(), env, stdin);
    }

    Call ours(String hostNs, String command, String containerId, String containerNs, String conf) {
        return ours(hostNs, env(command, containerId, netnsPath(containerNs), "eth0"), conf);
    }

    /** Runs reference plugin {@code plugin} ("bridge", "portmap") in sandbox namespace {@code hostNs}. */
    Call reference(String hostNs, String plugin, Map<String, String> env, String stdin) {
        return run(hostNs, REFERENCE_DIR + "/" + plugin, env, stdin);
    }

    static String netnsPath(String ns) {
        return "/run/netns/" + ns;
    }

    private Call run(String hostNs, String plugin, Map<String, String> env, String stdin) {
        if (hostNs == null || !hostNs.startsWith("jnl-t-")) {
            throw new IllegalArgumentException("plugins run only inside a test's sandbox namespace, not " + hostNs);
        }
        ProcessBuilder pb = new ProcessBuilder("nsenter", "--net=" + netnsPath(hostNs), plugin);
        pb.environment().keySet().removeIf(k -> k.startsWith("CNI_"));
        pb.environment().putAll(env);
        if (javaForLauncher != null) {
            pb.environment().put("JNETLINK_JAVA", javaForLauncher);
        }
        try {
            Process p = pb.start();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            try (OutputStream o = p.getOutputStream()) {
                o.write(stdin.getBytes(StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // the plugin did not read its stdin (VERSION, early errors)
            }
            byte[] out = readAll(p.getInputStream());
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("plugin timed out: " + plugin);
            }
            return new Call(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                    new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The state of a namespace as iproute2 and nft show it: links, addresses, routes (both
     * families, all tables) and the nf_tables ruleset, as text for comparing before and after.
     */
    static String state(String ns) {
        List<String> parts = new ArrayList<>();
        parts.add(Sh.ip(ns, "-j", "-d", "link", "show"));
        parts.add(Sh.ip(ns, "-j", "-d", "addr", "show"));
        parts.add(Sh.ip(ns, "-j", "-d", "route", "show", "table", "all"));
        parts.add(Sh.ip(ns, "-j", "-d", "-6", "route", "show", "table", "all"));
        parts.add(Sh.inNs(ns, "nft", "-j", "list", "ruleset").ok().out());
        // Timers of the bridge and its ports run on their own, and a new IPv6 address stops being
        // tentative by itself a moment later; everything else must hold still.
        return String.join("\n", parts).replaceAll("\"[a-z_]*timer\":[0-9.]+", "\"timer\":0")
                .replace("\"tentative\":true,", "");
    }

    /** Waits until no IPv6 address in these namespaces is tentative any more (at most 5 s). */
    static void settle(String... ns) {
        // IPv6 duplicate address detection runs for about a second after an address is added.
        for (int i = 0; i < 50; i++) {
            boolean tentative = false;
            for (String n : ns) {
                tentative |= !Sh.ip(n, "-6", "addr", "show", "tentative").isBlank();
            }
            if (!tentative) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void afterEach(org.junit.jupiter.api.extension.ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
