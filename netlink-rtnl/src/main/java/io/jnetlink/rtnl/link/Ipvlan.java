package io.jnetlink.rtnl.link;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;
import java.util.Objects;

/**
 * An ipvlan on a parent link, like {@code ip link add NAME link PARENT type ipvlan mode l2|l3|l3s}:
 * links that share the parent's MAC address and are told apart by IP address.
 */
public final class Ipvlan extends LinkSpec<Ipvlan> {
    // linux/if_link.h IFLA_IPVLAN_*
    private static final int IFLA_IPVLAN_MODE = 1;
    private static final int IFLA_IPVLAN_FLAGS = 2;
    private static final AttrNames NAMES = AttrNames.table("IFLA_IPVLAN", "IFLA_IPVLAN_UNSPEC", "IFLA_IPVLAN_MODE",
            "IFLA_IPVLAN_FLAGS");

    /** ipvlan modes ({@code enum ipvlan_mode}). */
    public enum Mode {
        /** Switch on L2: the slaves see the parent's broadcasts. */
        L2,
        /** Route on L3, no broadcast or multicast. */
        L3,
        /** L3 with netfilter (iptables/nft) hooks on the slaves' traffic. */
        L3S
    }

    /**
     * What an ipvlan's IFLA_INFO_DATA says, of what this library models (the parent link is the
     * top-level IFLA_LINK: {@link LinkInfo#peerIndex()}).
     *
     * @param mode  IFLA_IPVLAN_MODE, or null if not given
     * @param flags IFLA_IPVLAN_FLAGS (bridge 0, private 1, vepa 2), 0 if not given
     */
    public record Data(Mode mode, int flags) implements KindData {
        @Override
        public String kind() {
            return "ipvlan";
        }
    }

    static final LinkKind<Data> KIND = LinkKind.of("ipvlan", Data.class, NAMES, Ipvlan::decode);

    private final Builder fields;

    private Ipvlan(Builder fields) {
        super(KIND, fields);
        this.fields = fields;
    }

    /**
     * {@return an ipvlan named {@code name} on the link named {@code parent}}
     *
     * @param name the link's name
     * @param parent the parent link's name
     */
    public static Ipvlan named(String name, String parent) {
        return builder(name, parent).build();
    }

    /**
     * {@return an ipvlan named {@code name} on the link with index {@code parentIndex}}
     *
     * @param name the link's name
     * @param parentIndex the parent link's index
     */
    public static Ipvlan named(String name, int parentIndex) {
        return builder(name, parentIndex).build();
    }

    /**
     * A builder of ipvlan specs named {@code name} on the link named {@code parent}.
     *
     * @param name the link's name
     * @param parent the parent link's name
     * @return the builder
     */
    public static Builder builder(String name, String parent) {
        return new Builder(name, ParentLink.named(parent));
    }

    /**
     * A builder of ipvlan specs named {@code name} on the link with index {@code parentIndex}.
     *
     * @param name the link's name
     * @param parentIndex the parent link's index
     * @return the builder
     */
    public static Builder builder(String name, int parentIndex) {
        return new Builder(name, ParentLink.index(parentIndex));
    }

    @Override
    public Builder toBuilder() {
        return fields.copy();
    }

    /**
     * This spec with mode {@code mode}.
     *
     * @param mode the mode
     * @return a copy with it
     */
    public Ipvlan mode(Mode mode) {
        return toBuilder().mode(mode).build();
    }

    @Override
    public Data data() {
        return new Data(fields.mode, 0);
    }

    @Override
    boolean hasInfoData() {
        return true;
    }

    @Override
    void writeInfoData(MessageWriter w) {
        // as ip link sends it: the mode, then the flags (bridge, 0)
        w.attrU16(IFLA_IPVLAN_MODE, fields.mode.ordinal());
        w.attrU16(IFLA_IPVLAN_FLAGS, 0);
    }

    /** Null (the raw attributes kept) for a mode this library does not know. */
    private static Data decode(AttributeCursor data) {
        Mode mode = null;
        int flags = 0;
        while (data.next()) {
            switch (data.type()) {
                case IFLA_IPVLAN_MODE -> {
                    int m = data.u16();
                    if (m >= Mode.values().length) {
                        return null;
                    }
                    mode = Mode.values()[m];
                }
                case IFLA_IPVLAN_FLAGS -> flags = data.u16();
                default -> { }
            }
        }
        return new Data(mode, flags);
    }

    /** Builds an ipvlan. */
    public static final class Builder extends LinkSpec.Builder<Ipvlan, Builder> {
        private Mode mode = Mode.L3;

        private Builder(String name, ParentLink parent) {
            super(name, parent);
        }

        /**
         * Sets the mode (default L3, the kernel's).
         *
         * @param mode the mode
         * @return this builder
         */
        public Builder mode(Mode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        @Override
        Ipvlan make() {
            return new Ipvlan(this);
        }
    }
}
