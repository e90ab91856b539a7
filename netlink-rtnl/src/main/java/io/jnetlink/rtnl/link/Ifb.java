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

    private Ifb(String name) {
        super(name, KIND);
    }

    /** An ifb named {@code name}. */
    public static Ifb named(String name) {
        return new Ifb(name);
    }


    @Override
    public Data data() {
        return new Data();
    }

    /** Null (the raw attributes kept) if a kernel ever sends ifb data. */
    private static Data decode(AttributeCursor data) {
        return data.next() ? null : new Data();
    }
}
