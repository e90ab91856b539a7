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

    private static final boolean LITTLE_ENDIAN = java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN;
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final java.lang.invoke.VarHandle I64 =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.nativeOrder());
    private static final java.lang.invoke.VarHandle I32 =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.nativeOrder());

    private MemorySegment seg;
    private long off;
    private int len;
    // the header's other fields, read at bind
    private int type;
    private int flags;
    private int seq;
    /** Where the datagram this message came in ends in {@link #seg}. */
    private long end;
    /** The retained copy of the datagram, once one was asked for (cleared when a new datagram is bound). */
    private MemorySegment kept;
    /** The array behind {@link #kept}, made first (the decoders' index reads it). */
    private byte[] keptArray;
    /** The cursor {@link #scan} hands out again and again. */
    private AttributeCursor scanner;
    /** The index {@link #index} fills again and again. */
    private AttributeIndex index;
    /** Where {@link #index(int, AttrNames, boolean)} copies a message it does not keep. */
    private byte[] scratch;
    private MemorySegment scratchSegment;
    /**
     * A reused array holding the bound datagram (not owned) while it is decoded, when {@link #warmValid}:
     * the index reads it rather than the retained copy, whose just-made array is not yet in cache.
     */
    private byte[] warm;
    private MemorySegment warmSegment;
    private boolean warmValid;

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
            throw truncatedHeader(offset, available);
        }
        // nlmsghdr: u32 len, u16 type, u16 flags (one 64-bit read), u32 seq; kept so that the
        // accessors the exchange and the decoders call on every message read no memory
        long word = seg.get(U64, offset);
        int s = seg.get(U32, offset + 8);
        return bound(seg, offset, available, word, s);
    }

    private long bound(MemorySegment seg, long offset, long available, long word, int s) {
        int l = LITTLE_ENDIAN ? (int) word : (int) (word >>> 32);
        if (l < Netlink.NLMSG_HDRLEN || l > available) {
            throw new MalformedMessageException("nlmsghdr", offset, "message length " + Integer.toUnsignedString(l)
                    + " does not fit (" + available + " bytes available)");
        }
        // The messages of one datagram are bound in order, at growing offsets, with the same end;
        // anything else is another datagram (the next one starts at 0 again), whose copy is its own.
        if ((keptArray != null || warmValid) && (seg != this.seg || offset <= this.off || offset + available != this.end)) {
            kept = null;
            keptArray = null;
            warmValid = false;
        }
        int typeAndFlags = LITTLE_ENDIAN ? (int) (word >>> 32) : (int) word;
        this.seg = seg;
        this.off = offset;
        this.len = l;
        this.end = offset + available;
        this.type = LITTLE_ENDIAN ? typeAndFlags & 0xFFFF : typeAndFlags >>> 16;
        this.flags = LITTLE_ENDIAN ? typeAndFlags >>> 16 : typeAndFlags & 0xFFFF;
        this.seq = s;
        return Math.min(available, Netlink.align((long) l));
    }

    private static MalformedMessageException truncatedHeader(long offset, long available) {
        return new MalformedMessageException("nlmsghdr", offset, "truncated message header: " + available + " bytes left");
    }

    /**
     * Like {@link #bind}, for a datagram received into an array of its own that nothing writes
     * again (a socket receives dump datagrams so): {@link #retained()} then wraps that array instead
     * of copying it.
     *
     * @param array the array the datagram is in, from its index 0; the caller hands it over
     * @param datagram the datagram: a segment over {@code array} from index 0
     * @param offset where the message's header starts
     * @param available how many bytes of the datagram from {@code offset} on are left
     * @return the message length, rounded up to alignment (where the next message starts)
     */
    public long bindOwned(byte[] array, MemorySegment datagram, long offset, long available) {
        java.util.Objects.requireNonNull(array, "array");
        java.util.Objects.requireNonNull(datagram, "datagram");
        if (available < Netlink.NLMSG_HDRLEN) {
            throw truncatedHeader(offset, available);
        }
        if (offset + Netlink.NLMSG_HDRLEN > array.length) {
            throw new IllegalArgumentException("datagram of " + datagram.byteSize() + " bytes in an array of "
                    + array.length);
        }
        int o = (int) offset;
        long step = bound(datagram, offset, available, (long) I64.get(array, o), (int) I32.get(array, o + 8));
        if (keptArray == null) {
            if (datagram.byteSize() > array.length) {
                throw new IllegalArgumentException("datagram of " + datagram.byteSize() + " bytes in an array of "
                        + array.length);
            }
            keptArray = array;
        }
        return step;
    }

    /**
     * {@return the bytes of the datagram this message came in, copied out of the receive buffer into memory
     * that stays valid after the handler returns, read-only and readable from any thread: for
     * records that keep what they may decode later} The copy is made on the first call and shared
     * by every message of the same datagram (a dump's datagram holds many), so a reply is copied
     * at most once, and not at all when nobody asks; a datagram bound with {@link #bindOwned}
     * (received into an array of its own) is not copied at all. The message is at the same
     * offsets in it as in {@link #segment()} ({@link #offset()}, {@link #payloadOffset()}).
     */
    public MemorySegment retained() {
        MemorySegment k = kept;
        if (k == null) {
            byte[] a = retainedArray();
            MemorySegment all = MemorySegment.ofArray(a);
            // an owned array may be longer than the datagram it holds
            kept = k = (a.length == end ? all : all.asSlice(0, end)).asReadOnly();
        }
        return k;
    }

    /**
     * {@return whether {@link #retained()} was called for the datagram this message is in} (by a
     * decoder of this message or of an earlier one of the same datagram): whether records keep it.
     */
    public boolean isRetained() {
        return kept != null;
    }

    /** The retained datagram's bytes (never written once made), copied on the first call per datagram. */
    private byte[] retainedArray() {
        byte[] a = keptArray;
        if (a == null) {
            // the datagram starts at the buffer's start (where the socket receives it), or earlier
            // than this message for a view made with at(); copy from 0 so offsets stay the same
            if (end > Integer.MAX_VALUE - 8) {
                throw new MalformedMessageException("nlmsghdr", off, "datagram of " + end + " bytes is too large to keep");
            }
            if (warmValid) {
                a = java.util.Arrays.copyOf(warm, (int) end); // filled as allocated, never cleared first
            } else {
                a = new byte[(int) end];
                MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, 0, a, 0, a.length);
            }
            keptArray = a;
        }
        return a;
    }

    /** {@return the message length from its header, header included} */
    public int length() {
        return len;
    }

    /** {@return the message type ({@code nlmsg_type})} */
    public int type() {
        return type;
    }

    /** {@return the header flags ({@code nlmsg_flags})} */
    public int flags() {
        return flags;
    }

    /** {@return the sequence number ({@code nlmsg_seq})} */
    public int sequence() {
        return seq;
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
        byte[] a = keptArray;
        if (a != null) {
            return a[(int) payloadOffset() + pos] & 0xFF; // the same bytes, read without a segment
        }
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

    /**
     * Indexes this message's attributes in one pass ({@link AttributeIndex}): for a decoder that
     * reads the attributes it models and keeps the rest as they are. It reads the datagram's
     * retained copy ({@link #retained()}, made here if it was not yet: once per datagram), so a
     * record can keep the offsets it finds. The index is this view's own, refilled by the next
     * call; nothing else is allocated per message.
     *
     * @param fixedHeaderLen the size of the family header before the attributes (aligned up)
     * @param names the attribute names, for error messages
     * @return this view's index, filled
     * @throws MalformedMessageException if the fixed header does not fit or an attribute is malformed
     */
    public AttributeIndex index(int fixedHeaderLen, AttrNames names) {
        return index(fixedHeaderLen, names, true);
    }

    /**
     * Like {@link #index(int, AttrNames)}; with {@code keep} false, for a decoder that reads
     * everything it wants at once and keeps no bytes: the message alone is copied into a scratch
     * array of this view (reused, so nothing is allocated), the offsets are into
     * {@link AttributeIndex#segment()}, valid until the next call, and
     * {@link AttributeIndex#retained()} is null.
     *
     * @param fixedHeaderLen the size of the family header before the attributes (aligned up)
     * @param names the attribute names, for error messages
     * @param keep whether the index reads the retained datagram (true) or a scratch copy of the message
     * @return this view's index, filled
     * @throws MalformedMessageException if the fixed header does not fit or an attribute is malformed
     */
    public AttributeIndex index(int fixedHeaderLen, AttrNames names, boolean keep) {
        return index(fixedHeaderLen, names, null, keep);
    }

    /**
     * Like {@link #index(int, AttrNames, boolean)}, checking each attribute's size against
     * {@code policy} in the same pass: the decoder then reads the attributes the policy names
     * without checking them again.
     *
     * @param fixedHeaderLen the size of the family header before the attributes (aligned up)
     * @param policy the sizes required of the modeled attributes (and their names, for errors)
     * @param keep whether the index reads the retained datagram (true) or a scratch copy of the message
     * @return this view's index, filled
     * @throws MalformedMessageException if the fixed header does not fit, an attribute is malformed, or
     *         one has a size the policy does not allow
     */
    public AttributeIndex index(int fixedHeaderLen, AttributePolicy policy, boolean keep) {
        return index(fixedHeaderLen, policy.names(), policy, keep);
    }

    private AttributeIndex index(int fixedHeaderLen, AttrNames names, AttributePolicy policy, boolean keep) {
        int skip = Netlink.align(fixedHeaderLen);
        if (skip > payloadLength()) {
            throw new MalformedMessageException("header", payloadOffset(),
                    "fixed header of " + fixedHeaderLen + " bytes longer than the payload of " + payloadLength());
        }
        AttributeIndex x = index;
        if (x == null) {
            index = x = new AttributeIndex(this);
        }
        if (keep) {
            int p = (int) payloadOffset();
            if (keptArray == null || warmValid) {
                // Not retained yet (a reply received into the socket's buffer): decode from a reused
                // array, which is in cache, and let the retained copy be made when a record asks for
                // it (AttributeIndex.retained()). Reading a just-made copy right away waited for its
                // stores to reach memory: 1.5% of a GETLINK, measured.
                x.fill(warmCopy(), warmSegment, true, p, skip, p + skip, (int) (off + len), names, policy);
            } else {
                x.fill(keptArray, retained(), true, p, skip, p + skip, (int) (off + len), names, policy);
            }
        } else {
            byte[] a = scratch;
            if (a == null || a.length < len) {
                scratch = a = new byte[Math.max(len, 4096)];
                scratchSegment = MemorySegment.ofArray(a);
            }
            MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, off, a, 0, len);
            int p = Netlink.NLMSG_HDRLEN;
            x.fill(a, scratchSegment, false, p, skip, p + skip, len, names, policy);
        }
        return x;
    }

    /** The bound datagram in {@link #warm}, copied there on the first call per datagram. */
    private byte[] warmCopy() {
        byte[] w = warm;
        if (!warmValid) {
            if (end > Integer.MAX_VALUE - 8) {
                throw new MalformedMessageException("nlmsghdr", off, "datagram of " + end + " bytes is too large to keep");
            }
            if (w == null || w.length < end) {
                warm = w = new byte[(int) Math.max(end, 8192)];
                warmSegment = MemorySegment.ofArray(w);
            }
            MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, 0, w, 0, (int) end);
            warmValid = true;
        }
        return w;
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
