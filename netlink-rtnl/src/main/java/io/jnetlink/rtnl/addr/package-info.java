/**
 * IP addresses of links ({@code ip addr}): {@link io.jnetlink.rtnl.addr.Addresses} sends
 * RTM_NEWADDR / RTM_DELADDR / RTM_GETADDR, {@link io.jnetlink.rtnl.addr.AddressSpec} describes an
 * address to add, {@link io.jnetlink.rtnl.addr.AddressInfo} is one decoded from the kernel.
 */
package io.jnetlink.rtnl.addr;
