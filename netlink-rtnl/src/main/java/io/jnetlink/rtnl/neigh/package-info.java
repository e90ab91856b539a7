/**
 * Neighbour tables, ARP and NDP ({@code ip neigh}, {@code arp}):
 * {@link io.jnetlink.rtnl.neigh.Neighbours} sends RTM_NEWNEIGH / RTM_DELNEIGH / RTM_GETNEIGH,
 * {@link io.jnetlink.rtnl.neigh.NeighbourInfo} is one entry decoded from the kernel.
 */
package io.jnetlink.rtnl.neigh;
