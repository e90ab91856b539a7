package io.jnetlink.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.MemorySegment;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** MAC text both ways; the in-place formatter against the JDK's HexFormat. */
class MacTest {
    @Test
    void formatsInPlaceAsHexFormatDoes() {
        Random r = new Random(7);
        for (int len = 1; len <= 20; len++) {
            byte[] b = new byte[len + 3];
            r.nextBytes(b);
            MemorySegment s = MemorySegment.ofArray(b);
            byte[] part = java.util.Arrays.copyOfRange(b, 2, 2 + len);
            assertEquals(HexFormat.ofDelimiter(":").formatHex(part), Mac.format(s, 2, len), "length " + len);
        }
        assertEquals("02:00:5e:ff:a0:0f", Mac.format(MemorySegment.ofArray(Mac.parseUnicast("02:00:5E:ff:a0:0f")), 0, 6));
    }

    @Test
    void parseNamesTheProblem() {
        assertEquals("bad MAC address \"02:00\": expected 6 bytes like 02:00:00:00:00:01",
                assertThrows(IllegalArgumentException.class, () -> Mac.parse("02:00")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Mac.parse("02:00:00:00:00:zz"));
        assertThrows(IllegalArgumentException.class, () -> Mac.parseUnicast("01:00:00:00:00:01"));
        assertEquals(6, Mac.parse("01:00:00:00:00:01").length, "a neighbour may map to a multicast MAC");
    }
}
