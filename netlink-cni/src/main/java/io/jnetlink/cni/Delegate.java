package io.jnetlink.cni;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs a delegated plugin (the IPAM plugin) as libcni's {@code invoke} package does: found by name
 * in CNI_PATH, started with this process's environment with CNI_COMMAND set to the delegated
 * command, given the same configuration on stdin; its stdout is its result or its error object.
 */
final class Delegate {
    private final String plugin;
    private final Path executable;

    private Delegate(String plugin, Path executable) {
        this.plugin = plugin;
        this.executable = executable;
    }

    /**
     * Finds {@code plugin} in {@code path}.
     *
     * @throws CniException with libcni's message if no directory holds an executable of that name
     */
    static Delegate find(String plugin, List<String> path) {
        for (String dir : path) {
            Path p = Path.of(dir).resolve(plugin);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return new Delegate(plugin, p);
            }
        }
        throw new CniException(CniException.INTERNAL,
                "failed to find plugin \"" + plugin + "\" in path [" + String.join(" ", path) + "]");
    }

    /** The plugin's file. */
    Path executable() {
        return executable;
    }

    /** Runs {@code command} (ADD, DEL, CHECK, STATUS, GC, VERSION) and returns its stdout. */
    byte[] run(String command, byte[] stdin) {
        ProcessBuilder pb = new ProcessBuilder(executable.toString());
        Map<String, String> env = pb.environment();
        env.put("CNI_COMMAND", command);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new CniException(CniException.INTERNAL, "cannot start plugin " + executable, e.getMessage(), e);
        }
        // Write stdin on its own thread: a plugin that answers before reading all of it must not block
        // us. A plain platform thread: a virtual one would start the JVM's carrier pool for one write.
        Thread writer = Thread.ofPlatform().daemon().name("stdin of " + plugin).start(() -> {
            try (OutputStream o = p.getOutputStream()) {
                o.write(stdin);
            } catch (IOException ignored) {
                // the plugin closed stdin early; its exit status and output say what happened
            }
        });
        byte[] out;
        try (InputStream i = p.getInputStream()) {
            out = i.readAllBytes();
            int status = p.waitFor();
            writer.join();
            if (status != 0) {
                throw failure(out, status);
            }
            return out;
        } catch (IOException e) {
            throw new CniException(CniException.IO_FAILURE, "reading the output of plugin " + plugin + " failed",
                    e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new CniException(CniException.INTERNAL, "interrupted while plugin " + plugin + " ran");
        }
    }

    /** Runs {@code command} and reads its stdout as a result. */
    Result runForResult(String command, byte[] stdin) {
        byte[] out = run(command, stdin);
        return Result.read(Json.parseObject(out, "the result of IPAM plugin " + plugin), "IPAM result");
    }

    /** The versions the plugin reports for VERSION, or an empty list if it cannot say. */
    List<String> supportedVersions() {
        try {
            Map<String, Object> n = Json.parseObject(run("VERSION",
                    "{\"cniVersion\":\"0.3.0\"}".getBytes(StandardCharsets.UTF_8)), "VERSION output");
            if (!(n.get("supportedVersions") instanceof List<?> a)) {
                return List.of();
            }
            List<String> out = new java.util.ArrayList<>();
            a.forEach(v -> out.add(String.valueOf(v)));
            return out;
        } catch (CniException e) {
            return List.of();
        }
    }

    /** The delegated plugin's error object, as libcni's invoke reads it. */
    private CniException failure(byte[] stdout, int status) {
        String text = new String(stdout, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return new CniException(CniException.INTERNAL,
                    "netplugin failed with no error message: exit status " + status);
        }
        try {
            Map<String, Object> e = Json.parseObject(stdout, "the error of plugin " + plugin);
            int code = e.get("code") instanceof Integer c ? c : CniException.INTERNAL;
            return new CniException(code, e.get("msg") instanceof String m ? m : "",
                    e.get("details") instanceof String d ? d : "");
        } catch (CniException ex) {
            return new CniException(CniException.INTERNAL,
                    "netplugin failed but error parsing its diagnostic message \"" + text + "\": " + ex.getMessage());
        }
    }
}
