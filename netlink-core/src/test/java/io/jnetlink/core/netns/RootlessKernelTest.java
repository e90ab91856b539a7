package io.jnetlink.core.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Rootless mode end to end: an unprivileged child JVM opts in with {@link Rootless#ensure()},
 * builds two namespaces joined by a veth pair and pings across, and every attempt it makes on the
 * JVM's own (the host's) namespace is refused; the host's links, addresses, routes, nf_tables
 * ruleset and sysctl stay exactly as they were, and its namespaces never show in the host's
 * {@code /run/netns}. As root the child runs as the user nobody; in a rootless build (already in
 * a user namespace, mapping root only) as root with no capability but CAP_SETFCAP (see
 * {@link ChildJvm#unprivileged()}), one user namespace deeper.
 */
@KernelTest
class RootlessKernelTest {
    @Test
    void aRootlessRunNeverChangesTheHostNamespace() throws Exception {
        String tag = TestNamespaces.PREFIX + "rl-" + ProcessHandle.current().pid();
        String before = hostState();
        List<String> out = new ArrayList<>();
        try (ChildJvm child = new ChildJvm()) {
            Process p = new ProcessBuilder(child.command(ChildJvm.unprivileged(), RootlessProbeMain.class, tag))
                    .redirectErrorStream(true).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                 OutputStream go = p.getOutputStream()) {
                String line;
                while ((line = r.readLine()) != null) {
                    out.add(line);
                    if (line.startsWith("NAMES ")) {
                        continue;
                    }
                    if (line.startsWith("OK link moved out") || line.startsWith("BAD link moved out")) {
                        // The child waits now, its namespaces alive: the host must not see them.
                        for (String name : names(out)) {
                            assertFalse(Files.exists(Path.of("/run/netns", name)), name + " in the host's /run/netns");
                            assertFalse(Sh.run("ip", "netns", "list").contains(name), name + " in ip netns list");
                        }
                        assertEquals(before, hostState(), "the host while the rootless JVM runs");
                        go.write('\n');
                        go.flush();
                    }
                }
            }
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join("\n", out));
            String all = String.join("\n", out);
            assertEquals(0, p.exitValue(), all);
            assertTrue(out.stream().noneMatch(l -> l.startsWith("BAD")), all);
            assertEquals(2, names(out).size(), all);
            for (String step : List.of("OK rootless", "OK veth pair", "OK sysctl inside", "OK ping across",
                    "OK host sysctl refused", "OK host link refused", "OK host address refused",
                    "OK host route refused", "OK host nf_tables refused", "OK link moved out to the host refused",
                    "OK done")) {
                assertTrue(out.stream().anyMatch(l -> l.startsWith(step)), step + " in\n" + all);
            }
        }
        assertEquals(before, hostState(), "the host after the rootless JVM ended");
        for (String name : NetworkNamespace.list()) {
            assertFalse(name.startsWith(tag), name + " left in the host's /run/netns");
        }
    }

    @Test
    void whereUserNamespacesAreDisabledTheErrorNamesTheSysctl() {
        // A user namespace of the test's own in which no further one may be made (the limit is per
        // user namespace, so the host's stays as it is), and an unprivileged JVM in it opting in.
        List<String> disabled = List.of("unshare", "--user", "--map-root-user", "sh", "-c",
                "echo 0 > /proc/sys/user/max_user_namespaces && exec setpriv --inh-caps=-all --bounding-set=-all \"$@\"",
                "sh");
        try (ChildJvm child = new ChildJvm()) {
            Sh.Result r = Sh.exec(child.command(disabled, RootlessProbeMain.class, "unused").toArray(String[]::new));
            String all = r.out() + r.err();
            assertTrue(r.exit() != 0, all);
            assertTrue(all.contains("UnsupportedOperationException"), all);
            assertTrue(all.contains("sysctl user.max_user_namespaces = 0"), all);
            assertFalse(all.contains("NAMES "), all);
        }
    }

    @Test
    void rootWithoutSetfcapIsToldWhatItLacks() {
        // uid 0 (of the host, or of a rootless build's namespace) with no capability at all: the
        // kernel refuses it a user namespace mapping uid 0, whatever the sysctls say.
        List<String> rootWithout = List.of("setpriv", "--inh-caps=-all", "--bounding-set=-all");
        try (ChildJvm child = new ChildJvm()) {
            Sh.Result r = Sh.exec(child.command(rootWithout, RootlessProbeMain.class, "unused").toArray(String[]::new));
            String all = r.out() + r.err();
            assertTrue(r.exit() != 0, all);
            assertTrue(all.contains("UnsupportedOperationException"), all);
            assertTrue(all.contains("uid 0 without CAP_SETFCAP"), all);
            assertFalse(all.contains("NAMES "), all);
        }
    }

    private static List<String> names(List<String> out) {
        return out.stream().filter(l -> l.startsWith("NAMES ")).flatMap(l -> List.of(l.substring(6).split(" ")).stream())
                .toList();
    }

    /**
     * The JVM's own namespace as iproute2 and nft see it (counters and lifetimes left out: they
     * move by themselves).
     */
    private static String hostState() throws IOException {
        return String.join("\n",
                Sh.run("ip", "-o", "link", "show").replaceAll("link/\\S+ \\S+ brd \\S+", ""),
                Sh.run("ip", "-o", "addr", "show").replaceAll("valid_lft \\S+ preferred_lft \\S+", ""),
                Sh.run("ip", "route", "show", "table", "all"),
                Sh.run("ip", "-6", "route", "show", "table", "all").replaceAll("expires \\S+", ""),
                // Rootless, reading the host's ruleset is refused too (nft needs CAP_NET_ADMIN there).
                Rootless.active() ? "" : Sh.run("nft", "list", "ruleset")
                        .replaceAll("counter packets \\d+ bytes \\d+", "counter"),
                Files.readString(Path.of("/proc/sys/net/ipv4/ip_forward")));
    }
}
