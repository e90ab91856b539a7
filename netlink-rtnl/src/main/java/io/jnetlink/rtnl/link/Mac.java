package io.jnetlink.rtnl.link;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** MAC addresses as text ("02:00:5e:10:00:01") and bytes. */
final class Mac {
    private Mac() {}

    /** Parses six colon-separated hex bytes; throws naming the input otherwise. */
    static byte[] parse(String mac) {
        if (mac == null) {
            throw new IllegalArgumentException("MAC address is null");
        }
        String[] parts = mac.split(":", -1);
        if (parts.length != 6) {
            throw new IllegalArgumentException("bad MAC address \"" + mac + "\": expected 6 bytes like 02:00:00:00:00:01");
        }
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            if (parts[i].length() != 2 || !HexFormat.isHexDigit(parts[i].charAt(0))
                    || !HexFormat.isHexDigit(parts[i].charAt(1))) {
                throw new IllegalArgumentException("bad MAC address \"" + mac + "\": \"" + parts[i] + "\" is not a hex byte");
            }
            b[i] = (byte) HexFormat.fromHexDigits(parts[i]);
        }
        if ((b[0] & 1) != 0) {
            throw new IllegalArgumentException("bad MAC address \"" + mac + "\": a multicast address cannot name a link");
        }
        return b;
    }

    private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /**
     * The {@code len} bytes at {@code offset} of {@code s} in lower-case colon form (as iproute2
     * prints it), read straight
     * from the message (no intermediate array): what link decoding calls for every link.
     */
    static String format(MemorySegment s, long offset, int len) {
        byte[] text = new byte[len * 3 - 1];
        for (int i = 0; i < len; i++) {
            int v = s.get(ValueLayout.JAVA_BYTE, offset + i) & 0xff;
            int at = i * 3;
            if (i > 0) {
                text[at - 1] = ':';
            }
            text[at] = DIGITS[v >>> 4];
            text[at + 1] = DIGITS[v & 0xf];
        }
        return new String(text, StandardCharsets.ISO_8859_1);
    }
}
