package io.jnetlink.core.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A child JVM of the tests that runs without privileges: a copy of the main and test classes and
 * slf4j-api that the user nobody can read, and the java command line over it. Close it to delete
 * the copy.
 */
final class ChildJvm implements AutoCloseable {
    /** The java running these tests. */
    static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    private final Path dir;

    ChildJvm() {
        try {
            dir = Files.createTempDirectory("jnl-unpriv", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwxr-xr-x")));
            copyTree(location(NetworkNamespace.class), dir.resolve("classes"));
            copyTree(location(UnprivilegedMain.class), dir.resolve("test-classes"));
            Files.copy(location(org.slf4j.Logger.class), dir.resolve("slf4j-api.jar"));
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.toList()) {
                    Files.setPosixFilePermissions(p,
                            PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The command that runs {@code mainClass} with {@code args} in a child JVM through
     * {@code wrapper} (setpriv ..., or nothing).
     */
    List<String> command(List<String> wrapper, Class<?> mainClass, String... args) {
        List<String> cmd = new ArrayList<>(wrapper);
        cmd.addAll(List.of(JAVA, "--enable-native-access=ALL-UNNAMED", "-cp",
                dir.resolve("classes") + ":" + dir.resolve("test-classes") + ":" + dir.resolve("slf4j-api.jar"),
                "-Dslf4j.internal.verbosity=ERROR", mainClass.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * How the tests become an unprivileged user who opts in to rootless mode: the user nobody
     * without capabilities. Rootless (the user namespace maps root only, so there is no nobody to
     * become), root keeping CAP_SETFCAP alone, as root in a container does (Docker grants it by
     * default): since Linux 5.12 a process may map uid 0 of its namespace into a new user namespace
     * only if it held CAP_SETFCAP when it made it, so without it no user namespace can be made at
     * all (and the launcher says so). CAP_SETFCAP gives no power over any network namespace.
     */
    static List<String> unprivileged() {
        return Rootless.active() ? List.of("setpriv", "--inh-caps=-all", "--bounding-set=-all,+setfcap")
                : List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all",
                        "--bounding-set=-all");
    }

    @Override
    public void close() {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
