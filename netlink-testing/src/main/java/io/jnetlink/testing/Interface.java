package io.jnetlink.testing;

import java.net.InetAddress;

/**
 * One interface of a {@link Node}: its end of a veth pair whose other end is a port of a
 * {@link Network}'s switch in the lab's fabric.
 *
 * @param node      the node
 * @param network   the switch it is plugged into
 * @param name      its name inside the node ({@code eth0}, {@code eth1}, ...)
 * @param index     its interface index inside the node
 * @param address   its IPv4 address (prefix length 24)
 * @param address6  its IPv6 address (prefix length 64)
 * @param port      the name of the switch port in the fabric namespace
 * @param portIndex the switch port's interface index in the fabric namespace
 */
public record Interface(Node node, Network network, String name, int index, InetAddress address,
                        InetAddress address6, String port, int portIndex) {

    @Override
    public String toString() {
        return node.name() + ":" + name + " " + address.getHostAddress() + " " + address6.getHostAddress()
                + " on " + network.name();
    }
}
