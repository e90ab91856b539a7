package io.jnetlink.rtnl.link;

import io.jnetlink.core.Errno;
import io.jnetlink.core.NetlinkException;
import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.rtnl.family.KernelLacksException;
import java.time.Duration;
import java.util.Objects;

/**
 * A Linux bridge ("virtual switch"), like
 * {@code ip link add NAME type bridge [stp_state 0|1] [forward_delay CS] [ageing_time CS]
 * [vlan_filtering 0|1] [vlan_default_pvid VID] [mcast_snooping 0|1]}. The same options change an
 * existing bridge through {@link Links#change(LinkSpec)} ({@code ip link set dev NAME type bridge ...}).
 *
 * <p>Times are sent as the kernel's netlink API has them, in hundredths of a second (USER_HZ
 * clock ticks), so a {@link Duration} must be a whole number of them.
 */
public final class Bridge extends LinkSpec<Bridge> {
    // linux/if_link.h IFLA_BR_*
    private static final int IFLA_BR_FORWARD_DELAY = 1;
    private static final int IFLA_BR_AGEING_TIME = 4;
    private static final int IFLA_BR_STP_STATE = 5;
    private static final int IFLA_BR_VLAN_FILTERING = 7;
    private static final int IFLA_BR_MCAST_SNOOPING = 23;
    private static final int IFLA_BR_VLAN_DEFAULT_PVID = 39;
    private static final AttrNames NAMES = AttrNames.table("IFLA_BR", "IFLA_BR_UNSPEC", "IFLA_BR_FORWARD_DELAY",
            "IFLA_BR_HELLO_TIME", "IFLA_BR_MAX_AGE", "IFLA_BR_AGEING_TIME", "IFLA_BR_STP_STATE", "IFLA_BR_PRIORITY",
            "IFLA_BR_VLAN_FILTERING", "IFLA_BR_VLAN_PROTOCOL", "IFLA_BR_GROUP_FWD_MASK", "IFLA_BR_ROOT_ID",
            "IFLA_BR_BRIDGE_ID", "IFLA_BR_ROOT_PORT", "IFLA_BR_ROOT_PATH_COST", "IFLA_BR_TOPOLOGY_CHANGE",
            "IFLA_BR_TOPOLOGY_CHANGE_DETECTED", "IFLA_BR_HELLO_TIMER", "IFLA_BR_TCN_TIMER",
            "IFLA_BR_TOPOLOGY_CHANGE_TIMER", "IFLA_BR_GC_TIMER", "IFLA_BR_GROUP_ADDR", "IFLA_BR_FDB_FLUSH",
            "IFLA_BR_MCAST_ROUTER", "IFLA_BR_MCAST_SNOOPING", "IFLA_BR_MCAST_QUERY_USE_IFADDR",
            "IFLA_BR_MCAST_QUERIER", "IFLA_BR_MCAST_HASH_ELASTICITY", "IFLA_BR_MCAST_HASH_MAX",
            "IFLA_BR_MCAST_LAST_MEMBER_CNT", "IFLA_BR_MCAST_STARTUP_QUERY_CNT", "IFLA_BR_MCAST_LAST_MEMBER_INTVL",
            "IFLA_BR_MCAST_MEMBERSHIP_INTVL", "IFLA_BR_MCAST_QUERIER_INTVL", "IFLA_BR_MCAST_QUERY_INTVL",
            "IFLA_BR_MCAST_QUERY_RESPONSE_INTVL", "IFLA_BR_MCAST_STARTUP_QUERY_INTVL", "IFLA_BR_NF_CALL_IPTABLES",
            "IFLA_BR_NF_CALL_IP6TABLES", "IFLA_BR_NF_CALL_ARPTABLES", "IFLA_BR_VLAN_DEFAULT_PVID");

    /** The kernel's forward delay when none is given (15 s, as the kernel's br_dev_setup sets it). */
    public static final Duration DEFAULT_FORWARD_DELAY = Duration.ofSeconds(15);
    /** The kernel's FDB ageing time when none is given (300 s, as the kernel's br_dev_setup sets it). */
    public static final Duration DEFAULT_AGEING_TIME = Duration.ofSeconds(300);

    /**
     * What a bridge's IFLA_INFO_DATA says, of what this library models (the kernel reports some 40
     * IFLA_BR_* attributes; the rest stay in {@link LinkInfo#unknown()}). An option a message does
     * not carry reads as the kernel's default, which is what a bridge created without it has: STP
     * off, forward delay 15 s, ageing time 300 s, VLAN filtering off, multicast snooping on. The
     * default PVID is the exception: kernels built without VLAN filtering neither keep nor report
     * it, so it is null when not carried (kernels with VLAN filtering report their default, 1).
     *
     * @param stp               IFLA_BR_STP_STATE: whether the spanning tree protocol runs
     * @param forwardDelay      IFLA_BR_FORWARD_DELAY: time spent listening and learning before forwarding
     * @param ageingTime        IFLA_BR_AGEING_TIME: how long a learned FDB entry lives unused
     * @param vlanFiltering     IFLA_BR_VLAN_FILTERING: whether the bridge filters by VLAN
     * @param defaultPvid       IFLA_BR_VLAN_DEFAULT_PVID: the VLAN new ports get as PVID (0: none), or null
     * @param multicastSnooping IFLA_BR_MCAST_SNOOPING: whether IGMP/MLD snooping is on
     */
    public record Data(boolean stp, Duration forwardDelay, Duration ageingTime, boolean vlanFiltering,
                       Integer defaultPvid, boolean multicastSnooping) implements KindData {
        /** Checks that the times are given. */
        public Data {
            Objects.requireNonNull(forwardDelay, "forward delay");
            Objects.requireNonNull(ageingTime, "ageing time");
        }

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

    /**
     * {@return a bridge named {@code name}}
     *
     * @param name the link's name
     */
    public static Bridge named(String name) {
        return builder(name).build();
    }

    /**
     * A builder of bridge specs named {@code name}.
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
     * This spec with the spanning tree protocol on or off ({@code stp_state 1|0}; the kernel's default is off).
     *
     * @param on true for on
     * @return a copy with it
     */
    public Bridge stp(boolean on) {
        return toBuilder().stp(on).build();
    }

    /**
     * This spec with forward delay {@code delay} ({@code forward_delay}, whole hundredths of a second).
     *
     * @param delay the forward delay
     * @return a copy with it
     */
    public Bridge forwardDelay(Duration delay) {
        return toBuilder().forwardDelay(delay).build();
    }

    /**
     * This spec with FDB ageing time {@code time} ({@code ageing_time}, whole hundredths of a second).
     *
     * @param time the ageing time
     * @return a copy with it
     */
    public Bridge ageingTime(Duration time) {
        return toBuilder().ageingTime(time).build();
    }

    /**
     * This spec with VLAN filtering on or off ({@code vlan_filtering 1|0}). A kernel built without
     * it refuses either value with a {@link KernelLacksException}.
     *
     * @param on true for on
     * @return a copy with it
     */
    public Bridge vlanFiltering(boolean on) {
        return toBuilder().vlanFiltering(on).build();
    }

    /**
     * This spec with default PVID {@code vid} for new ports ({@code vlan_default_pvid}, 0..4094, 0: none).
     *
     * @param vid the VLAN id
     * @return a copy with it
     */
    public Bridge defaultPvid(int vid) {
        return toBuilder().defaultPvid(vid).build();
    }

    /**
     * This spec with IGMP/MLD snooping on or off ({@code mcast_snooping 1|0}; the kernel's default is on).
     *
     * @param on true for on
     * @return a copy with it
     */
    public Bridge multicastSnooping(boolean on) {
        return toBuilder().multicastSnooping(on).build();
    }

    /** The bridge this spec makes: the options given, the kernel's defaults for the others (see {@link Data}). */
    @Override
    public Data data() {
        Builder f = fields;
        return new Data(f.stp != null && f.stp,
                f.forwardDelay != null ? centis(f.forwardDelay) : DEFAULT_FORWARD_DELAY,
                f.ageingTime != null ? centis(f.ageingTime) : DEFAULT_AGEING_TIME,
                f.vlanFiltering != null && f.vlanFiltering, f.defaultPvid,
                f.multicastSnooping == null || f.multicastSnooping);
    }

    @Override
    boolean hasInfoData() {
        Builder f = fields;
        return f.stp != null || f.forwardDelay != null || f.ageingTime != null || f.vlanFiltering != null
                || f.defaultPvid != null || f.multicastSnooping != null;
    }

    /**
     * The options given, in the order of iproute2's requests for them (it writes them in the order
     * of the command line; golden/bridge/ link_options and link_vlan_filtering).
     */
    @Override
    void writeInfoData(MessageWriter w) {
        Builder f = fields;
        if (f.stp != null) {
            w.attrU32(IFLA_BR_STP_STATE, f.stp ? 1 : 0);
        }
        if (f.forwardDelay != null) {
            w.attrU32(IFLA_BR_FORWARD_DELAY, (int) f.forwardDelay.longValue());
        }
        if (f.ageingTime != null) {
            w.attrU32(IFLA_BR_AGEING_TIME, (int) f.ageingTime.longValue());
        }
        if (f.vlanFiltering != null) {
            w.attrU8(IFLA_BR_VLAN_FILTERING, f.vlanFiltering ? 1 : 0);
        }
        if (f.defaultPvid != null) {
            w.attrU16(IFLA_BR_VLAN_DEFAULT_PVID, f.defaultPvid);
        }
        if (f.multicastSnooping != null) {
            w.attrU8(IFLA_BR_MCAST_SNOOPING, f.multicastSnooping ? 1 : 0);
        }
    }

    /**
     * EOPNOTSUPP without the kernel's "Unknown device type" for a request that sets VLAN filtering:
     * the kernel was built without CONFIG_BRIDGE_VLAN_FILTERING (br_vlan_filter_toggle's stub).
     */
    @Override
    NetlinkException explain(NetlinkException e) {
        if (fields.vlanFiltering != null && e.errno() == Errno.EOPNOTSUPP && e.extAckMessage() == null) {
            return new KernelLacksException(e, "bridge VLAN filtering (CONFIG_BRIDGE_VLAN_FILTERING)");
        }
        return super.explain(e);
    }

    private static Duration centis(long centiseconds) {
        return Duration.ofMillis(centiseconds * 10);
    }

    private static Data decode(AttributeCursor data) {
        boolean stp = false;
        boolean vlanFiltering = false;
        boolean snooping = true;
        Duration forwardDelay = DEFAULT_FORWARD_DELAY;
        Duration ageingTime = DEFAULT_AGEING_TIME;
        Integer pvid = null;
        while (data.next()) {
            switch (data.type()) {
                case IFLA_BR_STP_STATE -> stp = data.u32() != 0;
                case IFLA_BR_FORWARD_DELAY -> forwardDelay = centis(Integer.toUnsignedLong(data.u32()));
                case IFLA_BR_AGEING_TIME -> ageingTime = centis(Integer.toUnsignedLong(data.u32()));
                case IFLA_BR_VLAN_FILTERING -> vlanFiltering = data.u8() != 0;
                case IFLA_BR_VLAN_DEFAULT_PVID -> pvid = data.u16();
                case IFLA_BR_MCAST_SNOOPING -> snooping = data.u8() != 0;
                default -> { }
            }
        }
        return new Data(stp, forwardDelay, ageingTime, vlanFiltering, pvid, snooping);
    }

    /** Builds a {@link Bridge}; an option not set is not sent (the kernel's default, or on a change the current value, stays). */
    public static final class Builder extends LinkSpec.Builder<Bridge, Builder> {
        private Boolean stp;
        private Long forwardDelay;          // hundredths of a second
        private Long ageingTime;            // hundredths of a second
        private Boolean vlanFiltering;
        private Integer defaultPvid;
        private Boolean multicastSnooping;

        private Builder(String name) {
            super(name);
        }

        /**
         * Turns the spanning tree protocol on or off ({@code stp_state 1|0}; the kernel's default is off).
         *
         * @param on true for on
         * @return this builder
         */
        public Builder stp(boolean on) {
            this.stp = on;
            return this;
        }

        /**
         * The forward delay ({@code forward_delay}): how long a port listens and learns before it
         * forwards. Whole hundredths of a second; the kernel takes 2..30 s while STP runs.
         *
         * @param delay the forward delay
         * @return this builder
         */
        public Builder forwardDelay(Duration delay) {
            this.forwardDelay = centiseconds("forward delay", delay);
            return this;
        }

        /**
         * The FDB ageing time ({@code ageing_time}): how long a learned entry lives unused. Whole hundredths of a second.
         *
         * @param time the ageing time
         * @return this builder
         */
        public Builder ageingTime(Duration time) {
            this.ageingTime = centiseconds("ageing time", time);
            return this;
        }

        /**
         * VLAN filtering on or off ({@code vlan_filtering 1|0}).
         *
         * @param on true for on
         * @return this builder
         */
        public Builder vlanFiltering(boolean on) {
            this.vlanFiltering = on;
            return this;
        }

        /**
         * The PVID new ports get ({@code vlan_default_pvid}): 1..4094, or 0 for none.
         *
         * @param vid the VLAN id
         * @return this builder
         */
        public Builder defaultPvid(int vid) {
            if (vid < 0 || vid > 4094) {
                throw new IllegalArgumentException("bridge default PVID must be 0..4094 (0: none), got " + vid);
            }
            this.defaultPvid = vid;
            return this;
        }

        /**
         * IGMP/MLD snooping on or off ({@code mcast_snooping 1|0}; the kernel's default is on).
         *
         * @param on true for on
         * @return this builder
         */
        public Builder multicastSnooping(boolean on) {
            this.multicastSnooping = on;
            return this;
        }

        private static long centiseconds(String what, Duration d) {
            Objects.requireNonNull(d, what);
            if (d.isNegative()) {
                throw new IllegalArgumentException("bridge " + what + " must not be negative, got " + d);
            }
            if (d.getNano() % 10_000_000 != 0) {
                throw new IllegalArgumentException("bridge " + what + " must be a whole number of hundredths of a second"
                        + " (the kernel's unit), got " + d);
            }
            long cs = d.getSeconds() * 100 + d.getNano() / 10_000_000;
            if (d.getSeconds() > 0xFFFF_FFFFL / 100 || cs > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("bridge " + what + " is too long (at most 4294967295 hundredths of a"
                        + " second), got " + d);
            }
            return cs;
        }

        @Override
        Bridge make() {
            return new Bridge(this);
        }
    }
}
