package io.jnetlink.rtnl.link;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;

/**
 * An intermediate functional block, like {@code ip link add NAME type ifb}: a device that traffic
 * redirected from other links' ingress passes through, so it can be shaped on the way in.
 */
public final class Ifb extends LinkSpec<Ifb> {
    /** An ifb has no IFLA_INFO_DATA; the record says only that the kind is ifb. */
    public record Data() implements KindData {
        @Override
        public String kind() {
            return "ifb";
        }
    }

    static final LinkKind<Data> KIND = LinkKind.of("ifb", Data.class, AttrNames.numbered("IFLA_IFB"), Ifb::decode);

    private final Builder fields;

    private Ifb(Builder fields) {
        super(KIND, fields);
        this.fields = fields;
    }

    /**
     * {@return an ifb named {@code name}}
     *
     * @param name the link's name
     */
    public static Ifb named(String name) {
        return builder(name).build();
    }

    /**
     * A builder of {@code ifb} specs named {@code name}.
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

    /** Null (the raw attributes kept) if a kernel ever sends ifb data. */
    private static Data decode(AttributeCursor data) {
        return data.next() ? null : new Data();
    }

    /** Builds an {@link Ifb}: only the settings every kind shares. */
    public static final class Builder extends LinkSpec.Builder<Ifb, Builder> {
        private Builder(String name) {
            super(name);
        }

        @Override
        Ifb make() {
            return new Ifb(this);
        }
    }
}
