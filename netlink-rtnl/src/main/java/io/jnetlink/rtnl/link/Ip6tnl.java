package io.jnetlink.rtnl.link;

import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;
import java.net.InetAddress;

/**
 * An IP-in-IPv6 tunnel (IPv4 or IPv6 inside), like {@code ip link add NAME type ip6tnl [local A] [remote B] [ttl T]}.
 */
public final class Ip6tnl extends IpTunnelLink<Ip6tnl> {
    /**
     * What a ip6tnl link's IFLA_INFO_DATA (IFLA_IPTUN_* of linux/if_tunnel.h) says, of what this
     * library models (TOS, flags, encapsulation and the rest stay in {@link LinkInfo#unknown()}).
     *
     * @param local  IFLA_IPTUN_LOCAL (IPv6), or null if not given (the kernel's unspecified address)
     * @param remote IFLA_IPTUN_REMOTE (IPv6), or null if not given (the kernel's unspecified address)
     * @param ttl    IFLA_IPTUN_TTL, 0 for inherit
     */
    public record Data(InetAddress local, InetAddress remote, int ttl) implements KindData {
        @Override
        public String kind() {
            return "ip6tnl";
        }
    }

    static final LinkKind<Data> KIND = LinkKind.of("ip6tnl", Data.class, NAMES, Ip6tnl::decode);

    private final Builder fields;

    private Ip6tnl(Builder fields) {
        super(KIND, fields);
        this.fields = fields;
    }

    /**
     * {@return an ip6tnl link named {@code name} (hop limit 64 unless {@link #ttl} says otherwise, as ip link)}
     *
     * @param name the link's name
     */
    public static Ip6tnl named(String name) {
        return builder(name).build();
    }

    /**
     * A builder of ip6tnl specs named {@code name}.
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

    @Override
    public Data data() {
        return data(Data::new);
    }

    @Override
    void writeInfoData(MessageWriter w) {
        writeIpv6Tunnel(w);
    }

    private static Data decode(AttributeCursor data) {
        return decode(data, 16, Data::new);
    }

    /** Builds an {@link Ip6tnl}. */
    public static final class Builder extends IpTunnelLink.Builder<Ip6tnl, Builder> {
        private Builder(String name) {
            super(name, "ip6tnl", 6, 64);
        }

        @Override
        Ip6tnl make() {
            return new Ip6tnl(this);
        }
    }
}
