package io.jnetlink.rtnl.bridge;

import io.jnetlink.core.net.Interfaces;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.rtnl.neigh.NeighbourInfo;
import java.net.InetAddress;
import java.util.Objects;

/**
 * A forwarding-database entry to add, append, replace or delete: the request side of
 * {@code bridge fdb add|append|replace|del}. On a bridge port ({@link #master()}) it says which port
 * a MAC address is behind; on a VXLAN device ({@link #self()}) it says which remote VTEP
 * ({@link #destination()}, with an optional VNI and UDP port) a MAC address is behind, and the
 * all-zero MAC with {@code append} lists the VTEPs that flooded traffic goes to.
 * Built with {@link #builder()} and checked when built.
 *
 * <pre>{@code
 * FdbEntry.builder().mac("02:00:00:00:00:a1").dev("bp0").master().asStatic().build();
 * FdbEntry.builder().mac("00:00:00:00:00:00").dev("vx0").self().destination("192.168.15.8").build();
 * FdbEntry.builder().mac("02:00:00:00:00:a3").dev("bp0").master().asStatic().vlan(10).build();
 * }</pre>
 *
 * @param mac         the MAC address, lower-case colon form
 * @param ifindex     the device by index, or 0
 * @param linkName    the device by name, or null
 * @param self        NTF_SELF: the entry is the device's own (a VXLAN device's, a port's hardware)
 * @param master      NTF_MASTER: the entry belongs to the bridge the device is a port of (the default
 *                    when neither is set)
 * @param state       permanent (the default), static or dynamic
 * @param destination the remote VTEP address of a VXLAN entry, or null
 * @param vni         the VXLAN network identifier of the remote (0..16777215), or -1 for the device's
 * @param port        the remote UDP port, or 0 for the device's
 * @param vlan        the VLAN the entry is for (NDA_VLAN, 1..4094; {@code bridge fdb ... vlan N}), or 0 for
 *                    none. A bridge takes it only for a VLAN configured on the port, which needs a kernel
 *                    with bridge VLAN filtering; a VXLAN device ignores it.
 */
public record FdbEntry(String mac, int ifindex, String linkName, boolean self, boolean master, FdbState state,
                       InetAddress destination, long vni, int port, int vlan) {
    /** Checks the fields. */
    public FdbEntry {
        mac = NeighbourInfo.formatMac(NeighbourInfo.parseMac(mac));
        Objects.requireNonNull(state, "state");
        if (ifindex < 0) {
            throw new IllegalArgumentException("link index must be positive, got " + ifindex);
        }
        if ((ifindex == 0) == (linkName == null)) {
            throw new IllegalArgumentException("an FDB entry needs its device, by name or by index (one of them)");
        }
        if (linkName != null) {
            Interfaces.validateName(linkName);
        }
        if (vni < -1 || vni > 0xFF_FFFF) {
            throw new IllegalArgumentException("VNI " + vni + " is out of range 0..16777215");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("UDP port " + port + " is out of range 1..65535");
        }
        if (vlan < 0 || vlan > 4094) {
            throw new IllegalArgumentException("VLAN " + vlan + " is out of range 1..4094 (0: none)");
        }
    }

    /**
     * A new builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The {@code NTF_*} flags to send. */
    int flags() {
        return (self ? Br.NTF_SELF : 0) | (master ? Br.NTF_MASTER : 0);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("fdb ").append(mac).append(" dev ")
                .append(linkName != null ? linkName : "#" + ifindex);
        if (vlan != 0) {
            sb.append(" vlan ").append(vlan);
        }
        appendRemote(sb, destination, vni, port);
        if (self) {
            sb.append(" self");
        }
        if (master) {
            sb.append(" master");
        }
        return sb.append(' ').append(state.label()).toString();
    }

    /** Appends a VXLAN remote as {@code bridge fdb} words it (" dst A vni N port P"), what is set of it. */
    static void appendRemote(StringBuilder sb, InetAddress destination, long vni, int port) {
        if (destination != null) {
            sb.append(" dst ").append(IpPrefix.format(destination));
        }
        if (vni != -1) {
            sb.append(" vni ").append(vni);
        }
        if (port != 0) {
            sb.append(" port ").append(port);
        }
    }

    /** Builds an {@link FdbEntry}; every setter returns the builder. Not thread-safe. */
    public static final class Builder {
        private String mac;
        private int ifindex;
        private String linkName;
        private boolean self;
        private boolean master;
        private FdbState state = FdbState.PERMANENT;
        private InetAddress destination;
        private long vni = -1;
        private int port;
        private int vlan;

        private Builder() {}

        /**
         * The MAC address ({@code 02:00:00:00:00:a1}).
         *
         * @param mac the MAC address
         * @return this builder
         */
        public Builder mac(String mac) {
            this.mac = mac;
            return this;
        }

        /**
         * The device, by name.
         *
         * @param name the device's name
         * @return this builder
         */
        public Builder dev(String name) {
            this.linkName = name;
            this.ifindex = 0;
            return this;
        }

        /**
         * The device, by index.
         *
         * @param ifindex the device's index
         * @return this builder
         */
        public Builder dev(int ifindex) {
            this.ifindex = ifindex;
            this.linkName = null;
            return this;
        }

        /**
         * The device's own table (NTF_SELF).
         *
         * @return this builder
         */
        public Builder self() {
            this.self = true;
            return this;
        }

        /**
         * The master bridge's table (NTF_MASTER).
         *
         * @return this builder
         */
        public Builder master() {
            this.master = true;
            return this;
        }

        /**
         * Sets the state.
         *
         * @param state the state
         * @return this builder
         */
        public Builder state(FdbState state) {
            this.state = state;
            return this;
        }

        /**
         * A static entry: never ages out, may move.
         *
         * @return this builder
         */
        public Builder asStatic() {
            return state(FdbState.STATIC);
        }

        /**
         * The remote VTEP.
         *
         * @param address the VTEP's address
         * @return this builder
         */
        public Builder destination(InetAddress address) {
            this.destination = Objects.requireNonNull(address, "address");
            return this;
        }

        /**
         * The remote VTEP (address literal).
         *
         * @param address the VTEP's address literal
         * @return this builder
         */
        public Builder destination(String address) {
            return destination(IpPrefix.parseAddress(address));
        }

        /**
         * The remote VNI.
         *
         * @param vni the VNI
         * @return this builder
         */
        public Builder vni(long vni) {
            this.vni = vni;
            return this;
        }

        /**
         * The remote UDP port.
         *
         * @param port the UDP port
         * @return this builder
         */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * The VLAN the entry is for (1..4094), as {@code bridge fdb ... vlan N}.
         *
         * @param vlan the VLAN id
         * @return this builder
         */
        public Builder vlan(int vlan) {
            if (vlan < 1 || vlan > 4094) {
                throw new IllegalArgumentException("VLAN " + vlan + " is out of range 1..4094");
            }
            this.vlan = vlan;
            return this;
        }

        /**
         * {@return the entry}
         *
         * @throws IllegalArgumentException if the MAC, device, VNI or port is not valid
         */
        public FdbEntry build() {
            Objects.requireNonNull(mac, "an FDB entry needs a MAC address");
            return new FdbEntry(mac, ifindex, linkName, self, master, state, destination, vni, port, vlan);
        }
    }
}
