package io.jnetlink.rtnl.link;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.socket.NetlinkSocket;
import io.jnetlink.core.net.Interfaces;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.rtnl.family.Attributes;
import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * A VXLAN tunnel endpoint, like
 * {@code ip link add NAME type vxlan id VNI [dev DEV] [local A] [remote|group B] [dstport P]}.
 */
public final class Vxlan extends LinkSpec<Vxlan> {
    // linux/if_link.h IFLA_VXLAN_*
    private static final int IFLA_VXLAN_ID = 1;
    private static final int IFLA_VXLAN_GROUP = 2;
    private static final int IFLA_VXLAN_LINK = 3;
    private static final int IFLA_VXLAN_LOCAL = 4;
    private static final int IFLA_VXLAN_LEARNING = 7;
    private static final int IFLA_VXLAN_PORT = 15;
    private static final int IFLA_VXLAN_GROUP6 = 16;
    private static final int IFLA_VXLAN_LOCAL6 = 17;
    private static final AttrNames NAMES = AttrNames.table("IFLA_VXLAN", "IFLA_VXLAN_UNSPEC", "IFLA_VXLAN_ID",
            "IFLA_VXLAN_GROUP", "IFLA_VXLAN_LINK", "IFLA_VXLAN_LOCAL", "IFLA_VXLAN_TTL", "IFLA_VXLAN_TOS",
            "IFLA_VXLAN_LEARNING", "IFLA_VXLAN_AGEING", "IFLA_VXLAN_LIMIT", "IFLA_VXLAN_PORT_RANGE",
            "IFLA_VXLAN_PROXY", "IFLA_VXLAN_RSC", "IFLA_VXLAN_L2MISS", "IFLA_VXLAN_L3MISS", "IFLA_VXLAN_PORT",
            "IFLA_VXLAN_GROUP6", "IFLA_VXLAN_LOCAL6");

    /**
     * What a VXLAN link's IFLA_INFO_DATA says, of what this library models (TTL, learning, ageing
     * and the rest stay in {@link LinkInfo#unknown()}).
     *
     * @param vni    IFLA_VXLAN_ID, the network identifier
     * @param device IFLA_VXLAN_LINK, the underlay link's index, or 0 for none
     * @param local  IFLA_VXLAN_LOCAL or _LOCAL6, or null
     * @param remote IFLA_VXLAN_GROUP or _GROUP6 (the remote endpoint or multicast group), or null
     * @param port   IFLA_VXLAN_PORT, the UDP destination port, or 0 if not given
     */
    public record Data(int vni, int device, InetAddress local, InetAddress remote, int port) implements KindData {
        @Override
        public String kind() {
            return "vxlan";
        }
    }

    static final LinkKind<Data> KIND = LinkKind.of("vxlan", Data.class, NAMES, Vxlan::decode);

    private final Builder fields;

    private Vxlan(Builder fields) {
        super(KIND, fields);
        this.fields = fields;
    }

    /**
     * {@return a VXLAN link named {@code name} with network identifier {@code vni}}
     *
     * @param name the link's name
     * @param vni the network identifier
     */
    public static Vxlan named(String name, int vni) {
        return builder(name, vni).build();
    }

    /**
     * A builder of VXLAN specs named {@code name} with network identifier {@code vni}.
     *
     * @param name the link's name
     * @param vni the network identifier
     * @return the builder
     */
    public static Builder builder(String name, int vni) {
        return new Builder(name, vni);
    }

    @Override
    public Builder toBuilder() {
        return fields.copy();
    }

    /**
     * This spec with the underlay device given by name.
     *
     * @param name the underlay device's name
     * @return a copy with it
     */
    public Vxlan device(String name) {
        return toBuilder().device(name).build();
    }

    /**
     * This spec with the underlay device given by index.
     *
     * @param index the underlay device's index
     * @return a copy with it
     */
    public Vxlan device(int index) {
        return toBuilder().device(index).build();
    }

    /**
     * This spec with the local tunnel address (IPv4 or IPv6).
     *
     * @param address the local address literal
     * @return a copy with it
     */
    public Vxlan local(String address) {
        return toBuilder().local(address).build();
    }

    /**
     * This spec with the remote endpoint, or a multicast group (IPv4 or IPv6).
     *
     * @param address the remote address literal
     * @return a copy with it
     */
    public Vxlan remote(String address) {
        return toBuilder().remote(address).build();
    }

    /**
     * This spec with the UDP destination port (default 4789, the IANA port).
     *
     * @param port the UDP port
     * @return a copy with it
     */
    public Vxlan port(int port) {
        return toBuilder().port(port).build();
    }

    /** The settings; {@code device} is 0 while the underlay is given by name only. */
    @Override
    public Data data() {
        return new Data(fields.vni, fields.deviceIndex, fields.local, fields.remote, fields.port);
    }

    @Override
    LinkSpec<Vxlan> resolve(NetlinkSocket rtnl) {
        // a VXLAN names its underlay inside IFLA_INFO_DATA, not as a parent link
        if (fields.deviceName == null) {
            return this;
        }
        return toBuilder().device(Links.indexOf(rtnl, fields.deviceName)).build();
    }

    @Override
    boolean hasInfoData() {
        return true;
    }

    /** iproute2's order: LINK, ID, LOCAL, GROUP, LEARNING (on, as iproute2 says it), PORT. */
    @Override
    void writeInfoData(MessageWriter w) {
        InetAddress local = fields.local;
        InetAddress remote = fields.remote;
        if (fields.deviceIndex > 0) {
            w.attrU32(IFLA_VXLAN_LINK, fields.deviceIndex);
        }
        w.attrU32(IFLA_VXLAN_ID, fields.vni);
        if (local != null) {
            w.attrAddress(local instanceof Inet4Address ? IFLA_VXLAN_LOCAL : IFLA_VXLAN_LOCAL6, local);
        }
        if (remote != null) {
            w.attrAddress(remote instanceof Inet4Address ? IFLA_VXLAN_GROUP : IFLA_VXLAN_GROUP6, remote);
        }
        w.attrU8(IFLA_VXLAN_LEARNING, 1);
        w.attrU16Be(IFLA_VXLAN_PORT, fields.port);
    }

    private static Data decode(AttributeCursor data) {
        int vni = 0;
        int device = 0;
        int port = 0;
        InetAddress local = null;
        InetAddress remote = null;
        while (data.next()) {
            switch (data.type()) {
                case IFLA_VXLAN_ID -> vni = data.u32();
                case IFLA_VXLAN_LINK -> device = data.u32();
                case IFLA_VXLAN_GROUP -> remote = Attributes.address(data, 4);
                case IFLA_VXLAN_GROUP6 -> remote = Attributes.address(data, 16);
                case IFLA_VXLAN_LOCAL -> local = Attributes.address(data, 4);
                case IFLA_VXLAN_LOCAL6 -> local = Attributes.address(data, 16);
                case IFLA_VXLAN_PORT -> port = data.u16be();
                default -> { }
            }
        }
        return new Data(vni, device, local, remote, port);
    }

    /** Builds a {@link Vxlan}. */
    public static final class Builder extends LinkSpec.Builder<Vxlan, Builder> {
        private final int vni;
        private String deviceName;
        private int deviceIndex;
        private InetAddress local;
        private InetAddress remote;
        private int port = 4789;

        private Builder(String name, int vni) {
            super(name);
            if (vni < 0 || vni > 0xFFFFFF) {
                throw new IllegalArgumentException("VXLAN id must be 0..16777215, got " + vni);
            }
            this.vni = vni;
        }

        /**
         * The underlay device, by name.
         *
         * @param name the underlay device's name
         * @return this builder
         */
        public Builder device(String name) {
            Interfaces.validateName(name);
            this.deviceName = name;
            this.deviceIndex = 0;
            return this;
        }

        /**
         * The underlay device, by index.
         *
         * @param index the underlay device's index
         * @return this builder
         */
        public Builder device(int index) {
            this.deviceIndex = Interfaces.requireIndex(index);
            this.deviceName = null;
            return this;
        }

        /**
         * The local tunnel address (IPv4 or IPv6).
         *
         * @param address the local address literal
         * @return this builder
         */
        public Builder local(String address) {
            this.local = IpPrefix.parse(address).address();
            checkFamilies();
            return this;
        }

        /**
         * The remote endpoint, or a multicast group (IPv4 or IPv6).
         *
         * @param address the remote address literal
         * @return this builder
         */
        public Builder remote(String address) {
            this.remote = IpPrefix.parse(address).address();
            checkFamilies();
            return this;
        }

        /**
         * The UDP destination port (default 4789, the IANA port).
         *
         * @param port the UDP port
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("VXLAN port must be 1..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        private void checkFamilies() {
            if (local != null && remote != null && (local instanceof Inet4Address) != (remote instanceof Inet4Address)) {
                throw new IllegalArgumentException("VXLAN local " + local.getHostAddress() + " and remote "
                        + remote.getHostAddress() + " are of different address families");
            }
        }

        @Override
        Vxlan make() {
            return new Vxlan(this);
        }
    }
}
