package io.jnetlink.rtnl.tc;

import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;
import java.util.Arrays;

/**
 * {@code prio}: strict-priority bands, packets mapped to a band by their priority ({@code tc qdisc
 * add dev X root handle 1: prio bands 3 priomap 1 2 2 2 1 2 0 0 1 1 1 1 1 1 1 1}). TCA_OPTIONS is
 * {@code struct tc_prio_qopt} followed, as tc writes it, by an empty nested TCA_OPTIONS (room for
 * the multiqueue attribute, {@code addattr_nest_compat}).
 *
 * @param bands   the number of bands, 2..16
 * @param priomap for each of the 16 priorities (TC_PRIO_*), its band
 */
public record Prio(int bands, byte[] priomap) implements QdiscKind {
    static final String KIND = "prio";

    /** The kernel's (and tc's) default map: {@code 1 2 2 2 1 2 0 0 1 1 1 1 1 1 1 1}. */
    static final byte[] DEFAULT_PRIOMAP = {1, 2, 2, 2, 1, 2, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1};

    /** Checks the bands and the map. */
    public Prio {
        if (bands < 2 || bands > 16) {
            throw new IllegalArgumentException("prio bands must be 2..16, got " + bands);
        }
        if (priomap.length != 16) {
            throw new IllegalArgumentException("prio priomap needs 16 entries, got " + priomap.length);
        }
        priomap = priomap.clone();
        for (byte b : priomap) {
            if (b < 0 || b >= bands) {
                throw new IllegalArgumentException("prio priomap entry " + b + " is not a band 0.." + (bands - 1));
            }
        }
    }

    /** tc's default: 3 bands, the default priority map. */
    public static Prio create() {
        return new Prio(3, DEFAULT_PRIOMAP);
    }

    /** {@return the map (a copy)} */
    @Override
    public byte[] priomap() {
        return priomap.clone();
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void writeOptions(MessageWriter w) {
        w.nest(Tca.TCA_OPTIONS, o -> {
            o.u32(bands).bytes(priomap);
            o.nest(Tca.TCA_OPTIONS, n -> { });
        });
    }

    static Prio decode(AttributeCursor options) {
        if (options == null) {
            throw new io.jnetlink.core.MalformedMessageException("TCA_OPTIONS", 0, "prio qdisc without options");
        }
        Struct q = Struct.of(options, 20, "struct tc_prio_qopt");
        int bands = q.s32(0);
        byte[] map = q.bytes(4, 16);
        if (bands < 2 || bands > 16) {
            throw options.malformed("prio bands " + bands + " out of range");
        }
        for (byte b : map) {
            if (b < 0 || b >= bands) {
                throw options.malformed("prio priomap entry " + b + " is not a band");
            }
        }
        return new Prio(bands, map);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Prio p && p.bands == bands && Arrays.equals(p.priomap, priomap);
    }

    @Override
    public int hashCode() {
        return bands * 31 + Arrays.hashCode(priomap);
    }

    @Override
    public String toString() {
        return "Prio[bands " + bands + " priomap " + Arrays.toString(priomap) + "]";
    }
}
