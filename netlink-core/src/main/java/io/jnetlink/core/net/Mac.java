package io.jnetlink.core.net;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * MAC (Ethernet link-layer) addresses as text and bytes, with one set of rules for every layer:
 * six two-digit hex octets, either case, separated by ':' (or '-', all alike), as in
 * {@code 02:00:5e:10:00:01}. Text is always written lower case with colons, as iproute2 prints it.
 */
public final class Mac {
    private Mac() {}

    /** The length of a MAC address in bytes. */
    public static final int LENGTH = 6;

    /**
     * Parses a MAC address: six two-digit hex octets separated by ':' or '-' (one kind throughout).
     * Multicast addresses are accepted (a neighbour entry may map to one); see
     * {@link #parseUnicast} for a link's own address.
     *
     * @param text the address, such as {@code 02:00:00:00:00:01}
     * @throws IllegalArgumentException naming the input and what is wrong with it
     * @return the six bytes
     */
    public static byte[] parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("MAC address is null");
        }
        String s = text.strip();
        String sep = s.indexOf('-') >= 0 && s.indexOf(':') < 0 ? "-" : ":";
        String[] parts = s.split(sep, -1);
        if (parts.length != LENGTH) {
            throw new IllegalArgumentException("bad MAC address \"" + text + "\": expected 6 bytes like 02:00:00:00:00:01");
        }
        byte[] b = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            String p = parts[i];
            if (p.length() != 2 || !HexFormat.isHexDigit(p.charAt(0)) || !HexFormat.isHexDigit(p.charAt(1))) {
                throw new IllegalArgumentException("bad MAC address \"" + text + "\": \"" + p + "\" is not a hex byte");
            }
            b[i] = (byte) HexFormat.fromHexDigits(p);
        }
        return b;
    }

    /**
     * Parses a MAC address that can name a link: {@link #parse}'s rules, and not a multicast
     * address (the low bit of the first octet clear), which the kernel refuses as a link address.
     *
     * @param text the address, such as {@code 02:00:00:00:00:01}
     * @throws IllegalArgumentException naming the input and what is wrong with it
     * @return the six bytes
     */
    public static byte[] parseUnicast(String text) {
        byte[] b = parse(text);
        if ((b[0] & 1) != 0) {
            throw new IllegalArgumentException("bad MAC address \"" + text + "\": a multicast address cannot name a link");
        }
        return b;
    }

    /**
     * {@code b} (any length) in lower-case colon form.
     *
     * @param b the bytes
     * @return the text, such as {@code 02:00:00:00:00:01}
     */
    public static String format(byte[] b) {
        return HexFormat.ofDelimiter(":").formatHex(b);
    }

    private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /**
     * {@return the {@code len} bytes at {@code offset} of {@code s} in lower-case colon form, read straight
     * from a message (no intermediate array): what link decoding calls for every link}
     *
     * @param s the buffer
     * @param offset where the bytes start
     * @param len how many bytes
     */
    public static String format(MemorySegment s, long offset, int len) {
        if (len == 0) {
            return "";
        }
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
