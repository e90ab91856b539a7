package io.jnetlink.rtnl;

import io.jnetlink.rtnl.link.LinkInfo;
import io.jnetlink.rtnl.link.Links;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.rtnl.tc.QdiscInfo;
import io.jnetlink.rtnl.tc.QdiscKind;
import io.jnetlink.rtnl.tc.QdiscSpec;
import java.util.List;

/**
 * A handle to one link of a {@link Netns}, for chaining the steps of {@code ip link set} and
 * {@code ip addr add}: {@code red.link("veth-red").address("192.168.15.1/24").up()}.
 *
 * <p>The handle holds the link's index; every call is one request (named in its javadoc), checked
 * by the kernel, and throws with its reason. Holding a handle does not keep the link alive.
 */
public final class Link {
    private final Netns netns;
    private final int index;
    private volatile String name;

    Link(Netns netns, int index, String name) {
        this.netns = netns;
        this.index = index;
        this.name = name;
    }

    /** {@return the interface index} */
    public int index() {
        return index;
    }

    /** {@return the name, as of the last rename through this handle} */
    public String name() {
        return name;
    }

    /** {@return the namespace the link is in} */
    public Netns netns() {
        return netns;
    }

    private Links links() {
        netns.namespace().ensureAlive();
        return netns.linkService();
    }

    /**
     * {@code ip link set NAME up}: RTM_NEWLINK with IFF_UP set.
     *
     * @return this link
     */
    public Link up() {
        links().setUp(index, true);
        return this;
    }

    /**
     * {@code ip link set NAME down}: RTM_NEWLINK with IFF_UP cleared.
     *
     * @return this link
     */
    public Link down() {
        links().setUp(index, false);
        return this;
    }

    /**
     * {@code ip link set NAME mtu N}: RTM_NEWLINK with IFLA_MTU.
     *
     * @param mtu the MTU in bytes
     * @return this link
     */
    public Link mtu(int mtu) {
        links().setMtu(index, mtu);
        return this;
    }

    /**
     * {@code ip link set NAME address MAC}: RTM_NEWLINK with IFLA_ADDRESS.
     *
     * @param mac the MAC address
     * @return this link
     */
    public Link mac(String mac) {
        links().setMac(index, mac);
        return this;
    }

    /**
     * {@code ip link set NAME name NEW}: RTM_NEWLINK with IFLA_IFNAME.
     *
     * @param newName the new name
     * @return this link
     */
    public Link rename(String newName) {
        links().setName(index, newName);
        this.name = newName;
        return this;
    }

    /**
     * {@code ip link set NAME group N}: RTM_NEWLINK with IFLA_GROUP.
     *
     * @param group the group number
     * @return this link
     */
    public Link group(int group) {
        links().setGroup(index, group);
        return this;
    }

    /**
     * {@code ip link set NAME master BRIDGE}: RTM_NEWLINK with IFLA_MASTER. The bridge handle may
     * come from another {@link Netns} handle of the same namespace (same name); a bridge of another
     * namespace is refused before anything is sent, since its index means nothing here.
     *
     * @param bridge the bridge
     * @return this link
     */
    public Link master(Link bridge) {
        if (!sameNamespace(bridge.netns, netns)) {
            throw new IllegalArgumentException("master " + bridge.name + " is in " + bridge.netns
                    + ", not in " + netns + " with " + name);
        }
        links().setMaster(index, bridge.index);
        return this;
    }

    private static boolean sameNamespace(Netns a, Netns b) {
        if (a.namespace() == b.namespace()) {
            return true;
        }
        if (a.namespace().isSelf() || b.namespace().isSelf()) {
            return a.namespace().isSelf() && b.namespace().isSelf();
        }
        return a.name() != null && a.name().equals(b.name());
    }

    /**
     * {@code ip link set NAME master BRIDGE}, the bridge given by name (RTM_GETLINK, then RTM_NEWLINK).
     *
     * @param bridge the bridge's name
     * @return this link
     */
    public Link master(String bridge) {
        links().setMaster(index, links().indexOf(bridge));
        return this;
    }

    /**
     * {@code ip link set NAME nomaster}: RTM_NEWLINK with IFLA_MASTER 0.
     *
     * @return this link
     */
    public Link noMaster() {
        links().setNoMaster(index);
        return this;
    }

    /**
     * {@code ip addr add CIDR dev NAME}: RTM_NEWADDR ("192.168.15.1/24", "fd00::1/64"). For a
     * broadcast ({@code brd +}), label or scope use {@link Netns#addresses()} with an
     * {@link io.jnetlink.rtnl.addr.AddressSpec}.
     *
     * @param cidr the address and prefix length, as CIDR text
     * @return this link
     */
    public Link address(String cidr) {
        IpPrefix p = IpPrefix.parse(cidr);
        netns.addresses().add(index, p);
        return this;
    }

    /**
     * {@code ip link set NAME netns OTHER}: RTM_NEWLINK with IFLA_NET_NS_FD. Returns the handle of
     * the link in {@code target} (one RTM_GETLINK there: the index may change).
     *
     * @param target the namespace to move the link to
     * @return this link
     */
    public Link moveTo(Netns target) {
        links().moveTo(index, target);
        return target.link(name);
    }

    /** {@code ip link del NAME}: RTM_DELLINK. */
    public void delete() {
        links().delete(index);
    }

    /**
     * {@code tc qdisc replace dev NAME root KIND ...} (or {@code ... ingress} / {@code clsact} for
     * those kinds): puts a qdisc of {@code kind} where that kind goes, replacing the one there, as
     * one RTM_NEWQDISC with NLM_F_CREATE|NLM_F_REPLACE.
     *
     * @param kind the qdisc kind
     * @throws io.jnetlink.rtnl.tc.KindNotSupportedException if the kernel has no module for the kind
     * @return this link
     */
    public Link qdisc(QdiscKind kind) {
        return qdisc(QdiscSpec.of(kind));
    }

    /**
     * {@code tc qdisc replace dev NAME ...}: puts the qdisc {@code spec} describes (parent, handle, kind).
     *
     * @param spec the spec
     * @return this link
     */
    public Link qdisc(QdiscSpec spec) {
        netns.tc().qdiscs().replace(index, spec);
        return this;
    }

    /**
     * {@code tc -s -d qdisc show dev NAME}: one RTM_GETQDISC dump, this link's qdiscs with their statistics.
     *
     * @return the qdiscs
     */
    public List<QdiscInfo> qdiscs() {
        return netns.tc().qdiscs().list(index);
    }

    /**
     * {@code ip -d -s link show NAME}: RTM_GETLINK.
     *
     * @return the link as the kernel reports it
     */
    public LinkInfo info() {
        return links().get(index);
    }

    @Override
    public String toString() {
        return "Link[" + name + " #" + index + " in " + netns + "]";
    }
}
