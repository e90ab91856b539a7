package io.jnetlink.rtnl.link;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.net.Interfaces;
import io.jnetlink.core.netns.InNamespace;
import io.jnetlink.core.netns.NetworkNamespace;
import java.util.function.Supplier;

/**
 * A veth pair ("virtual cable"), like {@code ip link add NAME type veth peer name PEER [netns NS]}.
 * The peer can be created directly in another namespace: one RTM_NEWLINK whose peer part carries
 * IFLA_NET_NS_FD, so there is never a moment with both ends in one namespace, and a failure leaves
 * neither end.
 */
public final class Veth extends LinkSpec<Veth> {
    // linux/veth.h
    private static final int VETH_INFO_PEER = 1;
    private static final AttrNames NAMES = AttrNames.table("VETH_INFO", "VETH_INFO_UNSPEC", "VETH_INFO_PEER");

    /**
     * What a veth's IFLA_INFO_DATA says: the name of the peer created with it. The kernel reports
     * no IFLA_INFO_DATA for a veth (the peer's index is {@link LinkInfo#peerIndex()}), so a listed
     * veth has a null peer name; the field is filled when a request is read back.
     *
     * @param peerName VETH_INFO_PEER's IFLA_IFNAME, or null
     */
    public record Data(String peerName) implements KindData {
        @Override
        public String kind() {
            return "veth";
        }
    }

    static final LinkKind<Data> KIND = LinkKind.of("veth", Data.class, NAMES, Veth::decode);

    private final Builder fields;

    private Veth(Builder fields) {
        super(KIND, fields);
        this.fields = fields;
    }

    /**
     * {@return a veth whose local end is named {@code name}; the kernel names the peer unless {@link #peer} is called}
     *
     * @param name the local end's name
     */
    public static Veth named(String name) {
        return builder(name).build();
    }

    /**
     * A builder of veth specs whose local end is named {@code name}.
     *
     * @param name the local end's name
     * @return the builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    @Override
    public Builder toBuilder() {
        return fields.copy();
    }

    /**
     * This spec with the peer end named {@code name} (in the same namespace).
     *
     * @param name the peer end's name
     * @return a copy with it
     */
    public Veth peer(String name) {
        return toBuilder().peer(name).build();
    }

    /**
     * This spec with the peer end named {@code name}, created in namespace {@code ns}.
     *
     * @param name the peer end's name
     * @param ns the namespace the peer end is created in
     * @return a copy with it
     */
    public Veth peer(String name, InNamespace ns) {
        return toBuilder().peer(name, ns).build();
    }

    /** {@return the peer's name, or null if the kernel chooses it} */
    public String peerName() {
        return fields.peerName;
    }

    /** {@return the namespace the peer is created in, or null for the same one} */
    public NetworkNamespace peerNamespace() {
        return fields.peerNamespace;
    }

    @Override
    public Data data() {
        return new Data(fields.peerName);
    }

    /**
     * Keeps the peer namespace's descriptor open until the kernel has it: a concurrent close()
     * must not let the number be reused by another namespace meanwhile.
     */
    @Override
    <R> R holdingReferences(Supplier<R> send) {
        NetworkNamespace ns = fields.peerNamespace;
        if (ns == null || ns.isSelf()) {
            return send.get();
        }
        return ns.withFd(fd -> send.get());
    }

    @Override
    boolean hasInfoData() {
        return fields.peerName != null;
    }

    @Override
    void writeInfoData(MessageWriter w) {
        w.nest(VETH_INFO_PEER, p -> {
            p.zeros(Ifla.IFINFOMSG_LEN); // the peer's ifinfomsg
            p.attrString(Ifla.IFLA_IFNAME, fields.peerName);
            NetworkNamespace ns = fields.peerNamespace;
            if (ns != null && !ns.isSelf()) {
                p.attrU32(Ifla.IFLA_NET_NS_FD, ns.fd());
            }
        });
    }

    private static Data decode(AttributeCursor data) {
        String peer = null;
        while (data.next()) {
            if (data.type() == VETH_INFO_PEER) {
                AttributeCursor p = data.nested(Ifla.IFINFOMSG_LEN, Ifla.NAMES);
                while (p.next()) {
                    if (p.type() == Ifla.IFLA_IFNAME) {
                        peer = p.string();
                    }
                }
            }
        }
        return peer == null ? NO_PEER : new Data(peer);
    }

    /** The data of a veth the kernel reports without its peer (a dump's usual case): one shared value. */
    private static final Data NO_PEER = new Data(null);

    /** Builds a {@link Veth}. */
    public static final class Builder extends LinkSpec.Builder<Veth, Builder> {
        private String peerName;
        private NetworkNamespace peerNamespace;

        private Builder(String name) {
            super(name);
        }

        /**
         * Names the peer end (in the same namespace).
         *
         * @param name the peer end's name
         * @return this builder
         */
        public Builder peer(String name) {
            Interfaces.validateName(name);
            if (name.equals(this.name)) {
                throw new IllegalArgumentException("veth peer cannot have the same name as its end: " + name);
            }
            this.peerName = name;
            this.peerNamespace = null;
            return this;
        }

        /**
         * Names the peer end and creates it in namespace {@code ns}.
         *
         * @param name the peer end's name
         * @param ns the namespace the peer end is created in
         * @return this builder
         */
        public Builder peer(String name, InNamespace ns) {
            Interfaces.validateName(name);
            this.peerName = name;
            this.peerNamespace = ns.namespace();
            return this;
        }

        @Override
        Veth make() {
            return new Veth(this);
        }
    }
}
