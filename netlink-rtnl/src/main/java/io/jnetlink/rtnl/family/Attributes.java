package io.jnetlink.rtnl.family;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.RawAttribute;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;

/**
 * Decoding helpers that several rtnetlink families' records share.
 *
 * <p>The records decode in two steps: one pass over a message checks it whole and notes where the
 * attributes it models are ({@link #checkAddress} and the cursor's typed getters raise the
 * errors), and the objects (addresses, strings, the unmodeled attributes) are made from the
 * record's retained bytes ({@link io.jnetlink.core.codec.Message#retained()}) when first asked
 * for ({@link #address(MemorySegment, int, int)}, {@link #unmodeled}).
 */
public final class Attributes {
    private Attributes() {}

    /**
     * {@return the IP address in the attribute under {@code a}, which must be exactly {@code length} bytes
     * (4 for IPv4, 16 for IPv6: the message's family decides)}
     *
     * @param a a cursor on the attribute
     * @param length the length the family needs: 4 or 16
     * @throws io.jnetlink.core.MalformedMessageException naming the attribute if the length is wrong
     */
    public static InetAddress address(AttributeCursor a, int length) {
        checkAddress(a, length);
        return a.address();
    }

    /**
     * Checks that the attribute under {@code a} holds an IP address of exactly {@code length}
     * bytes, and returns where its payload is (for {@link #address(MemorySegment, int, int)}).
     *
     * @param a a cursor on the attribute
     * @param length the length the family needs: 4 or 16
     * @throws io.jnetlink.core.MalformedMessageException naming the attribute if the length is wrong
     * @return the payload's offset in the buffer
     */
    public static int checkAddress(AttributeCursor a, int length) {
        if (a.length() != length) {
            throw a.malformed((length == 4 ? "IPv4" : "IPv6") + " address (" + length + " bytes) expected, got "
                    + a.length() + " bytes");
        }
        return Math.toIntExact(a.payloadOffset());
    }

    /**
     * {@return the checked address at {@code at} of {@code data} ({@code length} 4 or 16), or null if {@code at} is -1}
     *
     * @param data the buffer
     * @param at the address's offset, or -1
     * @param length 4 or 16
     */
    public static InetAddress address(MemorySegment data, int at, int length) {
        return at < 0 ? null : AttributeCursor.address(data, at, length);
    }

    /**
     * {@return the attributes in {@code [start, end)} of {@code data} whose type (below 64) is not a bit of
     * {@code modeled}, copied out in the order received: a record's "unknown" list, made when asked}
     *
     * @param data the buffer
     * @param start offset of the first attribute
     * @param end offset just past the last attribute
     * @param modeled the mask of the types the record models
     * @param names the attribute names, for error messages
     */
    public static List<RawAttribute> unmodeled(MemorySegment data, long start, long end, long modeled,
                                               AttrNames names) {
        List<RawAttribute> out = new ArrayList<>(2);
        AttributeCursor a = new AttributeCursor(data, start, end, names);
        while (a.next()) {
            if (!isModeled(a.type(), modeled)) {
                out.add(a.raw());
            }
        }
        return List.copyOf(out);
    }

    /**
     * {@return the same list as {@link #unmodeled}, made when first read}: for a record that must
     * hold its unknown attributes as a {@code List} component. The list is immutable and safe to
     * share between threads; {@code data} must not change (a retained datagram,
     * {@link io.jnetlink.core.codec.Message#retained()}), and its attributes must have been checked
     * whole already, so reading them later cannot fail. Pass it through {@link #keep} in the
     * record's constructor, which keeps it as it is.
     *
     * @param data the buffer
     * @param start offset of the first attribute
     * @param end offset just past the last attribute
     * @param modeled the mask of the types the record models
     * @param names the attribute names, for error messages
     */
    public static List<RawAttribute> unmodeledLater(MemorySegment data, long start, long end, long modeled,
                                                    AttrNames names) {
        return new Later(data, start, end, modeled, names);
    }

    /**
     * {@return {@code list} as a record keeps it: a list from {@link #unmodeledLater} as it is, any other
     * copied ({@link List#copyOf})}
     *
     * @param list the list a record was given
     */
    public static List<RawAttribute> keep(List<RawAttribute> list) {
        return list instanceof Later ? list : List.copyOf(list);
    }

    /** The unmodeled attributes of a checked run, copied out on first read (see {@link #unmodeledLater}). */
    private static final class Later extends AbstractList<RawAttribute> implements RandomAccess {
        private final MemorySegment data;
        private final long start;
        private final long end;
        private final long modeled;
        private final AttrNames names;
        // an immutable list, so a race at worst makes it twice (no lock needed)
        private List<RawAttribute> list;

        Later(MemorySegment data, long start, long end, long modeled, AttrNames names) {
            this.data = data;
            this.start = start;
            this.end = end;
            this.modeled = modeled;
            this.names = names;
        }

        private List<RawAttribute> list() {
            List<RawAttribute> l = list;
            if (l == null) {
                list = l = unmodeled(data, start, end, modeled, names);
            }
            return l;
        }

        @Override
        public RawAttribute get(int index) {
            return list().get(index);
        }

        @Override
        public int size() {
            return list().size();
        }

        @Override
        public boolean equals(Object o) {
            return o == this || list().equals(o);
        }

        @Override
        public int hashCode() {
            return list().hashCode();
        }

        @Override
        public String toString() {
            return list().toString();
        }
    }

    /**
     * {@return whether attribute type {@code type} is a bit of the mask {@code modeled} (types from 64 never are)}
     *
     * @param type the attribute type
     * @param modeled the mask
     */
    public static boolean isModeled(int type, long modeled) {
        return type < 64 && (modeled & (1L << type)) != 0;
    }

    /**
     * {@return the mask of attribute types {@code types} (each below 64), for {@link #unmodeled}}
     *
     * @param types the attribute types
     */
    public static long mask(int... types) {
        long m = 0;
        for (int t : types) {
            if (t < 0 || t >= 64) {
                throw new IllegalArgumentException("attribute type " + t + " outside 0..63");
            }
            m |= 1L << t;
        }
        return m;
    }
}
