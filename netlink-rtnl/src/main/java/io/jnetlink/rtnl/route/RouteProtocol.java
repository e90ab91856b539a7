package io.jnetlink.rtnl.route;

import java.util.Locale;

/**
 * Who installed a route ({@code RTPROT_*} of {@code linux/rtnetlink.h}). The kernel interprets
 * only values below {@link #STATIC}; any 0..255 is legal, the named ones are constants.
 *
 * @param value the protocol number, 0..255
 */
public record RouteProtocol(int value) {
    public static final RouteProtocol UNSPEC = new RouteProtocol(0);
    /** Installed by an ICMP redirect. */
    public static final RouteProtocol REDIRECT = new RouteProtocol(1);
    /** Installed by the kernel (prefix routes of addresses, local routes). */
    public static final RouteProtocol KERNEL = new RouteProtocol(2);
    /** Installed "at boot": what iproute2 uses when none is given. */
    public static final RouteProtocol BOOT = new RouteProtocol(3);
    /** Installed by an administrator. */
    public static final RouteProtocol STATIC = new RouteProtocol(4);
    /** Installed from an IPv6 router advertisement. */
    public static final RouteProtocol RA = new RouteProtocol(9);
    public static final RouteProtocol DHCP = new RouteProtocol(16);

    /**
     * Checks the number.
     *
     * @throws IllegalArgumentException if {@code value} is outside 0..255
     */
    public RouteProtocol {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException("route protocol " + value + " is out of range 0..255");
        }
    }

    /** {@return the protocol of number {@code value}} */
    public static RouteProtocol of(int value) {
        return switch (value) {
            case 0 -> UNSPEC;
            case 1 -> REDIRECT;
            case 2 -> KERNEL;
            case 3 -> BOOT;
            case 4 -> STATIC;
            case 9 -> RA;
            case 16 -> DHCP;
            default -> new RouteProtocol(value);
        };
    }

    /**
     * Parses iproute2's base names ({@code kernel}, {@code boot}, {@code static}, ...) or a number.
     *
     * @param text the name or number
     * @return the protocol
     */
    public static RouteProtocol parse(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "unspec" -> UNSPEC;
            case "redirect" -> REDIRECT;
            case "kernel" -> KERNEL;
            case "boot" -> BOOT;
            case "static" -> STATIC;
            case "ra" -> RA;
            case "dhcp" -> DHCP;
            default -> {
                try {
                    yield of(Integer.parseInt(s));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("unknown route protocol \"" + text + "\"", e);
                }
            }
        };
    }

    /**
     * iproute2's name, or the number.
     *
     * @return the name
     */
    public String label() {
        return switch (value) {
            case 0 -> "unspec";
            case 1 -> "redirect";
            case 2 -> "kernel";
            case 3 -> "boot";
            case 4 -> "static";
            case 9 -> "ra";
            case 16 -> "dhcp";
            default -> Integer.toString(value);
        };
    }

    @Override
    public String toString() {
        return label();
    }
}
