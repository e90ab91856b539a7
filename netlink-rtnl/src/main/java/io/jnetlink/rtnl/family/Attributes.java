package io.jnetlink.rtnl.family;

import io.jnetlink.core.codec.AttributeCursor;
import java.net.InetAddress;

/** Decoding helpers that several rtnetlink families' records share. */
public final class Attributes {
    private Attributes() {}

    /**
     * The IP address in the attribute under {@code a}, which must be exactly {@code length} bytes
     * (4 for IPv4, 16 for IPv6: the message's family decides).
     *
     * @throws io.jnetlink.core.MalformedMessageException naming the attribute if the length is wrong
     */
    public static InetAddress address(AttributeCursor a, int length) {
        if (a.length() != length) {
            throw a.malformed((length == 4 ? "IPv4" : "IPv6") + " address (" + length + " bytes) expected, got "
                    + a.length() + " bytes");
        }
        return a.address();
    }
}
