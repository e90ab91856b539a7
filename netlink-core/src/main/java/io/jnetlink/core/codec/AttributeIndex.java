package io.jnetlink.core.codec;

import io.jnetlink.core.MalformedMessageException;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Where each attribute of a message is, found in one pass: the fast way for a decoder to read the
 * attributes it models out of a message with many it does not.
 *
 * <pre>{@code
 * AttributeIndex x = msg.index(IFINFOMSG_LEN, IflaNames.NAMES);
 * int mtu = x.u32(IFLA_MTU, 0);
 * if (x.has(IFLA_LINKINFO)) {
 *     decodeLinkInfo(x.cursor(IFLA_LINKINFO).nested(InfoNames.NAMES));
 * }
 * }</pre>
 *
 * <p>{@link Message#index} checks every attribute's header as {@link AttributeCursor#next()} does
 * (a length shorter than the header, or one that runs past the message, throws
 * {@link MalformedMessageException}) and notes, for each type below {@link #TYPES}, where its last
 * occurrence starts. It is a tight loop over the headers alone, with nothing per attribute but a
 * store: a link message of about 45 attributes is indexed in the time a cursor-and-switch pass
 * takes for a dozen. The typed getters check the payload's size as the cursor's do and name the
 * attribute when it is wrong. A type sent more than once is found at its last occurrence; decoders
 * of repeated attributes walk them with {@link #cursor} or an {@link AttributeCursor}.
 *
 * <p>An index belongs to the message view that made it and is refilled by its next
 * {@link Message#index} call: read what you need, then let it go. Offsets are into
 * {@link Message#segment()}, and equally into {@link Message#retained()} and {@link #segment()}.
 */
public final class AttributeIndex {
    /** Types below this are indexed; a higher type only sets {@link #hasTypesOutside}. */
    public static final int TYPES = 128;

    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    /** A host-order int in a byte array: one load for an attribute's header (length and type). */
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());
    /** Host-order u16 and u64 fields, each one load (as C2 compiles these handles), where a byte-by-byte read takes several. */
    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.nativeOrder());
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

    /**
     * Per type, the offset of its (last) attribute's header from {@link #start}; meaningful only where
     * the mask says present.
     */
    private final int[] at = new int[TYPES];
    /** How many attributes a message may have for its layout to be remembered. */
    private static final int LAYOUT = 96;
    // The layout of the last message indexed (each attribute's header word and offset from the
    // start), its attribute run's length and the policy it was checked against: a message of the
    // same layout (a dump's messages mostly are; a lookup repeated is) is checked by comparing its
    // headers at those offsets, which do not depend on each other, instead of walking from one to
    // the next. predictedLength is -1 when nothing is remembered.
    private final int[] layoutWords = new int[LAYOUT];
    private final int[] layoutOffsets = new int[LAYOUT];
    private int predictedCount;
    private int predictedLength = -1;
    private AttributePolicy predictedPolicy;
    private long present0;
    private long present1;
    private boolean high;
    /** The retained datagram (never written); read with plain array loads, which keep decoders small enough for the JIT. */
    private byte[] b;
    private MemorySegment seg;
    /** Whether {@link #seg} is the retained datagram (else a scratch copy of the message). */
    private boolean kept;
    private AttrNames names;
    private int payload;
    private int fixedLength;
    private int start;
    private int end;

    /** The view that made this index: its {@link Message#retained()} is what records keep. */
    private final Message owner;

    AttributeIndex(Message owner) {
        this.owner = owner;
    }

    /**
     * Indexes the attributes in {@code [from, to)} of {@code bytes} (the retained datagram, viewed as
     * {@code segment}); {@code payload} is where the message's family header starts, of
     * {@code fixed} bytes. See the class documentation.
     */
    void fill(byte[] bytes, MemorySegment segment, boolean kept, int payload, int fixed, int from, int to,
              AttrNames attrNames, AttributePolicy policy) {
        if (from < 0 || to > bytes.length || from > to) {
            throw outsideBuffer(from, to, bytes.length);
        }
        if (to - from != predictedLength || policy != predictedPolicy || !sameLayout(bytes, from)) {
            walk(bytes, from, to, attrNames, policy);
        }
        // (when the layout is the last message's, the walk, its checks and the table would come out
        // the same: the table is kept relative to the start)
        this.b = bytes;
        this.seg = segment;
        this.kept = kept;
        this.names = attrNames;
        this.payload = payload;
        this.fixedLength = fixed;
        this.start = from;
        this.end = to;
    }

    private static MalformedMessageException outsideBuffer(int from, int to, int size) {
        return new MalformedMessageException("", from, "attribute run [" + from + ", " + to + ") outside a buffer of "
                + size + " bytes");
    }

    /** Walks the attribute headers in {@code [from, to)}: checks them, fills the table and the masks, remembers the layout. */
    private void walk(byte[] bytes, int from, int to, AttrNames attrNames, AttributePolicy policy) {
        int length = to - from;
        predictedLength = -1; // until this walk succeeds
        int[] offsets = at;
        int[] words = layoutWords;
        int[] wordsAt = layoutOffsets;
        int count = 0;
        long m0 = 0;
        long m1 = 0;
        boolean above = false;
        int p = from;
        while (p < to) {
            if (to - p < Netlink.NLA_HDRLEN) {
                throw AttributeCursor.malformedRun(attrNames, -1, p,
                        "truncated attribute header: " + (to - p) + " bytes left");
            }
            int header = (int) I32.get(bytes, p);
            int len = LITTLE_ENDIAN ? header & 0xFFFF : header >>> 16;
            int type = (LITTLE_ENDIAN ? header >>> 16 : header) & Netlink.NLA_TYPE_MASK;
            if (len < Netlink.NLA_HDRLEN) {
                throw AttributeCursor.malformedRun(attrNames, type, p,
                        "attribute length " + len + " is shorter than its header");
            }
            if (len > to - p) {
                throw AttributeCursor.malformedRun(attrNames, type, p, "attribute length " + len
                        + " runs past its container (" + (to - p) + " bytes left)");
            }
            if (type < 64) {
                m0 |= 1L << type;
                offsets[type] = p - from;
            } else if (type < TYPES) {
                m1 |= 1L << type; // the shift takes the low 6 bits: type - 64
                offsets[type] = p - from;
            } else {
                above = true;
            }
            if (policy != null && type < TYPES) {
                policy.check(type, len - Netlink.NLA_HDRLEN, p);
            }
            if (count < LAYOUT) {
                words[count] = header;
                wordsAt[count] = p - from;
            }
            count++;
            p += (len + 3) & ~3;
        }
        if (count <= LAYOUT) {
            predictedCount = count;
            predictedLength = length;
            predictedPolicy = policy;
        }
        this.present0 = m0;
        this.present1 = m1;
        this.high = above;
    }

    /** Whether the attribute headers at the remembered offsets from {@code from} are the remembered ones. */
    private boolean sameLayout(byte[] bytes, int from) {
        int[] words = layoutWords;
        int[] wordsAt = layoutOffsets;
        int n = predictedCount;
        // independent loads (the offsets are known): no chain from one header to the next
        for (int i = 0; i < n; i++) {
            if ((int) I32.get(bytes, from + wordsAt[i]) != words[i]) {
                return false;
            }
        }
        return true;
    }

    /** A host-order u16 at {@code p} of {@code a}. */
    static int u16(byte[] a, int p) {
        return (short) I16.get(a, p) & 0xFFFF;
    }

    /** A host-order u32 at {@code p} of {@code a}. */
    static int u32(byte[] a, int p) {
        return (int) I32.get(a, p);
    }

    /** A host-order u64 at {@code p} of {@code a}. */
    static long u64(byte[] a, int p) {
        return (long) I64.get(a, p);
    }

    /**
     * {@return the byte at {@code pos} of the message's family header (after the netlink header)}
     *
     * @param pos the offset in the family header
     * @throws IndexOutOfBoundsException if {@code pos} is outside the fixed header {@link Message#index} was given
     */
    public int header8(int pos) {
        return b[fixedAt(pos, 1)] & 0xFF;
    }

    /**
     * {@return the host-order u16 at {@code pos} of the family header}
     *
     * @param pos the offset in the family header
     * @throws IndexOutOfBoundsException if it is outside the fixed header
     */
    public int header16(int pos) {
        return u16(b, fixedAt(pos, 2));
    }

    /**
     * {@return the host-order u32 at {@code pos} of the family header}
     *
     * @param pos the offset in the family header
     * @throws IndexOutOfBoundsException if it is outside the fixed header
     */
    public int header32(int pos) {
        return u32(b, fixedAt(pos, 4));
    }

    private int fixedAt(int pos, int n) {
        if (pos < 0 || pos + n > fixedLength) {
            throw outsideHeader(pos, n);
        }
        return payload + pos;
    }

    private IndexOutOfBoundsException outsideHeader(int pos, int n) {
        return new IndexOutOfBoundsException(n + "-byte field at " + pos + " of a " + fixedLength + "-byte header");
    }

    /**
     * {@return the retained datagram the offsets are into, read-only (the same as {@link Message#retained()},
     * copied on this call if it was not yet): what a record keeps; null for an index of a message not
     * kept ({@link Message#index(int, AttrNames, boolean)})}
     */
    public MemorySegment retained() {
        return kept ? owner.retained() : null;
    }

    /**
     * {@return the memory the offsets are into while the view is on this message: the retained datagram, or a
     * copy the view reuses (for a datagram not received into an array of its own, and for a message
     * not kept), valid only until the view's next index or bind; a record keeps {@link #retained()}}
     */
    public MemorySegment segment() {
        return seg;
    }

    /**
     * {@return whether an attribute of {@code type} is present}
     *
     * @param type the attribute type (without the NLA_F_* flag bits)
     */
    public boolean has(int type) {
        if (type < 64) {
            return type >= 0 && (present0 & (1L << type)) != 0;
        }
        return type < TYPES && (present1 & (1L << type)) != 0;
    }

    /**
     * {@return whether any attribute is present whose type is not in the two masks (bit {@code t} of
     * {@code mask0} for type {@code t} below 64, bit {@code t - 64} of {@code mask1} for types 64 to
     * 127); types from {@link #TYPES} up always count}: for a record that keeps the attributes it does
     * not model, whether there are any
     *
     * @param mask0 the modeled types below 64
     * @param mask1 the modeled types 64 to 127
     */
    public boolean hasTypesOutside(long mask0, long mask1) {
        return high || (present0 & ~mask0) != 0 || (present1 & ~mask1) != 0;
    }

    /** {@return where the indexed attributes start (the first attribute's header)} */
    public long start() {
        return start;
    }

    /** {@return where the indexed attributes end} */
    public long end() {
        return end;
    }

    /**
     * {@return the offset of the payload of the attribute of {@code type}, or -1 if there is none}
     *
     * @param type the attribute type
     */
    public long offset(int type) {
        return has(type) ? start + at[type] + Netlink.NLA_HDRLEN : -1;
    }

    /**
     * {@return the payload length of the attribute of {@code type}, or -1 if there is none}
     *
     * @param type the attribute type
     */
    public int length(int type) {
        return has(type) ? payloadLength(start + at[type]) : -1;
    }

    /**
     * {@return the 8-bit payload of the attribute of {@code type}, or {@code absent} if there is none}
     *
     * @param type the attribute type
     * @param absent the value when the attribute is missing
     * @throws MalformedMessageException if its payload is not 1 byte
     */
    public int u8(int type, int absent) {
        if (!has(type)) {
            return absent;
        }
        return b[checked(type, 1, "u8")] & 0xFF;
    }

    /**
     * {@return the 16-bit (host order) payload of the attribute of {@code type}, or {@code absent}}
     *
     * @param type the attribute type
     * @param absent the value when the attribute is missing
     * @throws MalformedMessageException if its payload is not 2 bytes
     */
    public int u16(int type, int absent) {
        if (!has(type)) {
            return absent;
        }
        return u16(b, checked(type, 2, "u16"));
    }

    /**
     * {@return the 32-bit (host order) payload of the attribute of {@code type}, or {@code absent}}
     *
     * @param type the attribute type
     * @param absent the value when the attribute is missing
     * @throws MalformedMessageException if its payload is not 4 bytes
     */
    public int u32(int type, int absent) {
        if (!has(type)) {
            return absent;
        }
        return u32(b, checked(type, 4, "u32"));
    }

    /**
     * {@return the 64-bit (host order) payload of the attribute of {@code type}, or {@code absent}}
     *
     * @param type the attribute type
     * @param absent the value when the attribute is missing
     * @throws MalformedMessageException if its payload is not 8 bytes
     */
    public long u64(int type, long absent) {
        if (!has(type)) {
            return absent;
        }
        return u64(b, checked(type, 8, "u64"));
    }

    /**
     * Checks that the attribute of {@code type}, if present, has a payload of exactly {@code size}
     * bytes, as the typed getters do: for a decoder that reads the value later.
     *
     * @param type the attribute type
     * @param size the payload size it must have
     * @param what the type's name for the message ("u32")
     * @throws MalformedMessageException if it is present with another size
     */
    public void checkSize(int type, int size, String what) {
        if (has(type)) {
            checked(type, size, what);
        }
    }

    /**
     * {@return the host-order u32 at {@code pos} of the payload of the attribute of {@code type} (a field of
     * a struct payload, whose size the caller checked with {@link #length})}
     *
     * @param type the attribute type, which must be present
     * @param pos the field's offset in the payload
     * @throws MalformedMessageException if the payload is shorter than {@code pos + 4}
     */
    public int payloadU32(int type, int pos) {
        if (!has(type)) {
            throw new IllegalStateException("no attribute of type " + type);
        }
        int h = start + at[type];
        int n = payloadLength(h);
        if (pos < 0 || pos + 4 > n) {
            throw malformed(type, "4-byte field at " + pos + " is past a payload of " + n + " bytes");
        }
        return u32(b, h + Netlink.NLA_HDRLEN + pos);
    }

    /**
     * {@return the offset of the payload of the attribute of {@code type}, checked to be 4 bytes (an IPv4
     * address) or 16 (IPv6) as {@code addressLength} says; -1 if there is none}
     *
     * @param type the attribute type
     * @param addressLength 4 or 16
     * @throws MalformedMessageException if the payload has another size
     */
    public long address(int type, int addressLength) {
        if (!has(type)) {
            return -1;
        }
        int h = start + at[type];
        int n = payloadLength(h);
        if (n != addressLength) {
            throw malformed(type, "address of " + addressLength + " bytes expected, got " + n + " bytes");
        }
        return h + Netlink.NLA_HDRLEN;
    }

    /**
     * {@return a new cursor positioned on the attribute of {@code type} (its current attribute), for
     * nested attributes and the cursor's own readers; null if there is none}
     *
     * @param type the attribute type
     */
    public AttributeCursor cursor(int type) {
        if (!has(type)) {
            return null;
        }
        AttributeCursor c = new AttributeCursor(seg, start + at[type], end, names);
        c.next();
        return c;
    }

    /**
     * {@return a malformed-message exception about the attribute of {@code type}, named as the cursor
     * names it}
     *
     * @param type the attribute type
     * @param problem what is wrong
     */
    public MalformedMessageException malformed(int type, String problem) {
        return AttributeCursor.malformedRun(names, type, has(type) ? start + at[type] : start, problem);
    }

    private int checked(int type, int size, String what) {
        int h = start + at[type];
        int n = payloadLength(h);
        if (n != size) {
            throw malformed(type, what + " expected, got " + n + " bytes");
        }
        return h + Netlink.NLA_HDRLEN;
    }

    private int payloadLength(int header) {
        return u16(b, header) - Netlink.NLA_HDRLEN;
    }
}
