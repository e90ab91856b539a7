/**
 * rtnetlink: links (veth, bridge, vxlan, macvlan), addresses, routes and neighbours of any network
 * namespace, and the fluent API ({@link io.jnetlink.rtnl.Netns}, {@link io.jnetlink.rtnl.Link}).
 */
module io.jnetlink.rtnl {
    requires transitive io.jnetlink.core;

    exports io.jnetlink.rtnl;
    exports io.jnetlink.rtnl.link;
    exports io.jnetlink.rtnl.addr;
    exports io.jnetlink.rtnl.route;
    exports io.jnetlink.rtnl.neigh;
    exports io.jnetlink.rtnl.family;
    exports io.jnetlink.rtnl.rule;
    exports io.jnetlink.rtnl.nexthop;
    exports io.jnetlink.rtnl.bridge;
    exports io.jnetlink.rtnl.tc;
}
