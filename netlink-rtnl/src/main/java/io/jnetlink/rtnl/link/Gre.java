package io.jnetlink.rtnl.link;

import io.jnetlink.core.codec.AttributeCursor;
import java.net.InetAddress;

/**
 * A GRE tunnel over IPv4 carrying IP packets (layer 3), like
 * {@code ip link add NAME type gre [local A] [remote B] [key K] [ttl T]}.
 */
public final class Gre extends GreLink<Gre> {
    /**
     * What a gre link's IFLA_INFO_DATA (IFLA_GRE_* of linux/if_tunnel.h) says, of what this library
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
            return "gre";
        }
    }

    static final LinkKind<Data> KIND = LinkKind.of("gre", Data.class, NAMES, Gre::decode);

    private final Builder fields;

    private Gre(Builder fields) {
        super(KIND, fields);
        this.fields = fields;
    }

    /**
     * {@return a gre link named {@code name}}
     *
     * @param name the link's name
     */
    public static Gre named(String name) {
        return builder(name).build();
    }

    /**
     * A builder of gre specs named {@code name}.
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

    /** Builds a {@link Gre}. */
    public static final class Builder extends GreLink.Builder<Gre, Builder> {
        private Builder(String name) {
            super(name, "gre");
        }

        @Override
        Gre make() {
            return new Gre(this);
        }
    }
}
