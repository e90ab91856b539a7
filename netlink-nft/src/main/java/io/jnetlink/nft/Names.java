package io.jnetlink.nft;

import io.jnetlink.core.net.Interfaces;
import java.nio.charset.StandardCharsets;

/** Checks of names before anything is sent. */
final class Names {
    private Names() {}

    /** NFT_NAME_MAXLEN (256) including the terminating NUL. */
    static final int MAX_NAME_BYTES = 255;

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

    /** An interface name, by the library's one rule ({@link Interfaces#validateName}). */
    static String iface(String name) {
        return Interfaces.validateName(name);
    }
}
