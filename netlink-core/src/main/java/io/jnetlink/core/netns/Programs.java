package io.jnetlink.core.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starting programs inside a namespace: a {@link ProcessBuilder} rewritten to run through
 * util-linux {@code nsenter --net=/proc/PID/fd/N}, and the checks that make a failure look as it
 * would without nsenter (a program that does not exist fails here, not as nsenter's exit status).
 * Why nsenter and not a thread inside the namespace: see {@link NetworkNamespace#start}.
 */
final class Programs {
    private Programs() {}

    /**
     * Checks that {@code builder} can be started: a command is given, nsenter exists, and the
     * program resolves as execvp would resolve it.
     *
     * @throws IllegalArgumentException if the command is empty
     * @throws IllegalStateException    if nsenter is not installed
     * @throws UncheckedIOException     if the program is not found or not executable
     */
    static void check(ProcessBuilder builder, String where) {
        List<String> command = builder.command();
        if (command.isEmpty()) {
            throw new IllegalArgumentException("cannot start a program in " + where + ": the command is empty");
        }
        if (Nsenter.PATH == null) {
            throw new IllegalStateException("cannot start a program in " + where + ": nsenter (util-linux) is not installed");
        }
        String program = command.get(0);
        if (resolve(program, builder) == null) {
            throw new UncheckedIOException(new IOException("Cannot run program \"" + program + "\" in " + where
                    + ": not found or not executable"));
        }
    }

    /**
     * A builder that starts {@code builder}'s command inside the namespace of this process's
     * descriptor {@code fd}, with the same directory, environment and redirects. The descriptor
     * must stay open until nsenter has opened it.
     */
    static ProcessBuilder throughNsenter(ProcessBuilder builder, int fd) {
        List<String> wrapped = new ArrayList<>(List.of(Nsenter.PATH,
                "--net=/proc/" + ProcessHandle.current().pid() + "/fd/" + fd, "--"));
        wrapped.addAll(builder.command());
        ProcessBuilder pb = new ProcessBuilder(wrapped)
                .directory(builder.directory())
                .redirectInput(builder.redirectInput())
                .redirectOutput(builder.redirectOutput())
                .redirectError(builder.redirectError())
                .redirectErrorStream(builder.redirectErrorStream());
        pb.environment().clear();
        pb.environment().putAll(builder.environment());
        return pb;
    }

    /** Where a program name resolves, as execvp would with the builder's PATH; null if nowhere. */
    private static Path resolve(String program, ProcessBuilder builder) {
        if (program.indexOf('/') >= 0) {
            Path p = builder.directory() == null || program.startsWith("/")
                    ? Path.of(program) : builder.directory().toPath().resolve(program);
            return Files.isExecutable(p) ? p : null;
        }
        String path = builder.environment().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** The nsenter binary, looked up once. */
    private static final class Nsenter {
        static final String PATH = find();

        private static String find() {
            for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin")) {
                Path p = Path.of(dir, "nsenter");
                if (Files.isExecutable(p)) {
                    return p.toString();
                }
            }
            return null;
        }
    }
}
