package io.jnetlink.rtnl.link;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;
import java.util.Objects;

/**
 * A bonding master, like {@code ip link add NAME type bond [mode M] [miimon MS]}. Its slaves are
 * other links given it as master ({@link Links#setMaster(int, int)}, {@code ip link set S master
 * NAME}); the kernel wants a slave down while it is enslaved.
 */
public final class Bond extends LinkSpec<Bond> {
    // linux/if_link.h IFLA_BOND_*
    private static final int IFLA_BOND_MODE = 1;
    private static final int IFLA_BOND_MIIMON = 3;
    private static final AttrNames NAMES = AttrNames.table("IFLA_BOND", "IFLA_BOND_UNSPEC", "IFLA_BOND_MODE",
            "IFLA_BOND_ACTIVE_SLAVE", "IFLA_BOND_MIIMON", "IFLA_BOND_UPDELAY", "IFLA_BOND_DOWNDELAY",
            "IFLA_BOND_USE_CARRIER", "IFLA_BOND_ARP_INTERVAL", "IFLA_BOND_ARP_IP_TARGET", "IFLA_BOND_ARP_VALIDATE",
            "IFLA_BOND_ARP_ALL_TARGETS", "IFLA_BOND_PRIMARY", "IFLA_BOND_PRIMARY_RESELECT",
            "IFLA_BOND_FAIL_OVER_MAC", "IFLA_BOND_XMIT_HASH_POLICY", "IFLA_BOND_RESEND_IGMP",
            "IFLA_BOND_NUM_PEER_NOTIF", "IFLA_BOND_ALL_SLAVES_ACTIVE", "IFLA_BOND_MIN_LINKS",
            "IFLA_BOND_LP_INTERVAL", "IFLA_BOND_PACKETS_PER_SLAVE", "IFLA_BOND_AD_LACP_RATE",
            "IFLA_BOND_AD_SELECT", "IFLA_BOND_AD_INFO");

    /** Bonding modes, in the kernel's numbering (BOND_MODE_* of linux/if_bonding.h). */
    public enum Mode {
        /** balance-rr: round robin over the slaves. */
        BALANCE_RR,
        /** active-backup: one slave carries traffic, another takes over when it fails. */
        ACTIVE_BACKUP,
        /** balance-xor: a slave chosen by a hash of the packet. */
        BALANCE_XOR,
        /** broadcast: every packet on every slave. */
        BROADCAST,
        /** 802.3ad: LACP link aggregation. */
        IEEE_802_3AD,
        /** balance-tlb: adaptive transmit load balancing. */
        BALANCE_TLB,
        /** balance-alb: adaptive load balancing both ways. */
        BALANCE_ALB
    }

    /**
     * What a bond's IFLA_INFO_DATA says, of what this library models (the kernel reports some thirty
     * settings; the rest stay in {@link LinkInfo#unknown()}).
     *
     * @param mode   IFLA_BOND_MODE, or null if not given
     * @param miimon IFLA_BOND_MIIMON, the MII link check interval in milliseconds (0: off), or null
     *               if not given
     */
    public record Data(Mode mode, Integer miimon) implements KindData {
        @Override
        public String kind() {
            return "bond";
        }
    }

    static final LinkKind<Data> KIND = LinkKind.of("bond", Data.class, NAMES, Bond::decode);

    private final Builder fields;

    private Bond(Builder fields) {
        super(KIND, fields);
        this.fields = fields;
    }

    /**
     * {@return a bond named {@code name}, with the kernel's defaults (balance-rr, no MII monitoring)}
     *
     * @param name the link's name
     */
    public static Bond named(String name) {
        return builder(name).build();
    }

    /**
     * A builder of bond specs named {@code name}.
     *
     * @param name the link's name
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
     * This spec with bonding mode {@code mode}.
     *
     * @param mode the bonding mode
     * @return a copy with it
     */
    public Bond mode(Mode mode) {
        return toBuilder().mode(mode).build();
    }

    /**
     * This spec checking the slaves' carrier every {@code millis} milliseconds (0: MII monitoring off).
     *
     * @param millis the interval in milliseconds (0: off)
     * @return a copy with it
     */
    public Bond miimon(int millis) {
        return toBuilder().miimon(millis).build();
    }

    @Override
    public Data data() {
        return new Data(fields.mode, fields.miimon);
    }

    @Override
    boolean hasInfoData() {
        return fields.mode != null || fields.miimon != null;
    }

    /** As ip link writes what it is given: the mode, then miimon. */
    @Override
    void writeInfoData(MessageWriter w) {
        if (fields.mode != null) {
            w.attrU8(IFLA_BOND_MODE, fields.mode.ordinal());
        }
        if (fields.miimon != null) {
            w.attrU32(IFLA_BOND_MIIMON, fields.miimon);
        }
    }

    /** Null (the raw attributes kept) for a mode this library does not know. */
    private static Data decode(AttributeCursor data) {
        Mode mode = null;
        Integer miimon = null;
        while (data.next()) {
            switch (data.type()) {
                case IFLA_BOND_MODE -> {
                    int m = data.u8();
                    if (m >= Mode.values().length) {
                        return null;
                    }
                    mode = Mode.values()[m];
                }
                case IFLA_BOND_MIIMON -> miimon = data.u32();
                default -> { }
            }
        }
        return new Data(mode, miimon);
    }

    /** Builds a {@link Bond}. */
    public static final class Builder extends LinkSpec.Builder<Bond, Builder> {
        private Mode mode;
        private Integer miimon;

        private Builder(String name) {
            super(name);
        }

        /**
         * Sets the bonding mode (the kernel's default is balance-rr).
         *
         * @param mode the bonding mode
         * @return this builder
         */
        public Builder mode(Mode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Checks the slaves' carrier every {@code millis} milliseconds (0 turns MII monitoring off).
         *
         * @param millis the interval in milliseconds (0: off)
         * @return this builder
         */
        public Builder miimon(int millis) {
            if (millis < 0) {
                throw new IllegalArgumentException("bond miimon must be >= 0 ms, got " + millis);
            }
            this.miimon = millis;
            return this;
        }

        @Override
        Bond make() {
            return new Bond(this);
        }
    }
}
