package io.jnetlink.examples;

import io.jnetlink.core.PermissionException;
import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.netns.Rootless;
import io.jnetlink.nft.Nat;
import io.jnetlink.nft.NatRule;
import io.jnetlink.nft.Protocol;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.rtnl.Link;
import io.jnetlink.rtnl.Netns;
import io.jnetlink.rtnl.link.Bridge;
import io.jnetlink.rtnl.link.LinkInfo;
import io.jnetlink.rtnl.link.Veth;
import io.jnetlink.rtnl.neigh.NeighbourInfo;
import io.jnetlink.rtnl.route.Route;
import io.jnetlink.rtnl.route.RouteInfo;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The network-namespace walkthrough, done from Java: two namespaces joined by a veth "pipe", then
 * a bridge "virtual switch" in a host, routes, ip_forward, masquerade to reach the outside world
 * and a DNAT port forward to let the outside world in. Each step prints the command a person would
 * type beside what the library did, and checks the result with real TCP traffic.
 *
 * <p>"The host" and "the outside world" are sandbox namespaces the program makes ({@code lab-host},
 * {@code lab-wan}); it never touches the namespace it was started in. Everything it makes is
 * deleted at the end, also on failure and on Ctrl-C. Options: {@code --keep} leaves the topology
 * for inspection, {@code --cleanup} removes what an interrupted run left. Exit status 0 only if
 * every check passed.
 */
public final class Walkthrough {
    /** Prefix of every namespace the walkthrough creates. */
    public static final String PREFIX = "lab-";
    private static final String[] ROLES = {"host", "wan", "red", "blue"};
    private static final int TIMEOUT_MS = 1500;
    /** The Debian/Ubuntu package with the ping program. */
    private static final String PING_PACKAGE = "iputils-ping";
    /** How many times a ping check tries before it fails. */
    private static final int PING_TRIES = 3;

    /** One check and whether it passed. */
    public record Check(String what, boolean passed, String detail) {}

    /**
     * A check that could not be made here because a program is missing, with the Debian/Ubuntu
     * package that would enable it. Counted apart from passes and failures.
     */
    public record Skip(String what, String reason, String enabledBy) {}

    private final PrintStream out;
    private final String prefix;
    private final List<Check> checks = new ArrayList<>();
    private final List<Skip> skipped = new ArrayList<>();

    /** A walkthrough printing to {@code out} whose namespaces are named {@code prefix + role}. */
    public Walkthrough(PrintStream out, String prefix) {
        this.out = out;
        this.prefix = prefix;
    }

    /** The namespace names this walkthrough uses. */
    public List<String> namespaceNames() {
        List<String> l = new ArrayList<>();
        for (String r : ROLES) {
            l.add(prefix + r);
        }
        return l;
    }

    /** Runs {@code java -jar netlink-examples.jar [--keep | --cleanup]}. */
    public static void main(String[] args) {
        boolean keep = false;
        boolean cleanup = false;
        for (String a : args) {
            switch (a) {
                case "--keep" -> keep = true;
                case "--cleanup" -> cleanup = true;
                case "-h", "--help" -> {
                    System.out.println("usage: walkthrough [--keep | --cleanup]");
                    System.out.println("  --keep     leave the lab-* namespaces for inspection (ip netns exec lab-red ...)");
                    System.out.println("  --cleanup  delete the lab-* namespaces a kept or interrupted run left, and exit");
                    return;
                }
                default -> {
                    System.err.println("unknown option " + a + " (try --help)");
                    System.exit(2);
                }
            }
        }
        try {
            // Under root this returns at once; as an ordinary user the walkthrough runs again
            // rootless, in a user namespace of its own (see Rootless).
            Rootless.ensure();
        } catch (UnsupportedOperationException e) {
            System.err.println("walkthrough: needs root, or CAP_NET_ADMIN + CAP_SYS_ADMIN, or rootless mode; " + e.getMessage());
            System.exit(1);
        }
        List<String> missing = missingCapabilities();
        if (!missing.isEmpty()) {
            System.err.println("walkthrough: needs root, or CAP_NET_ADMIN + CAP_SYS_ADMIN (it creates network namespaces);"
                    + " missing here: " + String.join(", ", missing) + ". Try: sudo ./walkthrough");
            System.exit(1);
        }
        Walkthrough w = new Walkthrough(System.out, PREFIX);
        if (cleanup) {
            System.out.println("removed: " + w.cleanup());
            return;
        }
        System.exit(w.runMain(keep));
    }

    /**
     * The capabilities this process lacks of the two the walkthrough needs, read from the effective
     * set in {@code /proc/self/status} (CAP_NET_ADMIN is bit 12, CAP_SYS_ADMIN bit 21, from
     * linux/capability.h). Empty when both are there, or when the set cannot be read (then the
     * kernel's EPERM still says so later).
     */
    static List<String> missingCapabilities() {
        long effective;
        try {
            effective = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("CapEff:"))
                    .mapToLong(l -> Long.parseUnsignedLong(l.substring("CapEff:".length()).trim(), 16))
                    .findFirst().orElse(-1L);
        } catch (java.io.IOException | NumberFormatException e) {
            return List.of();
        }
        List<String> missing = new ArrayList<>();
        if ((effective & (1L << 12)) == 0) {
            missing.add("CAP_NET_ADMIN");
        }
        if ((effective & (1L << 21)) == 0) {
            missing.add("CAP_SYS_ADMIN");
        }
        return missing;
    }

    private int runMain(boolean keep) {
        Thread hook = new Thread(() -> {
            out.println();
            out.println("interrupted: removing " + String.join(", ", namespaceNames()));
            cleanup();
        }, "walkthrough-cleanup");
        if (!keep) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
        try {
            boolean ok = run(keep);
            return ok ? 0 : 1;
        } catch (PermissionException e) {
            out.println("The walkthrough needs root, or CAP_NET_ADMIN and CAP_SYS_ADMIN: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            out.println("FAILED: " + e);
            e.printStackTrace(out);
            return 1;
        } finally {
            if (!keep) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is already running
                }
            }
        }
    }

    /** Deletes this walkthrough's namespaces, if any exist; returns the names deleted. */
    public List<String> cleanup() {
        return Leftovers.delete(namespaceNames(), out);
    }

    /** The checks made so far. */
    public List<Check> checks() {
        return List.copyOf(checks);
    }

    /** The checks skipped so far, each with the package that would enable it. */
    public List<Skip> skipped() {
        return List.copyOf(skipped);
    }

    // ---- the walkthrough ---------------------------------------------------------------------------

    /**
     * Runs every step and check. With {@code keep} the namespaces stay; otherwise they are deleted
     * before this returns, whatever happens.
     *
     * @return true if every check passed
     */
    public boolean run(boolean keep) {
        List<String> leftovers = new ArrayList<>(namespaceNames());
        leftovers.retainAll(NetworkNamespace.list());
        if (!leftovers.isEmpty()) {
            throw new IllegalStateException("namespaces " + leftovers + " exist already (a kept or interrupted run?);"
                    + " remove them with --cleanup first");
        }
        title("The lab: sandbox namespaces for the host and the outside world, plus red and blue");
        say("ip netns add " + prefix + "host; ip netns add " + prefix + "wan", "Netns.create(\"" + prefix + "host\"), ...");
        try (Netns host = Netns.create(prefix + "host");
             Netns wan = Netns.create(prefix + "wan");
             Netns red = Netns.create(prefix + "red");
             Netns blue = Netns.create(prefix + "blue")) {
            if (keep) {
                host.keep();
                wan.keep();
                red.keep();
                blue.keep();
            }
            say("ip netns add red; ip netns add blue", "Netns.create(\"" + red.name() + "\"), Netns.create(\"" + blue.name() + "\")");
            check("ip netns list shows the four namespaces",
                    NetworkNamespace.list().containsAll(namespaceNames()), String.join(", ", namespaceNames()));
            pipe(red, blue);
            Link bridge = virtualSwitch(host, red, blue);
            outside(host, wan, red, blue, bridge);
            portForward(host, wan, blue);
            tables(host, red, blue);
            summary();
            if (keep) {
                out.println();
                out.println("Kept for inspection, e.g.:");
                out.println("  ip netns list");
                out.println("  ip netns exec " + red.name() + " ip addr; ip netns exec " + red.name() + " ip route");
                out.println("  ip netns exec " + blue.name() + " ip neigh; ip netns exec " + red.name()
                        + " ping -c1 192.168.15.2");
                out.println("  ip -n " + host.name() + " link show master v-net-0; ip netns exec " + host.name()
                        + " nft list ruleset");
                out.println("Remove with:  ./walkthrough --cleanup   (or: ip netns del " + String.join("; ip netns del ",
                        namespaceNames()) + ")");
            }
            return checks.stream().allMatch(Check::passed);
        }
    }

    private void pipe(Netns red, Netns blue) {
        title("1. A virtual cable: a veth pair between red and blue");
        say("ip link add veth-red type veth peer name veth-blue; ip link set veth-red netns red; ip link set veth-blue netns blue",
                "red.link(Veth.named(\"veth-red\").peer(\"veth-blue\", blue))   // one request, peer placed in blue");
        Link vr = red.link(Veth.named("veth-red").peer("veth-blue", blue));
        say("ip -n red addr add 192.168.15.1/24 dev veth-red; ip -n red link set veth-red up", "vr.address(\"192.168.15.1/24\").up()");
        vr.address("192.168.15.1/24").up();
        say("ip -n blue addr add 192.168.15.2/24 dev veth-blue; ip -n blue link set veth-blue up",
                "blue.link(\"veth-blue\").address(\"192.168.15.2/24\").up()");
        blue.link("veth-blue").address("192.168.15.2/24").up();
        try (TcpProbe.Server _ = TcpProbe.serve(blue, 7, "blue")) {
            probe("red reaches blue over the pipe", red, "192.168.15.2", 7, "blue saw 192.168.15.1");
        }
        ping("ip netns exec red ping -c1 -W1 192.168.15.2", red, "192.168.15.2");
        say("ip -n red link del veth-red", "red.link(\"veth-red\").delete()   // the peer goes with it");
        vr.delete();
        check("deleting veth-red removed veth-blue too", blue.links().stream().noneMatch(l -> l.name().equals("veth-blue")),
                "blue's links: " + names(blue.links()));
    }

    private Link virtualSwitch(Netns host, Netns red, Netns blue) {
        title("2. A virtual switch: bridge v-net-0 in the host, red and blue plugged in");
        say("ip link add v-net-0 type bridge; ip link set dev v-net-0 up", "host.link(Bridge.named(\"v-net-0\")).up()");
        Link bridge = host.link(Bridge.named("v-net-0")).up();

        say("ip link add veth-red type veth peer name veth-red-br; ip link set veth-red netns red",
                "red.link(Veth.named(\"veth-red\").peer(\"veth-red-br\", host))");
        Link vethRed = red.link(Veth.named("veth-red").peer("veth-red-br", host));
        say("ip link set veth-red-br master v-net-0; ip link set veth-red-br up",
                "host.link(\"veth-red-br\").master(bridge).up()");
        host.link("veth-red-br").master(bridge).up();
        say("ip -n red addr add 192.168.15.1/24 dev veth-red; ip -n red link set veth-red up",
                "vethRed.address(\"192.168.15.1/24\").up()");
        vethRed.address("192.168.15.1/24").up();

        say("ip link add veth-blue type veth peer name veth-blue-br; ip link set veth-blue netns blue",
                "blue.link(Veth.named(\"veth-blue\").peer(\"veth-blue-br\", host))");
        Link vethBlue = blue.link(Veth.named("veth-blue").peer("veth-blue-br", host));
        say("ip link set veth-blue-br master v-net-0; ip link set veth-blue-br up",
                "host.link(\"veth-blue-br\").master(bridge).up()");
        host.link("veth-blue-br").master(bridge).up();
        say("ip -n blue addr add 192.168.15.2/24 dev veth-blue; ip -n blue link set veth-blue up",
                "vethBlue.address(\"192.168.15.2/24\").up()");
        vethBlue.address("192.168.15.2/24").up();

        say("ip addr add 192.168.15.5/24 dev v-net-0", "bridge.address(\"192.168.15.5/24\")");
        bridge.address("192.168.15.5/24");
        ping("ip netns exec red ping -c1 -W1 192.168.15.2   (through the bridge)", red, "192.168.15.2");
        try (TcpProbe.Server _ = TcpProbe.serve(red, 7, "red"); TcpProbe.Server _ = TcpProbe.serve(blue, 7, "blue")) {
            probe("red reaches blue through the bridge", red, "192.168.15.2", 7, "blue saw 192.168.15.1");
            probe("blue reaches red through the bridge", blue, "192.168.15.1", 7, "red saw 192.168.15.2");
            probe("the host reaches red", host, "192.168.15.1", 7, "red saw 192.168.15.5");
            probe("the host reaches blue", host, "192.168.15.2", 7, "blue saw 192.168.15.5");
        }
        return bridge;
    }

    private void outside(Netns host, Netns wan, Netns red, Netns blue, Link bridge) {
        title("3. The outside world: an uplink, routes, ip_forward and masquerade");
        say("(sandbox) the host's uplink up0 10.200.0.1/24 to the outside world's wan0 10.200.0.2/24",
                "host.link(Veth.named(\"up0\").peer(\"wan0\", wan)).address(\"10.200.0.1/24\").up()");
        host.link(Veth.named("up0").peer("wan0", wan)).address("10.200.0.1/24").up();
        wan.link("wan0").address("10.200.0.2/24").up();
        check("the outside world has no route to 192.168.15.0/24", wan.routes().list().stream()
                .noneMatch(r -> r.destinationPrefix().contains(IpPrefix.parseAddress("192.168.15.2"))),
                "wan's routes: " + wan.routes().list().stream()
                        .filter(r -> r.family() == IpPrefix.AF_INET).map(r -> r.destinationPrefix().toString()).toList());
        say("ip netns exec red ip route add 10.200.0.0/24 via 192.168.15.5   (the seed's 192.168.1.0/24; blue: the same)",
                "red.routes().add(Route.to(\"10.200.0.0/24\").via(\"192.168.15.5\"))");
        red.routes().add(Route.to("10.200.0.0/24").via("192.168.15.5"));
        blue.routes().add(Route.to("10.200.0.0/24").via("192.168.15.5"));
        say("ip netns exec red ip route add default via 192.168.15.5; (blue: the same)",
                "red.routes().add(Route.defaultVia(\"192.168.15.5\"))");
        red.routes().add(Route.defaultVia("192.168.15.5"));
        blue.routes().add(Route.defaultVia("192.168.15.5"));
        say("sysctl -w net.ipv4.ip_forward=1   (in the host)", "host.sysctl(\"net.ipv4.ip_forward\", \"1\")");
        host.sysctl("net.ipv4.ip_forward", "1");
        check("ip_forward is 1 in the host", "1".equals(host.sysctl("net.ipv4.ip_forward")),
                "net.ipv4.ip_forward = " + host.sysctl("net.ipv4.ip_forward"));
        try (TcpProbe.Server _ = TcpProbe.serve(wan, 8000, "wan")) {
            refused("without NAT the outside world cannot answer blue (it has no route back)", blue, "10.200.0.2", 8000);
            say("iptables -t nat -A POSTROUTING -s 192.168.15.0/24 -j MASQUERADE",
                    "Nat.in(host).masquerade(\"192.168.15.0/24\", \"up0\")   // nf_tables, table inet jnetlink");
            NatRule.Masquerade m = Nat.in(host).masquerade("192.168.15.0/24", "up0");
            out.println("      rule: " + m);
            probe("blue reaches the outside world; it sees the host's address", blue, "10.200.0.2", 8000,
                    "wan saw 10.200.0.1");
            probe("red reaches the outside world too", red, "10.200.0.2", 8000, "wan saw 10.200.0.1");
        }
    }

    private void portForward(Netns host, Netns wan, Netns blue) {
        title("4. Port forwarding: the outside world reaches a service in blue");
        try (TcpProbe.Server _ = TcpProbe.serve(blue, 80, "blue-web")) {
            refused("before the rule, 10.200.0.1:8080 answers nothing", wan, "10.200.0.1", 8080);
            say("iptables -t nat -A PREROUTING -p tcp --dport 8080 -j DNAT --to-destination 192.168.15.2:80",
                    "Nat.in(host).forward(Protocol.TCP, 8080).on(\"up0\").to(\"192.168.15.2\", 80)");
            NatRule.PortForward f = Nat.in(host).forward(Protocol.TCP, 8080).on("up0").to("192.168.15.2", 80);
            out.println("      rule: " + f);
            probe("the outside world reaches blue's port 80 through the host's 8080", wan, "10.200.0.1", 8080,
                    "blue-web saw 10.200.0.2");
        }
    }

    private void tables(Netns host, Netns red, Netns blue) {
        title("5. What arp, route, ip link and iptables -nvL -t nat would show");
        for (Netns ns : List.of(red, blue)) {
            Map<Integer, String> names = new HashMap<>();
            for (LinkInfo l : ns.links()) {
                names.put(l.index(), l.name());
            }
            out.println("  $ ip netns exec " + ns.name() + " arp -n      // " + ns.name().substring(prefix.length())
                    + ".neighbours().list()");
            out.printf("    %-24s %-7s %-19s %-5s %-15s %s%n", "Address", "HWtype", "HWaddress", "Flags", "Mask", "Iface");
            for (NeighbourInfo n : ns.neighbours().list()) {
                if (n.family() == IpPrefix.AF_INET) {
                    out.printf("    %-24s %-7s %-19s %-5s %-15s %s%n", n.address().getHostAddress(),
                            n.mac() == null ? "" : "ether", n.mac() == null ? "(incomplete)" : n.mac(),
                            n.mac() == null ? "" : n.isPermanent() ? "CM" : "C", "", names.get(n.ifindex()));
                }
            }
            out.println("  $ ip netns exec " + ns.name() + " route -n    // " + ns.name().substring(prefix.length())
                    + ".routes().list()");
            out.println("    Kernel IP routing table");
            out.printf("    %-15s %-15s %-15s %-5s %-6s %-3s %6s %s%n", "Destination", "Gateway", "Genmask", "Flags",
                    "Metric", "Ref", "Use", "Iface");
            for (RouteInfo r : ns.routes().list()) {
                if (r.family() != IpPrefix.AF_INET) {
                    continue;
                }
                String dst = r.destinationPrefix().address().getHostAddress();
                String gw = r.gateway() == null ? "0.0.0.0" : r.gateway().getHostAddress();
                out.printf("    %-15s %-15s %-15s %-5s %-6d %-3d %6d %s%n", dst, gw, netmask(r.destinationLength()),
                        r.gateway() == null ? "U" : "UG", r.priority(), 0, 0, names.get(r.oif()));
            }
            out.println("  $ ip -n " + ns.name() + " link     // " + ns.name().substring(prefix.length()) + ".links()");
            for (LinkInfo l : ns.links()) {
                out.printf("    %d: %s <%s> mtu %d state %s %s%n", l.index(), l.name(), l.isUp() ? "UP" : "DOWN",
                        l.mtu(), l.operState(), l.mac() == null ? "" : l.mac());
            }
        }
        out.println("  $ ip netns exec " + host.name() + " nft list table inet jnetlink   (iptables -nvL -t nat)"
                + "     // Nat.in(host).list()");
        for (NatRule r : Nat.in(host).list()) {
            out.println("    " + r);
        }
        check("red's ARP table holds blue's address", knows(red, "192.168.15.2"), "");
        check("blue's ARP table holds red's address", knows(blue, "192.168.15.1"), "");
        check("red's routing table has the default route via 192.168.15.5", red.routes().list().stream()
                .anyMatch(r -> r.isDefault() && r.family() == IpPrefix.AF_INET && r.gateway() != null
                        && r.gateway().getHostAddress().equals("192.168.15.5")), "");
    }

    // ---- printing and checking -----------------------------------------------------------------------

    private void title(String t) {
        out.println();
        out.println("== " + t);
    }

    private void say(String command, String java) {
        out.println("  $ " + command);
        out.println("    -> " + java);
    }

    private void check(String what, boolean passed, String detail) {
        checks.add(new Check(what, passed, detail));
        out.println("  [" + (passed ? "PASS" : "FAIL") + "] " + what + (detail.isEmpty() ? "" : " (" + detail + ")"));
    }

    private void skip(String what, String reason, String enabledBy) {
        skipped.add(new Skip(what, reason, enabledBy));
        out.println("  [SKIP] " + what + " (" + reason + "; install " + enabledBy + " to run this check)");
    }

    private void probe(String what, Netns from, String address, int port, String expect) {
        try {
            String got = TcpProbe.ask(from, address, port, TIMEOUT_MS);
            check(what, got.equals(expect), "TCP " + address + ":" + port + " answered \"" + got + "\"");
        } catch (UncheckedIOException e) {
            check(what, false, "TCP " + address + ":" + port + ": " + e.getMessage());
        }
    }

    /**
     * A second, independent check with the system's ping started inside {@code from} (as
     * {@code ip netns exec} would); reported as SKIP, with the package that provides ping, where
     * there is no ping program. Up to three tries, as a person would: right after a link comes up
     * the kernel takes its carrier into account only when its link watch runs (up to a second
     * later), and a bridge port forwards only then, so a first echo may be lost.
     */
    private void ping(String what, Netns from, String address) {
        int exit = -1;
        int attempt = 0;
        while (attempt < PING_TRIES) {
            attempt++;
            exit = pingOnce(what, from, address);
            if (exit != 1) {
                break; // answered, failed otherwise, or already reported
            }
        }
        if (exit == 0) {
            check(what, true, attempt == 1 ? "ping exit status 0" : "ping exit status 0 on try " + attempt);
        } else if (exit == 1) {
            check(what, false, "no answer in " + PING_TRIES + " tries (ping exit status 1)");
        }
    }

    /** Tries to ping once (one echo, 1 s); returns ping's exit status, or -1 after reporting a check itself. */
    private int pingOnce(String what, Netns from, String address) {
        Process p;
        try {
            p = from.exec("ping", "-c1", "-W1", address);
        } catch (RuntimeException e) {
            skip(what, "cannot start ping: " + e.getMessage(), PING_PACKAGE);
            return -1;
        }
        try {
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            if (!p.waitFor(3, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                check(what, false, "ping did not finish in 3 s");
                return -1;
            }
        } catch (java.io.IOException e) {
            check(what, false, e.toString());
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            check(what, false, "interrupted");
            return -1;
        }
        if (p.exitValue() == 127) {
            skip(what, "no ping program here", PING_PACKAGE);
            return -1;
        }
        if (p.exitValue() != 0 && p.exitValue() != 1) {
            check(what, false, "ping exit status " + p.exitValue());
            return -1;
        }
        return p.exitValue();
    }

    private void refused(String what, Netns from, String address, int port) {
        try {
            String got = TcpProbe.ask(from, address, port, TIMEOUT_MS / 2);
            check(what, false, "unexpectedly answered \"" + got + "\"");
        } catch (UncheckedIOException e) {
            check(what, true, "TCP " + address + ":" + port + ": " + e.getMessage());
        }
    }

    private void summary() {
        long passed = checks.stream().filter(Check::passed).count();
        out.println();
        StringBuilder line = new StringBuilder(passed + " of " + checks.size() + " checks passed");
        if (!skipped.isEmpty()) {
            line.append(", ").append(skipped.size()).append(" skipped (install ")
                    .append(String.join(" ", skipped.stream().map(Skip::enabledBy).distinct().toList()))
                    .append(" to run ").append(skipped.size() == 1 ? "it" : "them").append(")");
        }
        out.println(line + (passed == checks.size() ? "" : ": FAILED"));
    }

    private static boolean knows(Netns ns, String address) {
        return ns.neighbours().list().stream()
                .anyMatch(n -> n.address().getHostAddress().equals(address) && n.mac() != null);
    }

    /** The dotted netmask {@code route -n} prints for a prefix length: 24 -> 255.255.255.0. */
    static String netmask(int length) {
        long m = length == 0 ? 0 : (0xffffffffL << (32 - length)) & 0xffffffffL;
        return (m >>> 24) + "." + ((m >>> 16) & 255) + "." + ((m >>> 8) & 255) + "." + (m & 255);
    }

    private static String names(List<LinkInfo> links) {
        return String.join(", ", links.stream().map(LinkInfo::name).toList());
    }
}
