package io.jnetlink.nft;

import java.net.InetAddress;

/** Parsing of numeric addresses, with error messages that say what was wrong. */
final class Addresses {
    private Addresses() {}

    static InetAddress literal(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(what + ": address is empty");
        }
        String s = text.strip();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        try {
            return InetAddress.ofLiteral(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": '" + text + "' is not a numeric IPv4 or IPv6 address");
        }
    }

    static int port(int port, String what) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(what + " " + port + " out of range 1..65535");
        }
        return port;
    }
}
