package io.jnetlink.rtnl.family;

import java.util.Locale;

/**
 * The scope of an address or route ({@code enum rt_scope_t} of {@code linux/rtnetlink.h}): how far
 * it is valid. Any value 0..255 is legal (users may define their own); the named ones are
 * constants. Printed as iproute2 prints them ({@code global}, {@code link}, {@code host}, ...).
 *
 * @param value the scope number, 0..255
 */
public record Scope(int value) {
    /** Everywhere (iproute2: {@code global}). */
    public static final Scope UNIVERSE = new Scope(0);
    /** Within the site (IPv6 site-local). */
    public static final Scope SITE = new Scope(200);
    /** On the directly attached link only. */
    public static final Scope LINK = new Scope(253);
    /** Within this host. */
    public static final Scope HOST = new Scope(254);
    /** Nowhere: a destination that does not exist; a wildcard in route deletes. */
    public static final Scope NOWHERE = new Scope(255);

    /**
     * Checks the number.
     *
     * @throws IllegalArgumentException if {@code value} is outside 0..255
     */
    public Scope {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException("scope " + value + " is out of range 0..255");
        }
    }

    /** {@return the scope of number {@code value}} */
    public static Scope of(int value) {
        return switch (value) {
            case 0 -> UNIVERSE;
            case 200 -> SITE;
            case 253 -> LINK;
            case 254 -> HOST;
            case 255 -> NOWHERE;
            default -> new Scope(value);
        };
    }

    /**
     * Parses iproute2's names ({@code global}/{@code universe}, {@code site}, {@code link},
     * {@code host}, {@code nowhere}) or a number 0..255.
     *
     * @param text the name or number
     * @return the scope
     */
    public static Scope parse(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "global", "universe" -> UNIVERSE;
            case "site" -> SITE;
            case "link" -> LINK;
            case "host" -> HOST;
            case "nowhere" -> NOWHERE;
            default -> {
                try {
                    yield of(Integer.parseInt(s));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("unknown scope \"" + text + "\"", e);
                }
            }
        };
    }

    /**
     * iproute2's name for the scope, or the number.
     *
     * @return the name or the number
     */
    public String label() {
        return switch (value) {
            case 0 -> "global";
            case 200 -> "site";
            case 253 -> "link";
            case 254 -> "host";
            case 255 -> "nowhere";
            default -> Integer.toString(value);
        };
    }

    @Override
    public String toString() {
        return label();
    }
}
