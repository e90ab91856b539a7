/**
 * Links: the typed layer. {@link io.jnetlink.rtnl.link.Links} sends the requests,
 * {@link io.jnetlink.rtnl.link.LinkInfo} is what the kernel reports, and each link kind
 * ({@link io.jnetlink.rtnl.link.Veth}, {@link io.jnetlink.rtnl.link.Bridge},
 * {@link io.jnetlink.rtnl.link.Vxlan}, {@link io.jnetlink.rtnl.link.Macvlan}) is one
 * {@link io.jnetlink.rtnl.link.LinkSpec} subclass.
 */
package io.jnetlink.rtnl.link;
