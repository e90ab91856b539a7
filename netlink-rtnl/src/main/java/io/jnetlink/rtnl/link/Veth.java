package io.jnetlink.rtnl.link;

import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.netns.InNamespace;
import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.net.Interfaces;

/**
 * A veth pair ("virtual cable"), like {@code ip link add NAME type veth peer name PEER [netns NS]}.
 * The peer can be created directly in another namespace: one RTM_NEWLINK whose peer part carries
 * IFLA_NET_NS_FD, so there is never a moment with both ends in one namespace, and a failure leaves
 * neither end.
 */
public final class Veth extends LinkSpec<Veth> {
    private String peerName;
    private NetworkNamespace peerNamespace;

    private Veth(String name) {
        super(name);
    }

    /** A veth whose local end is named {@code name}; the kernel names the peer unless {@link #peer} is called. */
    public static Veth named(String name) {
        return new Veth(name);
    }

    /** Names the peer end (in the same namespace). */
    public Veth peer(String name) {
        Interfaces.validateName(name);
        if (name.equals(name())) {
            throw new IllegalArgumentException("veth peer cannot have the same name as its end: " + name);
        }
        this.peerName = name;
        this.peerNamespace = null;
        return this;
    }

    /** Names the peer end and creates it in namespace {@code ns}. */
    public Veth peer(String name, InNamespace ns) {
        Interfaces.validateName(name);
        this.peerName = name;
        this.peerNamespace = ns.namespace();
        return this;
    }

    /** The peer's name, or null if the kernel chooses it. */
    public String peerName() {
        return peerName;
    }

    /** The namespace the peer is created in, or null for the same one. */
    public NetworkNamespace peerNamespace() {
        return peerNamespace;
    }

    @Override
    public String kind() {
        return "veth";
    }

    @Override
    boolean hasInfoData() {
        return peerName != null;
    }

    @Override
    void writeInfoData(MessageWriter w) {
        w.nest(Ifla.VETH_INFO_PEER, p -> {
            p.zeros(Ifla.IFINFOMSG_LEN); // the peer's ifinfomsg
            p.attrString(Ifla.IFLA_IFNAME, peerName);
            if (peerNamespace != null && !peerNamespace.isSelf()) {
                p.attrU32(Ifla.IFLA_NET_NS_FD, peerNamespace.fd());
            }
        });
    }
}
