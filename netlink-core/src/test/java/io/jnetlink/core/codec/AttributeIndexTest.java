package io.jnetlink.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.MalformedMessageException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * {@link Message#index}: one pass that finds every attribute, checks the run as the cursor does
 * (same errors), checks sizes against a policy, and, for a message of the layout of the one
 * before, compares headers instead of walking: with the same outcome, which a random differential
 * against {@link AttributeCursor} checks.
 */
class AttributeIndexTest {
    private static final AttrNames NAMES = AttrNames.table("T", null, "T_NAME", "T_MTU", "T_ADDR", "T_BYTE", "T_WIDE");
    private static final int NAME = 1;
    private static final int MTU = 2;
    private static final int ADDR = 3;
    private static final int BYTE = 4;
    private static final int WIDE = 5;
    private static final AttributePolicy POLICY = AttributePolicy.builder(NAMES)
            .exact(MTU, 4, "u32").exact(ADDR, 4, "IPv4 address (4 bytes)").atLeast(WIDE, 8, "struct wide").build();

    private static byte[] message(Consumer<MessageWriter> attrs) {
        try (Arena arena = Arena.ofConfined()) {
            MessageWriter w = new MessageWriter(arena, 4096);
            w.begin(16, 0);
            w.u32(0x01020304).u32(7); // an 8-byte family header
            attrs.accept(w);
            w.end();
            return w.written().toArray(ValueLayout.JAVA_BYTE);
        }
    }

    private static Message view(byte[] b) {
        return Message.at(MemorySegment.ofArray(b), 0);
    }

    @Test
    void findsEachAttributeItsSizeAndTheLastOfARepeatedType() {
        byte[] b = message(w -> {
            w.attrString(NAME, "eth0");
            w.attrU32(MTU, 1500);
            w.attrU8(BYTE, 9);
            w.attrU32(MTU, 9000); // repeated: the last one counts
            w.attrU32(100, 1);    // beyond 64
            w.attrU32(200, 1);    // beyond TYPES
        });
        AttributeIndex x = view(b).index(8, NAMES);
        assertTrue(x.has(NAME) && x.has(MTU) && x.has(BYTE) && x.has(100));
        assertFalse(x.has(ADDR));
        assertFalse(x.has(200)); // not indexed, but seen
        assertEquals(9000, x.u32(MTU, 0));
        assertEquals(9, x.u8(BYTE, 0));
        assertEquals(-5, x.u32(ADDR, -5));
        assertEquals(5, x.length(NAME)); // "eth0" and its NUL
        assertEquals(-1, x.offset(ADDR));
        assertEquals(0x01020304, x.header32(0));
        assertEquals(7, x.header32(4));
        boolean le = java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN;
        assertEquals(le ? 7 : 0, x.header8(4));
        assertEquals(le ? 0x0304 : 0x0102, x.header16(0));
        assertTrue(x.hasTypesOutside(1L << NAME | 1L << MTU | 1L << BYTE, 1L << (100 - 64)), "type 200 is outside");
        assertThrows(IndexOutOfBoundsException.class, () -> x.header32(6));
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> x.u8(MTU, 0));
        assertTrue(e.getMessage().contains("T_MTU") && e.getMessage().contains("u8 expected, got 4 bytes"), e.getMessage());
        AttributeCursor c = x.cursor(NAME);
        assertEquals("eth0", c.string());
        assertNull(x.cursor(ADDR));
        x.checkSize(MTU, 4, "u32");
        x.checkSize(ADDR, 16, "absent: not checked");
        e = assertThrows(MalformedMessageException.class, () -> x.checkSize(BYTE, 4, "u32"));
        assertTrue(e.getMessage().contains("T_BYTE") && e.getMessage().contains("u32 expected, got 1 bytes"), e.getMessage());
        assertEquals(9000, x.payloadU32(MTU, 0));
        e = assertThrows(MalformedMessageException.class, () -> x.payloadU32(MTU, 2));
        assertTrue(e.getMessage().contains("past a payload of 4 bytes"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> x.payloadU32(ADDR, 0));
    }

    @Test
    void aMalformedRunFailsWithTheCursorsMessage() {
        for (byte[] bad : List.of(truncate(message(w -> w.attrU32(MTU, 1)), 2), lengthAt(message(w -> w.attrU32(MTU, 1)), 3),
                lengthAt(message(w -> w.attrU32(MTU, 1)), 40))) {
            String viaCursor = assertThrows(MalformedMessageException.class, () -> {
                AttributeCursor a = view(bad).attributes(8, NAMES);
                while (a.next()) {
                    // walk
                }
            }).getMessage();
            String viaIndex = assertThrows(MalformedMessageException.class, () -> view(bad).index(8, NAMES)).getMessage();
            assertEquals(viaCursor, viaIndex);
        }
    }

    @Test
    void thePolicyChecksSizesInTheSamePass() {
        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> view(message(w -> w.attrU16(ADDR, 1))).index(8, POLICY, true));
        assertTrue(e.getMessage().contains("T_ADDR") && e.getMessage().contains("IPv4 address (4 bytes) expected, got 2 bytes"),
                e.getMessage());
        e = assertThrows(MalformedMessageException.class,
                () -> view(message(w -> w.attrU32(WIDE, 1))).index(8, POLICY, true));
        assertTrue(e.getMessage().contains("struct wide needs at least 8 bytes, got 4"), e.getMessage());
        AttributeIndex x = view(message(w -> w.attrU64(WIDE, 1).attrU32(ADDR, 2).attrU16(NAME, 3))).index(8, POLICY, true);
        assertEquals(8, x.length(WIDE));
        // the same message without the policy is fine, and so is the policy on a clean one
        view(message(w -> w.attrU16(ADDR, 1))).index(8, NAMES);
    }

    @Test
    void aMessageOfTheLastLayoutIsRecognisedAndOneThatOnlyLooksLikeItIsWalked() {
        Message view = new Message();
        byte[] first = message(w -> w.attrU32(MTU, 1500).attrU32(BYTE, 7).attrString(NAME, "a"));
        byte[] same = message(w -> w.attrU32(MTU, 9000).attrU32(BYTE, 8).attrString(NAME, "b"));
        // the same total length, split differently: the headers differ, so it must be walked anew
        byte[] other = message(w -> w.attrU64(WIDE, 5).attrString(NAME, "abcdefg"));
        assertEquals(first.length, other.length);
        view.bind(MemorySegment.ofArray(first), 0, first.length);
        assertEquals(1500, view.index(8, NAMES).u32(MTU, 0));
        view.bind(MemorySegment.ofArray(same), 0, same.length);
        AttributeIndex x = view.index(8, NAMES);
        assertEquals(9000, x.u32(MTU, 0));
        assertEquals("b", x.cursor(NAME).string());
        view.bind(MemorySegment.ofArray(other), 0, other.length);
        x = view.index(8, NAMES);
        assertFalse(x.has(MTU));
        assertEquals("abcdefg", x.cursor(NAME).string());
        assertEquals(5L, x.u64(WIDE, 0));
        // a layout checked without a policy is checked again when one comes
        byte[] bad = message(w -> w.attrU64(WIDE, 5).attrString(NAME, "abcdefg"));
        bad[16 + 8 + 12 + 2] = ADDR; // the name attribute (8 bytes of payload) becomes an address
        view.bind(MemorySegment.ofArray(bad), 0, bad.length);
        view.index(8, NAMES);
        view.bind(MemorySegment.ofArray(bad), 0, bad.length);
        assertThrows(MalformedMessageException.class, () -> view.index(8, POLICY, true));
    }

    /** Random messages, each indexed right after a mutation of the last: the index agrees with a cursor walk. */
    @Test
    void agreesWithTheCursorOnRandomMessagesOfSimilarLayouts() {
        Random rnd = new Random(2020);
        Message view = new Message();
        byte[] last = message(w -> w.attrU32(MTU, 1).attrU32(ADDR, 2));
        int walked = 0;
        for (int round = 0; round < 20_000; round++) {
            byte[] b = last.clone();
            if (rnd.nextInt(3) > 0 && b.length > 24) { // mostly small changes: values, or a header word
                int at = 16 + 8 + rnd.nextInt(Math.max(1, b.length - 24));
                b[at] = (byte) (rnd.nextBoolean() ? rnd.nextInt(256) : b[at] + 4);
            } else {
                int n = rnd.nextInt(6);
                b = message(w -> {
                    for (int i = 0; i < n; i++) {
                        int t = rnd.nextInt(7);
                        byte[] payload = new byte[rnd.nextInt(3) == 0 ? rnd.nextInt(12) : 4];
                        w.attrBytes(t, payload);
                    }
                });
            }
            byte[] m = b;
            String expect = describe(() -> cursorWalk(m));
            view.bind(MemorySegment.ofArray(m), 0, m.length);
            String got = describe(() -> indexed(view.index(8, NAMES)));
            // both fail, or both find the same attributes (the texts differ only where the cursor
            // names the attribute before a truncated header)
            assertEquals(expect.startsWith("!") ? "!" : expect, got.startsWith("!") ? "!" : got, "round " + round);
            if (!expect.startsWith("!")) {
                last = m;
                walked++;
            }
        }
        assertTrue(walked > 1000, "most messages were well formed: " + walked);
    }

    private static String describe(java.util.function.Supplier<String> s) {
        try {
            return s.get();
        } catch (MalformedMessageException e) {
            return "!" + e.getMessage();
        }
    }

    private static String cursorWalk(byte[] b) {
        int[] len = new int[AttributeIndex.TYPES];
        java.util.Arrays.fill(len, -1);
        AttributeCursor a = view(b).attributes(8, NAMES);
        while (a.next()) {
            if (a.type() < AttributeIndex.TYPES) {
                len[a.type()] = a.length();
            }
        }
        return java.util.Arrays.toString(len);
    }

    private static String indexed(AttributeIndex x) {
        int[] len = new int[AttributeIndex.TYPES];
        for (int t = 0; t < len.length; t++) {
            len[t] = x.length(t);
        }
        return java.util.Arrays.toString(len);
    }

    private static byte[] truncate(byte[] b, int by) {
        byte[] t = java.util.Arrays.copyOf(b, b.length - by);
        MemorySegment.ofArray(t).set(ValueLayout.JAVA_INT_UNALIGNED, 0, t.length);
        return t;
    }

    private static byte[] lengthAt(byte[] b, int len) {
        MemorySegment.ofArray(b).set(ValueLayout.JAVA_SHORT_UNALIGNED, 24, (short) len);
        return b;
    }

    @Test
    void anOwnedDatagramIsKeptWithoutACopyAndRetainedIsExactlyTheDatagram() {
        byte[] msg = message(w -> w.attrU32(MTU, 1500));
        byte[] array = new byte[4096]; // longer than the datagram, as a socket's receive array is
        System.arraycopy(msg, 0, array, 0, msg.length);
        MemorySegment datagram = MemorySegment.ofArray(array).asSlice(0, msg.length);
        Message view = new Message();
        view.bindOwned(array, datagram, 0, msg.length);
        MemorySegment kept = view.retained();
        assertEquals(msg.length, kept.byteSize());
        assertTrue(kept.isReadOnly());
        AttributeIndex x = view.index(8, NAMES);
        assertSame(kept, x.retained());
        array[16 + 8 + 4] = 0x11; // the owner's array is what the record reads: no copy was made
        assertEquals(0x11, kept.get(ValueLayout.JAVA_BYTE, 16 + 8 + 4));
        assertEquals(1500 & ~0xFF | 0x11, x.u32(MTU, 0));
    }
}
