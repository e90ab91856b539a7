package io.jnetlink.rtnl.link;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;

/**
 * A WireGuard link, like {@code ip link add NAME type wireguard}: the link only. Its keys and
 * peers are set over the "wireguard" generic netlink family ({@code wg set}), which this library
 * does not speak.
 */
public final class Wireguard extends LinkSpec<Wireguard> {
    /** A WireGuard link has no IFLA_INFO_DATA; the record says only that the kind is wireguard. */
    public record Data() implements KindData {
        @Override
        public String kind() {
            return "wireguard";
        }
    }

    static final LinkKind<Data> KIND = LinkKind.of("wireguard", Data.class, AttrNames.numbered("IFLA_WIREGUARD"),
            Wireguard::decode);

    private final Builder fields;

    private Wireguard(Builder fields) {
        super(KIND, fields);
        this.fields = fields;
    }

    /**
     * {@return a WireGuard link named {@code name}}
     *
     * @param name the link's name
     */
    public static Wireguard named(String name) {
        return builder(name).build();
    }

    /**
     * A builder of {@code wireguard} specs named {@code name}.
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
        return new Data();
    }

    /** Null (the raw attributes kept) if a kernel ever sends wireguard data. */
    private static Data decode(AttributeCursor data) {
        return data.next() ? null : new Data();
    }

    /** Builds a {@link Wireguard}: only the settings every kind shares. */
    public static final class Builder extends LinkSpec.Builder<Wireguard, Builder> {
        private Builder(String name) {
            super(name);
        }

        @Override
        Wireguard make() {
            return new Wireguard(this);
        }
    }
}
