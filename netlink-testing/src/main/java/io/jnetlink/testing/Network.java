package io.jnetlink.testing;

import io.jnetlink.rtnl.Link;
import java.util.ArrayList;
import java.util.List;

/**
 * A switch of a {@link Lab}: one layer-2 segment (a bridge in the lab's fabric namespace) with an
 * IPv4 /24 and an IPv6 /64 of its own. Nodes attached to it get the next free address of each.
 *
 * <pre>{@code
 * Network left = lab.network("left");
 * List<Node> ab = left.nodes("a", "b");      // two new nodes on this switch
 * left.attach(lab.node("c"));                // an existing node gets one more interface
 * }</pre>
 */
public final class Network {
    private final Lab lab;
    private final String name;
    private final int index;
    final Link bridge;
    private final List<Interface> members = new ArrayList<>();

    Network(Lab lab, String name, int index, Link bridge) {
        this.lab = lab;
        this.name = name;
        this.index = index;
        this.bridge = bridge;
    }

    /** {@return the switch's name in the lab} */
    public String name() {
        return name;
    }

    /** {@return the switch's IPv4 subnet, {@code 10.<hi>.<lo>.0/24} by its number in the lab} */
    public String subnet() {
        return v4Base() + "0/24";
    }

    /** {@return the switch's IPv6 subnet, {@code fd00:0:0:<n>::/64} by its number in the lab} */
    public String subnet6() {
        return v6Base() + ":/64";
    }

    String v4Base() {
        return "10." + (index >> 8) + "." + (index & 0xFF) + ".";
    }

    String v6Base() {
        return "fd00:0:0:" + Integer.toHexString(index) + ":";
    }

    /**
     * Creates nodes {@code names} and attaches each to this switch.
     *
     * @param names the nodes' names
     * @return the new nodes, in the order of {@code names}
     */
    public List<Node> nodes(String... names) {
        return List.copyOf(lab.newNodesOn(this, java.util.Arrays.asList(names)));
    }

    /**
     * Attaches {@code node} to this switch through a new interface ({@code eth0}, {@code eth1}, ...).
     *
     * @param node the node to attach
     * @return the node's new interface on this switch
     */
    public Interface attach(Node node) {
        return lab.attach(node, this);
    }

    /** {@return the interfaces attached to this switch, in the order they were attached} */
    public List<Interface> interfaces() {
        synchronized (lab) {
            return List.copyOf(members);
        }
    }

    /** {@return the nodes attached to this switch, in the order they were attached} */
    public List<Node> members() {
        return interfaces().stream().map(Interface::node).toList();
    }

    int index() {
        return index;
    }

    List<Interface> membersLocked() {
        return members;
    }

    @Override
    public String toString() {
        return "Network[" + name + " " + subnet() + " " + subnet6() + "]";
    }
}
