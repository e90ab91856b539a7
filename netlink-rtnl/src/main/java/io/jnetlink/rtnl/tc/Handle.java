package io.jnetlink.rtnl.tc;

import java.util.Locale;

/**
 * A traffic-control handle (a qdisc's or class's id, or a parent), written and printed as
 * {@code tc} does: {@code 1:} (major 1, minor 0), {@code 1:10} (hexadecimal), {@code root},
 * {@code ingress}, {@code clsact}, {@code none}.
 *
 * <p>A handle is 32 bits: a 16-bit major (the qdisc) and a 16-bit minor (the class), both
 * hexadecimal in {@code tc}'s notation. {@code root} is {@code ffff:ffff}; {@code ingress} and
 * {@code clsact} share {@code ffff:fff1}; a filter on clsact's ingress or egress hook has parent
 * {@code ffff:fff2} or {@code ffff:fff3}.
 *
 * @param value the handle as the kernel holds it ({@code TC_H_MAKE(major << 16, minor)})
 */
public record Handle(int value) {
    /** TC_H_UNSPEC: no handle (the kernel picks one). */
    public static final Handle NONE = new Handle(0);
    /** TC_H_ROOT: the root of a link's egress qdisc tree. */
    public static final Handle ROOT = new Handle(0xFFFF_FFFF);
    /** TC_H_INGRESS: the parent of the ingress (and clsact) qdisc. */
    public static final Handle INGRESS = new Handle(0xFFFF_FFF1);
    /** TC_H_CLSACT: the same number as {@link #INGRESS}, for the clsact qdisc. */
    public static final Handle CLSACT = INGRESS;
    /** The parent of a filter on the ingress hook of clsact or ingress ({@code tc filter add dev X ingress}). */
    public static final Handle INGRESS_HOOK = new Handle(0xFFFF_FFF2);
    /** The parent of a filter on the egress hook of clsact ({@code tc filter add dev X egress}). */
    public static final Handle EGRESS_HOOK = new Handle(0xFFFF_FFF3);

    /** {@return the handle {@code major:minor}} */
    public static Handle of(int major, int minor) {
        if (major < 0 || major > 0xFFFF || minor < 0 || minor > 0xFFFF) {
            throw new IllegalArgumentException("handle major and minor must be 0..ffff, got " + major + ":" + minor);
        }
        return new Handle(major << 16 | minor);
    }

    /** {@return the qdisc handle {@code major:} (minor 0)} */
    public static Handle major(int major) {
        return of(major, 0);
    }

    /**
     * Parses {@code tc}'s notation: {@code root}, {@code ingress}, {@code clsact}, {@code none},
     * {@code 1:}, {@code 1:10}, {@code :10}, {@code ffff:fff1} (hexadecimal numbers).
     *
     * @throws IllegalArgumentException naming the text when it is not a handle
     */
    public static Handle parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        switch (t) {
            case "root": return ROOT;
            case "ingress": return INGRESS;
            case "clsact": return CLSACT;
            case "none": return NONE;
            default: break;
        }
        int colon = t.indexOf(':');
        if (colon < 0 || t.indexOf(':', colon + 1) >= 0) {
            throw new IllegalArgumentException("not a tc handle: \"" + text + "\" (expected root, ingress, clsact, "
                    + "MAJOR: or MAJOR:MINOR in hexadecimal, such as 1: or 1:10)");
        }
        try {
            int major = colon == 0 ? 0 : hex(t.substring(0, colon));
            int minor = colon == t.length() - 1 ? 0 : hex(t.substring(colon + 1));
            return of(major, minor);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a tc handle: \"" + text + "\": major and minor are hexadecimal "
                    + "numbers of 16 bits (0..ffff)", e);
        }
    }

    private static int hex(String s) {
        if (s.isEmpty() || s.length() > 4) {
            throw new IllegalArgumentException("bad length");
        }
        return Integer.parseInt(s, 16);
    }

    /** {@return the major number (the qdisc)} */
    public int majorNumber() {
        return value >>> 16;
    }

    /** {@return the minor number (the class within the qdisc)} */
    public int minorNumber() {
        return value & 0xFFFF;
    }

    /** This handle's major with minor {@code minor}: {@code Handle.parse("1:").minor(0x10)} is {@code 1:10}. */
    public Handle minor(int minor) {
        return of(majorNumber(), minor);
    }

    /** {@return whether this is {@link #ROOT}} */
    public boolean isRoot() {
        return value == ROOT.value;
    }

    /**
     * As {@code tc} prints it (its {@code sprint_tc_classid}): {@code root}, {@code none},
     * {@code 1:}, {@code 1:10}, {@code :10}; ingress is printed as its number, {@code ffff:fff1},
     * as in {@code tc qdisc show}'s "parent ffff:fff1".
     */
    @Override
    public String toString() {
        if (value == ROOT.value) {
            return "root";
        }
        if (value == 0) {
            return "none";
        }
        int major = majorNumber();
        int minor = minorNumber();
        if (major == 0) {
            return ":" + Integer.toHexString(minor);
        }
        return Integer.toHexString(major) + ":" + (minor == 0 ? "" : Integer.toHexString(minor));
    }
}
