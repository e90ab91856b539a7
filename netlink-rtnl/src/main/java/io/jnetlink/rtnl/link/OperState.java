package io.jnetlink.rtnl.link;

/** RFC 2863 operational state of a link (IFLA_OPERSTATE, {@code IF_OPER_*}), as {@code ip link} shows it. */
public enum OperState {
    UNKNOWN, NOTPRESENT, DOWN, LOWERLAYERDOWN, TESTING, DORMANT, UP;

    /** The state for the kernel's number; out-of-range numbers are UNKNOWN. */
    public static OperState of(int value) {
        OperState[] v = values();
        return value >= 0 && value < v.length ? v[value] : UNKNOWN;
    }
}
