package io.jnetlink.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the kernel says about this JVM, read from /proc: the network namespace of the process and
 * of each of its threads, and the number of open descriptors. An oracle independent of the
 * library's own bookkeeping.
 */
public final class ProcSelf {
    private ProcSelf() {}

    /** {@code readlink /proc/self/ns/net}, such as {@code net:[4026531840]}. */
    public static String netns() {
        return readlink(Path.of("/proc/self/ns/net"));
    }

    /** {@code readlink /proc/thread-self/ns/net}: the namespace of the calling (carrier) thread. */
    public static String threadNetns() {
        return readlink(Path.of("/proc/thread-self/ns/net"));
    }

    /** Thread id and name ({@code comm}) to namespace, for every thread of the process now. */
    public static Map<String, String> allThreadsNetns(boolean withNames) {
        Map<String, String> out = new TreeMap<>();
        for (Path task : list(Path.of("/proc/self/task"))) {
            try {
                String ns = readlink(task.resolve("ns/net"));
                String key = task.getFileName().toString();
                if (withNames) {
                    key += " " + Files.readString(task.resolve("comm")).strip();
                }
                out.put(key, ns);
            } catch (UncheckedIOException | IOException e) {
                // the thread ended between listing and reading: it is in no namespace any more
            }
        }
        return out;
    }

    /** The number of open descriptors ({@code ls /proc/self/fd | wc -l}, minus the listing's own). */
    public static int openFds() {
        // Files.list opens the directory itself; it is closed by the try-with-resources in list().
        return list(Path.of("/proc/self/fd")).size() - 1;
    }

    /** {@code readlink} of a namespace file of the namespace at a path such as /run/netns/NAME. */
    public static String netnsOf(Path nsFile) {
        try {
            return "net:[" + Files.getAttribute(nsFile, "unix:ino") + "]";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readlink(Path p) {
        try {
            return Files.readSymbolicLink(p).toString();
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
