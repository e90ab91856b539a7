package io.jnetlink.rtnl.link;

/** RFC 2863 operational state of a link (IFLA_OPERSTATE, {@code IF_OPER_*}), as {@code ip link} shows it. */
public enum OperState {
    /** IF_OPER_UNKNOWN. */
    UNKNOWN,
    /** IF_OPER_NOTPRESENT. */
    NOTPRESENT,
    /** IF_OPER_DOWN. */
    DOWN,
    /** IF_OPER_LOWERLAYERDOWN. */
    LOWERLAYERDOWN,
    /** IF_OPER_TESTING. */
    TESTING,
    /** IF_OPER_DORMANT. */
    DORMANT,
    /** IF_OPER_UP. */
    UP;

    /** values() copies its array on every call; decoding a link must not. */
    private static final OperState[] VALUES = values();

    /**
     * {@return the state for the kernel's number; out-of-range numbers are UNKNOWN}
     *
     * @param value the kernel's number
     */
    public static OperState of(int value) {
        return value >= 0 && value < VALUES.length ? VALUES[value] : UNKNOWN;
    }
}
