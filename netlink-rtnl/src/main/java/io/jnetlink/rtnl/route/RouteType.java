package io.jnetlink.rtnl.route;

/** The type of a route ({@code RTN_*} of {@code linux/rtnetlink.h}): what happens to a matching packet. */
public enum RouteType {
    /** No type (a wildcard in deletes). */
    UNSPEC,
    /** Forward: through a gateway or directly on a link. */
    UNICAST,
    /** Accept locally. */
    LOCAL,
    /** Accept locally as broadcast, send as broadcast. */
    BROADCAST,
    /** Accept locally as broadcast, send as unicast. */
    ANYCAST,
    /** A multicast route. */
    MULTICAST,
    /** Drop silently. */
    BLACKHOLE,
    /** Drop with "host unreachable". */
    UNREACHABLE,
    /** Drop with "administratively prohibited". */
    PROHIBIT,
    /** Not in this table: continue the lookup in the next rule. */
    THROW,
    /** Address translation (obsolete). */
    NAT,
    /** Use an external resolver (not implemented by Linux). */
    XRESOLVE;

    /** Every type by number (values() would copy the array per call, once per route of a dump). */
    private static final RouteType[] ALL = values();

    /** {@return the kernel's number for the type (the enum's ordinal, as in the header)} */
    public int value() {
        return ordinal();
    }

    /** {@return whether {@code value} is a route type {@link #of} knows} */
    static boolean isKnown(int value) {
        return value >= 0 && value < ALL.length;
    }

    /**
     * {@return the type of number {@code value}}
     *
     * @param value the number
     * @throws IllegalArgumentException for a number the header does not define
     */
    public static RouteType of(int value) {
        RouteType[] all = ALL;
        if (value < 0 || value >= all.length) {
            throw new IllegalArgumentException("unknown route type " + value);
        }
        return all[value];
    }

    /**
     * iproute2's name for the type ({@code unicast}, {@code blackhole}, ...).
     *
     * @return the name
     */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
