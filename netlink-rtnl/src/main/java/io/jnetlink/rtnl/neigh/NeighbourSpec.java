package io.jnetlink.rtnl.neigh;

import io.jnetlink.core.net.Interfaces;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.core.net.Mac;
import java.net.InetAddress;
import java.util.Objects;

/**
 * A neighbour entry to add or replace, like {@code ip neigh add IP lladdr MAC nud STATE dev X}:
 * an immutable value made by a {@link Builder} (the spec idiom of the rtnetlink families), each
 * value checked when set, the whole when built.
 *
 * <pre>{@code
 * neighbours.add(NeighbourSpec.builder().link(3).address("192.168.15.9").mac("02:00:00:00:00:09").build());
 * }</pre>
 */
public final class NeighbourSpec {
    private final int ifindex;
    private final InetAddress address;
    private final byte[] mac;
    private final NeighbourState state;

    private NeighbourSpec(Builder b) {
        this.ifindex = b.ifindex;
        this.address = b.address;
        this.mac = b.mac;
        this.state = b.state;
    }

    /**
     * A builder; the state defaults to {@link NeighbourState#PERMANENT}.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@return a permanent entry: {@code ip} is at {@code mac} on link {@code ifindex}}
     *
     * @param ifindex the link's index
     * @param ip the neighbour's IP address
     * @param mac its link-layer address
     */
    public static NeighbourSpec permanent(int ifindex, InetAddress ip, String mac) {
        return builder().link(ifindex).address(ip).mac(mac).build();
    }

    /** {@return the link's index} */
    public int ifindex() {
        return ifindex;
    }

    /** {@return the neighbour's IP address (NDA_DST)} */
    public InetAddress address() {
        return address;
    }

    /** {@return the link-layer address (NDA_LLADDR), or null for none} */
    public byte[] mac() {
        return mac == null ? null : mac.clone();
    }

    /** {@return the state ({@code nud})} */
    public NeighbourState state() {
        return state;
    }

    /** The raw MAC, not copied: for the encoder. */
    byte[] macBytes() {
        return mac;
    }

    @Override
    public String toString() {
        return (state == NeighbourState.PERMANENT ? "permanent " : state.name().toLowerCase(java.util.Locale.ROOT) + " ")
                + "neighbour " + IpPrefix.format(address) + (mac != null ? " lladdr " + Mac.format(mac) : "")
                + " on link " + ifindex;
    }

    /** Builds a {@link NeighbourSpec}. */
    public static final class Builder {
        private int ifindex;
        private InetAddress address;
        private byte[] mac;
        private NeighbourState state = NeighbourState.PERMANENT;

        private Builder() {}

        /**
         * The link, by index.
         *
         * @param ifindex the link's index
         * @return this builder
         */
        public Builder link(int ifindex) {
            this.ifindex = Interfaces.requireIndex(ifindex);
            return this;
        }

        /**
         * The neighbour's IP address.
         *
         * @param ip the address
         * @return this builder
         */
        public Builder address(InetAddress ip) {
            this.address = Objects.requireNonNull(ip, "address");
            return this;
        }

        /**
         * The neighbour's IP address, as a literal ("192.168.15.9", "fd00::9").
         *
         * @param ip the address literal
         * @return this builder
         */
        public Builder address(String ip) {
            return address(IpPrefix.parseAddress(ip));
        }

        /**
         * The link-layer address ("02:00:00:00:00:09"; see {@link Mac#parse} for the rules).
         *
         * @param mac the link-layer address
         * @return this builder
         */
        public Builder mac(String mac) {
            this.mac = Mac.parse(mac);
            return this;
        }

        /**
         * The state (default permanent); {@link NeighbourState#NONE} is refused.
         *
         * @param state the state
         * @return this builder
         */
        public Builder state(NeighbourState state) {
            if (Objects.requireNonNull(state, "state") == NeighbourState.NONE) {
                throw new IllegalArgumentException("a neighbour entry needs a state, not NONE");
            }
            this.state = state;
            return this;
        }

        /**
         * {@return the spec}
         *
         * @throws IllegalArgumentException if the link or the address is missing
         */
        public NeighbourSpec build() {
            if (ifindex == 0) {
                throw new IllegalArgumentException("a neighbour entry needs a link");
            }
            if (address == null) {
                throw new IllegalArgumentException("a neighbour entry needs an IP address");
            }
            return new NeighbourSpec(this);
        }
    }
}
