package io.jnetlink.testing;

import io.jnetlink.nft.Family;
import io.jnetlink.nft.Match;
import io.jnetlink.rtnl.Link;
import io.jnetlink.rtnl.Netns;
import io.jnetlink.rtnl.addr.AddressSpec;
import io.jnetlink.rtnl.link.Bridge;
import io.jnetlink.rtnl.link.LinkInfo;
import io.jnetlink.rtnl.link.Veth;
import io.jnetlink.rtnl.route.Route;
import io.jnetlink.rtnl.tc.Handle;
import io.jnetlink.rtnl.tc.KindNotSupportedException;
import io.jnetlink.rtnl.tc.Netem;
import io.jnetlink.rtnl.tc.QdiscKind;
import io.jnetlink.rtnl.tc.QdiscSpec;
import io.jnetlink.rtnl.tc.Rate;
import io.jnetlink.rtnl.tc.Tbf;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A network of nodes for one test: each node is a network namespace, joined to others by switches
 * (bridges in a fabric namespace of the lab's own), addressed automatically (IPv4 and IPv6), and
 * deleted with everything in it when the lab closes.
 *
 * <pre>{@code
 * @WithLab
 * class ClusterTest {
 *     @Test
 *     void survivesPartition(Lab lab) throws Exception {
 *         List<Node> n = lab.nodes("n1", "n2", "n3");           // three nodes on one switch
 *         n.forEach(node -> node.start("replica", ctx -> ...)); // a server in each
 *         lab.partition(List.of(n.get(0)));                     // n1 alone; n2 and n3 together
 *         ...
 *         lab.heal();
 *     }
 * }
 * }</pre>
 *
 * <p><b>Shape.</b> {@link #nodes} puts new nodes on the lab's default switch ({@code lan});
 * {@link #network} makes more switches, {@link #link} a point-to-point link of two nodes (a
 * switch with two ports), {@link #router} a node that forwards between switches; every node then
 * gets routes to every switch it can reach through routers. Switch number {@code n} has
 * {@code 10.<n/256>.<n%256>.0/24} and {@code fd00:0:0:<n>::/64}, and its members get host
 * numbers 1, 2, 3, ... in the order they are plugged in ({@link Node#address()},
 * {@link Node#address6()}).
 *
 * <p><b>Names.</b> Namespaces are named after the lab's prefix, the JVM's pid and start time and
 * a counter ({@code jnl-lab-4242x1b3k-7} for the fabric, {@code jnl-lab-4242x1b3k-7-n1} for node
 * n1), so labs of parallel tests and of parallel JVMs never collide, and a new lab removes what
 * labs of dead JVMs left behind ({@link LabNames}). Link names inside nodes are {@code eth0},
 * {@code eth1}, ...
 *
 * <p>Thread-safe: shape and fault calls are serialised on the lab.
 */
public final class Lab implements AutoCloseable {
    /** The namespace-name prefix when none is given: property {@code jnetlink.lab.prefix}, else this. */
    public static final String DEFAULT_PREFIX = "jnl-lab-";
    /** The switch {@link #nodes} puts nodes on. */
    public static final String DEFAULT_NETWORK = "lan";

    private static final Logger LOG = LoggerFactory.getLogger(Lab.class);

    private final String prefix;
    private final String base;
    private final Netns fabric;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, Network> networks = new LinkedHashMap<>();
    /** Routes installed per node, by destination subnet: "10.0.1.0/24" -> gateway text. */
    private final Map<Node, Map<String, String>> routes = new HashMap<>();
    private final List<Active> faults = new ArrayList<>();
    private final Map<Node, Filter> nodeFilters = new HashMap<>();
    private Filter fabricFilter;
    /** Links that carry a qdisc of a fault ("node:NAME:INDEX", "fabric:INDEX"): one per link. */
    private final Set<String> shaped = new HashSet<>();
    private int ports;
    private volatile boolean closed;

    /**
     * Sysctls of the fabric, written as it is made: it only switches frames, so its bridges and
     * ports get no IPv6 (no link-local addresses, duplicate address detection, MLD reports or router
     * solicitations for the kernel to make and undo; filters and qdiscs there work on frames).
     */
    private static final Map<String, String> FABRIC_SYSCTLS = Map.of("net.ipv6.conf.default.disable_ipv6", "1");
    /**
     * Sysctls of every node, written as it is made. No duplicate address detection on the node's
     * links: while a router's link-local address is tentative it answers no neighbour
     * solicitation, which cost the first IPv6 connection through it a SYN retransmit (1 s).
     */
    private static final Map<String, String> NODE_SYSCTLS = Map.of("net.ipv6.conf.default.accept_dad", "0");

    private Lab(String prefix) {
        this.prefix = prefix;
        LabNames.reap(prefix);
        this.base = LabNames.newLab(prefix);
        this.fabric = Netns.createAll(List.of(base), FABRIC_SYSCTLS).getFirst();
    }

    /** {@return a new, empty lab whose namespaces start with the default prefix (see {@link #DEFAULT_PREFIX})} */
    public static Lab create() {
        return create(System.getProperty("jnetlink.lab.prefix", DEFAULT_PREFIX));
    }

    /**
     * {@return a new, empty lab whose namespaces start with {@code prefix}} Before it is made, namespaces
     * of that prefix left by labs of JVMs that no longer run are deleted.
     *
     * @param prefix the first part of every namespace name of the lab
     * @throws IllegalArgumentException if the prefix is not 1-32 letters, digits, '-' or '_'
     */
    public static Lab create(String prefix) {
        LabNames.checkPrefix(prefix);
        return new Lab(prefix);
    }

    /** {@return the lab's name: the prefix of all its namespaces' names} */
    public String name() {
        return base;
    }

    /** {@return the namespace-name prefix the lab was made with} */
    public String prefix() {
        return prefix;
    }

    /** {@return the fabric namespace holding the switches (bridges) and their ports} */
    public Netns fabric() {
        return fabric;
    }

    // ---- shape --------------------------------------------------------------------------------

    /**
     * Creates nodes {@code names} on the default switch ({@value #DEFAULT_NETWORK}).
     *
     * @param names the nodes' names
     * @return the new nodes, in the order of {@code names}
     */
    public List<Node> nodes(String... names) {
        return network(DEFAULT_NETWORK).nodes(names);
    }

    /**
     * {@return the node named {@code name}}
     *
     * @param name the node's name
     * @throws IllegalArgumentException if the lab has none of that name
     */
    public synchronized Node node(String name) {
        Node n = nodes.get(name);
        if (n == null) {
            throw new IllegalArgumentException("lab " + base + " has no node " + name + "; it has " + nodes.keySet());
        }
        return n;
    }

    /** {@return every node, in the order they were made} */
    public synchronized List<Node> nodes() {
        return List.copyOf(nodes.values());
    }

    /**
     * Creates node {@code name}: a namespace with its loopback up, plugged into nothing yet (see
     * {@link Network#attach}).
     *
     * @param name the node's name in the lab
     * @throws IllegalArgumentException if the name is taken or not 1-24 letters, digits, '-', '_'
     * @return the new node
     */
    public synchronized Node newNode(String name) {
        Node n = createNodes(List.of(name), NODE_SYSCTLS).getFirst();
        n.netns().linkService().setUp(LOOPBACK, true);
        return n;
    }

    /** The loopback's index: always 1 in a new namespace. */
    private static final int LOOPBACK = 1;

    /**
     * Makes the namespaces of nodes {@code names} at once, with {@code sysctls} written in each as
     * it is made, and adds the nodes to the lab (so they are deleted with it whatever happens
     * next). Their loopback is still down.
     */
    private List<Node> createNodes(List<String> names, Map<String, String> sysctls) {
        ensureOpen();
        Set<String> fresh = new HashSet<>();
        List<String> nsNames = new ArrayList<>();
        for (String name : names) {
            LabNames.checkName("node", name);
            if (nodes.containsKey(name) || !fresh.add(name)) {
                throw new IllegalArgumentException("lab " + base + " has a node " + name + " already");
            }
            nsNames.add(base + "-" + name);
        }
        List<Netns> made = Netns.createAll(nsNames, sysctls);
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Node n = new Node(this, names.get(i), nodes.size(), made.get(i));
            nodes.put(names.get(i), n);
            out.add(n);
        }
        return out;
    }

    /** Creates nodes {@code names} and plugs them into {@code network}, all in a few batched requests. */
    synchronized List<Node> newNodesOn(Network network, List<String> names) {
        ensureOpen();
        checkNetwork(network);
        if (names.isEmpty()) {
            return List.of();
        }
        List<Node> made = createNodes(names, NODE_SYSCTLS);
        attachAll(made, network, true);
        return made;
    }

    /**
     * {@return the switch named {@code name}, made (a bridge in the fabric) if the lab has none of that
     * name yet}
     *
     * @param name the switch's name in the lab
     */
    public synchronized Network network(String name) {
        ensureOpen();
        Network n = networks.get(name);
        if (n != null) {
            return n;
        }
        LabNames.checkName("switch", name);
        int index = networks.size();
        if (index > 0xFFFF) {
            throw new IllegalStateException("a lab has at most 65536 switches");
        }
        Link bridge = fabric.link(Bridge.named("sw" + index)).up();
        n = new Network(this, name, index, bridge);
        networks.put(name, n);
        return n;
    }

    /** {@return every switch, in the order they were made} */
    public synchronized List<Network> networks() {
        return List.copyOf(networks.values());
    }

    /**
     * {@return a point-to-point link between nodes {@code a} and {@code b} (each made if the lab has none of
     * that name): a switch of its own named {@code a_b} with just the two of them}
     *
     * @param a one end's node name
     * @param b the other end's node name
     */
    public synchronized Network link(String a, String b) {
        if (a.equals(b)) {
            throw new IllegalArgumentException("a link needs two different nodes, got " + a + " twice");
        }
        Node na = nodes.containsKey(a) ? nodes.get(a) : newNode(a);
        Node nb = nodes.containsKey(b) ? nodes.get(b) : newNode(b);
        String name = a + "_" + b;
        if (networks.containsKey(name)) {
            throw new IllegalArgumentException("nodes " + a + " and " + b + " are linked already");
        }
        Network net = network(name);
        attach(na, net);
        attach(nb, net);
        return net;
    }

    /**
     * Creates node {@code name} plugged into every one of {@code networks}, forwarding IPv4 and
     * IPv6 between them; every node of the lab gets routes through it to the switches it joins.
     *
     * @param name the router's node name
     * @param networks the switches it joins
     * @return the router's node
     */
    public synchronized Node router(String name, Network... networks) {
        if (networks.length < 2) {
            throw new IllegalArgumentException("router " + name + " needs at least two switches, got "
                    + networks.length);
        }
        for (Network n : networks) {
            checkNetwork(n);
        }
        Map<String, String> sysctls = new LinkedHashMap<>(NODE_SYSCTLS);
        sysctls.put("net.ipv4.ip_forward", "1");
        sysctls.put("net.ipv6.conf.all.forwarding", "1");
        Node r = createNodes(List.of(name), sysctls).getFirst();
        r.markRouter();
        boolean first = true;
        for (Network n : networks) {
            attachAll(List.of(r), n, first);
            first = false;
        }
        return r;
    }

    /** Plugs {@code node} into {@code network}: a veth pair, addresses, routes. */
    synchronized Interface attach(Node node, Network network) {
        return attachAll(List.of(node), network, false).getFirst();
    }

    /**
     * Plugs {@code plugged} into {@code network} with few requests whatever their number: the veth
     * pairs are made from the fabric in one send, each port there, already a port of the switch's
     * bridge and up (IFLA_MASTER and IFF_UP in its create request), and each node's end in its node
     * (IFLA_NET_NS_FD), and the kernel's echo of each names both ends' indexes; each node gets its two
     * addresses in one send and its interface (with {@code loopbackToo}, its loopback as well)
     * raised in one more. Then routes, if the lab has routers.
     */
    private List<Interface> attachAll(List<Node> plugged, Network network, boolean loopbackToo) {
        ensureOpen();
        checkNetwork(network);
        Set<Node> seen = new HashSet<>();
        for (Node node : plugged) {
            if (node.lab() != this || !seen.add(node)) {
                throw new IllegalArgumentException("node " + node.name() + " must belong to lab " + base
                        + " and be given once");
            }
            for (Interface i : node.interfacesLocked()) {
                if (i.network() == network) {
                    throw new IllegalArgumentException("node " + node.name() + " is on network " + network.name()
                            + " already");
                }
            }
        }
        int firstHost = network.membersLocked().size() + 1;
        if (firstHost + plugged.size() - 1 > 254) {
            throw new IllegalStateException("network " + network.name() + " is full (254 nodes)");
        }
        int n = plugged.size();
        String[] ifnames = new String[n];
        String[] portNames = new String[n];
        List<Veth> specs = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            Node node = plugged.get(k);
            ifnames[k] = "eth" + node.interfacesLocked().size();
            portNames[k] = "p" + (ports++);
            // the switch port is made a port of the bridge and up by its create request itself
            specs.add(Veth.named(portNames[k]).peer(ifnames[k], node.netns()).master(network.bridge.index()).up());
        }
        List<LinkInfo> made = fabric.linkService().createAllReturning(specs);
        int[] portIndexes = new int[n];
        int[] ethIndexes = new int[n];
        for (int k = 0; k < n; k++) {
            portIndexes[k] = made.get(k).index();
            int peer = made.get(k).peerIndex();
            // IFLA_LINK of a veth is its peer's index; a kernel that left it out is asked by name.
            ethIndexes[k] = peer > 0 ? peer : plugged.get(k).netns().linkService().indexOf(ifnames[k]);
        }
        List<Interface> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            Node node = plugged.get(k);
            int host = firstHost + k;
            InetAddress v4 = literal(network.v4Base() + host);
            InetAddress v6 = literal(network.v6Base() + ":" + Integer.toHexString(host));
            // NODAD as well (accept_dad is off anyway): the lab made every address, they are unique.
            node.netns().addresses().addAll(List.of(
                    AddressSpec.builder().link(ethIndexes[k]).prefix(v4.getHostAddress() + "/24").build(),
                    AddressSpec.builder().link(ethIndexes[k]).prefix(v6.getHostAddress() + "/64").noDad().build()));
            node.netns().linkService().setUpAll(loopbackToo ? new int[] {LOOPBACK, ethIndexes[k]}
                    : new int[] {ethIndexes[k]}, true);
            Interface i = new Interface(node, network, ifnames[k], ethIndexes[k], v4, v6, portNames[k], portIndexes[k]);
            node.interfacesLocked().add(i);
            network.membersLocked().add(i);
            out.add(i);
        }
        if (hasRouters()) {
            installRoutes();
        }
        return out;
    }

    private boolean hasRouters() {
        for (Node n : nodes.values()) {
            if (n.isRouter()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Gives every node a route to every switch it is not on but can reach through routers: the
     * first hop of a shortest path (breadth-first over switches and routers), IPv4 and IPv6.
     */
    private void installRoutes() {
        for (Node n : nodes.values()) {
            Map<Network, Interface> firstHop = firstHops(n);
            Map<String, String> have = routes.computeIfAbsent(n, k -> new HashMap<>());
            for (Map.Entry<Network, Interface> e : firstHop.entrySet()) {
                Network dst = e.getKey();
                Interface gw = e.getValue();
                put(n, have, dst.subnet(), gw.address());
                put(n, have, dst.subnet6(), gw.address6());
            }
        }
    }

    private static void put(Node n, Map<String, String> have, String subnet, InetAddress gw) {
        String via = gw.getHostAddress();
        if (via.equals(have.get(subnet))) {
            return;
        }
        n.netns().routes().replace(Route.to(subnet).via(via));
        have.put(subnet, via);
    }

    /** For each switch node {@code n} is not on: the router interface to send through. */
    private Map<Network, Interface> firstHops(Node n) {
        Map<Network, Interface> hop = new HashMap<>();
        Set<Network> seen = new HashSet<>();
        ArrayDeque<Network> queue = new ArrayDeque<>();
        for (Interface i : n.interfacesLocked()) {
            seen.add(i.network());
            queue.add(i.network());
        }
        while (!queue.isEmpty()) {
            Network net = queue.poll();
            for (Interface member : net.membersLocked()) {
                Node r = member.node();
                if (!r.isRouter() || r == n) {
                    continue;
                }
                for (Interface out : r.interfacesLocked()) {
                    Network next = out.network();
                    if (seen.add(next)) {
                        // The first hop is the router's address on one of n's own switches.
                        hop.put(next, hop.containsKey(net) ? hop.get(net) : member);
                        queue.add(next);
                    }
                }
            }
        }
        return hop;
    }

    private static InetAddress literal(String text) {
        try {
            return InetAddress.getByName(text); // a literal: no name lookup
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- faults -------------------------------------------------------------------------------

    /** The kinds of fault, for {@link #heal()} and {@link Faults}. */
    enum Kind { PARTITION, BLOCK, LOSS, RATE, DELAY, DISCONNECT }

    /** A fault in force: how to take it away. */
    private final class Active implements Fault {
        final Kind kind;
        final String description;
        final Node node;
        final Runnable undo;
        boolean active = true;

        Active(Kind kind, String description, Node node, Runnable undo) {
            this.kind = kind;
            this.description = description;
            this.node = node;
            this.undo = undo;
        }

        @Override
        public String description() {
            return description;
        }

        @Override
        public boolean isActive() {
            synchronized (Lab.this) {
                return active;
            }
        }

        @Override
        public void remove() {
            synchronized (Lab.this) {
                if (!active || closed) {
                    return;
                }
                undo.run();
                active = false;
                faults.remove(this);
            }
        }

        @Override
        public String toString() {
            return description + (active ? "" : " (removed)");
        }
    }

    private Fault add(Kind kind, String description, Node node, Runnable undo) {
        Active a = new Active(kind, description, node, undo);
        faults.add(a);
        return a;
    }

    /** {@return the faults in force, oldest first} */
    public synchronized List<Fault> faults() {
        return List.copyOf(faults);
    }

    /**
     * Splits the lab into {@code groups}: frames between nodes of different groups are dropped by
     * the switches, both ways; within a group everything flows. Nodes named in no group form one
     * more group together, so {@code partition(List.of(n1))} cuts n1 off from all the rest. A
     * router is cut like any node (it belongs to the group it is in, or to the rest).
     *
     * <p>One nf_tables transaction in the fabric (a drop rule per pair of switch ports of
     * different groups), read back before this returns. Remove it with {@link Fault#remove()} or
     * {@link #heal()}.
     *
     * @param groups the sides of the partition; nodes in none of them form one more side
     * @throws IllegalArgumentException if a group is empty, a node is in two groups or in another
     *                                  lab, or fewer than two groups result
     * @return the partition in force, to remove with {@link Fault#remove()}
     */
    @SafeVarargs
    public final synchronized Fault partition(java.util.Collection<Node>... groups) {
        ensureOpen();
        List<List<Node>> sides = new ArrayList<>();
        Set<Node> seen = new HashSet<>();
        for (java.util.Collection<Node> g : groups) {
            if (g == null || g.isEmpty()) {
                throw new IllegalArgumentException("a partition's group is empty");
            }
            for (Node n : g) {
                checkMember(n);
                if (!seen.add(n)) {
                    throw new IllegalArgumentException("node " + n.name() + " is in two groups of the partition");
                }
            }
            sides.add(List.copyOf(g));
        }
        List<Node> rest = nodes.values().stream().filter(n -> !seen.contains(n)).toList();
        if (!rest.isEmpty()) {
            sides.add(rest);
        }
        if (sides.size() < 2) {
            throw new IllegalArgumentException("a partition needs two groups at least; every node of the lab is in "
                    + "the one given");
        }
        List<List<io.jnetlink.nft.expr.Expression>> rules = new ArrayList<>();
        for (int i = 0; i < sides.size(); i++) {
            for (int j = 0; j < sides.size(); j++) {
                if (i == j) {
                    continue;
                }
                for (String p : ports(sides.get(i))) {
                    for (String q : ports(sides.get(j))) {
                        rules.add(Filter.drop(Family.BRIDGE, Filter.inPort(p), Filter.outPort(q)));
                    }
                }
            }
        }
        String what = "partition " + String.join(" | ", sides.stream()
                .map(s -> s.stream().map(Node::name).toList().toString()).toList());
        Filter f = fabricFilter();
        List<Long> handles = f.add(rules, what);
        return add(Kind.PARTITION, what, null, () -> f.remove(handles, "heal " + what));
    }

    /**
     * Cuts {@code node} off from every other node: {@code partition(List.of(node))}.
     *
     * @param node the node to cut off
     * @return the partition in force, to remove with {@link Fault#remove()}
     */
    public Fault isolate(Node node) {
        return partition(List.of(node));
    }

    /**
     * Removes every partition and one-way block (loss, rate limits and disconnections stay; see
     * {@link #clearFaults()}).
     */
    public synchronized void heal() {
        for (Active a : List.copyOf(faults)) {
            if (a.kind == Kind.PARTITION || a.kind == Kind.BLOCK) {
                a.remove();
            }
        }
    }

    /** Removes every fault in force. */
    public synchronized void clearFaults() {
        for (Active a : List.copyOf(faults).reversed()) {
            a.remove();
        }
    }

    /**
     * One-way block: {@code from} can no longer open connections (TCP) or start flows (UDP, ICMP)
     * to {@code to}, and what it opened before stops too; {@code to} still reaches {@code from}'s
     * servers, replies included. Packets from {@code from}'s addresses that travel in the
     * direction their connection was opened ({@code ct direction original}) are dropped as they
     * arrive in {@code to}, which needs {@code to}'s connection tracking: the rules live in
     * {@code to}'s own table ({@code inet jnl-lab}, chain {@code input}), IPv4 and IPv6.
     *
     * @param from the node whose new connections and flows are dropped
     * @param to the node they are dropped on the way to
     * @return the block in force, to remove with {@link Fault#remove()}
     */
    public synchronized Fault block(Node from, Node to) {
        ensureOpen();
        checkMember(from);
        checkMember(to);
        if (from == to) {
            throw new IllegalArgumentException("a node cannot block itself (" + from.name() + ")");
        }
        List<List<io.jnetlink.nft.expr.Expression>> rules = new ArrayList<>();
        for (Interface i : from.interfacesLocked()) {
            rules.add(Filter.dropOriginalFrom(i.address()));
            rules.add(Filter.dropOriginalFrom(i.address6()));
        }
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("node " + from.name() + " has no address to block");
        }
        String what = "block " + from.name() + " -> " + to.name();
        Filter f = nodeFilters.computeIfAbsent(to, n -> Filter.nodeInput(n.netns()));
        List<Long> handles = f.add(rules, what);
        return add(Kind.BLOCK, what, to, () -> f.remove(handles, "unblock " + from.name() + " -> " + to.name()));
    }

    /**
     * Drops {@code percent} of the frames {@code node} sends and of those it receives, at random
     * ({@code numgen random} rules on its switch ports, in the fabric). Between two nodes under loss
     * a frame runs that risk twice.
     *
     * @param node the node whose frames are dropped
     * @param percent the share dropped, in percent
     * @throws IllegalArgumentException unless 0 &lt; percent &lt;= 100
     * @return the loss in force, to remove with {@link Fault#remove()}
     */
    public synchronized Fault loss(Node node, double percent) {
        ensureOpen();
        checkMember(node);
        checkPercent(percent);
        List<List<io.jnetlink.nft.expr.Expression>> rules = new ArrayList<>();
        for (Interface i : node.interfacesLocked()) {
            rules.add(lossRule(Filter.inPort(i.port()), percent));
            rules.add(lossRule(Filter.outPort(i.port()), percent));
        }
        return lossFault("loss " + percent + "% at " + node.name(), node, rules);
    }

    /**
     * Drops {@code percent} of the frames crossing switch {@code network}, at random: each frame
     * enters the switch through one port, and there runs that risk once.
     *
     * @param network the switch whose frames are dropped
     * @param percent the share dropped, in percent
     * @throws IllegalArgumentException unless 0 &lt; percent &lt;= 100
     * @return the loss in force, to remove with {@link Fault#remove()}
     */
    public synchronized Fault loss(Network network, double percent) {
        ensureOpen();
        checkNetwork(network);
        checkPercent(percent);
        List<List<io.jnetlink.nft.expr.Expression>> rules = new ArrayList<>();
        for (Interface i : network.membersLocked()) {
            rules.add(lossRule(Filter.inPort(i.port()), percent));
        }
        return lossFault("loss " + percent + "% on " + network.name(), null, rules);
    }

    private Fault lossFault(String what, Node node, List<List<io.jnetlink.nft.expr.Expression>> rules) {
        if (rules.isEmpty()) {
            throw new IllegalArgumentException(what + ": nothing is plugged in there");
        }
        Filter f = fabricFilter();
        List<Long> handles = f.add(rules, what);
        return add(Kind.LOSS, what, node, () -> f.remove(handles, "end " + what));
    }

    private static List<io.jnetlink.nft.expr.Expression> lossRule(Match where, double percent) {
        return percent >= 100 ? Filter.drop(Family.BRIDGE, where)
                : Filter.drop(Family.BRIDGE, where, Filter.randomBelow(percent));
    }

    private static void checkPercent(double percent) {
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("loss must be more than 0% and at most 100%, got " + percent + "%");
        }
    }

    /**
     * Unplugs {@code node}: its switch ports go down, so its interfaces lose carrier (as when a
     * cable is pulled; addresses and routes stay). Returns once the node's interfaces report no
     * carrier. Undo with {@link #reconnect(Node)} or the fault's {@link Fault#remove()}.
     *
     * @param node the node to unplug
     * @throws IllegalStateException if the node is disconnected already
     * @return the disconnection in force; removing it plugs the node in again
     */
    public synchronized Fault disconnect(Node node) {
        ensureOpen();
        checkMember(node);
        for (Active a : faults) {
            if (a.kind == Kind.DISCONNECT && a.node == node) {
                throw new IllegalStateException("node " + node.name() + " is disconnected already");
            }
        }
        List<Interface> ifs = List.copyOf(node.interfacesLocked());
        setPorts(ifs, false);
        for (Interface i : ifs) {
            if (node.netns().linkService().get(i.index()).isLowerUp()) {
                throw new IllegalStateException("disconnect " + node.name() + ": " + i.name() + " still has carrier");
            }
        }
        return add(Kind.DISCONNECT, "disconnect " + node.name(), node, () -> {
            setPorts(ifs, true);
            awaitUp(node, ifs);
        });
    }

    /**
     * Plugs {@code node} back in: its switch ports come up, and this returns once the node's
     * interfaces and the ports are operationally up.
     *
     * @param node the node to plug in again
     * @throws IllegalStateException if the node is not disconnected
     */
    public synchronized void reconnect(Node node) {
        checkMember(node);
        for (Active a : List.copyOf(faults)) {
            if (a.kind == Kind.DISCONNECT && a.node == node) {
                a.remove();
                return;
            }
        }
        throw new IllegalStateException("node " + node.name() + " is not disconnected");
    }

    // ---- qdisc faults: rate, delay ------------------------------------------------------------

    /** One link that a qdisc fault shapes: a node's interface or a switch port in the fabric. */
    private record Shaped(Netns ns, int index, String key, String label) {}

    /** The links of a node: its interfaces (what it sends) and their switch ports (what it receives). */
    private List<Shaped> linksOf(Node node) {
        List<Shaped> l = new ArrayList<>();
        for (Interface i : node.interfacesLocked()) {
            l.add(new Shaped(node.netns(), i.index(), "node:" + node.name() + ":" + i.index(), node.name() + ":" + i.name()));
            l.add(new Shaped(fabric, i.portIndex(), "fabric:" + i.portIndex(), "switch port of " + node.name() + ":" + i.name()));
        }
        return l;
    }

    /** The ports of a switch: every frame crossing it leaves through one of them. */
    private List<Shaped> linksOf(Network network) {
        List<Shaped> l = new ArrayList<>();
        for (Interface i : network.membersLocked()) {
            l.add(new Shaped(fabric, i.portIndex(), "fabric:" + i.portIndex(), "switch port of " + i.node().name() + ":"
                    + i.name()));
        }
        return l;
    }

    /**
     * Limits {@code node} to {@code bitsPerSecond} each way: a token bucket (tc {@code tbf}) on each
     * of its interfaces (what it sends) and on their switch ports (what it receives), with a burst
     * of 20 ms of the rate and a queue of 100 ms. Read back before this returns.
     *
     * @param node the node to limit
     * @param bitsPerSecond the rate each way, in bits per second
     * @throws IllegalArgumentException if the rate is below 8,000 bit/s
     * @throws IllegalStateException    if the node has a rate limit or delay already
     * @return the limit in force, to remove with {@link Fault#remove()}
     */
    public synchronized Fault rate(Node node, long bitsPerSecond) {
        ensureOpen();
        checkMember(node);
        return rateFault("rate " + bitsPerSecond + " bit/s at " + node.name(), linksOf(node), bitsPerSecond);
    }

    /**
     * Limits switch {@code network} to {@code bitsPerSecond} towards each member: a token bucket on
     * every port, so each flow across the switch is shaped once (see {@link #rate(Node, long)}).
     *
     * @param network the switch to limit
     * @param bitsPerSecond the rate towards each member, in bits per second
     * @return the limit in force, to remove with {@link Fault#remove()}
     */
    public synchronized Fault rate(Network network, long bitsPerSecond) {
        ensureOpen();
        checkNetwork(network);
        return rateFault("rate " + bitsPerSecond + " bit/s on " + network.name(), linksOf(network), bitsPerSecond);
    }

    private Fault rateFault(String what, List<Shaped> links, long bitsPerSecond) {
        if (bitsPerSecond < 8000) {
            throw new IllegalArgumentException(what + ": the rate must be at least 8000 bit/s");
        }
        Rate rate = Rate.bits(bitsPerSecond);
        // A bucket of 20 ms of the rate (but at least two full frames), a queue of 100 ms.
        long burst = Math.max(2 * 1514, rate.bytesPerSecond() / 50);
        Tbf tbf = Tbf.rate(rate).burst(burst).latency(Duration.ofMillis(100));
        return qdiscFault(Kind.RATE, what, links, tbf);
    }

    /**
     * Delays every frame {@code node} sends by {@code delay} (tc {@code netem} on its interfaces).
     *
     * @param node the node whose frames are delayed
     * @param delay the delay added to each frame
     * @throws FaultNotSupportedException if the kernel has no netem (sch_netem); nothing is applied
     * @return the delay in force, to remove with {@link Fault#remove()}
     */
    public Fault delay(Node node, Duration delay) {
        return jitter(node, delay, Duration.ZERO);
    }

    /**
     * Delays every frame {@code node} sends by {@code delay} plus or minus up to {@code jitter}
     * (tc {@code netem delay D J}).
     *
     * @param node the node whose frames are delayed
     * @param delay the mean delay added to each frame
     * @param jitter how far a frame's delay may differ from {@code delay}, either way
     * @throws FaultNotSupportedException if the kernel has no netem (sch_netem); nothing is applied
     * @return the delay in force, to remove with {@link Fault#remove()}
     */
    public synchronized Fault jitter(Node node, Duration delay, Duration jitter) {
        ensureOpen();
        checkMember(node);
        if (delay == null || delay.isNegative() || delay.isZero() || jitter == null || jitter.isNegative()) {
            throw new IllegalArgumentException("delay must be positive and jitter not negative, got " + delay + " and "
                    + jitter);
        }
        List<Shaped> own = linksOf(node).stream().filter(l -> l.ns() == node.netns()).toList();
        String what = "delay " + delay.toMillis() + " ms" + (jitter.isZero() ? "" : " +- " + jitter.toMillis() + " ms")
                + " at " + node.name();
        return qdiscFault(Kind.DELAY, what, own, Netem.create().delay(delay, jitter, 0));
    }

    /** Puts {@code kind} as root qdisc on every link, all or none, reads them back; undone by deleting them. */
    private Fault qdiscFault(Kind faultKind, String what, List<Shaped> links, QdiscKind kind) {
        if (links.isEmpty()) {
            throw new IllegalArgumentException(what + ": nothing is plugged in there");
        }
        for (Shaped l : links) {
            if (shaped.contains(l.key())) {
                throw new IllegalStateException(what + ": " + l.label() + " has a rate limit or delay already; "
                        + "remove that fault first");
            }
        }
        List<Shaped> done = new ArrayList<>();
        try {
            for (Shaped l : links) {
                l.ns().tc().qdiscs().add(l.index(), QdiscSpec.of(kind));
                done.add(l);
                boolean there = l.ns().tc().qdiscs().list(l.index()).stream()
                        .anyMatch(q -> q.isRoot() && q.kind().equals(kind.kind()));
                if (!there) {
                    throw new IllegalStateException(what + ": the kernel acknowledged the " + kind.kind() + " qdisc on "
                            + l.label() + " but does not list it");
                }
            }
        } catch (RuntimeException e) {
            for (Shaped l : done) {
                try {
                    l.ns().tc().qdiscs().delete(l.index(), Handle.ROOT);
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            if (e instanceof KindNotSupportedException k) {
                throw new FaultNotSupportedException(what + ": this kernel has no " + kind.kind() + " qdisc (module "
                        + k.module() + "), which " + faultKind.name().toLowerCase(java.util.Locale.ROOT)
                        + " needs; nothing was applied", e);
            }
            throw e;
        }
        for (Shaped l : links) {
            shaped.add(l.key());
        }
        return add(faultKind, what, null, () -> {
            for (Shaped l : links) {
                l.ns().tc().qdiscs().delete(l.index(), Handle.ROOT);
                shaped.remove(l.key());
                if (l.ns().tc().qdiscs().list(l.index()).stream().anyMatch(q -> q.kind().equals(kind.kind()))) {
                    throw new IllegalStateException("end " + what + ": the " + kind.kind() + " qdisc is still on "
                            + l.label());
                }
            }
        });
    }

    private void setPorts(List<Interface> ifs, boolean up) {
        for (Interface i : ifs) {
            fabric.linkService().setUp(i.portIndex(), up);
        }
    }

    /** Waits (up to 5 s) until the node's interfaces and their ports are up: the kernel sets operstate asynchronously. */
    private void awaitUp(Node node, List<Interface> ifs) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        for (Interface i : ifs) {
            while (!(isOperUp(node.netns(), i.index()) && isOperUp(fabric, i.portIndex()))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reconnect " + node.name() + ": " + i.name()
                            + " is not up after 5 s");
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while reconnecting " + node.name(), e);
                }
            }
        }
    }

    private static boolean isOperUp(Netns ns, int index) {
        var info = ns.linkService().get(index);
        return info.isLowerUp() && info.operState() == io.jnetlink.rtnl.link.OperState.UP;
    }

    private Filter fabricFilter() {
        if (fabricFilter == null) {
            fabricFilter = Filter.fabric(fabric);
        }
        return fabricFilter;
    }

    private static List<String> ports(List<Node> group) {
        List<String> p = new ArrayList<>();
        for (Node n : group) {
            for (Interface i : n.interfacesLocked()) {
                p.add(i.port());
            }
        }
        return p;
    }

    private void checkMember(Node n) {
        if (n == null || n.lab() != this) {
            throw new IllegalArgumentException("node " + (n == null ? null : n.name()) + " is not in lab " + base);
        }
    }

    private void checkNetwork(Network n) {
        if (n == null || networks.get(n.name()) != n) {
            throw new IllegalArgumentException("network " + (n == null ? null : n.name()) + " is not in lab " + base);
        }
    }

    // ---- lifetime -----------------------------------------------------------------------------

    void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("lab " + base + " is closed");
        }
    }

    /** {@return whether {@link #close()} was called} */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Stops every service, removes every fault and deletes every namespace of the lab (nodes
     * first, then the fabric). Idempotent; goes on past failures and throws the first at the end.
     */
    @Override
    public void close() {
        List<Node> all;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            all = new ArrayList<>(nodes.values());
            // The faults go with the namespaces (their tables with the sockets that own them).
            for (Active a : faults) {
                a.active = false;
            }
            faults.clear();
        }
        RuntimeException first = null;
        for (Node n : all) {
            if (!n.stopServices()) {
                LOG.warn("lab {}: a service of node {} did not stop; its namespace is deleted anyway", base, n.name());
            }
        }
        for (Node n : all) {
            try {
                n.netns().close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        try {
            fabric.close();
        } catch (RuntimeException e) {
            first = first == null ? e : first;
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public String toString() {
        return "Lab[" + base + ", nodes " + nodes.keySet() + ", switches " + networks.keySet() + "]";
    }
}
