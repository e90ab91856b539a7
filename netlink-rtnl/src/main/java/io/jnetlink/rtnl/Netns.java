package io.jnetlink.rtnl;

import io.jnetlink.core.codec.Netlink;
import io.jnetlink.core.events.Change;
import io.jnetlink.core.events.WatchedTable;
import io.jnetlink.core.netns.InNamespace;
import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.socket.NetlinkSocket;
import io.jnetlink.rtnl.addr.AddressInfo;
import io.jnetlink.rtnl.addr.Addresses;
import io.jnetlink.rtnl.bridge.BridgePorts;
import io.jnetlink.rtnl.bridge.Fdb;
import io.jnetlink.rtnl.bridge.FdbEntryInfo;
import io.jnetlink.rtnl.bridge.PortInfo;
import io.jnetlink.rtnl.link.LinkInfo;
import io.jnetlink.rtnl.link.LinkSpec;
import io.jnetlink.rtnl.link.Links;
import io.jnetlink.rtnl.neigh.NeighbourInfo;
import io.jnetlink.rtnl.neigh.Neighbours;
import io.jnetlink.rtnl.route.RouteInfo;
import io.jnetlink.rtnl.nexthop.NexthopInfo;
import io.jnetlink.rtnl.nexthop.Nexthops;
import io.jnetlink.rtnl.route.Routes;
import io.jnetlink.rtnl.rule.RuleInfo;
import io.jnetlink.rtnl.rule.Rules;
import io.jnetlink.rtnl.tc.ClassInfo;
import io.jnetlink.rtnl.tc.FilterInfo;
import io.jnetlink.rtnl.tc.QdiscInfo;
import io.jnetlink.rtnl.tc.TrafficControl;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * A network namespace with its links, addresses, routes and neighbours: the entry point of the
 * fluent API.
 *
 * <pre>{@code
 * try (Netns host = Netns.create("lab-host");
 *      Netns red = Netns.create("lab-red")) {
 *     Link bridge = host.link(Bridge.named("v-net-0")).up().address("192.168.15.5/24");
 *     red.link(Veth.named("veth-red").peer("veth-red-br", host)).address("192.168.15.1/24").up();
 *     host.link("veth-red-br").master(bridge).up();
 *     red.routes().add(Route.defaultVia("192.168.15.5"));
 * }   // both namespaces, and everything in them, are gone here
 * }</pre>
 *
 * <p>A {@code Netns} from {@link #create} owns its namespace and deletes it on {@link #close()};
 * one from {@link #open} or {@link #self()} does not. All requests go through the namespace's own
 * NETLINK_ROUTE socket, opened once; a {@code Netns} is thread-safe. Before each fluent call the
 * handle checks that the namespace still exists, so a namespace deleted behind the program's back
 * (by {@code ip netns del}) fails with {@link io.jnetlink.core.NoSuchNamespaceException} instead
 * of silently changing an orphaned namespace.
 */
public final class Netns implements InNamespace, AutoCloseable {
    private final NetworkNamespace ns;
    private volatile Links links;
    private volatile Addresses addresses;
    private volatile Routes routes;
    private volatile Neighbours neighbours;
    private volatile TrafficControl tc;

    private Netns(NetworkNamespace ns) {
        this.ns = ns;
    }

    /**
     * Creates namespace {@code name} (like {@code ip netns add}); closing the handle deletes it.
     *
     * @param name the namespace's name
     * @return the namespace
     */
    public static Netns create(String name) {
        return new Netns(NetworkNamespace.create(name));
    }

    /**
     * Creates the namespaces {@code names} at once, with {@code sysctls} written in each before
     * anything else happens there (see {@link NetworkNamespace#createAll}); all or nothing. Closing
     * a handle deletes its namespace.
     *
     * @param names   the namespaces' names, all different
     * @param sysctls net.* keys and values to write in each, in their iteration order
     * @return the handles, in the order of {@code names}
     */
    public static List<Netns> createAll(List<String> names, java.util.Map<String, String> sysctls) {
        return NetworkNamespace.createAll(names, sysctls).stream().map(Netns::new).toList();
    }

    /**
     * Opens the existing namespace {@code name}; closing the handle leaves it.
     *
     * @param name the namespace's name
     * @return the namespace
     */
    public static Netns open(String name) {
        return new Netns(NetworkNamespace.open(name));
    }

    /** {@return the namespace the JVM started in} */
    public static Netns self() {
        return new Netns(NetworkNamespace.self());
    }

    /**
     * {@return the fluent API over a core handle (which keeps its own ownership rules)}
     *
     * @param ns the core handle
     */
    public static Netns wrap(InNamespace ns) {
        return new Netns(ns.namespace());
    }

    /** {@return the names of the namespaces under /run/netns (like {@code ip netns list})} */
    public static List<String> list() {
        return NetworkNamespace.list();
    }

    /**
     * Deletes namespace {@code name} (like {@code ip netns del}).
     *
     * @param name the namespace's name
     */
    public static void delete(String name) {
        NetworkNamespace.delete(name);
    }

    /** {@return the namespace's name, or null for {@link #self()}} */
    public String name() {
        return ns.name();
    }

    @Override
    public NetworkNamespace namespace() {
        return ns;
    }

    /** {@return the namespace's NETLINK_ROUTE socket (shared, thread-safe)} */
    public NetlinkSocket rtnl() {
        return ns.socket(Netlink.NETLINK_ROUTE);
    }

    // ---- links -----------------------------------------------------------------------------------

    /**
     * Creates a link and returns a handle to it: one RTM_NEWLINK with NLM_F_ECHO, whose echoed
     * reply gives the index (see {@link Links#createReturningIndex}; before Linux 6.3 one
     * RTM_GETLINK by name follows). For a veth the handle is the local end.
     *
     * @param spec the link to create
     * @return a handle to the new link
     */
    public Link link(LinkSpec<?> spec) {
        ns.ensureAlive();
        return new Link(this, linkService().createReturningIndex(spec), spec.name());
    }

    /**
     * {@return a handle to the existing link named {@code name} (one RTM_GETLINK to learn its index)}
     *
     * @param name the link's name
     */
    public Link link(String name) {
        ns.ensureAlive();
        return new Link(this, linkService().indexOf(name), name);
    }

    /**
     * {@return a handle to the existing link with index {@code index} (one RTM_GETLINK to learn its name)}
     *
     * @param index the link's index
     */
    public Link link(int index) {
        ns.ensureAlive();
        return new Link(this, index, linkService().get(index).name());
    }

    /** {@return every link, as {@code ip -d -s link show} lists them: one RTM_GETLINK dump} */
    public List<LinkInfo> links() {
        ns.ensureAlive();
        return linkService().list();
    }

    /** {@return the typed link requests of this namespace (no liveness check: for tight loops)} */
    public Links linkService() {
        Links l = links;
        if (l == null) {
            l = links = new Links(this); // with the namespace, so it can make tun/tap devices too
        }
        return l;
    }

    // ---- addresses, routes, neighbours ----------------------------------------------------------

    /**
     * Addresses of this namespace (RTM_NEWADDR / RTM_DELADDR / RTM_GETADDR).
     *
     * @return the service
     */
    public Addresses addresses() {
        ns.ensureAlive();
        Addresses a = addresses;
        if (a == null) {
            a = addresses = new Addresses(rtnl());
        }
        return a;
    }

    /**
     * Routes of this namespace (RTM_NEWROUTE / RTM_DELROUTE / RTM_GETROUTE).
     *
     * @return the service
     */
    public Routes routes() {
        ns.ensureAlive();
        Routes r = routes;
        if (r == null) {
            r = routes = new Routes(rtnl());
        }
        return r;
    }

    /** {@return the neighbour (ARP / NDP) table of this namespace (RTM_NEWNEIGH / RTM_DELNEIGH / RTM_GETNEIGH)} */
    public Neighbours neighbours() {
        ns.ensureAlive();
        Neighbours n = neighbours;
        if (n == null) {
            n = neighbours = new Neighbours(rtnl());
        }
        return n;
    }

    /** {@return the policy-routing rules of this namespace (RTM_NEWRULE / RTM_DELRULE / RTM_GETRULE): {@code ip rule}} */
    public Rules rules() {
        ns.ensureAlive();
        return new Rules(rtnl());
    }

    /** {@return the nexthop objects of this namespace (RTM_NEWNEXTHOP / RTM_DELNEXTHOP / RTM_GETNEXTHOP): {@code ip nexthop}} */
    public Nexthops nexthops() {
        ns.ensureAlive();
        return new Nexthops(rtnl());
    }

    /** {@return the bridge and VXLAN forwarding databases of this namespace (RTM_*NEIGH of AF_BRIDGE): {@code bridge fdb}} */
    public Fdb fdb() {
        ns.ensureAlive();
        return new Fdb(rtnl());
    }

    /** {@return the bridge ports of this namespace, their options and VLANs (AF_BRIDGE): {@code bridge link}, {@code bridge vlan}} */
    public BridgePorts bridgePorts() {
        ns.ensureAlive();
        return new BridgePorts(rtnl());
    }

    /**
     * Traffic control of this namespace, what {@code tc} does: qdiscs, classes and filters.
     *
     * @return the service
     */
    public TrafficControl tc() {
        ns.ensureAlive();
        TrafficControl t = tc;
        if (t == null) {
            t = tc = new TrafficControl(rtnl());
        }
        return t;
    }

    // ---- events ----------------------------------------------------------------------------------

    /**
     * Watches the links: a table that starts from a dump and follows RTNLGRP_LINK events, calling
     * {@code listener} (on the watch's own thread) for each change. Close it to stop.
     *
     * @param listener receives each change, on the watch's thread
     * @return the watch, holding the first dump; close it to stop
     */
    public WatchedTable<Integer, LinkInfo> watchLinks(Consumer<Change<Integer, LinkInfo>> listener) {
        ns.ensureAlive();
        return Watches.links(this, 0, listener);
    }

    /**
     * Watches the IPv4 and IPv6 addresses (see {@link #watchLinks}).
     *
     * @param listener receives each change, on the watch's thread
     * @return the watch, holding the first dump; close it to stop
     */
    public WatchedTable<Watches.AddressKey, AddressInfo> watchAddresses(
            Consumer<Change<Watches.AddressKey, AddressInfo>> listener) {
        ns.ensureAlive();
        return Watches.addresses(this, 0, listener);
    }

    /**
     * Watches the IPv4 and IPv6 routes of every table (see {@link #watchLinks}).
     *
     * @param listener receives each change, on the watch's thread
     * @return the watch, holding the first dump; close it to stop
     */
    public WatchedTable<Watches.RouteKey, RouteInfo> watchRoutes(Consumer<Change<Watches.RouteKey, RouteInfo>> listener) {
        ns.ensureAlive();
        return Watches.routes(this, 0, listener);
    }

    /**
     * Watches the neighbour table (see {@link #watchLinks}).
     *
     * @param listener receives each change, on the watch's thread
     * @return the watch, holding the first dump; close it to stop
     */
    public WatchedTable<Watches.NeighbourKey, NeighbourInfo> watchNeighbours(
            Consumer<Change<Watches.NeighbourKey, NeighbourInfo>> listener) {
        ns.ensureAlive();
        return Watches.neighbours(this, 0, listener);
    }

    /**
     * Watches the IPv4 and IPv6 policy rules (see {@link #watchLinks}).
     *
     * @param listener receives each change, on the watch's thread
     * @return the watch, holding the first dump; close it to stop
     */
    public WatchedTable<RuleInfo, RuleInfo> watchRules(Consumer<Change<RuleInfo, RuleInfo>> listener) {
        ns.ensureAlive();
        return Watches.rules(this, 0, listener);
    }

    /**
     * Watches the nexthop objects (see {@link #watchLinks}).
     *
     * @param listener receives each change, on the watch's thread
     * @return the watch, holding the first dump; close it to stop
     */
    public WatchedTable<Long, NexthopInfo> watchNexthops(Consumer<Change<Long, NexthopInfo>> listener) {
        ns.ensureAlive();
        return Watches.nexthops(this, 0, listener);
    }

    /**
     * Watches the bridge and VXLAN FDB entries (see {@link #watchLinks}).
     *
     * @param listener receives each change, on the watch's thread
     * @return the watch, holding the first dump; close it to stop
     */
    public WatchedTable<Watches.FdbKey, FdbEntryInfo> watchFdb(Consumer<Change<Watches.FdbKey, FdbEntryInfo>> listener) {
        ns.ensureAlive();
        return Watches.fdb(this, 0, listener);
    }

    /**
     * Watches the bridge ports and their options (see {@link #watchLinks}).
     *
     * @param listener receives each change, on the watch's thread
     * @return the watch, holding the first dump; close it to stop
     */
    public WatchedTable<Integer, PortInfo> watchBridgePorts(Consumer<Change<Integer, PortInfo>> listener) {
        ns.ensureAlive();
        return Watches.bridgePorts(this, 0, listener);
    }

    /**
     * Watches the qdiscs of every link, what {@code tc monitor} shows of them (see {@link #watchLinks}).
     *
     * @param listener receives each change, on the watch's thread
     * @return the watch, holding the first dump; close it to stop
     */
    public WatchedTable<QdiscInfo.Key, QdiscInfo> watchQdiscs(Consumer<Change<QdiscInfo.Key, QdiscInfo>> listener) {
        ns.ensureAlive();
        return Watches.qdiscs(this, 0, listener);
    }

    /**
     * Watches the traffic classes of every link (see {@link #watchLinks}).
     *
     * @param listener receives each change, on the watch's thread
     * @return the watch, holding the first dump; close it to stop
     */
    public WatchedTable<ClassInfo.Key, ClassInfo> watchClasses(Consumer<Change<ClassInfo.Key, ClassInfo>> listener) {
        ns.ensureAlive();
        return Watches.classes(this, 0, listener);
    }

    /**
     * Watches the filters of every link (see {@link #watchLinks}).
     *
     * @param listener receives each change, on the watch's thread
     * @return the watch, holding the first dump; close it to stop
     */
    public WatchedTable<FilterInfo.Key, FilterInfo> watchFilters(Consumer<Change<FilterInfo.Key, FilterInfo>> listener) {
        ns.ensureAlive();
        return Watches.filters(this, 0, listener);
    }

    // ---- code, programs, sysctls -----------------------------------------------------------------

    /**
     * Runs Java code inside the namespace (see {@link NetworkNamespace#run(Callable)}).
     *
     * @param <T> the task's result type
     * @param task the code to run inside the namespace
     * @return what {@code task} returned
     */
    public <T> T run(Callable<T> task) {
        return ns.run(task);
    }

    /**
     * Runs Java code inside the namespace (see {@link NetworkNamespace#run(Runnable)}).
     *
     * @param task the code to run inside the namespace
     */
    public void run(Runnable task) {
        ns.run(task);
    }

    /**
     * Starts a program inside the namespace, like {@code ip netns exec NAME command...}.
     *
     * @param command the program and its arguments
     * @return the started program
     */
    public Process exec(String... command) {
        return ns.exec(command);
    }

    /**
     * Starts {@code builder}'s program inside the namespace.
     *
     * @param builder the program to start
     * @return the started program
     */
    public Process start(ProcessBuilder builder) {
        return ns.start(builder);
    }

    /**
     * Reads a net.* sysctl of this namespace.
     *
     * @param key the sysctl's name, such as {@code net.ipv4.ip_forward}
     * @return the value
     */
    public String sysctl(String key) {
        return ns.sysctl(key);
    }

    /**
     * Writes a net.* sysctl of this namespace, like {@code ip netns exec NAME sysctl -w key=value}.
     *
     * @param key the sysctl's name, such as {@code net.ipv4.ip_forward}
     * @param value the value to write
     * @return this namespace
     */
    public Netns sysctl(String key, String value) {
        ns.sysctl(key, value);
        return this;
    }

    // ---- lifetime --------------------------------------------------------------------------------

    /**
     * Gives up ownership: {@link #close()} will leave the namespace in place.
     *
     * @return this namespace
     */
    public Netns keep() {
        ns.keep();
        return this;
    }

    /** Deletes the namespace now (like {@code ip netns del}) and closes the handle. */
    public void delete() {
        ns.delete();
    }

    /** Releases the socket; if this handle created the namespace (and was not kept), deletes it. */
    @Override
    public void close() {
        ns.close();
    }

    @Override
    public String toString() {
        return ns.isSelf() ? "Netns[self]" : "Netns[" + ns.name() + "]";
    }
}
