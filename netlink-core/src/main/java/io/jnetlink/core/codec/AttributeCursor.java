package io.jnetlink.core.codec;

import io.jnetlink.core.MalformedMessageException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A bounds-checked, zero-copy cursor over a run of netlink attributes (TLVs).
 *
 * <pre>{@code
 * AttributeCursor a = msg.attributes(IFINFOMSG_LEN, IflaNames.NAMES);
 * while (a.next()) {
 *     switch (a.type()) {
 *         case IFLA_IFNAME -> name = a.string();
 *         case IFLA_MTU -> mtu = a.u32();
 *         case IFLA_LINKINFO -> decodeLinkInfo(a.nested(InfoNames.NAMES));
 *         default -> unknown.add(a.raw());
 *     }
 * }
 * }</pre>
 *
 * <p>{@link #next()} checks that the attribute's length fits its container before anything reads
 * it; the typed getters check that the payload has exactly the size of the type. Any violation
 * throws {@link MalformedMessageException} with the attribute path (built only then, from the
 * parent cursors) and the byte offset in the buffer. Reading is a view on the receive buffer: it
 * is valid only while the message is (inside the handler the socket called).
 */
public final class AttributeCursor {
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfShort U16_BE = U16.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt U32_BE = U32.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong U64_BE = U64.withOrder(ByteOrder.BIG_ENDIAN);

    // not final: a message view's own top-level cursor is reset per message (Message.scan)
    private MemorySegment seg;
    private long end;
    private AttrNames names;
    private final AttributeCursor parent; // for error paths only
    private final int parentType;
    private long next;
    private long cur = -1;
    private int rawType;
    private int payloadLen;

    /**
     * A cursor over the attributes in {@code [start, end)} of {@code seg}.
     *
     * @param names names for error messages (the attribute space of this level)
     * @param seg the buffer
     * @param start offset of the first attribute
     * @param end offset just past the last attribute
     */
    public AttributeCursor(MemorySegment seg, long start, long end, AttrNames names) {
        this(seg, start, end, names, null, 0);
    }

    private AttributeCursor(MemorySegment seg, long start, long end, AttrNames names, AttributeCursor parent,
                            int parentType) {
        if (start < 0 || end > seg.byteSize() || start > end) {
            throw new MalformedMessageException(pathOf(parent, parentType, names), start,
                    "attribute run [" + start + ", " + end + ") outside a buffer of " + seg.byteSize() + " bytes");
        }
        this.seg = seg;
        this.end = end;
        this.names = names;
        this.parent = parent;
        this.parentType = parentType;
        this.next = start;
    }

    /** Points this (top-level) cursor at the attributes in {@code [start, end)} of {@code seg}. */
    void reset(MemorySegment seg, long start, long end, AttrNames names) {
        if (start < 0 || end > seg.byteSize() || start > end) {
            throw new MalformedMessageException("", start,
                    "attribute run [" + start + ", " + end + ") outside a buffer of " + seg.byteSize() + " bytes");
        }
        this.seg = seg;
        this.end = end;
        this.names = names;
        this.next = start;
        this.cur = -1;
    }

    /**
     * Moves to the next attribute.
     *
     * @return false at the end of the run
     * @throws MalformedMessageException if the attribute's header or length does not fit
     */
    public boolean next() {
        if (next >= end) {
            cur = -1;
            return false;
        }
        if (end - next < Netlink.NLA_HDRLEN) {
            // The kernel pads the last attribute; fewer than 4 trailing bytes are padding only if zero.
            throw malformed(next, "truncated attribute header: " + (end - next) + " bytes left");
        }
        // struct nlattr { u16 nla_len; u16 nla_type; } in host order, read as one 32-bit word
        int header = seg.get(U32, next);
        int len = LITTLE_ENDIAN ? header & 0xFFFF : header >>> 16;
        int type = LITTLE_ENDIAN ? header >>> 16 : header & 0xFFFF;
        if (len < Netlink.NLA_HDRLEN) {
            rawType = type;
            cur = next;
            throw malformed(next, "attribute length " + len + " is shorter than its header");
        }
        if (next + len > end) {
            rawType = type;
            cur = next;
            throw malformed(next, "attribute length " + len + " runs past its container (" + (end - next)
                    + " bytes left)");
        }
        cur = next;
        rawType = type;
        payloadLen = len - Netlink.NLA_HDRLEN;
        next = Math.min(end, next + Netlink.align((long) len));
        return true;
    }

    /** {@return the current attribute's type, without the nested and byte-order flag bits} */
    public int type() {
        return rawType & Netlink.NLA_TYPE_MASK;
    }

    /** {@return the current attribute's type with its flag bits as sent} */
    public int rawType() {
        return rawType;
    }

    /**
     * Payload size in bytes of the current attribute.
     *
     * @return the payload size in bytes
     */
    public int length() {
        return payloadLen;
    }

    /**
     * Offset of the current attribute's payload in the buffer.
     *
     * @return the payload's offset in the buffer
     */
    public long payloadOffset() {
        return cur + Netlink.NLA_HDRLEN;
    }

    /** {@return the buffer the cursor reads} */
    public MemorySegment segment() {
        return seg;
    }

    /** {@return the payload as an unsigned byte (exactly 1 byte)} */
    public int u8() {
        expect(1, "u8");
        return seg.get(ValueLayout.JAVA_BYTE, payloadOffset()) & 0xFF;
    }

    /** {@return the payload as a native-order unsigned 16-bit value (exactly 2 bytes)} */
    public int u16() {
        expect(2, "u16");
        return seg.get(U16, payloadOffset()) & 0xFFFF;
    }

    /** {@return the payload as a big-endian unsigned 16-bit value (exactly 2 bytes)} */
    public int u16be() {
        expect(2, "u16");
        return seg.get(U16_BE, payloadOffset()) & 0xFFFF;
    }

    /** {@return the payload as a native-order 32-bit value (exactly 4 bytes)} */
    public int u32() {
        expect(4, "u32");
        return seg.get(U32, payloadOffset());
    }

    /** {@return the payload as a native-order signed 32-bit value (exactly 4 bytes)} */
    public int s32() {
        return u32();
    }

    /** {@return the payload as a big-endian 32-bit value (exactly 4 bytes)} */
    public int u32be() {
        expect(4, "u32");
        return seg.get(U32_BE, payloadOffset());
    }

    /** {@return the payload as a native-order 64-bit value (exactly 8 bytes)} */
    public long u64() {
        expect(8, "u64");
        return seg.get(U64, payloadOffset());
    }

    /** {@return the payload as a big-endian 64-bit value (exactly 8 bytes)} */
    public long u64be() {
        expect(8, "u64");
        return seg.get(U64_BE, payloadOffset());
    }

    /** {@return true for an attribute with no payload (a flag)} */
    public boolean flag() {
        expect(0, "flag");
        return true;
    }

    /**
     * {@return the payload as a string: UTF-8 up to the first NUL (or the whole payload if there is none)}
     */
    public String string() {
        return string(seg, payloadOffset(), payloadLen);
    }

    /**
     * {@return the {@code length} bytes at {@code offset} of {@code seg} as a string, as {@link #string()}
     * reads an attribute's payload: for records that read an attribute they located earlier}
     *
     * @param seg the buffer
     * @param offset where the bytes start
     * @param length how many bytes
     */
    public static String string(MemorySegment seg, long offset, int length) {
        int n = 0;
        while (n < length && seg.get(ValueLayout.JAVA_BYTE, offset + n) != 0) {
            n++;
        }
        byte[] b = new byte[n];
        MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, offset, b, 0, n);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** {@return the payload copied into a new array} */
    public byte[] bytes() {
        return seg.asSlice(payloadOffset(), payloadLen).toArray(ValueLayout.JAVA_BYTE);
    }

    /** {@return the payload as a view on the buffer (valid as long as the message is)} */
    public MemorySegment payload() {
        return seg.asSlice(payloadOffset(), payloadLen);
    }

    /** {@return an IPv4 (4-byte) or IPv6 (16-byte) address} */
    public InetAddress address() {
        if (payloadLen != 4 && payloadLen != 16) {
            throw malformed(cur, "address expected (4 or 16 bytes), got " + payloadLen + " bytes");
        }
        return address(seg, payloadOffset(), payloadLen);
    }

    /**
     * {@return the IPv4 (4-byte) or IPv6 (16-byte) address at {@code offset} of {@code seg}, whose length
     * the caller checked: for records that read an attribute they located earlier}
     *
     * @param seg the buffer
     * @param offset where the address starts
     * @param length 4 or 16
     * @throws IllegalArgumentException if {@code length} is neither 4 nor 16
     */
    public static InetAddress address(MemorySegment seg, long offset, int length) {
        if (length != 4 && length != 16) {
            throw new IllegalArgumentException("address length must be 4 or 16, got " + length);
        }
        byte[] b = new byte[length];
        MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, offset, b, 0, length);
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError(e); // cannot happen for 4 or 16 bytes
        }
    }

    /** {@return the current attribute, copied out: for keeping attributes a decoder does not model} */
    public RawAttribute raw() {
        return new RawAttribute(rawType, bytes());
    }

    /**
     * {@return a cursor over the attributes nested in the current one}
     *
     * @param childNames the names of the nested attributes, for error messages
     */
    public AttributeCursor nested(AttrNames childNames) {
        requireCurrent();
        return new AttributeCursor(seg, payloadOffset(), payloadOffset() + payloadLen, childNames, this, type());
    }

    /**
     * {@return a cursor over attributes that start {@code skip} bytes into the current payload (for payloads
     * that begin with a fixed struct, such as IFLA_VETH_INFO_PEER's ifinfomsg)}
     *
     * @param skip bytes of fixed header before the attributes
     * @param childNames the names of the nested attributes, for error messages
     */
    public AttributeCursor nested(int skip, AttrNames childNames) {
        requireCurrent();
        if (skip > payloadLen) {
            throw malformed(cur, "payload of " + payloadLen + " bytes is shorter than its " + skip + "-byte header");
        }
        return new AttributeCursor(seg, payloadOffset() + Netlink.align(skip), payloadOffset() + payloadLen,
                childNames, this, type());
    }

    /** {@return the path of the current attribute, such as {@code IFLA_LINKINFO/IFLA_INFO_KIND}} */
    public String path() {
        String here = cur >= 0 ? names.name(type()) : null;
        String up = pathOf(parent, parentType, null);
        if (here == null) {
            return up;
        }
        return up.isEmpty() ? here : up + "/" + here;
    }

    /**
     * {@return a malformed-message exception for the current attribute}
     *
     * @param problem what is wrong
     */
    public MalformedMessageException malformed(String problem) {
        return malformed(cur >= 0 ? cur : next, problem);
    }

    private MalformedMessageException malformed(long offset, String problem) {
        return new MalformedMessageException(path(), offset, problem);
    }

    /** The exception a top-level cursor over {@code names} would throw at the attribute of {@code type} (-1: none). */
    static MalformedMessageException malformedRun(AttrNames names, int type, long offset, String problem) {
        return new MalformedMessageException(type < 0 ? "" : names.name(type), offset, problem);
    }

    private static String pathOf(AttributeCursor parent, int parentType, AttrNames unused) {
        if (parent == null) {
            return "";
        }
        String up = pathOf(parent.parent, parent.parentType, null);
        String me = parent.names.name(parentType);
        return up.isEmpty() ? me : up + "/" + me;
    }

    private void expect(int size, String what) {
        requireCurrent();
        if (payloadLen != size) {
            throw malformed(cur, what + " expected, got " + payloadLen + " bytes");
        }
    }

    private void requireCurrent() {
        if (cur < 0) {
            throw new IllegalStateException("no current attribute: call next() first");
        }
    }
}
