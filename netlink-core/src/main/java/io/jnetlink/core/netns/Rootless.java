package io.jnetlink.core.netns;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Rootless mode: building networks of namespaces as an ordinary user, where the kernel allows
 * unprivileged user namespaces.
 *
 * <p>A JVM cannot move itself into a new user namespace (the kernel refuses
 * {@code unshare(CLONE_NEWUSER)} to a process with more than one thread), so rootless mode starts
 * the JVM anew inside one: a user namespace in which the user is root, and a mount namespace of
 * its own with a private, empty {@code /run/netns}. There the library's code paths are the same as
 * under root. The JVM's own network namespace ({@link NetworkNamespace#self()}) stays the host's,
 * in which it holds no capability: it creates, configures and deletes namespaces of its own, and
 * cannot change the host's links, addresses, routes, sysctls or firewall. Its namespaces are not
 * visible to the host's {@code ip netns} and vanish with the JVM.
 *
 * <p>Opt in with one call, first thing in {@code main}:
 * <pre>{@code
 * public static void main(String[] args) {
 *     Rootless.ensure();   // returns at once under root; otherwise re-runs this JVM rootless
 *     ...
 * }
 * }</pre>
 * The launcher is a small shell script in this module ({@code rootless.sh} next to this class;
 * it needs {@code unshare} and {@code mount} from util-linux), also usable on its own:
 * {@code sh rootless.sh java -jar app.jar}.
 */
public final class Rootless {
    /** Set (to "1") in the environment of a JVM the launcher started rootless. */
    public static final String ENV = "JNETLINK_ROOTLESS";

    private Rootless() {}

    /**
     * {@return whether this JVM runs rootless: started by the launcher inside a user namespace of its own}
     */
    public static boolean active() {
        return "1".equals(System.getenv(ENV)) && inChildUserNamespace();
    }

    /**
     * {@return whether this process may create and enter network namespaces as it is: it holds
     * CAP_NET_ADMIN and CAP_SYS_ADMIN (root, or rootless already)}
     */
    public static boolean privileged() {
        long eff = effectiveCapabilities();
        return (eff & (1L << 12)) != 0 && (eff & (1L << 21)) != 0; // linux/capability.h
    }

    /**
     * Makes sure this JVM can build namespaces. Returns at once when it {@linkplain #privileged()
     * may already} (as root, or rootless). Otherwise starts this same JVM command line again
     * (same executable, options, class path, main class and arguments, environment and working
     * directory) inside a new user + mount namespace, waits for it, and exits this JVM with its
     * exit status: the code after this call then runs only in the rootless JVM. Call it first in
     * {@code main}, before the program has done anything it would do twice.
     *
     * @throws UnsupportedOperationException when the kernel does not allow it here, naming the
     *     setting that forbids it (sysctl {@code user.max_user_namespaces},
     *     {@code kernel.unprivileged_userns_clone}, or AppArmor's
     *     {@code kernel.apparmor_restrict_unprivileged_userns}) or the missing program
     */
    public static void ensure() {
        if (privileged()) {
            return;
        }
        List<String> jvm = commandLine();
        Path script = extractLauncher();
        try {
            check(script);
            List<String> command = new ArrayList<>(List.of("sh", script.toString()));
            command.addAll(jvm);
            Process p = new ProcessBuilder(command).inheritIO().start();
            int status = waitUninterruptibly(p);
            Files.deleteIfExists(script);
            System.exit(status);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start this JVM rootless", e);
        } finally {
            try {
                Files.deleteIfExists(script);
            } catch (IOException ignored) {
                // a temporary file; the exception in flight (if any) is what matters
            }
        }
    }

    /** Runs the launcher's check; throws with its explanation if rootless mode is impossible here. */
    private static void check(Path script) throws IOException {
        Process p = new ProcessBuilder("sh", script.toString(), "--check").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        int status = waitUninterruptibly(p);
        if (status != 0) {
            throw new UnsupportedOperationException(out.isEmpty()
                    ? "cannot run rootless here: the launcher exited with status " + status : out);
        }
    }

    private static int waitUninterruptibly(Process p) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return p.waitFor();
                } catch (InterruptedException e) {
                    interrupted = true; // the child gets the terminal's signals itself
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** This JVM's executable and arguments, from procfs (so nothing the launcher read is lost). */
    private static List<String> commandLine() {
        String exe = ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("cannot tell this JVM's executable"));
        byte[] raw;
        try {
            raw = Files.readAllBytes(Path.of("/proc/self/cmdline"));
        } catch (IOException e) {
            throw new UncheckedIOException("read /proc/self/cmdline", e);
        }
        List<String> args = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == 0) {
                args.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (args.isEmpty()) {
            throw new IllegalStateException("cannot read this JVM's command line");
        }
        args.set(0, exe);
        return args;
    }

    /** The launcher script, copied out of this module to a private temporary file. */
    private static Path extractLauncher() {
        try (InputStream in = Rootless.class.getResourceAsStream("rootless.sh")) {
            if (in == null) {
                throw new IllegalStateException("rootless.sh is missing from the jnetlink core module");
            }
            Path script = Files.createTempFile("jnetlink-rootless", ".sh",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(script, in.readAllBytes());
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the rootless launcher to a temporary file", e);
        }
    }


    /** Whether this process's user namespace is not the initial one (its uid map is not the identity). */
    private static boolean inChildUserNamespace() {
        try {
            String map = Files.readString(Path.of("/proc/self/uid_map")).strip();
            return !map.matches("0\\s+0\\s+4294967295");
        } catch (IOException e) {
            return false;
        }
    }

    /** The effective capability set, from {@code /proc/self/status}. */
    private static long effectiveCapabilities() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    return Long.parseUnsignedLong(line.substring("CapEff:".length()).trim(), 16);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // unknown: treated as no capability, and the launcher decides for itself
        }
        return 0;
    }
}
