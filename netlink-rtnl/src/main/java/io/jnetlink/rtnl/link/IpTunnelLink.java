package io.jnetlink.rtnl.link;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.rtnl.family.Attributes;
import java.net.InetAddress;

/**
 * What {@link Ipip}, {@link Sit} and {@link Ip6tnl} share: their IFLA_INFO_DATA is IFLA_IPTUN_* of
 * linux/if_tunnel.h, with two endpoints (IPv4 for ipip and sit, IPv6 for ip6tnl) and a TTL (hop
 * limit), written as {@code ip link add ... type ipip|sit|ip6tnl} writes it. Each kind's own file
 * declares its record, its {@code KIND} and which of the two layouts it sends.
 *
 * @param <S> the concrete kind
 */
abstract sealed class IpTunnelLink<S extends IpTunnelLink<S>> extends TunnelLink<S> permits Ipip, Sit, Ip6tnl {
    private static final int IFLA_IPTUN_LINK = 1;
    private static final int IFLA_IPTUN_LOCAL = 2;
    private static final int IFLA_IPTUN_REMOTE = 3;
    private static final int IFLA_IPTUN_TTL = 4;
    private static final int IFLA_IPTUN_TOS = 5;
    private static final int IFLA_IPTUN_ENCAP_LIMIT = 6;
    private static final int IFLA_IPTUN_FLOWINFO = 7;
    private static final int IFLA_IPTUN_FLAGS = 8;
    private static final int IFLA_IPTUN_PROTO = 9;
    private static final int IFLA_IPTUN_PMTUDISC = 10;
    private static final int IFLA_IPTUN_ENCAP_TYPE = 15;
    private static final int IFLA_IPTUN_FWMARK = 20;
    /** IPV6_DEFAULT_TNL_ENCAP_LIMIT of linux/ip6_tunnel.h, what ip link sends for ip6tnl. */
    private static final int DEFAULT_ENCAP_LIMIT = 4;
    /** TUNNEL_ENCAP_FLAG_CSUM6 of linux/if_tunnel.h, set by ip link for ip6tnl. */
    private static final int ENCAP_FLAG_CSUM6 = 2;
    static final AttrNames NAMES = AttrNames.table("IFLA_IPTUN", "IFLA_IPTUN_UNSPEC", "IFLA_IPTUN_LINK",
            "IFLA_IPTUN_LOCAL", "IFLA_IPTUN_REMOTE", "IFLA_IPTUN_TTL", "IFLA_IPTUN_TOS", "IFLA_IPTUN_ENCAP_LIMIT",
            "IFLA_IPTUN_FLOWINFO", "IFLA_IPTUN_FLAGS", "IFLA_IPTUN_PROTO", "IFLA_IPTUN_PMTUDISC",
            "IFLA_IPTUN_6RD_PREFIX", "IFLA_IPTUN_6RD_RELAY_PREFIX", "IFLA_IPTUN_6RD_PREFIXLEN",
            "IFLA_IPTUN_6RD_RELAY_PREFIXLEN", "IFLA_IPTUN_ENCAP_TYPE", "IFLA_IPTUN_ENCAP_FLAGS",
            "IFLA_IPTUN_ENCAP_SPORT", "IFLA_IPTUN_ENCAP_DPORT", "IFLA_IPTUN_COLLECT_METADATA", "IFLA_IPTUN_FWMARK");

    /** How a kind builds its record from the settings. */
    @FunctionalInterface
    interface Record<D> {
        D of(InetAddress local, InetAddress remote, int ttl);
    }

    IpTunnelLink(LinkKind<?> kind, Builder<S, ?> fields) {
        super(kind, fields);
    }

    @Override
    public abstract Builder<S, ?> toBuilder();

    /** The settings as the kind's record. */
    final <D> D data(Record<D> record) {
        return record.of(localAddress(), remoteAddress(), ttlValue());
    }

    private void writeEndpoints(MessageWriter w) {
        w.attrU8(IFLA_IPTUN_PROTO, 0); // any inner protocol, as ip link sends it without "mode"
        if (localAddress() != null) {
            w.attrAddress(IFLA_IPTUN_LOCAL, localAddress());
        }
        if (remoteAddress() != null) {
            w.attrAddress(IFLA_IPTUN_REMOTE, remoteAddress());
        }
    }

    /**
     * The IPv4 layout (ipip, sit), in ip link's order and defaults: protocol any, the endpoints, path
     * MTU discovery on, TOS 0 (inherit), the TTL, no underlay link, fwmark 0, no encapsulation;
     * {@code withFlags} adds sit's IFLA_IPTUN_FLAGS 0.
     */
    final void writeIpv4Tunnel(MessageWriter w, boolean withFlags) {
        writeEndpoints(w);
        w.attrU8(IFLA_IPTUN_PMTUDISC, 1);
        w.attrU8(IFLA_IPTUN_TOS, 0);
        w.attrU8(IFLA_IPTUN_TTL, ttlValue());
        w.attrU32(IFLA_IPTUN_LINK, 0);
        w.attrU32(IFLA_IPTUN_FWMARK, 0);
        Tunnels.writeNoEncapsulation(w, IFLA_IPTUN_ENCAP_TYPE, 0);
        if (withFlags) {
            w.attrU16(IFLA_IPTUN_FLAGS, 0);
        }
    }

    /**
     * The IPv6 layout (ip6tnl), in ip link's order and defaults: protocol any, the endpoints, the hop
     * limit, encapsulation limit 4, flow label 0, flags 0, no underlay link, fwmark 0, no
     * encapsulation (with the IPv6 checksum flag ip link sets).
     */
    final void writeIpv6Tunnel(MessageWriter w) {
        writeEndpoints(w);
        w.attrU8(IFLA_IPTUN_TTL, ttlValue());
        w.attrU8(IFLA_IPTUN_ENCAP_LIMIT, DEFAULT_ENCAP_LIMIT);
        w.attrU32(IFLA_IPTUN_FLOWINFO, 0);
        w.attrU32(IFLA_IPTUN_FLAGS, 0);
        w.attrU32(IFLA_IPTUN_LINK, 0);
        w.attrU32(IFLA_IPTUN_FWMARK, 0);
        Tunnels.writeNoEncapsulation(w, IFLA_IPTUN_ENCAP_TYPE, ENCAP_FLAG_CSUM6);
    }

    /** Reads the endpoints ({@code addressLength} bytes each) and the TTL of IFLA_IPTUN_*. */
    static <D> D decode(AttributeCursor data, int addressLength, Record<D> record) {
        InetAddress local = null;
        InetAddress remote = null;
        int ttl = 0;
        while (data.next()) {
            switch (data.type()) {
                case IFLA_IPTUN_LOCAL -> local = Tunnels.given(Attributes.address(data, addressLength));
                case IFLA_IPTUN_REMOTE -> remote = Tunnels.given(Attributes.address(data, addressLength));
                case IFLA_IPTUN_TTL -> ttl = data.u8();
                default -> { }
            }
        }
        return record.of(local, remote, ttl);
    }

    /**
     * Builds an ipip, sit or ip6tnl spec (the endpoints and TTL are {@link TunnelLink.Builder}'s).
     *
     * @param <S> the spec it builds
     * @param <B> the concrete builder
     */
    public abstract static class Builder<S extends IpTunnelLink<S>, B extends Builder<S, B>>
            extends TunnelLink.Builder<S, B> {
        Builder(String name, String kind, int version, int ttl) {
            super(name, kind, version, ttl);
        }
    }
}
