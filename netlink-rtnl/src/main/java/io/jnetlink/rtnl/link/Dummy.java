package io.jnetlink.rtnl.link;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;

/** A dummy link, like {@code ip link add NAME type dummy}: a local sink for addresses and routes. */
public final class Dummy extends LinkSpec<Dummy> {
    /** A dummy has no IFLA_INFO_DATA; the record says only that the kind is dummy. */
    public record Data() implements KindData {
        @Override
        public String kind() {
            return "dummy";
        }
    }

    static final LinkKind<Data> KIND = LinkKind.of("dummy", Data.class, AttrNames.numbered("IFLA_DUMMY"), Dummy::decode);

    private final Builder fields;

    private Dummy(Builder fields) {
        super(KIND, fields);
        this.fields = fields;
    }

    /**
     * {@return a dummy link named {@code name}}
     *
     * @param name the link's name
     */
    public static Dummy named(String name) {
        return builder(name).build();
    }

    /**
     * A builder of {@code dummy} specs named {@code name}.
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

    /** Null (the raw attributes kept) if a kernel ever sends dummy data. */
    private static Data decode(AttributeCursor data) {
        return data.next() ? null : new Data();
    }

    /** Builds a {@link Dummy}: only the settings every kind shares. */
    public static final class Builder extends LinkSpec.Builder<Dummy, Builder> {
        private Builder(String name) {
            super(name);
        }

        @Override
        Dummy make() {
            return new Dummy(this);
        }
    }
}
