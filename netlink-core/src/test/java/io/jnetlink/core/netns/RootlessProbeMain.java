package io.jnetlink.core.netns;

import io.jnetlink.core.PermissionException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.concurrent.TimeUnit;

/**
 * Run by {@link RootlessKernelTest} in a child JVM without privileges. Opts in to rootless mode
 * with the one call, builds in namespaces of its own, and tries to change the JVM's own (the
 * host's) network namespace every way it can, each of which must be refused. Prints one line per
 * step: "OK ..." or "BAD ...", and "NAMES a b" with the namespaces it made; then waits for a line
 * on standard input (the test looks at the host meanwhile) and deletes them.
 */
public final class RootlessProbeMain {
    private RootlessProbeMain() {}

    public static void main(String[] args) throws Exception {
        Rootless.ensure(); // as an unprivileged user: the rest runs in a rootless JVM
        if (!Rootless.active()) {
            // Not rootless means privileged on the host: changing "self" would change the host. Stop.
            System.out.println("BAD not rootless; nothing tried");
            return;
        }
        System.out.println("OK rootless: uid 0 in a user namespace of its own, privileged there: " + Rootless.privileged());
        String tag = args[0];
        try (NetworkNamespace a = NetworkNamespace.create(tag + "-a");
             NetworkNamespace b = NetworkNamespace.create(tag + "-b")) {
            System.out.println("NAMES " + a.name() + " " + b.name());
            // Real work inside: a veth pair across the two, addresses, a sysctl, traffic.
            step("veth pair", a.exec("ip", "link", "add", "v-a", "type", "veth", "peer", "name", "v-b",
                    "netns", b.name()), true);
            step("address in a", a.exec("ip", "addr", "add", "10.99.0.1/24", "dev", "v-a"), true);
            step("link up in a", a.exec("ip", "link", "set", "v-a", "up"), true);
            step("address in b", b.exec("ip", "addr", "add", "10.99.0.2/24", "dev", "v-b"), true);
            step("link up in b", b.exec("ip", "link", "set", "v-b", "up"), true);
            a.sysctl("net.ipv4.ip_forward", "1");
            System.out.println(("1".equals(a.sysctl("net.ipv4.ip_forward")) ? "OK" : "BAD") + " sysctl inside");
            step("ping across", a.exec("ping", "-c1", "-W2", "10.99.0.2"), true);

            // The host's namespace ("self"): every change must be refused. Tried only because the
            // check above made sure this JVM is rootless, where it holds no capability there.
            NetworkNamespace self = NetworkNamespace.self();
            try {
                String v = self.sysctl("net.ipv4.ip_forward");
                self.sysctl("net.ipv4.ip_forward", v);
                System.out.println("BAD host sysctl written");
            } catch (PermissionException e) {
                System.out.println("OK host sysctl refused: " + e.getMessage());
            }
            step("host link", self.exec("ip", "link", "add", tag + "-h", "type", "veth", "peer", "name", tag + "-p"), false);
            step("host address", self.exec("ip", "addr", "add", "192.0.2.99/32", "dev", "lo"), false);
            step("host route", self.exec("ip", "route", "add", "192.0.2.0/24", "dev", "lo"), false);
            step("host nf_tables", self.exec("nft", "add", "table", "inet", "jnl_rootless_probe"), false);
            step("link moved out to the host", a.exec("ip", "link", "set", "v-a", "netns",
                    String.valueOf(ProcessHandle.current().pid())), false);

            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in)).readLine(); // the test looks at the host
        }
        System.out.println("OK done");
    }

    /** Waits for {@code p}; prints OK if it succeeded as {@code expectSuccess} says, else BAD. */
    private static void step(String what, Process p, boolean expectSuccess) throws IOException, InterruptedException {
        String err = new String(p.getErrorStream().readAllBytes()).strip();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            System.out.println("BAD " + what + ": did not finish");
            return;
        }
        boolean ok = (p.exitValue() == 0) == expectSuccess;
        System.out.println((ok ? "OK " : "BAD ") + what + (expectSuccess ? "" : " refused") + ": exit "
                + p.exitValue() + (err.isEmpty() ? "" : " (" + err.replace('\n', ' ') + ")"));
    }
}
