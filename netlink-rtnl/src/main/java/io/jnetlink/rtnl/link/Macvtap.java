package io.jnetlink.rtnl.link;

import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;
import java.util.Objects;

/**
 * A macvtap on a parent link, like {@code ip link add NAME link PARENT type macvtap mode MODE}: a
 * macvlan whose frames a program reads and writes through {@code /dev/tapN}. Its data is
 * macvlan's ({@code IFLA_MACVLAN_*}).
 */
public final class Macvtap extends LinkSpec<Macvtap> {
    /**
     * What a macvtap's IFLA_INFO_DATA says, of what this library models.
     *
     * @param mode IFLA_MACVLAN_MODE, or null if not given
     */
    public record Data(Macvlan.Mode mode) implements KindData {
        @Override
        public String kind() {
            return "macvtap";
        }
    }

    static final LinkKind<Data> KIND = LinkKind.of("macvtap", Data.class, Macvlan.NAMES, Macvtap::decode);

    private final Builder fields;

    private Macvtap(Builder fields) {
        super(KIND, fields);
        this.fields = fields;
    }

    /**
     * {@return a macvtap named {@code name} on the link named {@code parent}}
     *
     * @param name the link's name
     * @param parent the parent link's name
     */
    public static Macvtap named(String name, String parent) {
        return builder(name, parent).build();
    }

    /**
     * {@return a macvtap named {@code name} on the link with index {@code parentIndex}}
     *
     * @param name the link's name
     * @param parentIndex the parent link's index
     */
    public static Macvtap named(String name, int parentIndex) {
        return builder(name, parentIndex).build();
    }

    /**
     * A builder of macvtap specs named {@code name} on the link named {@code parent}.
     *
     * @param name the link's name
     * @param parent the parent link's name
     * @return the builder
     */
    public static Builder builder(String name, String parent) {
        return new Builder(name, ParentLink.named(parent));
    }

    /**
     * A builder of macvtap specs named {@code name} on the link with index {@code parentIndex}.
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
    public Macvtap mode(Macvlan.Mode mode) {
        return toBuilder().mode(mode).build();
    }

    @Override
    public Data data() {
        return new Data(fields.mode);
    }

    @Override
    boolean hasInfoData() {
        return true;
    }

    @Override
    void writeInfoData(MessageWriter w) {
        Macvlan.writeMode(w, fields.mode);
    }

    /** Null (so the link keeps the raw attributes) for a mode this library does not know. */
    private static Data decode(AttributeCursor data) {
        Macvlan.Data d = Macvlan.decodeData(data);
        return d == null ? null : new Data(d.mode());
    }

    /** Builds a macvtap. */
    public static final class Builder extends LinkSpec.Builder<Macvtap, Builder> {
        private Macvlan.Mode mode = Macvlan.Mode.BRIDGE;

        private Builder(String name, ParentLink parent) {
            super(name, parent);
        }

        /**
         * Sets the mode (default BRIDGE).
         *
         * @param mode the mode
         * @return this builder
         */
        public Builder mode(Macvlan.Mode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        @Override
        Macvtap make() {
            return new Macvtap(this);
        }
    }
}
