package io.jnetlink.rtnl.link;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;

/** A Linux bridge ("virtual switch"), like {@code ip link add NAME type bridge [stp_state 0|1]}. */
public final class Bridge extends LinkSpec<Bridge> {
    // linux/if_link.h IFLA_BR_*
    private static final int IFLA_BR_STP_STATE = 5;
    private static final AttrNames NAMES = AttrNames.table("IFLA_BR", "IFLA_BR_UNSPEC", "IFLA_BR_FORWARD_DELAY",
            "IFLA_BR_HELLO_TIME", "IFLA_BR_MAX_AGE", "IFLA_BR_AGEING_TIME", "IFLA_BR_STP_STATE", "IFLA_BR_PRIORITY",
            "IFLA_BR_VLAN_FILTERING", "IFLA_BR_VLAN_PROTOCOL", "IFLA_BR_GROUP_FWD_MASK", "IFLA_BR_ROOT_ID");

    /**
     * What a bridge's IFLA_INFO_DATA says, of what this library models (the kernel reports some 40
     * IFLA_BR_* attributes; the rest stay in {@link LinkInfo#unknown()}).
     *
     * @param stp IFLA_BR_STP_STATE: whether the spanning tree protocol runs, or null if not given
     */
    public record Data(Boolean stp) implements KindData {
        @Override
        public String kind() {
            return "bridge";
        }
    }

    static final LinkKind<Data> KIND = LinkKind.of("bridge", Data.class, NAMES, Bridge::decode);

    private final Builder fields;

    private Bridge(Builder fields) {
        super(KIND, fields);
        this.fields = fields;
    }

    /** A bridge named {@code name}. */
    public static Bridge named(String name) {
        return builder(name).build();
    }

    /** A builder of bridge specs named {@code name}. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    @Override
    public Builder toBuilder() {
        return fields.copy();
    }

    /** This spec with the spanning tree protocol on or off ({@code stp_state 1|0}; the kernel's default is off). */
    public Bridge stp(boolean on) {
        return toBuilder().stp(on).build();
    }

    @Override
    public Data data() {
        return new Data(fields.stp);
    }

    @Override
    boolean hasInfoData() {
        return fields.stp != null;
    }

    @Override
    void writeInfoData(MessageWriter w) {
        if (fields.stp != null) {
            w.attrU32(IFLA_BR_STP_STATE, fields.stp ? 1 : 0);
        }
    }

    private static Data decode(AttributeCursor data) {
        Boolean stp = null;
        while (data.next()) {
            if (data.type() == IFLA_BR_STP_STATE) {
                stp = data.u32() != 0;
            }
        }
        return new Data(stp);
    }

    /** Builds a {@link Bridge}. */
    public static final class Builder extends LinkSpec.Builder<Bridge, Builder> {
        private Boolean stp;

        private Builder(String name) {
            super(name);
        }

        /** Turns the spanning tree protocol on or off ({@code stp_state 1|0}; the kernel's default is off). */
        public Builder stp(boolean on) {
            this.stp = on;
            return this;
        }

        @Override
        Bridge make() {
            return new Bridge(this);
        }
    }
}
