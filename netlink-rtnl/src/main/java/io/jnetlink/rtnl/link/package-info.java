/**
 * Links: the typed layer. {@link io.jnetlink.rtnl.link.Links} sends the requests,
 * {@link io.jnetlink.rtnl.link.LinkInfo} is what the kernel reports, and each link kind
 * ({@link io.jnetlink.rtnl.link.Veth}, {@link io.jnetlink.rtnl.link.Bridge},
 * {@link io.jnetlink.rtnl.link.Vxlan}, {@link io.jnetlink.rtnl.link.Macvlan}) is one
 * {@link io.jnetlink.rtnl.link.LinkSpec} subclass.
 *
 * <p>For speed: {@link io.jnetlink.rtnl.link.Links#modeledOnly()} reads without copying the
 * attributes {@code LinkInfo} does not model; {@link io.jnetlink.rtnl.link.Links#createAll},
 * {@link io.jnetlink.rtnl.link.Links#setUpAll} and {@link io.jnetlink.rtnl.link.Links#setMasterAll}
 * pipeline many requests per send; {@link io.jnetlink.rtnl.link.Links#deleteGroup} deletes a
 * whole link group in one request; {@link io.jnetlink.rtnl.link.Links#createReturningIndex}
 * learns the new index from the kernel's echo.
 */
package io.jnetlink.rtnl.link;
