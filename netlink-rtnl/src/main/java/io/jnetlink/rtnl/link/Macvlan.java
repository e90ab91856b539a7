package io.jnetlink.rtnl.link;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;
import java.util.Objects;

/** A macvlan on a parent link, like {@code ip link add NAME link PARENT type macvlan mode MODE}. */
public final class Macvlan extends LinkSpec<Macvlan> {
    // linux/if_link.h IFLA_MACVLAN_*
    private static final int IFLA_MACVLAN_MODE = 1;
    static final AttrNames NAMES = AttrNames.table("IFLA_MACVLAN", "IFLA_MACVLAN_UNSPEC", "IFLA_MACVLAN_MODE",
            "IFLA_MACVLAN_FLAGS", "IFLA_MACVLAN_MACADDR_MODE", "IFLA_MACVLAN_MACADDR", "IFLA_MACVLAN_MACADDR_DATA",
            "IFLA_MACVLAN_MACADDR_COUNT", "IFLA_MACVLAN_BC_QUEUE_LEN", "IFLA_MACVLAN_BC_QUEUE_LEN_USED");

    /** macvlan modes ({@code MACVLAN_MODE_*}). */
    public enum Mode {
        /** MACVLAN_MODE_PRIVATE. */
        PRIVATE(1),
        /** MACVLAN_MODE_VEPA. */
        VEPA(2),
        /** MACVLAN_MODE_BRIDGE. */
        BRIDGE(4),
        /** MACVLAN_MODE_PASSTHRU. */
        PASSTHRU(8),
        /** MACVLAN_MODE_SOURCE. */
        SOURCE(16);

        final int value;

        Mode(int value) {
            this.value = value;
        }

        /** The mode with kernel value {@code value}, or null. */
        static Mode of(int value) {
            for (Mode m : values()) {
                if (m.value == value) {
                    return m;
                }
            }
            return null;
        }
    }

    /**
     * What a macvlan's IFLA_INFO_DATA says, of what this library models (the parent link is the
     * top-level IFLA_LINK: {@link LinkInfo#peerIndex()}).
     *
     * @param mode IFLA_MACVLAN_MODE, or null if not given
     */
    public record Data(Mode mode) implements KindData {
        @Override
        public String kind() {
            return "macvlan";
        }
    }

    static final LinkKind<Data> KIND = LinkKind.of("macvlan", Data.class, NAMES, Macvlan::decodeData);

    private final Builder fields;

    private Macvlan(Builder fields) {
        super(KIND, fields);
        this.fields = fields;
    }

    /**
     * {@return a macvlan named {@code name} on the link named {@code parent}}
     *
     * @param name the link's name
     * @param parent the parent link's name
     */
    public static Macvlan named(String name, String parent) {
        return builder(name, parent).build();
    }

    /**
     * {@return a macvlan named {@code name} on the link with index {@code parentIndex}}
     *
     * @param name the link's name
     * @param parentIndex the parent link's index
     */
    public static Macvlan named(String name, int parentIndex) {
        return builder(name, parentIndex).build();
    }

    /**
     * A builder of macvlan specs named {@code name} on the link named {@code parent}.
     *
     * @param name the link's name
     * @param parent the parent link's name
     * @return the builder
     */
    public static Builder builder(String name, String parent) {
        return new Builder(name, ParentLink.named(parent));
    }

    /**
     * A builder of macvlan specs named {@code name} on the link with index {@code parentIndex}.
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
    public Macvlan mode(Mode mode) {
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
        writeMode(w, fields.mode);
    }

    /** IFLA_MACVLAN_MODE: macvlan's data, which macvtap shares. */
    static void writeMode(MessageWriter w, Mode mode) {
        w.attrU32(IFLA_MACVLAN_MODE, mode.value);
    }

    /** Null (so the link keeps the raw attributes) for a mode this library does not know. */
    static Data decodeData(AttributeCursor data) {
        Mode mode = null;
        while (data.next()) {
            if (data.type() == IFLA_MACVLAN_MODE) {
                mode = Mode.of(data.u32());
                if (mode == null) {
                    return null;
                }
            }
        }
        return new Data(mode);
    }

    /** Builds a macvlan. */
    public static final class Builder extends LinkSpec.Builder<Macvlan, Builder> {
        private Mode mode = Mode.BRIDGE;

        private Builder(String name, ParentLink parent) {
            super(name, parent);
        }

        /**
         * Sets the mode (default BRIDGE).
         *
         * @param mode the mode
         * @return this builder
         */
        public Builder mode(Mode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        @Override
        Macvlan make() {
            return new Macvlan(this);
        }
    }
}
