package io.jnetlink.rtnl.link;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;

/**
 * A VRF (L3 master device), like {@code ip link add NAME type vrf table T}: links enslaved to it
 * route through table T.
 */
public final class Vrf extends LinkSpec<Vrf> {
    // linux/if_link.h IFLA_VRF_*
    private static final int IFLA_VRF_TABLE = 1;
    private static final AttrNames NAMES = AttrNames.table("IFLA_VRF", "IFLA_VRF_UNSPEC", "IFLA_VRF_TABLE");

    /**
     * What a VRF's IFLA_INFO_DATA says.
     *
     * @param table IFLA_VRF_TABLE, the routing table (unsigned), or 0 if not given
     */
    public record Data(int table) implements KindData {
        @Override
        public String kind() {
            return "vrf";
        }
    }

    static final LinkKind<Data> KIND = LinkKind.of("vrf", Data.class, NAMES, Vrf::decode);

    private final Builder fields;

    private Vrf(Builder fields) {
        super(KIND, fields);
        this.fields = fields;
    }

    /**
     * {@return a VRF named {@code name} routing through table {@code table} (not 0)}
     *
     * @param name the link's name
     * @param table the routing table it routes through
     */
    public static Vrf named(String name, int table) {
        return builder(name, table).build();
    }

    /**
     * A builder of VRF specs named {@code name} routing through table {@code table} (not 0).
     *
     * @param name the link's name
     * @param table the routing table it routes through
     * @return the builder
     */
    public static Builder builder(String name, int table) {
        return new Builder(name, table);
    }

    @Override
    public Builder toBuilder() {
        return fields.copy();
    }

    @Override
    public Data data() {
        return new Data(fields.table);
    }

    @Override
    boolean hasInfoData() {
        return true;
    }

    @Override
    void writeInfoData(MessageWriter w) {
        w.attrU32(IFLA_VRF_TABLE, fields.table);
    }

    private static Data decode(AttributeCursor data) {
        int table = 0;
        while (data.next()) {
            if (data.type() == IFLA_VRF_TABLE) {
                table = data.u32();
            }
        }
        return new Data(table);
    }

    /** Builds a {@link Vrf}. */
    public static final class Builder extends LinkSpec.Builder<Vrf, Builder> {
        private final int table;

        private Builder(String name, int table) {
            super(name);
            if (table == 0) {
                throw new IllegalArgumentException("a VRF needs a routing table (not 0)");
            }
            this.table = table;
        }

        @Override
        Vrf make() {
            return new Vrf(this);
        }
    }
}
