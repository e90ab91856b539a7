package io.jnetlink.core.codec;

import static io.jnetlink.core.codec.Netlink.NLA_HDRLEN;
import static io.jnetlink.core.codec.Netlink.NLA_MAX_LEN;
import static io.jnetlink.core.codec.Netlink.NLMSG_HDRLEN;

import io.jnetlink.core.ffi.Libc;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Builds netlink messages in place at the tail of one native buffer: a {@code nlmsghdr}, the
 * family's fixed header, then attributes. Nothing is built in a side buffer and copied.
 *
 * <p>Usage, for one or many messages (many are sent in one {@code send}, "pipelined"):
 * <pre>{@code
 * w.begin(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL);
 * w.u8(AF_UNSPEC).u8(0).u16(0).s32(0).u32(0).u32(0);        // struct ifinfomsg
 * w.attrString(IFLA_IFNAME, "veth0");
 * w.nest(IFLA_LINKINFO, li -> li.attrString(IFLA_INFO_KIND, "bridge"));
 * w.end();
 * }</pre>
 *
 * <p>Every length goes through one check ({@link #checkAttrLength}): an attribute longer than
 * netlink's 16-bit length throws {@link IllegalArgumentException} naming it. A nest reserves its
 * header and fills the length when it closes; {@link #end()} refuses to close a message with a
 * nest still open. Numbers are written in native byte order unless the method says {@code Be}
 * (network order, as nf_tables wants for payload data).
 *
 * <p>The writer leaves the sequence number and port id of each {@code nlmsghdr} zero: they are
 * the socket's to give (it numbers an exchange's messages when it sends them and matches the
 * answers by them), so they are no part of writing a request.
 *
 * <p>Not thread-safe: a socket owns one writer and uses it under its lock.
 */
public final class MessageWriter {
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfShort U16_BE = U16.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt U32_BE = U32.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong U64_BE = U64.withOrder(ByteOrder.BIG_ENDIAN);
    /** Batches of many messages are legal, but nothing sane needs more than this in one send. */
    private static final long MAX_CAPACITY = 64L << 20;

    private final Arena arena;
    private MemorySegment buf;
    private long pos;
    private long msgStart = -1;
    private int depth;
    private long[] nests = new long[8];
    private int count;

    /**
     * A writer whose buffer comes from {@code arena}; it grows (in that arena) when needed.
     *
     * @param arena the arena the buffer comes from; it must outlive the writer
     * @param initialCapacity the buffer's first size in bytes
     */
    public MessageWriter(Arena arena, int initialCapacity) {
        this.arena = arena;
        this.buf = Libc.allocateUninitialized(arena, Math.max(initialCapacity, 256)); // written before read
    }

    /**
     * Forgets everything written; the next message starts at offset 0.
     *
     * @return this writer
     */
    public MessageWriter reset() {
        pos = 0;
        msgStart = -1;
        depth = 0;
        count = 0;
        return this;
    }

    /**
     * Starts a message: writes a {@code nlmsghdr} of {@code type} and {@code msgFlags}, with the
     * sequence number and port id left 0 for the socket to fill in.
     *
     * @param type the message type
     * @param msgFlags the header flags (NLM_F_REQUEST, NLM_F_ACK, ...)
     * @return the message's index among those written since {@link #reset()}: the index under
     *         which a pipelined exchange reports its reply or error
     */
    public int begin(int type, int msgFlags) {
        if (msgStart >= 0) {
            throw new IllegalStateException("begin() while message at offset " + msgStart + " is still open");
        }
        ensure(NLMSG_HDRLEN);
        msgStart = pos;
        buf.set(U32, pos, 0); // length, filled by end()
        buf.set(U16, pos + 4, (short) type);
        buf.set(U16, pos + 6, (short) msgFlags);
        buf.set(U32, pos + 8, 0);
        buf.set(U32, pos + 12, 0);
        pos += NLMSG_HDRLEN;
        return count++;
    }

    /**
     * Closes the current message: fills in its length.
     *
     * @return this writer
     */
    public MessageWriter end() {
        if (msgStart < 0) {
            throw new IllegalStateException("end() without begin()");
        }
        if (depth != 0) {
            throw new IllegalStateException(depth + " nested attribute(s) still open at end()");
        }
        buf.set(U32, msgStart, (int) (pos - msgStart));
        msgStart = -1;
        return this;
    }

    // ---- fixed headers: raw values at the tail, no padding --------------------------------

    /**
     * Appends an unsigned byte (fixed headers).
     *
     * @param v the value (low 8 bits)
     * @return this writer
     */
    public MessageWriter u8(int v) {
        ensure(1);
        buf.set(ValueLayout.JAVA_BYTE, pos++, (byte) v);
        return this;
    }

    /**
     * Appends a native-order 16-bit value (fixed headers).
     *
     * @param v the value (low 16 bits)
     * @return this writer
     */
    public MessageWriter u16(int v) {
        ensure(2);
        buf.set(U16, pos, (short) v);
        pos += 2;
        return this;
    }

    /**
     * Appends a big-endian 16-bit value (fixed headers).
     *
     * @param v the value (low 16 bits)
     * @return this writer
     */
    public MessageWriter u16be(int v) {
        ensure(2);
        buf.set(U16_BE, pos, (short) v);
        pos += 2;
        return this;
    }

    /**
     * Appends a native-order 32-bit value (fixed headers).
     *
     * @param v the value
     * @return this writer
     */
    public MessageWriter u32(int v) {
        ensure(4);
        buf.set(U32, pos, v);
        pos += 4;
        return this;
    }

    /**
     * Appends a native-order signed 32-bit value (fixed headers).
     *
     * @param v the value
     * @return this writer
     */
    public MessageWriter s32(int v) {
        return u32(v);
    }

    /**
     * Appends a native-order 64-bit value (fixed headers).
     *
     * @param v the value
     * @return this writer
     */
    public MessageWriter u64(long v) {
        ensure(8);
        buf.set(U64, pos, v);
        pos += 8;
        return this;
    }

    /**
     * Appends raw bytes, unpadded (fixed headers).
     *
     * @param b the bytes
     * @return this writer
     */
    public MessageWriter bytes(byte[] b) {
        ensure(b.length);
        MemorySegment.copy(b, 0, buf, ValueLayout.JAVA_BYTE, pos, b.length);
        pos += b.length;
        return this;
    }

    /**
     * Appends {@code n} zero bytes (reserved or padding fields of fixed headers).
     *
     * @param n how many
     * @return this writer
     */
    public MessageWriter zeros(int n) {
        ensure(n);
        buf.asSlice(pos, n).fill((byte) 0);
        pos += n;
        return this;
    }

    // ---- attributes ----------------------------------------------------------------------

    /**
     * An attribute with no payload (a flag).
     *
     * @param type the attribute type
     * @return this writer
     */
    public MessageWriter attrFlag(int type) {
        header(type, 0);
        return this;
    }

    /**
     * An attribute holding an unsigned byte.
     *
     * @param type the attribute type
     * @param v the value (low 8 bits)
     * @return this writer
     */
    public MessageWriter attrU8(int type, int v) {
        header(type, 1);
        buf.set(ValueLayout.JAVA_BYTE, pos, (byte) v);
        return pad(1);
    }

    /**
     * An attribute holding a native-order 16-bit value.
     *
     * @param type the attribute type
     * @param v the value (low 16 bits)
     * @return this writer
     */
    public MessageWriter attrU16(int type, int v) {
        header(type, 2);
        buf.set(U16, pos, (short) v);
        return pad(2);
    }

    /**
     * An attribute holding a big-endian 16-bit value.
     *
     * @param type the attribute type
     * @param v the value (low 16 bits)
     * @return this writer
     */
    public MessageWriter attrU16Be(int type, int v) {
        header(type, 2);
        buf.set(U16_BE, pos, (short) v);
        return pad(2);
    }

    /**
     * An attribute holding a native-order 32-bit value.
     *
     * @param type the attribute type
     * @param v the value
     * @return this writer
     */
    public MessageWriter attrU32(int type, int v) {
        header(type, 4);
        buf.set(U32, pos, v);
        return pad(4);
    }

    /**
     * An attribute holding a native-order signed 32-bit value.
     *
     * @param type the attribute type
     * @param v the value
     * @return this writer
     */
    public MessageWriter attrS32(int type, int v) {
        return attrU32(type, v);
    }

    /**
     * An attribute holding a big-endian 32-bit value.
     *
     * @param type the attribute type
     * @param v the value
     * @return this writer
     */
    public MessageWriter attrU32Be(int type, int v) {
        header(type, 4);
        buf.set(U32_BE, pos, v);
        return pad(4);
    }

    /**
     * An attribute holding a native-order 64-bit value.
     *
     * @param type the attribute type
     * @param v the value
     * @return this writer
     */
    public MessageWriter attrU64(int type, long v) {
        header(type, 8);
        buf.set(U64, pos, v);
        return pad(8);
    }

    /**
     * An attribute holding a big-endian 64-bit value.
     *
     * @param type the attribute type
     * @param v the value
     * @return this writer
     */
    public MessageWriter attrU64Be(int type, long v) {
        header(type, 8);
        buf.set(U64_BE, pos, v);
        return pad(8);
    }

    /**
     * A NUL-terminated UTF-8 string, as the kernel's NLA_NUL_STRING and NLA_STRING accept.
     *
     * @param type the attribute type
     * @param s the string
     * @return this writer
     */
    public MessageWriter attrString(int type, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        header(type, b.length + 1);
        MemorySegment.copy(b, 0, buf, ValueLayout.JAVA_BYTE, pos, b.length);
        buf.set(ValueLayout.JAVA_BYTE, pos + b.length, (byte) 0);
        return pad(b.length + 1);
    }

    /**
     * A UTF-8 string without the terminating NUL. The kernel's NLA_STRING accepts both forms;
     * iproute2 sends some attributes (IFLA_INFO_KIND) this way.
     *
     * @param type the attribute type
     * @param s the string
     * @return this writer
     */
    public MessageWriter attrStringNoNul(int type, String s) {
        return attrBytes(type, s.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * An attribute holding {@code b} as it is.
     *
     * @param type the attribute type
     * @param b the payload
     * @return this writer
     */
    public MessageWriter attrBytes(int type, byte[] b) {
        header(type, b.length);
        MemorySegment.copy(b, 0, buf, ValueLayout.JAVA_BYTE, pos, b.length);
        return pad(b.length);
    }

    /**
     * An address attribute: 4 bytes for IPv4, 16 for IPv6, in network order.
     *
     * @param type the attribute type
     * @param a the address
     * @return this writer
     */
    public MessageWriter attrAddress(int type, InetAddress a) {
        return attrBytes(type, a.getAddress());
    }

    /**
     * {@return the address family of {@code a}: AF_INET (2) or AF_INET6 (10)}
     *
     * @param a the address
     */
    public static int family(InetAddress a) {
        return a instanceof Inet4Address ? 2 : 10;
    }

    /**
     * Opens a nested attribute; close it with {@link #nestEnd(int)} (or use
     * {@link #nest(int, Consumer)}, which cannot be left open). The type is written as given: OR
     * in {@link Netlink#NLA_F_NESTED} where the protocol wants it.
     *
     * @param type the nest's attribute type (NLA_F_NESTED is not added)
     * @return a token for {@link #nestEnd(int)}
     */
    public int nestStart(int type) {
        header(type, 0);
        if (depth == nests.length) {
            nests = Arrays.copyOf(nests, depth * 2);
        }
        nests[depth++] = pos - NLA_HDRLEN;
        return depth;
    }

    /**
     * Closes the nest {@link #nestStart} opened: fills in its length.
     *
     * @param token what {@link #nestStart} returned
     * @return this writer
     */
    public MessageWriter nestEnd(int token) {
        if (token != depth || depth == 0) {
            throw new IllegalStateException("nestEnd(" + token + ") but the innermost open nest is " + depth);
        }
        long start = nests[--depth];
        long len = pos - start;
        checkAttrLength(buf.get(U16, start + 2) & 0xFFFF, len);
        buf.set(U16, start, (short) len);
        return this;
    }

    /**
     * A nested attribute whose content {@code body} writes; always closed, also on exceptions.
     *
     * @param type the nest's attribute type
     * @param body writes the nested attributes
     * @return this writer
     */
    public MessageWriter nest(int type, Consumer<MessageWriter> body) {
        int token = nestStart(type);
        try {
            body.accept(this);
        } catch (RuntimeException e) {
            depth = token - 1; // abandon the nest; the message is no good anyway
            throw e;
        }
        return nestEnd(token);
    }

    // ---- state ---------------------------------------------------------------------------

    /**
     * Bytes written since {@link #reset()}.
     *
     * @return the size in bytes
     */
    public long size() {
        return pos;
    }

    /**
     * Offset of the current write position (a message's attribute offsets are relative to its start).
     *
     * @return the offset in bytes
     */
    public long position() {
        return pos;
    }

    /** {@return the bytes written so far: a view, valid until the next write} */
    public MemorySegment written() {
        return buf.asSlice(0, pos);
    }

    /** {@return how many messages were begun since {@link #reset()}} */
    public int messageCount() {
        return count;
    }

    /** {@return whether a message is open (begun and not ended)} */
    public boolean inMessage() {
        return msgStart >= 0;
    }

    /** {@return the raw bytes written so far, copied: for tests and golden-byte comparisons} */
    public byte[] toByteArray() {
        return buf.asSlice(0, pos).toArray(ValueLayout.JAVA_BYTE);
    }

    // ---- the one place lengths are checked ------------------------------------------------

    /**
     * Throws if an attribute of {@code length} bytes (header included) cannot be encoded.
     *
     * @param type the attribute type, for the error
     * @param length the attribute's size, header included
     */
    public static void checkAttrLength(int type, long length) {
        if (length > NLA_MAX_LEN) {
            throw new IllegalArgumentException("attribute type " + (type & Netlink.NLA_TYPE_MASK) + " is "
                    + length + " bytes long; netlink attributes hold at most " + NLA_MAX_LEN);
        }
    }

    private void header(int type, int payloadLen) {
        if (msgStart < 0) {
            throw new IllegalStateException("attribute written outside a message: call begin() first");
        }
        long len = NLA_HDRLEN + (long) payloadLen;
        checkAttrLength(type, len);
        ensure(Netlink.align(len));
        buf.set(U16, pos, (short) len);
        buf.set(U16, pos + 2, (short) type);
        pos += NLA_HDRLEN;
    }

    private MessageWriter pad(int payloadLen) {
        int padded = Netlink.align(payloadLen);
        for (int i = payloadLen; i < padded; i++) {
            buf.set(ValueLayout.JAVA_BYTE, pos + i, (byte) 0);
        }
        pos += padded;
        return this;
    }

    private void ensure(long n) {
        long need = pos + n;
        if (need <= buf.byteSize()) {
            return;
        }
        if (need > MAX_CAPACITY) {
            throw new IllegalArgumentException("request of " + need + " bytes exceeds the " + MAX_CAPACITY
                    + "-byte limit of one send");
        }
        long cap = buf.byteSize();
        while (cap < need) {
            cap *= 2;
        }
        MemorySegment bigger = Libc.allocateUninitialized(arena, Math.min(cap, MAX_CAPACITY));
        MemorySegment.copy(buf, 0, bigger, 0, pos);
        buf = bigger;
    }
}
