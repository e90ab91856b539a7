package io.jnetlink.core.net;

import java.nio.charset.StandardCharsets;

/**
 * Network interface (link) names and indexes as the kernel checks them: one place for the rules,
 * so every layer rejects the same bad input with the same message before anything is sent.
 */
public final class Interfaces {
    private Interfaces() {}

    /** IFNAMSIZ - 1 ({@code linux/if.h}): the longest interface name in bytes. */
    public static final int MAX_NAME_BYTES = 15;

    /**
     * Checks an interface name as the kernel will ({@code dev_valid_name}): 1..15 bytes, not "."
     * or "..", no '/', ':', NUL or whitespace.
     *
     * @param name the interface name
     * @return {@code name}
     * @throws IllegalArgumentException naming the problem
     */
    public static String validateName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("interface name is empty");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("interface name \"" + name + "\" is " + bytes + " bytes; Linux allows at most "
                    + MAX_NAME_BYTES + " bytes long names (IFNAMSIZ - 1)");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("interface name \"" + name + "\" is not allowed");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == ':' || Character.isWhitespace(c) || c == 0) {
                throw new IllegalArgumentException("interface name \"" + name + "\" contains an invalid character '"
                        + c + "': '/', ':', NUL and whitespace are illegal characters in interface names");
            }
        }
        return name;
    }

    /**
     * Checks that {@code index} can name an interface: indexes start at 1.
     *
     * @param index the interface index
     * @return {@code index}
     * @throws IllegalArgumentException if it is 0 or negative
     */
    public static int requireIndex(int index) {
        if (index <= 0) {
            throw new IllegalArgumentException("link index must be positive, got " + index);
        }
        return index;
    }
}
