package io.jnetlink.rtnl;

import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.Netlink;
import io.jnetlink.core.events.Change;
import io.jnetlink.core.events.WatchedTable;
import io.jnetlink.rtnl.addr.AddressInfo;
import io.jnetlink.rtnl.bridge.BridgePorts;
import io.jnetlink.rtnl.bridge.Fdb;
import io.jnetlink.rtnl.bridge.FdbEntryInfo;
import io.jnetlink.rtnl.bridge.PortInfo;
import io.jnetlink.rtnl.nexthop.NexthopInfo;
import io.jnetlink.rtnl.nexthop.Nexthops;
import io.jnetlink.rtnl.rule.RuleInfo;
import io.jnetlink.rtnl.rule.Rules;
import io.jnetlink.rtnl.addr.Addresses;
import io.jnetlink.rtnl.family.RtnlFamily;
import io.jnetlink.rtnl.link.LinkInfo;
import io.jnetlink.rtnl.link.Links;
import io.jnetlink.rtnl.neigh.NeighbourInfo;
import io.jnetlink.rtnl.neigh.Neighbours;
import io.jnetlink.rtnl.route.RouteInfo;
import io.jnetlink.rtnl.route.Routes;
import io.jnetlink.rtnl.tc.ClassInfo;
import io.jnetlink.rtnl.tc.FilterInfo;
import io.jnetlink.rtnl.tc.Filters;
import io.jnetlink.rtnl.tc.QdiscInfo;
import io.jnetlink.rtnl.tc.Qdiscs;
import io.jnetlink.rtnl.tc.TcClasses;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * List-then-watch tables of links, addresses, routes and neighbours of a namespace, decoded into
 * the same records the list calls return. See {@link WatchedTable} for the guarantees (no event
 * lost between dump and watch; overruns re-read and reported as synthetic changes).
 */
public final class Watches {
    private Watches() {}

    /**
     * Every rtnetlink family this module models, each with a watch here. A new family is added
     * to this list when its watch is; the family tests go through it (golden fixture, fuzz run).
     */
    public static final List<RtnlFamily<?>> FAMILIES = List.of(Links.FAMILY, Addresses.FAMILY, Routes.FAMILY,
            Neighbours.FAMILY, Rules.FAMILY, Nexthops.FAMILY, Fdb.FAMILY, BridgePorts.FAMILY, Qdiscs.FAMILY,
            TcClasses.FAMILY, Filters.FAMILY);

    /**
     * Identity of an address: its link, family, address and prefix length.
     *
     * @param address the address
     * @param family the address family
     * @param ifindex the link's index
     * @param prefixLength the prefix length
     */
    public record AddressKey(int ifindex, int family, InetAddress address, int prefixLength) {
        static AddressKey of(AddressInfo a) {
            return new AddressKey(a.ifindex(), a.family(), a.local() != null ? a.local() : a.address(),
                    a.prefixLength());
        }
    }

    /**
     * Identity of a route: family, table, destination prefix, TOS and metric (as the kernel keys it).
     *
     * @param destination the destination address (null for a default route)
     * @param destinationLength the destination prefix length
     * @param family the address family
     * @param priority the metric
     * @param table the table
     * @param tos the type of service
     */
    public record RouteKey(int family, int table, InetAddress destination, int destinationLength, int tos,
                           long priority) {
        static RouteKey of(RouteInfo r) {
            return new RouteKey(r.family(), r.table(), r.destination(), r.destinationLength(), r.tos(), r.priority());
        }
    }

    /**
     * Identity of a neighbour entry: its link and IP address.
     *
     * @param address the address
     * @param ifindex the link's index
     */
    public record NeighbourKey(int ifindex, InetAddress address) {
        static NeighbourKey of(NeighbourInfo n) {
            return new NeighbourKey(n.ifindex(), n.address());
        }
    }

    /**
     * Identity of an FDB entry: its MAC, device, VLAN and (for a VXLAN remote) destination.
     *
     * @param destination the remote VTEP, or null
     * @param ifindex the link's index
     * @param mac the MAC address
     * @param vlan the VLAN, or 0
     */
    public record FdbKey(String mac, int ifindex, int vlan, InetAddress destination) {
        static FdbKey of(FdbEntryInfo e) {
            return new FdbKey(e.mac(), e.ifindex(), e.vlan(), e.destination());
        }
    }

    /**
     * Policy rules, IPv4 and IPv6, each its own key (groups: RTNLGRP_IPV4_RULE, RTNLGRP_IPV6_RULE).
     *
     * @param listener receives each change, on the watch's thread
     * @param ns the namespace
     * @param receiveBufferBytes the event socket's kernel receive buffer, 0 for the default
     * @return the watch, holding the first dump; close it to stop
     */
    public static WatchedTable<RuleInfo, RuleInfo> rules(Netns ns, int receiveBufferBytes,
                                                         Consumer<Change<RuleInfo, RuleInfo>> listener) {
        return watch(ns, Rules.FAMILY, r -> r, () -> ns.rules().list(), receiveBufferBytes, listener);
    }

    /**
     * Nexthop objects, keyed by id (group: RTNLGRP_NEXTHOP).
     *
     * @param listener receives each change, on the watch's thread
     * @param ns the namespace
     * @param receiveBufferBytes the event socket's kernel receive buffer, 0 for the default
     * @return the watch, holding the first dump; close it to stop
     */
    public static WatchedTable<Long, NexthopInfo> nexthops(Netns ns, int receiveBufferBytes,
                                                           Consumer<Change<Long, NexthopInfo>> listener) {
        return watch(ns, Nexthops.FAMILY, NexthopInfo::id, () -> ns.nexthops().list(), receiveBufferBytes, listener);
    }

    /**
     * Bridge and VXLAN FDB entries (group: RTNLGRP_NEIGH).
     *
     * @param listener receives each change, on the watch's thread
     * @param ns the namespace
     * @param receiveBufferBytes the event socket's kernel receive buffer, 0 for the default
     * @return the watch, holding the first dump; close it to stop
     */
    public static WatchedTable<FdbKey, FdbEntryInfo> fdb(Netns ns, int receiveBufferBytes,
                                                         Consumer<Change<FdbKey, FdbEntryInfo>> listener) {
        return watch(ns, Fdb.FAMILY, FdbKey::of, () -> ns.fdb().list(), receiveBufferBytes, listener);
    }

    /**
     * Bridge ports with their options, keyed by index (group: RTNLGRP_LINK).
     *
     * @param listener receives each change, on the watch's thread
     * @param ns the namespace
     * @param receiveBufferBytes the event socket's kernel receive buffer, 0 for the default
     * @return the watch, holding the first dump; close it to stop
     */
    public static WatchedTable<Integer, PortInfo> bridgePorts(Netns ns, int receiveBufferBytes,
                                                              Consumer<Change<Integer, PortInfo>> listener) {
        return watch(ns, BridgePorts.FAMILY, PortInfo::ifindex, () -> ns.bridgePorts().list(), receiveBufferBytes,
                listener);
    }

    /**
     * Links, keyed by index (groups: RTNLGRP_LINK).
     *
     * @param listener receives each change, on the watch's thread
     * @param ns the namespace
     * @param receiveBufferBytes the event socket's kernel receive buffer, 0 for the default
     * @return the watch, holding the first dump; close it to stop
     */
    public static WatchedTable<Integer, LinkInfo> links(Netns ns, int receiveBufferBytes,
                                                        Consumer<Change<Integer, LinkInfo>> listener) {
        return watch(ns, Links.FAMILY, LinkInfo::index, () -> ns.linkService().list(), receiveBufferBytes, listener);
    }

    /**
     * IPv4 and IPv6 addresses (groups: RTNLGRP_IPV4_IFADDR, RTNLGRP_IPV6_IFADDR).
     *
     * @param listener receives each change, on the watch's thread
     * @param ns the namespace
     * @param receiveBufferBytes the event socket's kernel receive buffer, 0 for the default
     * @return the watch, holding the first dump; close it to stop
     */
    public static WatchedTable<AddressKey, AddressInfo> addresses(Netns ns, int receiveBufferBytes,
                                                                  Consumer<Change<AddressKey, AddressInfo>> listener) {
        return watch(ns, Addresses.FAMILY, AddressKey::of, () -> ns.addresses().list(), receiveBufferBytes, listener);
    }

    /**
     * IPv4 and IPv6 routes of every table (groups: RTNLGRP_IPV4_ROUTE, RTNLGRP_IPV6_ROUTE).
     *
     * @param listener receives each change, on the watch's thread
     * @param ns the namespace
     * @param receiveBufferBytes the event socket's kernel receive buffer, 0 for the default
     * @return the watch, holding the first dump; close it to stop
     */
    public static WatchedTable<RouteKey, RouteInfo> routes(Netns ns, int receiveBufferBytes,
                                                           Consumer<Change<RouteKey, RouteInfo>> listener) {
        return watch(ns, Routes.FAMILY, RouteKey::of, () -> ns.routes().listAll(), receiveBufferBytes, listener);
    }

    /**
     * {@return the neighbour (ARP/NDP) table (group: RTNLGRP_NEIGH)}
     *
     * @param listener receives each change, on the watch's thread
     * @param ns the namespace
     * @param receiveBufferBytes the event socket's kernel receive buffer, 0 for the default
     */
    public static WatchedTable<NeighbourKey, NeighbourInfo> neighbours(Netns ns, int receiveBufferBytes,
                                                                       Consumer<Change<NeighbourKey, NeighbourInfo>> listener) {
        return watch(ns, Neighbours.FAMILY, NeighbourKey::of, () -> ns.neighbours().list(), receiveBufferBytes,
                listener);
    }

    /**
     * {@return the qdiscs of every link (group: RTNLGRP_TC)}
     *
     * @param listener receives each change, on the watch's thread
     * @param ns the namespace
     * @param receiveBufferBytes the event socket's kernel receive buffer, 0 for the default
     */
    public static WatchedTable<QdiscInfo.Key, QdiscInfo> qdiscs(Netns ns, int receiveBufferBytes,
                                                              Consumer<Change<QdiscInfo.Key, QdiscInfo>> listener) {
        return watch(ns, Qdiscs.FAMILY, QdiscInfo::key, () -> ns.tc().qdiscs().list(), receiveBufferBytes, listener);
    }

    /**
     * {@return the traffic classes of every link (group: RTNLGRP_TC)}
     *
     * @param listener receives each change, on the watch's thread
     * @param ns the namespace
     * @param receiveBufferBytes the event socket's kernel receive buffer, 0 for the default
     */
    public static WatchedTable<ClassInfo.Key, ClassInfo> classes(Netns ns, int receiveBufferBytes,
                                                               Consumer<Change<ClassInfo.Key, ClassInfo>> listener) {
        return watch(ns, TcClasses.FAMILY, ClassInfo::key, () -> ns.tc().classes().list(), receiveBufferBytes,
                listener);
    }

    /**
     * {@return the filters of every link (group: RTNLGRP_TC)}
     *
     * @param listener receives each change, on the watch's thread
     * @param ns the namespace
     * @param receiveBufferBytes the event socket's kernel receive buffer, 0 for the default
     */
    public static WatchedTable<FilterInfo.Key, FilterInfo> filters(Netns ns, int receiveBufferBytes,
                                                                 Consumer<Change<FilterInfo.Key, FilterInfo>> listener) {
        return watch(ns, Filters.FAMILY, FilterInfo::key, () -> ns.tc().filters().list(), receiveBufferBytes,
                listener);
    }

    /**
     * Watches any rtnetlink family: its groups, event types and decoder come from {@code family},
     * its identity from {@code key}, and its first (and every resync's) table from {@code dump},
     * which should be the family service's list of everything the watch shows.
     *
     * @param receiveBufferBytes the event socket's kernel receive buffer, 0 for the default
     * @param <K> the type of an object's identity
     * @param <V> the family's record type
     * @param dump reads the whole table (the family service's list of everything)
     * @param family the family to watch
     * @param key gives an object's identity
     * @param listener receives each change, on the watch's thread
     * @param ns the namespace
     * @return the watch, holding the first dump; close it to stop
     */
    public static <K, V> WatchedTable<K, V> watch(Netns ns, RtnlFamily<V> family, Function<V, K> key,
                                                  Supplier<List<V>> dump, int receiveBufferBytes,
                                                  Consumer<Change<K, V>> listener) {
        return WatchedTable.open(ns.namespace(), Netlink.NETLINK_ROUTE, family.groups(), receiveBufferBytes,
                new WatchedTable.Source<>() {
                    @Override
                    public Map<K, V> dump() {
                        Map<K, V> out = new HashMap<>();
                        for (V v : dump.get()) {
                            out.put(key.apply(v), v);
                        }
                        return out;
                    }

                    @Override
                    public Change<K, V> decode(Message m) {
                        if (!family.isEvent(m.type())) {
                            return null;
                        }
                        V v = family.decoder().decode(m);
                        if (v == null) {
                            return null; // a kind the records do not model (multicast routes, ...)
                        }
                        return new Change<>(m.type() == family.newType() ? Change.Kind.ADDED : Change.Kind.REMOVED,
                                key.apply(v), v, false);
                    }
                }, listener);
    }
}
