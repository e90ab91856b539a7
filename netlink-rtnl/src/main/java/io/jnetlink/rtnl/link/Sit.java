package io.jnetlink.rtnl.link;

import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;
import java.net.InetAddress;

/**
 * An IPv6-in-IPv4 tunnel (SIT, 6in4), like {@code ip link add NAME type sit [local A] [remote B] [ttl T]}.
 */
public final class Sit extends IpTunnelLink<Sit> {
    /**
     * What a sit link's IFLA_INFO_DATA (IFLA_IPTUN_* of linux/if_tunnel.h) says, of what this
     * library models (TOS, flags, encapsulation and the rest stay in {@link LinkInfo#unknown()}).
     *
     * @param local  IFLA_IPTUN_LOCAL (IPv4), or null if not given (the kernel's unspecified address)
     * @param remote IFLA_IPTUN_REMOTE (IPv4), or null if not given (the kernel's unspecified address)
     * @param ttl    IFLA_IPTUN_TTL, 0 for inherit
     */
    public record Data(InetAddress local, InetAddress remote, int ttl) implements KindData {
        @Override
        public String kind() {
            return "sit";
        }
    }

    static final LinkKind<Data> KIND = LinkKind.of("sit", Data.class, NAMES, Sit::decode);

    private final Builder fields;

    private Sit(Builder fields) {
        super(KIND, fields);
        this.fields = fields;
    }

    /**
     * {@return a sit link named {@code name}}
     *
     * @param name the link's name
     */
    public static Sit named(String name) {
        return builder(name).build();
    }

    /**
     * A builder of sit specs named {@code name}.
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
        writeIpv4Tunnel(w, true);
    }

    private static Data decode(AttributeCursor data) {
        return decode(data, 4, Data::new);
    }

    /** Builds a {@link Sit}. */
    public static final class Builder extends IpTunnelLink.Builder<Sit, Builder> {
        private Builder(String name) {
            super(name, "sit", 4, 0);
        }

        @Override
        Sit make() {
            return new Sit(this);
        }
    }
}
