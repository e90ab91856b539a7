package io.jnetlink.core.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.MalformedMessageException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CodecTest {
    private static final AttrNames TOP = AttrNames.table("T", null, "T_NAME", "T_MTU", "T_NEST", "T_BE");
    private static final AttrNames INNER = AttrNames.table("I", null, "I_KIND", "I_DATA");

    private final Arena arena = Arena.ofConfined();

    @AfterEach
    void close() {
        arena.close();
    }

    private static MemorySegment copy(Arena a, byte[] b) {
        MemorySegment s = a.allocate(b.length);
        MemorySegment.copy(b, 0, s, ValueLayout.JAVA_BYTE, 0, b.length);
        return s;
    }

    @Test
    void writesHeaderFixedPartAndPaddedAttributes() {
        MessageWriter w = new MessageWriter(arena, 64);
        int index = w.begin(16, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK);
        w.u8(0).u8(0).u16(0).s32(0).u32(0).u32(0); // ifinfomsg
        w.attrString(3, "br0");
        w.attrU32(4, 1500);
        w.end();
        assertEquals(0, index);
        byte[] b = w.toByteArray();
        // nlmsghdr(16) + ifinfomsg(16) + "br0\0"(4+4) + u32(4+4) = 48; seq and port id are the socket's
        assertEquals(48, b.length);
        assertEquals(
                "30000000" + "1000" + "0500" + "00000000" + "00000000"
                        + "00000000000000000000000000000000"
                        + "0800" + "0300" + "62723000"
                        + "0800" + "0400" + "dc050000",
                HexFormat.of().formatHex(b));
    }

    @Test
    void stringIsPaddedWithZeros() {
        MessageWriter w = new MessageWriter(arena, 64);
        w.begin(16, 0);
        w.attrString(3, "veth-red");  // 8 chars + NUL = 9 -> padded to 12
        w.end();
        byte[] b = w.toByteArray();
        assertEquals(16 + 4 + 12, b.length);
        assertEquals(13, b[16] & 0xFF); // nla_len counts the NUL, not the padding
        for (int i = 16 + 4 + 9; i < b.length; i++) {
            assertEquals(0, b[i]);
        }
    }

    @Test
    void nestFillsItsLengthAndReadsBack() {
        MessageWriter w = new MessageWriter(arena, 16);
        w.begin(16, 0);
        w.zeros(16);
        w.nest(3, n -> {
            n.attrString(1, "bridge");
            n.nest(2 | Netlink.NLA_F_NESTED, d -> d.attrU16Be(4, 0x1234));
        });
        w.attrU64(2, 0x1122334455667788L);
        w.end();
        MemorySegment seg = copy(arena, w.toByteArray());
        Message m = Message.at(seg, 0);
        assertEquals(16, m.type());
        AttributeCursor c = m.attributes(16, TOP);
        assertTrue(c.next());
        assertEquals(3, c.type());
        AttributeCursor in = c.nested(INNER);
        assertTrue(in.next());
        assertEquals("bridge", in.string());
        assertTrue(in.next());
        assertEquals(2, in.type());
        assertEquals(2 | Netlink.NLA_F_NESTED, in.rawType());
        AttributeCursor data = in.nested(AttrNames.numbered("D"));
        assertTrue(data.next());
        assertEquals(0x1234, data.u16be());
        assertFalse(data.next());
        assertFalse(in.next());
        assertTrue(c.next());
        assertEquals(0x1122334455667788L, c.u64());
        assertFalse(c.next());
    }

    @Test
    void bigEndianIsExplicit() {
        MessageWriter w = new MessageWriter(arena, 16);
        w.begin(1, 0);
        w.attrU32Be(4, 0x0A000001);
        w.attrU32(4, 0x0A000001);
        w.end();
        byte[] b = w.toByteArray();
        assertEquals("0a000001", HexFormat.of().formatHex(b, 20, 24));
        assertEquals(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? "0100000a" : "0a000001",
                HexFormat.of().formatHex(b, 28, 32));
    }

    @Test
    void addressesRoundTrip() throws Exception {
        MessageWriter w = new MessageWriter(arena, 16);
        w.begin(1, 0);
        w.attrAddress(1, InetAddress.getByName("192.168.15.5"));
        w.attrAddress(2, InetAddress.getByName("fd00::5"));
        w.end();
        AttributeCursor c = Message.at(copy(arena, w.toByteArray()), 0).attributes(0, TOP);
        c.next();
        assertEquals(InetAddress.getByName("192.168.15.5"), c.address());
        c.next();
        assertEquals(InetAddress.getByName("fd00::5"), c.address());
    }

    @Test
    void attributeLongerThan65535Throws() {
        MessageWriter w = new MessageWriter(arena, 16);
        w.begin(1, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> w.attrBytes(9, new byte[65532]));
        assertTrue(e.getMessage().contains("65535"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> w.nest(5, n -> {
            for (int i = 0; i < 20; i++) {
                n.attrBytes(1, new byte[4000]);
            }
        }));
    }

    @Test
    void growsPastItsInitialCapacity() {
        MessageWriter w = new MessageWriter(arena, 256);
        w.begin(1, 0);
        for (int i = 0; i < 1000; i++) {
            w.attrU32(1, i);
        }
        w.end();
        assertEquals(16 + 8000, w.size());
        AttributeCursor c = Message.at(copy(arena, w.toByteArray()), 0).attributes(0, TOP);
        int n = 0;
        while (c.next()) {
            assertEquals(n++, c.u32());
        }
        assertEquals(1000, n);
    }

    @Test
    void openNestOrMessageIsRefused() {
        MessageWriter w = new MessageWriter(arena, 64);
        assertThrows(IllegalStateException.class, () -> w.attrU32(1, 1)); // outside a message
        w.begin(1, 0);
        w.nestStart(1);
        assertThrows(IllegalStateException.class, w::end);
        assertThrows(IllegalStateException.class, () -> w.begin(1, 0));
    }

    @Test
    void countsMessagesAndLeavesTheirNumberingToTheSocket() {
        MessageWriter w = new MessageWriter(arena, 64);
        assertEquals(0, w.begin(1, 5));
        w.end();
        assertEquals(1, w.begin(2, 9));
        w.end();
        assertEquals(2, w.messageCount());
        byte[] b = w.toByteArray();
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
        assertEquals(9, bb.getShort(16 + 6)); // the second message's flags, as written
        assertEquals(0, bb.getInt(8));        // no sequence numbers: the socket stamps them
        assertEquals(0, bb.getInt(16 + 8));
    }

    @Test
    void typedGetterChecksExactLength() {
        MessageWriter w = new MessageWriter(arena, 64);
        w.begin(1, 0);
        w.nest(3, n -> n.nest(2, d -> d.attrBytes(1, new byte[3])));
        w.end();
        AttributeCursor c = Message.at(copy(arena, w.toByteArray()), 0).attributes(0, TOP);
        c.next();
        AttributeCursor in = c.nested(INNER);
        in.next();
        AttributeCursor d = in.nested(AttrNames.table("D", null, "D_VALUE"));
        d.next();
        MalformedMessageException e = assertThrows(MalformedMessageException.class, d::u32);
        assertEquals("T_NEST/I_DATA/D_VALUE", e.path());
        assertTrue(e.getMessage().contains("u32 expected, got 3 bytes"), e.getMessage());
        assertEquals(24, e.offset()); // nlmsghdr 16 + T_NEST hdr 4 + I_DATA hdr 4
    }

    @Test
    void lengthPastContainerIsMalformedWithPathAndOffset() {
        MessageWriter w = new MessageWriter(arena, 64);
        w.begin(1, 0);
        w.nest(3, n -> n.attrU32(1, 7));
        w.end();
        byte[] b = w.toByteArray();
        b[20] = 40; // inner attribute claims 40 bytes inside an 8-byte nest
        AttributeCursor c = Message.at(copy(arena, b), 0).attributes(0, TOP);
        c.next();
        AttributeCursor in = c.nested(INNER);
        MalformedMessageException e = assertThrows(MalformedMessageException.class, in::next);
        assertTrue(e.getMessage().startsWith("T_NEST/I_KIND at offset 20"), e.getMessage());
    }

    @Test
    void messageLengthIsChecked() {
        byte[] b = new byte[20];
        b[0] = 64; // claims 64 bytes, has 20
        assertThrows(MalformedMessageException.class, () -> Message.at(copy(arena, b), 0));
        byte[] tiny = new byte[8];
        assertThrows(MalformedMessageException.class, () -> Message.at(copy(arena, tiny), 0));
        byte[] ok = new byte[16];
        ok[0] = 16;
        Message m = Message.at(copy(arena, ok), 0);
        assertThrows(MalformedMessageException.class, () -> m.u32(0));
        assertThrows(MalformedMessageException.class, () -> m.attributes(16, TOP));
    }

    @Test
    void unknownAttributesAreKeptAsRaw() {
        MessageWriter w = new MessageWriter(arena, 64);
        w.begin(1, 0);
        w.attrBytes(77, new byte[] {1, 2, 3});
        w.end();
        AttributeCursor c = Message.at(copy(arena, w.toByteArray()), 0).attributes(0, TOP);
        c.next();
        RawAttribute r = c.raw();
        assertEquals(77, r.type());
        assertArrayEquals(new byte[] {1, 2, 3}, r.value());
        assertEquals(new RawAttribute(77, new byte[] {1, 2, 3}), r);
    }

    @Test
    void messageReadsNetworkOrderFieldsByTheirBytesNotTheHostsOrder() {
        // nfgenmsg's res_id is big-endian: bytes 12 34 are 0x1234 on any host (the old code
        // swapped a native read, which is right only on a little-endian one).
        byte[] msg = HexFormat.of().parseHex("14000000" + "0a00" + "0000" + "01000000" + "00000000" + "02001234");
        Message m = Message.at(copy(arena, msg), 0);
        assertEquals(0x1234, m.u16be(2));
        assertEquals(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? 0x3412 : 0x1234, m.u16(2));
    }
}
