package io.jnetlink.rtnl.link;

import io.jnetlink.core.codec.AttributeCursor;
import java.net.InetAddress;

/**
 * A GRE tunnel over IPv4 carrying Ethernet frames (layer 2: it can be a bridge port), like
 * {@code ip link add NAME type gretap [local A] [remote B] [key K] [ttl T]}.
 */
public final class Gretap extends GreLink<Gretap> {
    /**
     * What a gretap link's IFLA_INFO_DATA (IFLA_GRE_* of linux/if_tunnel.h) says, of what this library
     * models (TOS, path MTU discovery, encapsulation and the rest stay in {@link LinkInfo#unknown()}).
     *
     * @param local     IFLA_GRE_LOCAL, or null if not given (the kernel's 0.0.0.0)
     * @param remote    IFLA_GRE_REMOTE, or null if not given (the kernel's 0.0.0.0)
     * @param inputKey  IFLA_GRE_IKEY (unsigned) when IFLA_GRE_IFLAGS has GRE_KEY, else null
     * @param outputKey IFLA_GRE_OKEY (unsigned) when IFLA_GRE_OFLAGS has GRE_KEY, else null
     * @param ttl       IFLA_GRE_TTL, 0 for inherit
     */
    public record Data(InetAddress local, InetAddress remote, Integer inputKey, Integer outputKey, int ttl)
            implements KindData {
        @Override
        public String kind() {
            return "gretap";
        }
    }

    static final LinkKind<Data> KIND = LinkKind.of("gretap", Data.class, NAMES, Gretap::decode);

    private final Builder fields;

    private Gretap(Builder fields) {
        super(KIND, fields);
        this.fields = fields;
    }

    /**
     * {@return a gretap link named {@code name}}
     *
     * @param name the link's name
     */
    public static Gretap named(String name) {
        return builder(name).build();
    }

    /**
     * A builder of gretap specs named {@code name}.
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

    private static Data decode(AttributeCursor data) {
        return decode(data, Data::new);
    }

    /** Builds a {@link Gretap}. */
    public static final class Builder extends GreLink.Builder<Gretap, Builder> {
        private Builder(String name) {
            super(name, "gretap");
        }

        @Override
        Gretap make() {
            return new Gretap(this);
        }
    }
}
