package io.jnetlink.rtnl.link;

import io.jnetlink.core.Errno;
import io.jnetlink.core.NetlinkException;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.net.Interfaces;
import io.jnetlink.core.net.Mac;
import io.jnetlink.core.socket.NetlinkSocket;
import io.jnetlink.rtnl.family.KernelLacksException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What to create: a link of one kind ({@link Veth}, {@link Bridge}, {@link Vxlan},
 * {@link Macvlan}, ...) with its name and the settings every kind shares (MTU, MAC address,
 * group). A new kind is one new subclass that writes and reads its own IFLA_INFO_DATA (see the
 * {@linkplain io.jnetlink.rtnl.link package documentation}).
 *
 * <p>A spec is an immutable value, safe to share between threads and to reuse as a template. It
 * is made by its kind's nested {@code Builder}, whose {@link Builder#build()} checks it; the
 * kind's factory ({@code Bridge.named("br0")}) returns a built spec, and each setter on a spec
 * ({@code .mtu(1400)}, {@code .stp(true)}) returns a new spec made the same way: the spec's
 * builder copied ({@link #toBuilder()}), changed and built again. So a bad value fails where it
 * is given, before anything is sent, and no spec is ever half-made.
 *
 * <pre>{@code
 * Bridge br = Bridge.named("br0").stp(true);                        // the fluent form
 * Bridge same = Bridge.builder("br0").stp(true).build();             // the builder form
 * }</pre>
 *
 * @param <S> the concrete kind, so the shared setters chain
 */
public abstract sealed class LinkSpec<S extends LinkSpec<S>> permits Veth, Bridge, Vxlan, Macvlan, Macvtap, Vlan, Vrf, Dummy, Ifb, Ipvlan,
        Bond, Wireguard, TunnelLink, Geneve, Tun, GenericKind {
    private final LinkKind<?> linkKind;
    /** A private copy of the builder this spec was built from; never changed afterwards. */
    private final Builder<S, ?> fields;

    LinkSpec(LinkKind<?> linkKind, Builder<S, ?> fields) {
        this.linkKind = Objects.requireNonNull(linkKind, "link kind");
        this.fields = fields;
    }

    /** {@return the link's name} */
    public final String name() {
        return fields.name;
    }

    /** {@return the kernel's name of the kind ({@code "veth"}, {@code "bridge"}, ...)} */
    public final String kind() {
        return linkKind.name();
    }

    /** The kind's descriptor: the {@code static final LinkKind KIND} of the subclass. */
    final LinkKind<?> linkKind() {
        return linkKind;
    }

    /** {@return the MTU the link is created with, or 0 for the kind's default} */
    public final int mtu() {
        return fields.mtu;
    }

    /** {@return the link group the link is created in, or -1 for the default (group 0)} */
    public final int group() {
        return fields.group;
    }

    /**
     * The index of the master (a bridge, bond, VRF) the link is created enslaved to.
     *
     * @return the master's index, or 0 for none
     */
    public final int master() {
        return fields.master;
    }

    /**
     * Whether the link is created up (IFF_UP in the create request), as {@code ip link add NAME up ...}.
     *
     * @return true if the create request brings the link up
     */
    public final boolean isUp() {
        return fields.up;
    }

    /**
     * {@return the kind's settings as a value: what this spec writes into IFLA_INFO_DATA, in the record the
     * kernel's IFLA_INFO_DATA of this kind decodes into ({@link LinkInfo#kindData()})} Devices
     * given by name appear as index 0 (the name is looked up when the link is created).
     */
    public abstract KindData data();

    /**
     * A new builder holding this spec's settings, to change and build again.
     *
     * @return the builder
     */
    public abstract Builder<S, ?> toBuilder();

    /**
     * {@return this spec with the MTU the link is created with}
     *
     * @param mtu the MTU in bytes
     */
    public final S mtu(int mtu) {
        return toBuilder().mtu(mtu).build();
    }

    /**
     * {@return this spec with the MAC address the link is created with ("02:00:00:00:00:01")}
     *
     * @param mac the MAC address
     */
    public final S mac(String mac) {
        return toBuilder().mac(mac).build();
    }

    /**
     * {@return this spec in a link group (for deleting many at once with {@link Links#deleteGroup})}
     *
     * @param group the group number
     */
    public final S group(int group) {
        return toBuilder().group(group).build();
    }

    /**
     * This spec with the link created enslaved to master {@code masterIndex} (a bridge, bond or
     * VRF in the same namespace), as {@code ip link add NAME master BR ...}: IFLA_MASTER in the
     * create request, which the kernel applies once the link exists, so no separate "set master"
     * request is needed. A creation setting only: {@link Links#change} refuses a spec with it.
     *
     * @param masterIndex the master's interface index in the namespace the link is created in
     * @return a new spec with the master set
     */
    public final S master(int masterIndex) {
        return toBuilder().master(masterIndex).build();
    }

    /**
     * This spec with the link created up, as {@code ip link add NAME up ...}: IFF_UP in the create
     * request's ifi_flags and ifi_change, so no separate "set up" request is needed. For a veth it
     * is this end only: Linux refuses the peer's own IFF_UP at creation (ENOTCONN, the peer is
     * opened before it has a peer). A creation setting only: {@link Links#change} refuses a spec
     * with it.
     *
     * @return a new spec that is created up
     */
    public final S up() {
        return toBuilder().up().build();
    }

    /**
     * This spec with every link given by name (a parent device) replaced by its index, looked up
     * over {@code rtnl}; this spec itself if it names none.
     */
    LinkSpec<S> resolve(NetlinkSocket rtnl) {
        ParentLink p = fields.parent;
        if (p == null || p.isResolved()) {
            return this;
        }
        return toBuilder().parent(p.resolve(rtnl)).build();
    }

    /**
     * Runs {@code send} (the create request) while holding whatever the request refers to by
     * number, so the number stays valid until the kernel has it: a veth holds its peer namespace's
     * descriptor. Most kinds refer to nothing and just send.
     */
    <R> R holdingReferences(Supplier<R> send) {
        return send.get();
    }

    /**
     * The kernel's refusal of a request for this spec, explained where the kind knows more: the
     * kernel's "Unknown device type" (EOPNOTSUPP: no driver for the kind, built in or as a module)
     * as a {@link KernelLacksException} naming the kind; a kind may name a missing feature of its
     * own (a bridge's VLAN filtering). Other errors come back as they are.
     */
    NetlinkException explain(NetlinkException e) {
        if (e.errno() == Errno.EOPNOTSUPP
                && (e.extAckMessage() == null || e.extAckMessage().contains("Unknown device type"))) {
            return new KernelLacksException(e, "the link kind \"" + kind() + "\"");
        }
        return e;
    }

    /**
     * Creates the link some other way than RTM_NEWLINK and returns its index, for a kind the kernel
     * will not make over rtnetlink (tun and tap, through /dev/net/tun); null, for every other kind,
     * has {@code links} send the RTM_NEWLINK.
     */
    Integer createWithoutNetlink(Links links) {
        return null;
    }

    /** Attributes at the top level of the RTM_NEWLINK, beside IFLA_LINKINFO: IFLA_LINK of a stacked kind. */
    void writeTop(MessageWriter w) {
        if (fields.parent != null) {
            fields.parent.write(w);
        }
    }

    /** The content of IFLA_INFO_DATA; nothing for kinds without options. */
    void writeInfoData(MessageWriter w) {
    }

    /** Whether {@link #writeInfoData} writes anything (iproute2 omits an empty IFLA_INFO_DATA). */
    boolean hasInfoData() {
        return false;
    }

    /**
     * The whole RTM_NEWLINK body after the ifinfomsg, in iproute2's order: IFLA_MTU, IFLA_ADDRESS,
     * IFLA_GROUP, IFLA_MASTER, the kind's top-level attributes, IFLA_IFNAME, IFLA_LINKINFO.
     */
    final void write(MessageWriter w) {
        // iproute2's order: the generic settings as given, the name, then the kind
        writeShared(w);
        if (fields.master > 0) {
            w.attrU32(Ifla.IFLA_MASTER, fields.master);
        }
        writeTop(w);
        w.attrString(Ifla.IFLA_IFNAME, fields.name);
        writeLinkInfo(w);
    }

    /**
     * The RTM_NEWLINK body that changes an existing link to this spec, in iproute2's order for
     * {@code ip link set dev NAME [mtu M] [address A] [group G] type KIND ...}: the shared settings
     * given, then IFLA_LINKINFO. The link is named by index in the header; the spec's name and
     * parent link are not sent.
     */
    final void writeChange(MessageWriter w) {
        writeShared(w);
        writeLinkInfo(w);
    }

    /** Whether a setting only a create request carries (master, up) is given. */
    final boolean hasCreateOnlySettings() {
        return fields.master > 0 || fields.up;
    }

    /** Whether any of the settings every kind shares (MTU, MAC address, group) is given. */
    final boolean hasSharedSettings() {
        return fields.mtu > 0 || fields.mac != null || fields.group >= 0;
    }

    /** IFLA_MTU, IFLA_ADDRESS, IFLA_GROUP: the shared settings given. */
    final void writeShared(MessageWriter w) {
        if (fields.mtu > 0) {
            w.attrU32(Ifla.IFLA_MTU, fields.mtu);
        }
        if (fields.mac != null) {
            w.attrBytes(Ifla.IFLA_ADDRESS, fields.mac);
        }
        if (fields.group >= 0) {
            w.attrU32(Ifla.IFLA_GROUP, fields.group);
        }
    }

    private void writeLinkInfo(MessageWriter w) {
        w.nest(Ifla.IFLA_LINKINFO, li -> {
            li.attrStringNoNul(Ifla.IFLA_INFO_KIND, kind()); // as iproute2 sends it
            if (hasInfoData()) {
                li.nest(Ifla.IFLA_INFO_DATA, this::writeInfoData);
            }
        });
    }

    @Override
    public String toString() {
        return kind() + " " + fields.name;
    }

    /**
     * Builds a spec of kind {@code S}: the shared settings here, the kind's in its subclass
     * ({@code Bridge.Builder}, ...). Values are checked when set, combinations when built. A
     * builder is mutable and not thread-safe; the specs it builds are neither.
     *
     * @param <S> the spec it builds
     * @param <B> the concrete builder, so the shared setters chain
     */
    public abstract static class Builder<S extends LinkSpec<S>, B extends Builder<S, B>> implements Cloneable {
        final String name;
        int mtu;
        byte[] mac;                 // never changed in place, so copies may share it
        int group = -1;
        int master;                 // index of the master the link is created enslaved to, or 0
        boolean up;                 // created with IFF_UP
        ParentLink parent;          // the link a stacked kind sits on (IFLA_LINK), or null

        Builder(String name) {
            Interfaces.validateName(name);
            this.name = name;
        }

        Builder(String name, ParentLink parent) {
            this(name);
            this.parent = Objects.requireNonNull(parent, "parent link");
        }

        @SuppressWarnings("unchecked")
        final B self() {
            return (B) this;
        }

        /**
         * Sets the MTU the link is created with.
         *
         * @param mtu the MTU in bytes
         * @return this builder
         */
        public final B mtu(int mtu) {
            Links.checkMtu(mtu);
            this.mtu = mtu;
            return self();
        }

        /**
         * Sets the MAC address the link is created with ("02:00:00:00:00:01").
         *
         * @param mac the MAC address
         * @return this builder
         */
        public final B mac(String mac) {
            this.mac = Mac.parseUnicast(mac);
            return self();
        }

        /**
         * Puts the link in a link group (for deleting many at once with {@link Links#deleteGroup}).
         *
         * @param group the group number
         * @return this builder
         */
        public final B group(int group) {
            if (group < 0) {
                throw new IllegalArgumentException("link group must be >= 0, got " + group);
            }
            this.group = group;
            return self();
        }

        /**
         * Creates the link enslaved to master {@code masterIndex} (a bridge, bond or VRF in the same
         * namespace): IFLA_MASTER in the create request.
         *
         * @param masterIndex the master's interface index
         * @return this builder
         * @throws IllegalArgumentException if the index is not positive
         */
        public final B master(int masterIndex) {
            Interfaces.requireIndex(masterIndex);
            this.master = masterIndex;
            return self();
        }

        /**
         * Creates the link up: IFF_UP in the create request's ifi_flags and ifi_change.
         *
         * @return this builder
         */
        public final B up() {
            this.up = true;
            return self();
        }

        final B parent(ParentLink parent) {
            this.parent = parent;
            return self();
        }

        /**
         * {@return the spec, checked as a whole}
         *
         * @throws IllegalArgumentException if the settings contradict each other
         */
        public final S build() {
            check();
            return copy().make();
        }

        /** Checks the settings as a whole; per-value checks are in the setters. */
        void check() {
        }

        /** The spec holding this builder (a private copy, called by {@link #build()} only). */
        abstract S make();

        /**
         * A copy to change independently. A shallow copy is exact: every field holds an immutable
         * value (or an array never changed in place).
         */
        @SuppressWarnings("unchecked")
        final B copy() {
            try {
                return (B) super.clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
