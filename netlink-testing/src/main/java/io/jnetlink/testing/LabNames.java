package io.jnetlink.testing;

import io.jnetlink.core.netns.NetworkNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names of a lab's namespaces, and the reaper of dead JVMs' leftovers.
 *
 * <p>A lab's namespaces are named {@code PREFIX + PID + "x" + START + "-" + LAB} (the fabric that
 * holds its switches) and that plus {@code "-" + NODE} (each node), where PID is the JVM's
 * process id, START its start time in clock ticks since boot (base 36, from
 * {@code /proc/PID/stat}) and LAB a counter of the JVM's labs. The start time makes a name
 * unmistakable even after the pid is reused, so the reaper never takes a live JVM's lab for a
 * dead one's.
 */
final class LabNames {
    private static final Logger LOG = LoggerFactory.getLogger(LabNames.class);
    private static final AtomicInteger LABS = new AtomicInteger();
    /** Node and switch names: short, and safe inside namespace and link names. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,23}");
    /** A lab prefix: letters, digits, '-' and '_' (it starts every namespace name of the lab). */
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,31}");

    static final long PID = ProcessHandle.current().pid();
    static final String START = Long.toString(startTicks(PID), 36);

    private LabNames() {}

    /** The base of a new lab's names: {@code PREFIX PID x START - N}. */
    static String newLab(String prefix) {
        checkPrefix(prefix);
        return prefix + PID + "x" + START + "-" + LABS.incrementAndGet();
    }

    static void checkPrefix(String prefix) {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("lab prefix \"" + prefix + "\" must be 1-32 characters: a letter, "
                    + "then letters, digits, '-' or '_'");
        }
    }

    /** Checks a node or switch name. */
    static String checkName(String what, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " name \"" + name + "\" must be 1-24 characters: a letter or "
                    + "digit, then letters, digits, '-' or '_'");
        }
        return name;
    }

    /**
     * Deletes every namespace under {@code /run/netns} whose name says a lab of {@code prefix}
     * made it in a JVM that is no longer running. Returns the names deleted.
     */
    static List<String> reap(String prefix) {
        checkPrefix(prefix);
        Pattern ours = Pattern.compile(Pattern.quote(prefix) + "(\\d+)x([0-9a-z]+)-\\d+(-.*)?");
        List<String> reaped = new ArrayList<>();
        for (String name : NetworkNamespace.list()) {
            Matcher m = ours.matcher(name);
            if (!m.matches()) {
                continue;
            }
            long pid;
            try {
                pid = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                continue;
            }
            if (isAlive(pid, m.group(2))) {
                continue;
            }
            try {
                NetworkNamespace.delete(name);
                reaped.add(name);
            } catch (RuntimeException e) {
                // Another JVM's reaper may have taken it meanwhile; anything else is worth a line.
                if (NetworkNamespace.list().contains(name)) {
                    LOG.warn("cannot remove {} left by dead JVM {}: {}", name, pid, e.getMessage());
                }
            }
        }
        if (!reaped.isEmpty()) {
            LOG.info("removed {} namespaces left by dead JVMs: {}", reaped.size(), reaped);
        }
        return reaped;
    }

    /** Whether process {@code pid} runs and started at {@code start} (base 36 ticks). */
    static boolean isAlive(long pid, String start) {
        if (pid == PID) {
            return start.equals(START);
        }
        long ticks = startTicks(pid);
        return ticks >= 0 && Long.toString(ticks, 36).equals(start);
    }

    /** Field 22 of {@code /proc/PID/stat} (start time in clock ticks after boot), or -1 if no such process. */
    static long startTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // The command name (field 2) is in parentheses and may hold spaces: count after the last ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[19]);
        } catch (NoSuchFileException e) {
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
