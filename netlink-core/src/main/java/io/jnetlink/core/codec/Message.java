package io.jnetlink.core.codec;

import io.jnetlink.core.MalformedMessageException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A view of one received netlink message: its {@code nlmsghdr}, its family's fixed header and its
 * attributes, read in place from the receive buffer.
 *
 * <p>A {@code Message} handed to a handler is valid only during that call (the socket reuses the
 * view and the buffer); copy out what you keep, or keep {@link #retained()}, a copy of the
 * datagram the message came in that is made once and shared by all of that datagram's messages.
 * Reads are bounds-checked against the message's own length and throw
 * {@link MalformedMessageException} naming the field and offset.
 */
public final class Message {
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfShort U16_BE = U16.withOrder(java.nio.ByteOrder.BIG_ENDIAN);

    private MemorySegment seg;
    private long off;
    private int len;
    /** Where the datagram this message came in ends in {@link #seg}. */
    private long end;
    /** The retained copy of the datagram, once one was asked for (cleared when a new datagram is bound). */
    private MemorySegment kept;
    /** The cursor {@link #scan} hands out again and again. */
    private AttributeCursor scanner;

    /** An unbound view; {@link #bind} points it at a message. */
    public Message() {}

    /**
     * {@return a view of the message at {@code offset} of {@code seg} (its length is read from the header)}
     *
     * @param seg the buffer
     * @param offset where the message's header starts
     */
    public static Message at(MemorySegment seg, long offset) {
        Message m = new Message();
        m.bind(seg, offset, seg.byteSize() - offset);
        return m;
    }

    /**
     * Points this view at the message starting at {@code offset}, checking that its header and
     * length fit in {@code available} bytes.
     *
     * @param seg the buffer
     * @param offset where the message's header starts
     * @param available how many bytes of the buffer from {@code offset} on belong to the datagram
     * @return the message length, rounded up to alignment (where the next message starts)
     */
    public long bind(MemorySegment seg, long offset, long available) {
        if (available < Netlink.NLMSG_HDRLEN) {
            throw new MalformedMessageException("nlmsghdr", offset,
                    "truncated message header: " + available + " bytes left");
        }
        int l = seg.get(U32, offset);
        if (l < Netlink.NLMSG_HDRLEN || l > available) {
            throw new MalformedMessageException("nlmsghdr", offset, "message length " + Integer.toUnsignedString(l)
                    + " does not fit (" + available + " bytes available)");
        }
        // The messages of one datagram are bound in order, at growing offsets, with the same end;
        // anything else is another datagram (the next one starts at 0 again), whose copy is its own.
        if (kept != null && (seg != this.seg || offset <= this.off || offset + available != this.end)) {
            kept = null;
        }
        this.seg = seg;
        this.off = offset;
        this.len = l;
        this.end = offset + available;
        return Math.min(available, Netlink.align((long) l));
    }

    /**
     * {@return the bytes of the datagram this message came in, copied out of the receive buffer into memory
     * that stays valid after the handler returns, read-only and readable from any thread: for
     * records that keep what they may decode later} The copy is made on the first call and shared
     * by every message of the same datagram (a dump's datagram holds many), so a reply is copied
     * at most once, and not at all when nobody asks. The message is at the same offsets in it as
     * in {@link #segment()} ({@link #offset()}, {@link #payloadOffset()}).
     */
    public MemorySegment retained() {
        MemorySegment k = kept;
        if (k == null) {
            // the datagram starts at the buffer's start (where the socket receives it), or earlier
            // than this message for a view made with at(); copy from 0 so offsets stay the same
            byte[] copy = new byte[Math.toIntExact(end)];
            MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, 0, copy, 0, copy.length);
            kept = k = MemorySegment.ofArray(copy).asReadOnly();
        }
        return k;
    }

    /** {@return the message length from its header, header included} */
    public int length() {
        return len;
    }

    /** {@return the message type ({@code nlmsg_type})} */
    public int type() {
        return seg.get(U16, off + 4) & 0xFFFF;
    }

    /** {@return the header flags ({@code nlmsg_flags})} */
    public int flags() {
        return seg.get(U16, off + 6) & 0xFFFF;
    }

    /** {@return the sequence number ({@code nlmsg_seq})} */
    public int sequence() {
        return seg.get(U32, off + 8);
    }

    /** {@return the sender's port id ({@code nlmsg_pid}; 0 for the kernel)} */
    public int portId() {
        return seg.get(U32, off + 12);
    }

    /** {@return the buffer the message lives in} */
    public MemorySegment segment() {
        return seg;
    }

    /**
     * Offset of the message's first byte (its nlmsghdr) in {@link #segment()}.
     *
     * @return the offset in bytes
     */
    public long offset() {
        return off;
    }

    /**
     * Offset of the payload (after nlmsghdr) in {@link #segment()}.
     *
     * @return the offset in bytes
     */
    public long payloadOffset() {
        return off + Netlink.NLMSG_HDRLEN;
    }

    /**
     * Payload size in bytes.
     *
     * @return the payload size in bytes
     */
    public int payloadLength() {
        return len - Netlink.NLMSG_HDRLEN;
    }

    /**
     * Throws unless the payload holds at least {@code n} bytes of the fixed header {@code what}.
     *
     * @param n the bytes needed
     * @param what the fixed header's name, for the error
     */
    public void requirePayload(int n, String what) {
        if (payloadLength() < n) {
            throw new MalformedMessageException(what, payloadOffset(),
                    what + " needs " + n + " bytes, message payload has " + payloadLength());
        }
    }

    /**
     * Byte at {@code pos} of the payload.
     *
     * @param pos offset in the payload
     * @return the byte, unsigned
     */
    public int u8(int pos) {
        check(pos, 1);
        return seg.get(ValueLayout.JAVA_BYTE, payloadOffset() + pos) & 0xFF;
    }

    /**
     * Native-order u16 at {@code pos} of the payload.
     *
     * @param pos offset in the payload
     * @return the value, unsigned
     */
    public int u16(int pos) {
        check(pos, 2);
        return seg.get(U16, payloadOffset() + pos) & 0xFFFF;
    }

    /**
     * Big-endian u16 at {@code pos} of the payload.
     *
     * @param pos offset in the payload
     * @return the value, unsigned
     */
    public int u16be(int pos) {
        check(pos, 2);
        return seg.get(U16_BE, payloadOffset() + pos) & 0xFFFF;
    }

    /**
     * Native-order 32-bit value at {@code pos} of the payload.
     *
     * @param pos offset in the payload
     * @return the value
     */
    public int u32(int pos) {
        check(pos, 4);
        return seg.get(U32, payloadOffset() + pos);
    }

    /**
     * {@return the attributes that follow a fixed header of {@code fixedHeaderLen} bytes (aligned up)}
     *
     * @param fixedHeaderLen the size of the family's fixed header
     * @param names the attribute names, for error messages
     */
    public AttributeCursor attributes(int fixedHeaderLen, AttrNames names) {
        int skip = Netlink.align(fixedHeaderLen);
        if (skip > payloadLength()) {
            throw new MalformedMessageException("header", payloadOffset(),
                    "fixed header of " + fixedHeaderLen + " bytes longer than the payload of " + payloadLength());
        }
        return new AttributeCursor(seg, payloadOffset() + skip, off + len, names);
    }

    /**
     * Like {@link #attributes}, but the cursor is this view's own, pointed at this message's
     * attributes again by each call: nothing is allocated per message. For a decoder's one pass
     * over a message's top-level attributes (nested cursors are still new); the cursor is valid
     * until the next call of this method on this view, so a decoder must not call it again (nor
     * call another decoder that does) while it still walks the first.
     *
     * @param fixedHeaderLen the size of the family's fixed header
     * @param names the attribute names, for error messages
     * @return this view's cursor, at the first attribute
     */
    public AttributeCursor scan(int fixedHeaderLen, AttrNames names) {
        int skip = Netlink.align(fixedHeaderLen);
        if (skip > payloadLength()) {
            throw new MalformedMessageException("header", payloadOffset(),
                    "fixed header of " + fixedHeaderLen + " bytes longer than the payload of " + payloadLength());
        }
        AttributeCursor c = scanner;
        if (c == null) {
            scanner = c = new AttributeCursor(seg, payloadOffset() + skip, off + len, names);
        } else {
            c.reset(seg, payloadOffset() + skip, off + len, names);
        }
        return c;
    }

    /** {@return the whole message, header included, copied out} */
    public byte[] toByteArray() {
        return seg.asSlice(off, len).toArray(ValueLayout.JAVA_BYTE);
    }

    private void check(int pos, int n) {
        if (pos < 0 || pos + n > payloadLength()) {
            throw new MalformedMessageException("header", payloadOffset() + pos,
                    n + "-byte field at payload offset " + pos + " is past the payload of " + payloadLength() + " bytes");
        }
    }
}
