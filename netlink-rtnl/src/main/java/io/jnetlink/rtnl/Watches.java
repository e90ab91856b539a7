package io.jnetlink.rtnl;

import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.Netlink;
import io.jnetlink.core.events.Change;
import io.jnetlink.core.events.WatchedTable;
import io.jnetlink.rtnl.addr.AddressInfo;
import io.jnetlink.rtnl.link.LinkInfo;
import io.jnetlink.rtnl.neigh.NeighbourInfo;
import io.jnetlink.rtnl.route.RouteInfo;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * List-then-watch tables of links, addresses, routes and neighbours of a namespace, decoded into
 * the same records the list calls return. See {@link WatchedTable} for the guarantees (no event
 * lost between dump and watch; overruns re-read and reported as synthetic changes).
 */
public final class Watches {
    private Watches() {}

    // linux/rtnetlink.h: message types and multicast groups (RTNLGRP_*)
    private static final int RTM_NEWLINK = 16;
    private static final int RTM_DELLINK = 17;
    private static final int RTM_NEWADDR = 20;
    private static final int RTM_DELADDR = 21;
    private static final int RTM_NEWROUTE = 24;
    private static final int RTM_DELROUTE = 25;
    private static final int RTM_NEWNEIGH = 28;
    private static final int RTM_DELNEIGH = 29;
    private static final int RTNLGRP_LINK = 1;
    private static final int RTNLGRP_NEIGH = 3;
    private static final int RTNLGRP_IPV4_IFADDR = 5;
    private static final int RTNLGRP_IPV4_ROUTE = 7;
    private static final int RTNLGRP_IPV6_IFADDR = 9;
    private static final int RTNLGRP_IPV6_ROUTE = 11;

    /** Identity of an address: its link, family, address and prefix length. */
    public record AddressKey(int ifindex, int family, InetAddress address, int prefixLength) {
        static AddressKey of(AddressInfo a) {
            return new AddressKey(a.ifindex(), a.family(), a.local() != null ? a.local() : a.address(),
                    a.prefixLength());
        }
    }

    /** Identity of a route: family, table, destination prefix, TOS and metric (as the kernel keys it). */
    public record RouteKey(int family, int table, InetAddress destination, int destinationLength, int tos,
                           long priority) {
        static RouteKey of(RouteInfo r) {
            return new RouteKey(r.family(), r.table(), r.destination(), r.destinationLength(), r.tos(), r.priority());
        }
    }

    /** Identity of a neighbour entry: its link and IP address. */
    public record NeighbourKey(int ifindex, InetAddress address) {
        static NeighbourKey of(NeighbourInfo n) {
            return new NeighbourKey(n.ifindex(), n.address());
        }
    }

    /** Links, keyed by index (groups: RTNLGRP_LINK). */
    public static WatchedTable<Integer, LinkInfo> links(Netns ns, int receiveBufferBytes,
                                                        Consumer<Change<Integer, LinkInfo>> listener) {
        return open(ns, new int[] {RTNLGRP_LINK}, receiveBufferBytes, listener,
                () -> ns.linkService().list(), LinkInfo::index, RTM_NEWLINK, RTM_DELLINK, LinkInfo::decode);
    }

    /** IPv4 and IPv6 addresses (groups: RTNLGRP_IPV4_IFADDR, RTNLGRP_IPV6_IFADDR). */
    public static WatchedTable<AddressKey, AddressInfo> addresses(Netns ns, int receiveBufferBytes,
                                                                  Consumer<Change<AddressKey, AddressInfo>> listener) {
        return open(ns, new int[] {RTNLGRP_IPV4_IFADDR, RTNLGRP_IPV6_IFADDR}, receiveBufferBytes, listener,
                () -> ns.addresses().list(), AddressKey::of, RTM_NEWADDR, RTM_DELADDR, AddressInfo::decode);
    }

    /** IPv4 and IPv6 routes of every table (groups: RTNLGRP_IPV4_ROUTE, RTNLGRP_IPV6_ROUTE). */
    public static WatchedTable<RouteKey, RouteInfo> routes(Netns ns, int receiveBufferBytes,
                                                           Consumer<Change<RouteKey, RouteInfo>> listener) {
        return open(ns, new int[] {RTNLGRP_IPV4_ROUTE, RTNLGRP_IPV6_ROUTE}, receiveBufferBytes, listener,
                () -> ns.routes().listAll(), RouteKey::of, RTM_NEWROUTE, RTM_DELROUTE, RouteInfo::decode);
    }

    /** The neighbour (ARP/NDP) table (group: RTNLGRP_NEIGH). */
    public static WatchedTable<NeighbourKey, NeighbourInfo> neighbours(Netns ns, int receiveBufferBytes,
                                                                       Consumer<Change<NeighbourKey, NeighbourInfo>> listener) {
        return open(ns, new int[] {RTNLGRP_NEIGH}, receiveBufferBytes, listener,
                () -> ns.neighbours().list(), NeighbourKey::of, RTM_NEWNEIGH, RTM_DELNEIGH, NeighbourInfo::decode);
    }

    private static <K, V> WatchedTable<K, V> open(Netns ns, int[] groups, int receiveBufferBytes,
                                                  Consumer<Change<K, V>> listener,
                                                  java.util.function.Supplier<List<V>> dump, Function<V, K> key,
                                                  int newType, int delType, Function<Message, V> decode) {
        return WatchedTable.open(ns.namespace(), Netlink.NETLINK_ROUTE, groups, receiveBufferBytes,
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
                        int t = m.type();
                        if (t != newType && t != delType) {
                            return null;
                        }
                        V v = decode.apply(m);
                        if (v == null) {
                            return null; // a family the records do not model (multicast routes, ...)
                        }
                        return new Change<>(t == newType ? Change.Kind.ADDED : Change.Kind.REMOVED, key.apply(v), v,
                                false);
                    }
                }, listener);
    }
}
