package io.jnetlink.core.netns;

import io.jnetlink.core.Errno;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Network sysctls ({@code net.*}) read and written through {@code /proc/sys}. The procfs view
 * belongs to the network namespace of the thread that opens the file, so {@link #read} and
 * {@link #write} must run on a thread inside the namespace ({@link NetworkNamespace#sysctl}
 * arranges that); the key is checked before, on the caller's thread.
 */
final class Sysctls {
    private static final Path PROC_SYS = Path.of("/proc/sys");

    private Sysctls() {}

    /**
     * The procfs file of a key such as {@code net.ipv4.ip_forward} (or {@code net/ipv4/ip_forward},
     * for keys with a part holding a dot, such as an interface name).
     *
     * @throws IllegalArgumentException for an empty key, a relative part, or a key outside net.*
     */
    static Path path(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("sysctl key is empty");
        }
        String[] parts = key.indexOf('/') >= 0 ? key.split("/") : key.split("\\.");
        if (!parts[0].equals("net")) {
            // Only net.* sysctls belong to a network namespace; others would change the whole machine.
            throw new IllegalArgumentException("sysctl " + key + " is not per network namespace (only net.* are)");
        }
        Path p = PROC_SYS;
        for (String part : parts) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("sysctl key " + key + " has an empty or relative part");
            }
            p = p.resolve(part);
        }
        return p;
    }

    /** Reads the value of {@code key} (file {@code p}) in the calling thread's namespace. */
    static String read(String key, Path p, String where) throws IOException {
        requireValue(key, p, where);
        // Not Files.readString: procfs reports size 0 and the JDK's sized read of it can stop
        // after the first byte ("4" for a TTL of 41). A plain stream reads to EOF.
        try (InputStream in = Files.newInputStream(p)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            throw noSuchKey(key, where);
        }
    }

    /** Writes {@code value} to {@code key} (file {@code p}) in the calling thread's namespace. */
    static void write(String key, Path p, String value, String where) {
        if (value == null || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("sysctl value must be one line, got " + value);
        }
        requireValue(key, p, where);
        try {
            Files.writeString(p, value);
        } catch (NoSuchFileException e) {
            throw noSuchKey(key, where);
        } catch (AccessDeniedException e) {
            throw NamespaceThreads.setnsFailure("write sysctl " + key + " in " + where, Errno.EACCES.value());
        } catch (IOException e) {
            throw new IllegalArgumentException("sysctl " + key + " = " + value + " refused in " + where
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * A key that names a directory ({@code net.ipv4}) has no value: the same error as a key that
     * does not exist, instead of the file system's "Is a directory" from the open.
     */
    private static void requireValue(String key, Path p, String where) {
        if (Files.isDirectory(p)) {
            throw new IllegalArgumentException("no sysctl " + key + " in " + where
                    + ": it is a directory of sysctls, not one");
        }
    }

    private static IllegalArgumentException noSuchKey(String key, String where) {
        return new IllegalArgumentException("no sysctl " + key + " in " + where);
    }
}
