package io.jnetlink.rtnl.link;

import java.net.InetAddress;

/**
 * What the IP tunnel kinds with a local and a remote endpoint share (gre and gretap through
 * {@link GreLink}, ipip, sit and ip6tnl through {@link IpTunnelLink}): the endpoints, checked to be
 * of the kind's address family, and the outer TTL. The attribute layouts are the subclasses'.
 *
 * @param <S> the concrete kind
 */
abstract sealed class TunnelLink<S extends TunnelLink<S>> extends LinkSpec<S> permits GreLink, IpTunnelLink {
    private final Builder<S, ?> fields;

    TunnelLink(LinkKind<?> kind, Builder<S, ?> fields) {
        super(kind, fields);
        this.fields = fields;
    }

    @Override
    public abstract Builder<S, ?> toBuilder();

    /**
     * {@return this spec with the local endpoint (IPv4, or IPv6 for ip6tnl)}
     *
     * @param address the local address literal
     */
    public final S local(String address) {
        return toBuilder().local(address).build();
    }

    /**
     * {@return this spec with the remote endpoint (IPv4, or IPv6 for ip6tnl)}
     *
     * @param address the remote address literal
     */
    public final S remote(String address) {
        return toBuilder().remote(address).build();
    }

    /**
     * {@return this spec with the outer packets' TTL (hop limit)}
     *
     * @param ttl the TTL (hop limit)
     */
    public final S ttl(int ttl) {
        return toBuilder().ttl(ttl).build();
    }

    /** The local endpoint, or null. */
    final InetAddress localAddress() {
        return fields.local;
    }

    /** The remote endpoint, or null. */
    final InetAddress remoteAddress() {
        return fields.remote;
    }

    /** The TTL, 0 for inherit. */
    final int ttlValue() {
        return fields.ttl;
    }

    @Override
    final boolean hasInfoData() {
        return true;
    }

    /**
     * Builds a tunnel spec: the endpoints and TTL here, the rest in the kind's base and builder.
     *
     * @param <S> the spec it builds
     * @param <B> the concrete builder
     */
    public abstract static class Builder<S extends TunnelLink<S>, B extends Builder<S, B>>
            extends LinkSpec.Builder<S, B> {
        final String kind;
        private final int version;
        private InetAddress local;
        private InetAddress remote;
        private int ttl;

        /** A builder of kind {@code kind}, whose endpoints are IPv{@code version}, with TTL {@code ttl} unless set. */
        Builder(String name, String kind, int version, int ttl) {
            super(name);
            this.kind = kind;
            this.version = version;
            this.ttl = ttl;
        }

        /** Sets the local endpoint (IPv4, or IPv6 for ip6tnl). */
        public final B local(String address) {
            local = Tunnels.endpoint(kind, "local", address, version);
            return self();
        }

        /** Sets the remote endpoint (IPv4, or IPv6 for ip6tnl). */
        public final B remote(String address) {
            remote = Tunnels.endpoint(kind, "remote", address, version);
            return self();
        }

        /** Sets the outer packets' TTL (hop limit), 1..255, or 0 to inherit the inner packet's. */
        public final B ttl(int ttl) {
            this.ttl = Tunnels.checkTtl(kind, ttl);
            return self();
        }
    }
}
