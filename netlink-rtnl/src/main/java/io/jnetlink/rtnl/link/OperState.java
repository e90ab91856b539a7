package io.jnetlink.rtnl.link;

/** RFC 2863 operational state of a link (IFLA_OPERSTATE, {@code IF_OPER_*}), as {@code ip link} shows it. */
public enum OperState {
    UNKNOWN, NOTPRESENT, DOWN, LOWERLAYERDOWN, TESTING, DORMANT, UP;

    /** values() copies its array on every call; decoding a link must not. */
    private static final OperState[] VALUES = values();

    /** The state for the kernel's number; out-of-range numbers are UNKNOWN. */
    public static OperState of(int value) {
        return value >= 0 && value < VALUES.length ? VALUES[value] : UNKNOWN;
    }
}
