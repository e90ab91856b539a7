package io.jnetlink.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.MalformedMessageException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Message#retained()}: one copy per datagram, shared by its messages, made only when asked,
 * independent of the receive buffer; {@link Message#scan}: the view's own cursor, reset per call.
 */
class RetainedTest {
    private static final AttrNames NAMES = AttrNames.table("T", null, "T_NAME", "T_MTU");

    /** A datagram of {@code count} messages, each an ifinfomsg-sized header, a name and an MTU. */
    private static MemorySegment datagram(Arena arena, int count, String prefix) {
        MessageWriter w = new MessageWriter(arena, 4096);
        for (int i = 0; i < count; i++) {
            w.begin(16, 0);
            w.zeros(16);
            w.attrString(1, prefix + i);
            w.attrU32(2, 1000 + i);
            w.end();
        }
        return w.written();
    }

    /** What the socket does with a datagram: bind each message in turn, the view reused. */
    private static void each(Message view, MemorySegment buffer, long size, java.util.function.Consumer<Message> m) {
        long pos = 0;
        while (pos < size) {
            pos += view.bind(buffer, pos, size - pos);
            m.accept(view);
        }
    }

    @Test
    void oneCopyPerDatagramSharedByItsMessagesAndIndependentOfTheBuffer() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(8192, 8);
            Message view = new Message();
            MemorySegment first = datagram(arena, 3, "a");
            MemorySegment.copy(first, 0, buffer, 0, first.byteSize());
            MemorySegment[] kept = new MemorySegment[3];
            long[] at = new long[3];
            int[] i = {0};
            each(view, buffer, first.byteSize(), m -> {
                kept[i[0]] = m.retained();
                at[i[0]++] = m.payloadOffset() + 16;
            });
            assertSame(kept[0], kept[1]);
            assertSame(kept[0], kept[2]);
            assertTrue(kept[0].isReadOnly());
            // the receive buffer gets the next datagram: the copies keep the first one's bytes
            MemorySegment second = datagram(arena, 2, "b");
            MemorySegment.copy(second, 0, buffer, 0, second.byteSize());
            MemorySegment[] kept2 = new MemorySegment[2];
            int[] j = {0};
            each(view, buffer, second.byteSize(), m -> kept2[j[0]++] = m.retained());
            assertNotSame(kept[0], kept2[0]);
            assertSame(kept2[0], kept2[1]);
            for (int k = 0; k < 3; k++) {
                AttributeCursor c = new AttributeCursor(kept[k], at[k], at[k] + 16, NAMES);
                assertTrue(c.next());
                assertEquals("a" + k, c.string());
                assertTrue(c.next());
                assertEquals(1000 + k, c.u32());
            }
            assertThrows(IllegalArgumentException.class, () -> kept[0].set(ValueLayout.JAVA_BYTE, 0, (byte) 1));
        }
    }

    /**
     * A decoder indexes first and asks for the retained copy last (as the record is made): the index
     * reads a copy the view reuses, and what the records keep is the datagram as it was, whatever the
     * buffer and that reused copy hold after the next datagrams.
     */
    @Test
    void indexedBeforeRetainedTheRecordsKeepTheirOwnDatagramsBytes() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(8192, 8);
            Message view = new Message();
            List<MemorySegment> kept = new ArrayList<>();
            List<Long> mtuAt = new ArrayList<>();
            for (int d = 0; d < 3; d++) {
                MemorySegment dg = datagram(arena, 2 + d, "d" + d + "-");
                MemorySegment.copy(dg, 0, buffer, 0, dg.byteSize());
                int base = 1000 * (d + 1);
                int[] i = {0};
                each(view, buffer, dg.byteSize(), m -> {
                    AttributeIndex x = m.index(16, NAMES);
                    assertEquals(1000 + i[0]++, x.u32(2, -1));
                    // the index's memory is the view's, not the record's
                    assertNotSame(x.segment(), x.retained());
                    kept.add(x.retained());
                    mtuAt.add(x.offset(2));
                    assertSame(m.retained(), x.retained());
                });
                assertEquals(2 + d, i[0]);
                // overwrite the buffer with garbage before the next datagram arrives
                buffer.fill((byte) 0x5A);
            }
            int k = 0;
            for (int d = 0; d < 3; d++) {
                for (int n = 0; n < 2 + d; n++, k++) {
                    assertEquals(1000 + n, kept.get(k).get(ValueLayout.JAVA_INT_UNALIGNED, mtuAt.get(k)), "datagram " + d);
                }
            }
            assertNotSame(kept.get(0), kept.get(2));
        }
    }

    @Test
    void aSingleMessageDatagramAfterAnotherOfTheSameSizeGetsItsOwnCopy() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(8192, 8);
            Message view = new Message();
            MemorySegment[] kept = new MemorySegment[2];
            for (int d = 0; d < 2; d++) {
                MemorySegment one = datagram(arena, 1, d == 0 ? "x" : "y");
                MemorySegment.copy(one, 0, buffer, 0, one.byteSize());
                int n = d;
                each(view, buffer, one.byteSize(), m -> kept[n] = m.retained());
            }
            assertNotSame(kept[0], kept[1]);
            assertEquals('x', (char) kept[0].get(ValueLayout.JAVA_BYTE, 36));
            assertEquals('y', (char) kept[1].get(ValueLayout.JAVA_BYTE, 36));
        }
    }

    @Test
    void scanReusesTheViewsCursorAndStillChecksTheHeader() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment d = datagram(arena, 2, "s");
            Message view = new Message();
            AttributeCursor[] seen = new AttributeCursor[2];
            String[] names = new String[2];
            int[] i = {0};
            each(view, d, d.byteSize(), m -> {
                AttributeCursor c = m.scan(16, NAMES);
                assertTrue(c.next());
                names[i[0]] = c.string();
                seen[i[0]++] = c;
            });
            assertSame(seen[0], seen[1]);
            assertEquals("s0", names[0]);
            assertEquals("s1", names[1]);
            Message m = Message.at(d, 0);
            assertThrows(MalformedMessageException.class, () -> m.scan(4096, NAMES));
            AttributeCursor again = m.scan(16, NAMES);
            assertTrue(again.next());
            assertEquals("s0", again.string());
            assertTrue(again.next());
            assertFalse(again.next());
        }
    }
}
