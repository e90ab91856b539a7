package io.jnetlink.cni;

import io.jnetlink.core.NetlinkException;
import io.jnetlink.core.NoSuchNamespaceException;
import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.rtnl.Netns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Opens the container's network namespace named by CNI_NETNS. Runtimes pass a bind mount under
 * {@code /run/netns} (containerd, CRI-O, Podman: {@code /var/run/netns/cni-...}, and /var/run is
 * /run), which opens by name; any other path ({@code /proc/PID/ns/net}) is matched to the entry of
 * {@code /run/netns} that is the same namespace (same nsfs device and inode). The library opens
 * namespaces by name only, so a namespace not mounted under /run/netns is refused with a clear error.
 */
final class Sandbox {
    private Sandbox() {}

    /** Whether the path names something (DEL of a vanished namespace still succeeds). */
    static boolean exists(String path) {
        return Files.exists(Path.of(path));
    }

    static Netns open(String path) {
        Path p = Path.of(path).toAbsolutePath().normalize();
        String s = p.toString();
        if (s.startsWith("/var/run/netns/")) {
            p = Path.of("/run/netns").resolve(p.getFileName());
        }
        try {
            if (p.getParent() != null && p.getParent().equals(NetworkNamespace.RUN_NETNS)) {
                return Netns.open(p.getFileName().toString());
            }
            Object id = identity(p);
            for (String name : NetworkNamespace.list()) {
                if (id.equals(identity(NetworkNamespace.RUN_NETNS.resolve(name)))) {
                    return Netns.open(name);
                }
            }
        } catch (NoSuchNamespaceException | NoSuchFileException e) {
            throw new CniException(CniException.INVALID_NETNS, "failed to open netns \"" + path + "\"", e.getMessage());
        } catch (IOException | NetlinkException e) {
            throw new CniException(CniException.INVALID_NETNS, "failed to open netns \"" + path + "\"", e.toString());
        }
        throw new CniException(CniException.INVALID_NETNS, "failed to open netns \"" + path + "\"",
                "not a network namespace mounted under /run/netns (jnetlink-bridge opens namespaces there)");
    }

    private static Object identity(Path p) throws IOException {
        Map<String, Object> a = Files.readAttributes(p, "unix:dev,ino");
        return a.get("dev") + ":" + a.get("ino");
    }
}
