package io.jnetlink.nft;

import java.nio.charset.StandardCharsets;

/** Checks of names before anything is sent. */
final class Names {
    private Names() {}

    /** NFT_NAME_MAXLEN (256) including the terminating NUL. */
    static final int MAX_NAME_BYTES = 255;
    /** IFNAMSIZ (16) including the NUL. */
    static final int MAX_IFNAME_BYTES = 15;

    static String object(String what, String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(what + " name is empty");
        }
        int n = name.getBytes(StandardCharsets.UTF_8).length;
        if (n > MAX_NAME_BYTES) {
            throw new IllegalArgumentException(what + " name '" + name + "' is " + n + " bytes; nf_tables allows "
                    + MAX_NAME_BYTES);
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " name contains a NUL character");
        }
        return name;
    }

    static String iface(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("interface name is empty");
        }
        int n = name.getBytes(StandardCharsets.UTF_8).length;
        if (n > MAX_IFNAME_BYTES) {
            throw new IllegalArgumentException("interface name '" + name + "' is " + n
                    + " bytes; Linux allows at most " + MAX_IFNAME_BYTES + " (IFNAMSIZ - 1)");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == ':' || c == '\0' || Character.isWhitespace(c)) {
                throw new IllegalArgumentException("interface name '" + name + "' contains an invalid character '"
                        + c + "'");
            }
        }
        return name;
    }
}
