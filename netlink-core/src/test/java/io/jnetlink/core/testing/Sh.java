package io.jnetlink.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the independent oracles (iproute2, nft) for kernel tests. Commands always target a
 * namespace the test made ({@code ip -n NAME ...}, {@code ip netns exec NAME ...}); never the
 * JVM's own.
 */
public final class Sh {
    private Sh() {}

    /** The result of a command. */
    public record Result(int exit, String out, String err) {
        public Result ok() {
            if (exit != 0) {
                throw new AssertionError("command failed with exit " + exit + ": " + err.strip() + " " + out.strip());
            }
            return this;
        }
    }

    /** Runs a command and returns its exit code and output; does not throw on failure. */
    public static Result exec(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
            p.getOutputStream().close();
            byte[] out;
            byte[] err;
            try (var o = p.getInputStream(); var e = p.getErrorStream()) {
                out = o.readAllBytes();
                err = e.readAllBytes();
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("command timed out: " + String.join(" ", cmd));
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                    new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + Arrays.toString(cmd), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs a command that must succeed and returns its standard output. */
    public static String run(String... cmd) {
        return exec(cmd).ok().out();
    }

    /** {@code ip -n NS args...}: an iproute2 command inside namespace {@code ns}; must succeed. */
    public static String ip(String ns, String... args) {
        List<String> c = new ArrayList<>(List.of("ip", "-n", ns));
        c.addAll(List.of(args));
        return run(c.toArray(String[]::new));
    }

    /** {@code ip -j -n NS args...} parsed: a JSON array of objects. */
    @SuppressWarnings("unchecked")
    public static List<Object> ipJson(String ns, String... args) {
        List<String> c = new ArrayList<>(List.of("ip", "-j", "-n", ns));
        c.addAll(List.of(args));
        String out = run(c.toArray(String[]::new)).strip();
        if (out.isEmpty()) {
            return List.of();
        }
        return (List<Object>) Json.parse(out);
    }

    /** {@code ip netns exec NS cmd...}: a program inside namespace {@code ns}. */
    public static Result inNs(String ns, String... cmd) {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        c.addAll(List.of(cmd));
        return exec(c.toArray(String[]::new));
    }
}
