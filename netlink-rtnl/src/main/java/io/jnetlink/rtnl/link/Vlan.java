package io.jnetlink.rtnl.link;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;

/**
 * An 802.1Q (or 802.1ad) VLAN on a parent link, like
 * {@code ip link add NAME link PARENT type vlan id ID [protocol 802.1ad]}.
 */
public final class Vlan extends LinkSpec<Vlan> {
    // linux/if_link.h IFLA_VLAN_*
    private static final int IFLA_VLAN_ID = 1;
    private static final int IFLA_VLAN_PROTOCOL = 5;
    private static final AttrNames NAMES = AttrNames.table("IFLA_VLAN", "IFLA_VLAN_UNSPEC", "IFLA_VLAN_ID",
            "IFLA_VLAN_FLAGS", "IFLA_VLAN_EGRESS_QOS", "IFLA_VLAN_INGRESS_QOS", "IFLA_VLAN_PROTOCOL");
    /** ETH_P_8021Q of linux/if_ether.h. */
    public static final int PROTOCOL_8021Q = 0x8100;
    /** ETH_P_8021AD of linux/if_ether.h (QinQ service tag). */
    public static final int PROTOCOL_8021AD = 0x88A8;

    /**
     * What a VLAN's IFLA_INFO_DATA says, of what this library models (the parent link is the
     * top-level IFLA_LINK: {@link LinkInfo#peerIndex()}).
     *
     * @param id       IFLA_VLAN_ID, 1..4094, or 0 if not given
     * @param protocol IFLA_VLAN_PROTOCOL, the tag's ethertype ({@link #PROTOCOL_8021Q} or
     *                 {@link #PROTOCOL_8021AD}), or 0 if not given
     */
    public record Data(int id, int protocol) implements KindData {
        @Override
        public String kind() {
            return "vlan";
        }
    }

    static final LinkKind<Data> KIND = LinkKind.of("vlan", Data.class, NAMES, Vlan::decode);

    private final Builder fields;

    private Vlan(Builder fields) {
        super(KIND, fields);
        this.fields = fields;
    }

    /**
     * VLAN {@code id} named {@code name} on the link named {@code parent}.
     *
     * @param id the VLAN id (1..4094)
     * @param name the link's name
     * @param parent the parent link's name
     * @return the spec
     */
    public static Vlan named(String name, String parent, int id) {
        return builder(name, parent, id).build();
    }

    /**
     * VLAN {@code id} named {@code name} on the link with index {@code parentIndex}.
     *
     * @param id the VLAN id (1..4094)
     * @param name the link's name
     * @param parentIndex the parent link's index
     * @return the spec
     */
    public static Vlan named(String name, int parentIndex, int id) {
        return builder(name, parentIndex, id).build();
    }

    /**
     * A builder of VLAN {@code id} specs named {@code name} on the link named {@code parent}.
     *
     * @param id the VLAN id (1..4094)
     * @param name the link's name
     * @param parent the parent link's name
     * @return the builder
     */
    public static Builder builder(String name, String parent, int id) {
        return new Builder(name, ParentLink.named(parent), id);
    }

    /**
     * A builder of VLAN {@code id} specs named {@code name} on the link with index {@code parentIndex}.
     *
     * @param id the VLAN id (1..4094)
     * @param name the link's name
     * @param parentIndex the parent link's index
     * @return the builder
     */
    public static Builder builder(String name, int parentIndex, int id) {
        return new Builder(name, ParentLink.index(parentIndex), id);
    }

    @Override
    public Builder toBuilder() {
        return fields.copy();
    }

    /** {@return this spec tagging with 802.1ad (service VLAN, QinQ) instead of 802.1Q} */
    public Vlan ieee8021ad() {
        return toBuilder().ieee8021ad().build();
    }

    @Override
    public Data data() {
        return new Data(fields.id, fields.protocol);
    }

    @Override
    boolean hasInfoData() {
        return true;
    }

    @Override
    void writeInfoData(MessageWriter w) {
        w.attrU16(IFLA_VLAN_ID, fields.id);
        if (fields.protocol != 0) {
            w.attrU16Be(IFLA_VLAN_PROTOCOL, fields.protocol);
        }
    }

    private static Data decode(AttributeCursor data) {
        int id = 0;
        int protocol = 0;
        while (data.next()) {
            switch (data.type()) {
                case IFLA_VLAN_ID -> id = data.u16();
                case IFLA_VLAN_PROTOCOL -> protocol = data.u16be();
                default -> { }
            }
        }
        return new Data(id, protocol);
    }

    /** Builds a {@link Vlan}. */
    public static final class Builder extends LinkSpec.Builder<Vlan, Builder> {
        private final int id;
        private int protocol;

        private Builder(String name, ParentLink parent, int id) {
            super(name, parent);
            if (id < 1 || id > 4094) {
                throw new IllegalArgumentException("VLAN id " + id + " is out of range 1..4094");
            }
            this.id = id;
        }

        /**
         * Tags with 802.1ad (service VLAN, QinQ) instead of 802.1Q.
         *
         * @return this builder
         */
        public Builder ieee8021ad() {
            this.protocol = PROTOCOL_8021AD;
            return this;
        }

        @Override
        Vlan make() {
            return new Vlan(this);
        }
    }
}
