package io.jnetlink.nft;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The program that holds the netlink socket owning a table ({@code flags owner}), found the way
 * nft finds it to print {@code # progname NAME}: the socket's inode from the namespace's
 * {@code /proc/.../net/netlink}, then the process with a descriptor on that inode (the one whose
 * pid is the port id first), then that process's name from {@code /proc/PID/stat}.
 */
final class OwnerNames {
    private OwnerNames() {}

    /** NETLINK_NETFILTER in /proc/net/netlink's protocol column. */
    private static final int NETLINK_NETFILTER = 12;

    /**
     * The program names of the sockets with these port ids, read from a thread in the sockets'
     * namespace ({@code netlinkTable} is its {@code /proc/thread-self/net/netlink}). A port id
     * whose program is not found maps to null.
     */
    static Map<Integer, String> resolve(Collection<Integer> portIds, Path netlinkTable) {
        Map<Integer, String> out = new HashMap<>();
        if (portIds.isEmpty()) {
            return out;
        }
        Map<Integer, Long> inodes = new HashMap<>();
        try {
            for (String line : Files.readAllLines(netlinkTable)) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 10 || !f[1].matches("\\d+")) {
                    continue; // the header
                }
                int port = Integer.parseUnsignedInt(f[2]);
                if (Integer.parseInt(f[1]) == NETLINK_NETFILTER && portIds.contains(port)) {
                    inodes.put(port, Long.parseLong(f[9]));
                }
            }
        } catch (IOException | RuntimeException e) {
            return out; // no /proc: nft prints no name either
        }
        for (int port : portIds) {
            Long inode = inodes.get(port);
            out.put(port, inode == null ? null : byInode(port, inode));
        }
        return out;
    }

    private static String byInode(int port, long inode) {
        String name = holding(Integer.toUnsignedString(port), inode);
        if (name != null) {
            return name;
        }
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString()
                .matches("\\d+"))) {
            for (Path p : procs) {
                String pid = p.getFileName().toString();
                if (!pid.equals("1") && !pid.equals(Integer.toUnsignedString(port))) {
                    name = holding(pid, inode);
                    if (name != null) {
                        return name;
                    }
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** The name of process {@code pid} if one of its descriptors is socket {@code inode}, else null. */
    private static String holding(String pid, long inode) {
        String target = "socket:[" + inode + "]";
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", pid, "fd"))) {
            for (Path fd : fds) {
                try {
                    if (Files.readSymbolicLink(fd).toString().equals(target)) {
                        return comm(pid);
                    }
                } catch (IOException | UnsupportedOperationException e) {
                    // closed meanwhile, or not a link
                }
            }
        } catch (IOException | SecurityException e) {
            return null;
        }
        return null;
    }

    /** The name in /proc/PID/stat: between the first '(' and the last ')'. */
    private static String comm(String pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", pid, "stat"));
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        return open >= 0 && close > open ? stat.substring(open + 1, close) : null;
    }

    /** The owner port ids of the owned tables among {@code tables}. */
    static List<Integer> owners(List<TableInfo> tables) {
        return tables.stream().filter(TableInfo::isOwned).map(TableInfo::ownerPortId).distinct().toList();
    }
}
