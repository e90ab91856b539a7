package io.jnetlink.examples;

import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.nft.Chain;
import io.jnetlink.nft.ChainType;
import io.jnetlink.nft.Family;
import io.jnetlink.nft.Hook;
import io.jnetlink.nft.NfTables;
import io.jnetlink.nft.Rule;
import io.jnetlink.nft.RuleInfo;
import io.jnetlink.nft.RuleSpec;
import io.jnetlink.nft.Statement;
import io.jnetlink.nft.Table;
import io.jnetlink.nft.expr.Cmp;
import io.jnetlink.nft.expr.Counter;
import io.jnetlink.nft.expr.Expressions;
import io.jnetlink.nft.expr.Meta;
import io.jnetlink.nft.expr.Payload;
import io.jnetlink.nft.expr.Verdict;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.rtnl.Link;
import io.jnetlink.rtnl.Netns;
import io.jnetlink.rtnl.addr.AddressSpec;
import io.jnetlink.rtnl.bridge.FdbEntry;
import io.jnetlink.rtnl.link.Bridge;
import io.jnetlink.rtnl.link.Veth;
import io.jnetlink.rtnl.link.Vxlan;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A multi-host container overlay, built with the library as a program on three real machines
 * would build it. Three "hosts" (sandbox namespaces) sit on one LAN (a bridge in a fourth
 * namespace, the "switch"), each with a local bridge and two "containers" (namespaces) on a
 * per-host slice of one overlay network (10.200.H.0/24 of 10.200.0.0/16, and IPv6 beside it:
 * fd00:200::H:C in fd00:200::/64). The hosts' bridges are
 * joined by VXLAN (one VNI) over the LAN: the program installs every remote container's MAC in
 * each host's VXLAN FDB (with the remote host as destination) and every container's address in
 * every container's neighbour table (IPv4 and IPv6), so nothing is learned by multicast or flooded. The overlay
 * MTU is the LAN's minus the 50 bytes VXLAN adds (outer IPv4 20, UDP 8, VXLAN 8, inner Ethernet 14).
 *
 * <p>Checks: every container reaches every container on the other hosts over TCP, over IPv4 and
 * over IPv6 (and the peer sees the sender's own address); the LAN carried only VXLAN between the
 * hosts (an nf_tables bridge-family rule on the switch counts VXLAN frames and drops and counts
 * anything else: the underlay is IPv4 only, IPv6 is off on the hosts and the switch, and the
 * hosts' underlay neighbours are installed, so nothing else needs to cross; the containers' own
 * IPv6 multicast stays on their host, as VXLAN has no flood destination).
 *
 * <p>Everything lives in namespaces named with the prefix ({@code lab-ov-PID-} by default), deleted
 * at the end, on failure, and on Ctrl-C. Exits 0 only if every check passed.
 */
public final class Overlay {
    /** The default prefix of the namespaces; the pid keeps parallel runs apart. */
    public static final String PREFIX = "lab-ov-" + ProcessHandle.current().pid() + "-";
    static final int HOSTS = 3;
    static final int CONTAINERS = 2;
    static final int VNI = 42;
    static final int VXLAN_PORT = 4789;
    static final int PROBE_PORT = 7000;
    static final int LAN_MTU = 1500;
    /** LAN MTU minus what VXLAN over IPv4 adds: 20 (IP) + 8 (UDP) + 8 (VXLAN) + 14 (inner Ethernet). */
    static final int OVERLAY_MTU = LAN_MTU - 50;
    private static final int TIMEOUT_MS = 3000;
    private static final String CHECK_TABLE = "overlay_check";

    private final PrintStream out;
    private final String prefix;
    private final List<String> failures = new ArrayList<>();
    private int checks;
    private volatile boolean stopping;
    private final java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);

    /** An overlay that reports to {@code out} and names its namespaces with {@code prefix}. */
    public Overlay(PrintStream out, String prefix) {
        this.out = out;
        this.prefix = prefix;
    }

    /** Runs the overlay; {@code --prefix P} names the namespaces P*. Exits 0 only if every check passed. */
    public static void main(String[] args) {
        String prefix = PREFIX;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--prefix") && i + 1 < args.length) {
                prefix = args[++i];
            } else {
                System.out.println("usage: Overlay [--prefix NAME-PREFIX]");
                System.exit(2);
            }
        }
        Overlay o = new Overlay(System.out, prefix);
        Thread hook = new Thread(() -> {
            System.out.println("interrupted: removing " + o.namespaceNames());
            o.stop();
            o.cleanup();
        }, "overlay-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean ok;
        try {
            ok = o.run();
        } catch (RuntimeException e) {
            System.out.println("FAILED: " + e);
            e.printStackTrace(System.out);
            ok = false;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running already
        }
        System.exit(ok ? 0 : 1);
    }

    /**
     * Stops a run in progress (from a shutdown hook, on Ctrl-C): it makes no more namespaces, and
     * this waits up to 20 s for it to have deleted the ones it made.
     */
    public void stop() {
        stopping = true;
        try {
            finished.await(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The names of every namespace this overlay makes. */
    public List<String> namespaceNames() {
        List<String> names = new ArrayList<>(List.of(prefix + "lan"));
        for (int h = 1; h <= HOSTS; h++) {
            names.add(hostName(h));
            for (int c = 1; c <= CONTAINERS; c++) {
                names.add(containerName(h, c));
            }
        }
        return names;
    }

    /** Deletes whichever of this overlay's namespaces exist; returns their names. */
    public List<String> cleanup() {
        return Leftovers.delete(namespaceNames(), out);
    }

    /** The failed checks of the last run. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** How many checks the last run made. */
    public int checks() {
        return checks;
    }

    /**
     * Builds the overlay, checks it, and deletes every namespace again, whatever happens.
     *
     * @return true if every check passed
     * @throws IllegalStateException if namespaces of this prefix exist already
     */
    public boolean run() {
        try {
            return runOnce();
        } finally {
            finished.countDown();
        }
    }

    private boolean runOnce() {
        List<String> leftovers = new ArrayList<>(namespaceNames());
        leftovers.retainAll(NetworkNamespace.list());
        if (!leftovers.isEmpty()) {
            throw new IllegalStateException("namespaces " + leftovers + " exist already; remove them first");
        }
        failures.clear();
        checks = 0;
        List<Netns> made = new ArrayList<>();
        try {
            Netns lan = make(made, prefix + "lan", false);
            Netns[] hosts = new Netns[HOSTS + 1];
            Netns[][] containers = new Netns[HOSTS + 1][CONTAINERS + 1];
            lan.link(Bridge.named("lan0")).up();
            for (int h = 1; h <= HOSTS; h++) {
                hosts[h] = make(made, hostName(h), false);
                host(lan, hosts[h], h);
                for (int c = 1; c <= CONTAINERS; c++) {
                    containers[h][c] = make(made, containerName(h, c), true);
                    container(hosts[h], containers[h][c], h, c);
                }
            }
            underlayNeighbours(hosts);
            overlayEntries(hosts, containers);
            NfTables nft = underlayCheck(lan);
            traffic(containers);
            underlayOnlyVxlan(nft);
        } finally {
            for (Netns n : made) {
                try {
                    n.close();
                } catch (RuntimeException e) {
                    out.println("could not remove " + n + ": " + e.getMessage());
                }
            }
            cleanup();
        }
        out.println(failures.isEmpty() ? "overlay: all " + checks + " checks passed"
                : "overlay: " + failures.size() + " of " + checks + " checks failed: " + failures);
        return failures.isEmpty();
    }

    private Netns make(List<Netns> made, String name, boolean ipv6) {
        if (stopping) {
            throw new IllegalStateException("interrupted");
        }
        Netns n = Netns.create(name);
        made.add(n);
        // The LAN and the hosts are IPv4 only: no IPv6 autoconfiguration or MLD may cross the LAN
        // beside VXLAN. Containers speak IPv6 too, inside the overlay.
        String off = ipv6 ? "0" : "1";
        n.sysctl("net.ipv6.conf.all.disable_ipv6", off);
        n.sysctl("net.ipv6.conf.default.disable_ipv6", off);
        n.link("lo").up();
        return n;
    }

    private String hostName(int h) {
        return prefix + "h" + h;
    }

    private String containerName(int h, int c) {
        return prefix + "h" + h + "c" + c;
    }

    static String underlayAddress(int h) {
        return "10.100.0." + h;
    }

    static String containerAddress(int h, int c) {
        return "10.200." + h + "." + (10 + c);
    }

    static String containerAddress6(int h, int c) {
        return "fd00:200::" + h + ":" + (10 + c);
    }

    /** A host: its LAN link, its VXLAN device and its bridge. */
    private void host(Netns lan, Netns host, int h) {
        say("host " + h + ": eth0 " + underlayAddress(h) + "/24 on the LAN, vx0 (VNI " + VNI + ") and br0");
        host.link(Veth.named("eth0").peer("h" + h + "-lan", lan));
        lan.link("h" + h + "-lan").master("lan0").up();
        host.link("eth0").mtu(LAN_MTU).address(underlayAddress(h) + "/24").up();
        Link br = host.link(Bridge.named("br0")).mtu(OVERLAY_MTU);
        host.link(Vxlan.named("vx0", VNI).local(underlayAddress(h)).device("eth0").port(VXLAN_PORT))
                .mtu(OVERLAY_MTU).master(br).up();
        br.up();
    }

    /** A container: its eth0 in the overlay, the other end a port of the host's bridge. */
    private void container(Netns host, Netns container, int h, int c) {
        String port = "c" + c;
        container.link(Veth.named("eth0").peer(port, host));
        host.link(port).mtu(OVERLAY_MTU).master("br0").up();
        Link eth0 = container.link("eth0").mtu(OVERLAY_MTU).address(containerAddress(h, c) + "/16");
        // no duplicate address detection: every address in the overlay is assigned by this program
        container.addresses().add(AddressSpec.builder().link(eth0.index()).prefix(containerAddress6(h, c) + "/64")
                .noDad().build());
        eth0.up();
    }

    /** Each host knows the others' LAN MACs: no ARP needs to cross the LAN. */
    private void underlayNeighbours(Netns[] hosts) {
        for (int h = 1; h <= HOSTS; h++) {
            int eth0 = hosts[h].link("eth0").index();
            for (int k = 1; k <= HOSTS; k++) {
                if (k != h) {
                    hosts[h].neighbours().addPermanent(eth0, IpPrefix.parseAddress(underlayAddress(k)),
                            hosts[k].link("eth0").info().mac());
                }
            }
        }
    }

    /**
     * The overlay's control plane, as a program on real hosts would install it: on each host, every
     * remote container's MAC behind vx0 (the VXLAN FDB, with the remote host as destination, and
     * the bridge's FDB); in each container, every other container's address and MAC.
     */
    private void overlayEntries(Netns[] hosts, Netns[][] containers) {
        String[][] macs = new String[HOSTS + 1][CONTAINERS + 1];
        for (int h = 1; h <= HOSTS; h++) {
            for (int c = 1; c <= CONTAINERS; c++) {
                macs[h][c] = containers[h][c].link("eth0").info().mac();
            }
        }
        for (int h = 1; h <= HOSTS; h++) {
            for (int k = 1; k <= HOSTS; k++) {
                for (int c = 1; c <= CONTAINERS && k != h; c++) {
                    hosts[h].fdb().add(FdbEntry.builder().mac(macs[k][c]).dev("vx0").self()
                            .destination(underlayAddress(k)).build());
                    hosts[h].fdb().add(FdbEntry.builder().mac(macs[k][c]).dev("vx0").master().asStatic().build());
                }
            }
            say("host " + h + ": " + (HOSTS - 1) * CONTAINERS + " remote container MACs in vx0's FDB");
            for (int c = 1; c <= CONTAINERS; c++) {
                int eth0 = containers[h][c].link("eth0").index();
                for (int k = 1; k <= HOSTS; k++) {
                    for (int d = 1; d <= CONTAINERS; d++) {
                        if (k != h || d != c) {
                            containers[h][c].neighbours().addPermanent(eth0,
                                    IpPrefix.parseAddress(containerAddress(k, d)), macs[k][d]);
                            containers[h][c].neighbours().addPermanent(eth0,
                                    IpPrefix.parseAddress(containerAddress6(k, d)), macs[k][d]);
                        }
                    }
                }
            }
        }
    }

    /**
     * On the LAN switch, a bridge-family rule counts the VXLAN frames between hosts, and another
     * counts and drops everything else that crosses: if the overlay needed anything else, the
     * traffic check fails, and the second counter says so.
     */
    private NfTables underlayCheck(Netns lan) {
        NfTables nft = NfTables.in(lan);
        nft.transaction()
                .createTable(Table.of(Family.BRIDGE, CHECK_TABLE))
                .createChain(Chain.base(Family.BRIDGE, CHECK_TABLE, "forward", ChainType.FILTER, Hook.FORWARD, 0))
                // The rule builder matches ports in inet/ip/ip6 tables; here the expressions are
                // spelled out: meta protocol ip, meta l4proto udp, udp dport 4789 (th offset 2), counter, accept.
                .addRule(Rule.of(Family.BRIDGE, CHECK_TABLE, "forward",
                        new Meta(Meta.Key.PROTOCOL, Expressions.REG_1), Cmp.eq(Expressions.REG_1, new byte[] {0x08, 0x00}),
                        new Meta(Meta.Key.L4PROTO, Expressions.REG_1), Cmp.eq(Expressions.REG_1, new byte[] {17}),
                        Payload.destinationPort(Expressions.REG_1), Cmp.eq(Expressions.REG_1, new byte[] {(byte) (VXLAN_PORT >> 8), (byte) VXLAN_PORT}),
                        Counter.zero(), Verdict.accept()).describedAs("udp dport " + VXLAN_PORT + " counter accept"))
                .addRule(RuleSpec.of(Statement.counter(), Statement.drop()).in(Family.BRIDGE, CHECK_TABLE, "forward"))
                .commit();
        say("switch: nft bridge " + CHECK_TABLE + " forward: udp dport " + VXLAN_PORT + " counter accept; counter drop");
        return nft;
    }

    /**
     * Every container asks every container on the other hosts over TCP, over IPv4 and IPv6; the
     * answer names the asker's address.
     */
    private void traffic(Netns[][] containers) {
        List<TcpProbe.Server> servers = new ArrayList<>();
        try {
            for (int h = 1; h <= HOSTS; h++) {
                for (int c = 1; c <= CONTAINERS; c++) {
                    servers.add(TcpProbe.serve(containers[h][c], PROBE_PORT, "h" + h + "c" + c));
                }
            }
            for (int h = 1; h <= HOSTS; h++) {
                for (int c = 1; c <= CONTAINERS; c++) {
                    for (int k = 1; k <= HOSTS; k++) {
                        for (int d = 1; d <= CONTAINERS && k != h; d++) {
                            String pair = "h" + h + "c" + c + " -> h" + k + "c" + d;
                            probe(containers[h][c], pair + " over TCP", containerAddress(k, d),
                                    "h" + k + "c" + d, containerAddress(h, c));
                            probe(containers[h][c], pair + " over TCP/IPv6", containerAddress6(k, d),
                                    "h" + k + "c" + d, containerAddress6(h, c));
                        }
                    }
                }
            }
        } finally {
            servers.forEach(TcpProbe.Server::close);
        }
    }

    /** One TCP question from {@code from} to {@code address}; the server {@code name} must have seen {@code source}. */
    private void probe(Netns from, String what, String address, String name, String source) {
        // the server words the address as Java does (IPv6 uncompressed)
        String expect = name + " saw " + IpPrefix.parseAddress(source).getHostAddress();
        try {
            String got = TcpProbe.ask(from, address, PROBE_PORT, TIMEOUT_MS);
            check(what, expect.equals(got), got);
        } catch (RuntimeException e) {
            check(what, false, e.toString());
        }
    }

    /** The switch's counters: VXLAN frames crossed, nothing else did. */
    private void underlayOnlyVxlan(NfTables nft) {
        List<RuleInfo> rules = nft.rules(Family.BRIDGE, CHECK_TABLE);
        long vxlan = packets(rules, 0);
        long other = packets(rules, 1);
        check("the LAN carried VXLAN between the hosts", vxlan > 0, vxlan + " VXLAN frames");
        check("the LAN carried nothing else", other == 0, other + " other frames dropped");
    }

    private static long packets(List<RuleInfo> rules, int index) {
        if (rules.size() <= index) {
            return -1;
        }
        return rules.get(index).expressions().stream().filter(e -> e instanceof Counter)
                .mapToLong(e -> ((Counter) e).packets()).findFirst().orElse(-1);
    }

    private void check(String what, boolean ok, String detail) {
        checks++;
        out.println((ok ? "[PASS] " : "[FAIL] ") + what + (detail == null ? "" : ": " + detail));
        if (!ok) {
            failures.add(what);
        }
    }

    private void say(String text) {
        out.println(text);
    }
}
