/**
 * Routes ({@code ip route}): {@link io.jnetlink.rtnl.route.Routes} sends RTM_NEWROUTE /
 * RTM_DELROUTE / RTM_GETROUTE (dumps and lookups), {@link io.jnetlink.rtnl.route.Route} describes a
 * route to add or delete, {@link io.jnetlink.rtnl.route.RouteInfo} is one decoded from the kernel.
 */
package io.jnetlink.rtnl.route;
