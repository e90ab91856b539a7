package io.jnetlink.rtnl.neigh;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The state of a neighbour entry: the {@code NUD_*} bits of {@code linux/neighbour.h}. An entry's
 * state is one bit in practice, but the field is a bit set, so both readings are offered
 * ({@link NeighbourInfo#states()} and {@link NeighbourInfo#state()}).
 */
public enum NeighbourState {
    /** NUD_NONE: no state (a fresh entry); only ever alone. */
    NONE(0x00),
    /** Resolution in progress. */
    INCOMPLETE(0x01),
    /** Confirmed reachable recently. */
    REACHABLE(0x02),
    /** Known but not confirmed recently. */
    STALE(0x04),
    /** Waiting before probing. */
    DELAY(0x08),
    /** Being probed. */
    PROBE(0x10),
    /** Resolution failed. */
    FAILED(0x20),
    /** No resolution needed (loopback, point-to-point, multicast). */
    NOARP(0x40),
    /** Set by an administrator; never expires. */
    PERMANENT(0x80);

    private final int bit;

    NeighbourState(int bit) {
        this.bit = bit;
    }

    /** {@return the NUD_* bit} */
    public int bit() {
        return bit;
    }

    /**
     * {@return the states set in {@code bits}; {@link #NONE} alone when no known bit is set}
     *
     * @param bits the ndm_state bits
     */
    public static Set<NeighbourState> fromBits(int bits) {
        EnumSet<NeighbourState> s = EnumSet.noneOf(NeighbourState.class);
        if ((bits & 0xFF) == 0) {
            s.add(NONE);
        }
        for (NeighbourState n : values()) {
            if ((bits & n.bit) != 0) {
                s.add(n);
            }
        }
        return s;
    }

    /**
     * iproute2's name ({@code REACHABLE}, {@code PERMANENT}, ...).
     *
     * @return the name
     */
    public String label() {
        return name().toUpperCase(Locale.ROOT);
    }
}
