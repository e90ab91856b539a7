package io.jnetlink.rtnl.link;

import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.socket.NetlinkSocket;
import java.util.function.Supplier;
import io.jnetlink.core.net.Interfaces;
import io.jnetlink.core.net.Mac;

/**
 * What to create: a link of one kind ({@link Veth}, {@link Bridge}, {@link Vxlan},
 * {@link Macvlan}) with its name and the settings every kind shares (MTU, MAC address, group). A
 * new kind is one new subclass that writes and reads its own IFLA_INFO_DATA (see the
 * {@linkplain io.jnetlink.rtnl.link package documentation}).
 *
 * <p>Names and values are checked when set, so a bad spec fails before anything is sent. A spec
 * is a builder: not thread-safe, reusable for several creates.
 *
 * @param <S> the concrete kind, so the shared setters chain
 */
public abstract sealed class LinkSpec<S extends LinkSpec<S>> permits Veth, Bridge, Vxlan, Macvlan, Macvtap, Vlan, Vrf, Dummy, Ifb, Ipvlan,
        Bond, Wireguard, GreLink, IpTunnelLink, Geneve {
    private final String name;
    private final LinkKind<?> linkKind;
    private int mtu;
    private byte[] mac;
    private int group = -1;

    LinkSpec(String name, LinkKind<?> linkKind) {
        Interfaces.validateName(name);
        this.name = name;
        this.linkKind = java.util.Objects.requireNonNull(linkKind, "link kind");
    }

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
    }

    /** The link's name. */
    public String name() {
        return name;
    }

    /** The kernel's name of the kind ({@code "veth"}, {@code "bridge"}, ...). */
    public final String kind() {
        return linkKind().name();
    }

    /** The kind's descriptor: the {@code static final LinkKind KIND} of the subclass. */
    final LinkKind<?> linkKind() {
        return linkKind;
    }

    /**
     * The kind's settings as a value: what this spec writes into IFLA_INFO_DATA, in the record the
     * kernel's IFLA_INFO_DATA of this kind decodes into ({@link LinkInfo#kindData()}). Settings
     * given by name (a parent device) appear once the spec has been resolved by a create.
     */
    public abstract KindData data();

    /** Sets the MTU the link is created with. */
    public S mtu(int mtu) {
        Links.checkMtu(mtu);
        this.mtu = mtu;
        return self();
    }

    /** Sets the MAC address the link is created with ("02:00:00:00:00:01"). */
    public S mac(String mac) {
        this.mac = Mac.parseUnicast(mac);
        return self();
    }

    /** Puts the link in a link group (for deleting many at once with {@link Links#deleteGroup}). */
    public S group(int group) {
        if (group < 0) {
            throw new IllegalArgumentException("link group must be >= 0, got " + group);
        }
        this.group = group;
        return self();
    }

    /** Resolves names to indexes (parent devices) before the request is encoded. */
    void resolve(NetlinkSocket rtnl) {
        ParentLink p = parentLink();
        if (p != null) {
            p.resolve(rtnl);
        }
    }

    /** The link a stacked kind sits on (macvlan, macvtap, vlan, ipvlan), sent as IFLA_LINK; null for others. */
    ParentLink parentLink() {
        return null;
    }

    /**
     * Runs {@code send} (the create request) while holding whatever the request refers to by
     * number, so the number stays valid until the kernel has it: a veth holds its peer namespace's
     * descriptor. Most kinds refer to nothing and just send.
     */
    <R> R holdingReferences(Supplier<R> send) {
        return send.get();
    }

    /** Attributes at the top level of the RTM_NEWLINK, beside IFLA_LINKINFO (IFLA_LINK for macvlan). */
    void writeTop(MessageWriter w) {
        ParentLink p = parentLink();
        if (p != null) {
            p.write(w);
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
     * IFLA_GROUP, the kind's top-level attributes, IFLA_IFNAME, IFLA_LINKINFO.
     */
    final void write(MessageWriter w) {
        // iproute2's order: the generic settings as given, the name, then the kind
        if (mtu > 0) {
            w.attrU32(Ifla.IFLA_MTU, mtu);
        }
        if (mac != null) {
            w.attrBytes(Ifla.IFLA_ADDRESS, mac);
        }
        if (group >= 0) {
            w.attrU32(Ifla.IFLA_GROUP, group);
        }
        writeTop(w);
        w.attrString(Ifla.IFLA_IFNAME, name);
        w.nest(Ifla.IFLA_LINKINFO, li -> {
            li.attrStringNoNul(Ifla.IFLA_INFO_KIND, kind()); // as iproute2 sends it
            if (hasInfoData()) {
                li.nest(Ifla.IFLA_INFO_DATA, this::writeInfoData);
            }
        });
    }

    @Override
    public String toString() {
        return kind() + " " + name;
    }
}
