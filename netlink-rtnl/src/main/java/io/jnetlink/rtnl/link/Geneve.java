package io.jnetlink.rtnl.link;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.rtnl.family.Attributes;
import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * A Geneve tunnel endpoint, like
 * {@code ip link add NAME type geneve id VNI remote B [ttl T] [dstport P]}: Ethernet over UDP to
 * one remote endpoint, IPv4 or IPv6. Geneve has no local address setting: the kernel picks the
 * source by route.
 */
public final class Geneve extends LinkSpec<Geneve> {
    // linux/if_link.h IFLA_GENEVE_*
    private static final int IFLA_GENEVE_ID = 1;
    private static final int IFLA_GENEVE_REMOTE = 2;
    private static final int IFLA_GENEVE_TTL = 3;
    private static final int IFLA_GENEVE_TOS = 4;
    private static final int IFLA_GENEVE_PORT = 5;
    private static final int IFLA_GENEVE_REMOTE6 = 7;
    private static final int IFLA_GENEVE_LABEL = 11;
    private static final AttrNames NAMES = AttrNames.table("IFLA_GENEVE", "IFLA_GENEVE_UNSPEC", "IFLA_GENEVE_ID",
            "IFLA_GENEVE_REMOTE", "IFLA_GENEVE_TTL", "IFLA_GENEVE_TOS", "IFLA_GENEVE_PORT",
            "IFLA_GENEVE_COLLECT_METADATA", "IFLA_GENEVE_REMOTE6", "IFLA_GENEVE_UDP_CSUM",
            "IFLA_GENEVE_UDP_ZERO_CSUM6_TX", "IFLA_GENEVE_UDP_ZERO_CSUM6_RX", "IFLA_GENEVE_LABEL",
            "IFLA_GENEVE_TTL_INHERIT", "IFLA_GENEVE_DF", "IFLA_GENEVE_INNER_PROTO_INHERIT");

    /**
     * What a Geneve link's IFLA_INFO_DATA says, of what this library models (TOS, flow label,
     * checksums and the rest stay in {@link LinkInfo#unknown()}).
     *
     * @param vni    IFLA_GENEVE_ID, the virtual network identifier
     * @param remote IFLA_GENEVE_REMOTE or _REMOTE6, or null
     * @param ttl    IFLA_GENEVE_TTL, 0 for the route's default
     * @param port   IFLA_GENEVE_PORT, the UDP destination port, or 0 if not given (the kernel then
     *               uses and reports 6081)
     */
    public record Data(int vni, InetAddress remote, int ttl, int port) implements KindData {
        @Override
        public String kind() {
            return "geneve";
        }
    }

    static final LinkKind<Data> KIND = LinkKind.of("geneve", Data.class, NAMES, Geneve::decode);

    private final Builder fields;

    private Geneve(Builder fields) {
        super(KIND, fields);
        this.fields = fields;
    }

    /**
     * {@return a Geneve link named {@code name} with virtual network identifier {@code vni}}
     *
     * @param name the link's name
     * @param vni the network identifier
     */
    public static Geneve named(String name, int vni) {
        return builder(name, vni).build();
    }

    /**
     * A builder of Geneve specs named {@code name} with virtual network identifier {@code vni}.
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
     * This spec with the remote endpoint (IPv4 or IPv6).
     *
     * @param address the remote address literal
     * @return a copy with it
     */
    public Geneve remote(String address) {
        return toBuilder().remote(address).build();
    }

    /**
     * This spec with the outer packets' TTL (hop limit).
     *
     * @param ttl the TTL (hop limit)
     * @return a copy with it
     */
    public Geneve ttl(int ttl) {
        return toBuilder().ttl(ttl).build();
    }

    /**
     * This spec with the UDP destination port.
     *
     * @param port the UDP port
     * @return a copy with it
     */
    public Geneve port(int port) {
        return toBuilder().port(port).build();
    }

    @Override
    public Data data() {
        return new Data(fields.vni, fields.remote, fields.ttl, fields.port);
    }

    @Override
    boolean hasInfoData() {
        return true;
    }

    /** ip link's order: ID, REMOTE(6), LABEL 0, TTL, TOS 0 (inherit), PORT if given. */
    @Override
    void writeInfoData(MessageWriter w) {
        InetAddress remote = fields.remote;
        w.attrU32(IFLA_GENEVE_ID, fields.vni);
        if (remote != null) {
            w.attrAddress(remote instanceof Inet4Address ? IFLA_GENEVE_REMOTE : IFLA_GENEVE_REMOTE6, remote);
        }
        w.attrU32Be(IFLA_GENEVE_LABEL, 0);
        w.attrU8(IFLA_GENEVE_TTL, fields.ttl);
        w.attrU8(IFLA_GENEVE_TOS, 0);
        if (fields.port != 0) {
            w.attrU16Be(IFLA_GENEVE_PORT, fields.port);
        }
    }

    private static Data decode(AttributeCursor data) {
        int vni = 0;
        InetAddress remote = null;
        int ttl = 0;
        int port = 0;
        while (data.next()) {
            switch (data.type()) {
                case IFLA_GENEVE_ID -> vni = data.u32();
                case IFLA_GENEVE_REMOTE -> remote = Attributes.address(data, 4);
                case IFLA_GENEVE_REMOTE6 -> remote = Attributes.address(data, 16);
                case IFLA_GENEVE_TTL -> ttl = data.u8();
                case IFLA_GENEVE_PORT -> port = data.u16be();
                default -> { }
            }
        }
        return new Data(vni, remote, ttl, port);
    }

    /** Builds a {@link Geneve}. */
    public static final class Builder extends LinkSpec.Builder<Geneve, Builder> {
        private final int vni;
        private InetAddress remote;
        private int ttl;
        private int port;

        private Builder(String name, int vni) {
            super(name);
            if (vni < 0 || vni > 0xFFFFFF) {
                throw new IllegalArgumentException("Geneve id must be 0..16777215, got " + vni);
            }
            this.vni = vni;
        }

        /**
         * Sets the remote endpoint (IPv4 or IPv6); the kernel needs one.
         *
         * @param address the remote address literal
         * @return this builder
         */
        public Builder remote(String address) {
            this.remote = IpPrefix.parseAddress(address);
            return this;
        }

        /**
         * Sets the outer packets' TTL (hop limit), 1..255, or 0 (the default) for the route's.
         *
         * @param ttl the TTL (hop limit)
         * @return this builder
         */
        public Builder ttl(int ttl) {
            this.ttl = Tunnels.checkTtl("geneve", ttl);
            return this;
        }

        /**
         * Sets the UDP destination port (the kernel's default is 6081, the IANA port).
         *
         * @param port the UDP port
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("Geneve port must be 1..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        @Override
        Geneve make() {
            return new Geneve(this);
        }
    }
}
