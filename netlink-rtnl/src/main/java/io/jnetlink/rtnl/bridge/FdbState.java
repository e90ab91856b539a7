package io.jnetlink.rtnl.bridge;

import java.util.Locale;

/**
 * The state of an FDB entry as {@code bridge fdb} names it, with the {@code NUD_*} bits iproute2
 * sends for it ({@code linux/neighbour.h}).
 */
public enum FdbState {
    /** Never ages out, never moves (NUD_PERMANENT|NUD_NOARP); the default. */
    PERMANENT(Br.NUD_PERMANENT | Br.NUD_NOARP),
    /** Never ages out, may move to another port (NUD_REACHABLE|NUD_NOARP). */
    STATIC(Br.NUD_REACHABLE | Br.NUD_NOARP),
    /** Ages out like a learned entry (NUD_REACHABLE). */
    DYNAMIC(Br.NUD_REACHABLE);

    private final int requestBits;

    FdbState(int requestBits) {
        this.requestBits = requestBits;
    }

    /** The {@code ndm_state} a request carries. */
    int requestBits() {
        return requestBits;
    }

    /**
     * {@return the state of an entry the kernel reports with {@code ndm_state} {@code bits}}
     *
     * @param bits the ndm_state bits
     */
    public static FdbState ofReported(int bits) {
        if ((bits & Br.NUD_PERMANENT) != 0) {
            return PERMANENT;
        }
        if ((bits & Br.NUD_NOARP) != 0) {
            return STATIC;
        }
        return DYNAMIC;
    }

    /** {@return the word {@code bridge fdb} uses} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
