package io.jnetlink.nft;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;

/**
 * The type of a set's keys or a map's values: one {@link SetDataType}, or a concatenation such as
 * {@code ipv4_addr . inet_service}. In a concatenation each field takes a whole number of 32-bit
 * registers (an {@code inet_service} field is 2 bytes of port and 2 of padding), and nft numbers
 * the type by shifting each field's number in 6 bits at a time ({@code TYPE_BITS}), which the kernel
 * keeps in NFTA_SET_KEY_TYPE.
 *
 * @param fields the field types, in order (one for a plain key)
 */
public record SetKeyType(List<SetDataType> fields) {
    private static final int TYPE_BITS = 6;
    private static final int REG32 = 4;

    /** Checks the components and keeps copies of the mutable ones. */
    public SetKeyType {
        if (fields == null || fields.isEmpty()) {
            throw new IllegalArgumentException("a set key type needs at least one data type");
        }
        if (fields.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("a set key type has a null field: " + fields);
        }
        fields = List.copyOf(fields);
        int bits = 0;
        for (int i = 1; i < fields.size(); i++) {
            bits += TYPE_BITS;
        }
        if (bits > 30) {
            throw new IllegalArgumentException("nft numbers concatenations of at most 5 types, got " + fields.size());
        }
        int len = 0;
        for (SetDataType t : fields) {
            len += fields.size() > 1 ? pad(t.length) : t.length;
        }
        if (len > 64) {
            throw new IllegalArgumentException("key " + text(fields) + " is " + len + " bytes; nf_tables keys hold "
                    + "at most 64");
        }
    }

    /**
     * {@return a key type of these fields}
     *
     * @param fields the fields, in order (a concatenation when more than one)
     */
    public static SetKeyType of(SetDataType... fields) {
        return new SetKeyType(List.of(fields));
    }

    /**
     * Parses nft's spelling: {@code ipv4_addr} or {@code ipv4_addr . inet_service}.
     *
     * @param text the type as nft writes it ({@code ipv4_addr . inet_service})
     * @return the key type
     */
    public static SetKeyType parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("set type is empty");
        }
        List<SetDataType> f = new ArrayList<>();
        for (String p : text.split("\\.", -1)) {
            SetDataType t = SetDataType.named(p.strip());
            if (t == null) {
                throw new IllegalArgumentException("set type '" + text + "': '" + p.strip() + "' is not one of "
                        + Arrays.stream(SetDataType.values()).map(d -> d.nftName).toList());
            }
            f.add(t);
        }
        return new SetKeyType(f);
    }

    /** The type nft numbers {@code id} with the length the kernel reports, or null if it is not one of ours. */
    static SetKeyType ofId(int id, int length) {
        List<SetDataType> f = new ArrayList<>();
        int rest = id;
        while (rest != 0) {
            SetDataType t = SetDataType.of(rest & ((1 << TYPE_BITS) - 1));
            if (t == null) {
                return null;
            }
            f.addFirst(t);
            rest >>>= TYPE_BITS;
        }
        if (f.isEmpty()) {
            return null;
        }
        SetKeyType k = new SetKeyType(f);
        return k.length() == length ? k : null;
    }

    private static int pad(int n) {
        return (n + REG32 - 1) / REG32 * REG32;
    }

    /** {@return whether this is a concatenation of two or more fields} */
    public boolean isConcat() {
        return fields.size() > 1;
    }

    /**
     * nft's number of this type (NFTA_SET_KEY_TYPE / NFTA_SET_DATA_TYPE).
     *
     * @return the kernel's type id (NFTA_SET_KEY_TYPE)
     */
    public int id() {
        int id = 0;
        for (SetDataType t : fields) {
            id = id << TYPE_BITS | t.id;
        }
        return id;
    }

    /** {@return the length of a value in bytes (each field of a concatenation padded to 4 bytes)} */
    public int length() {
        int len = 0;
        for (SetDataType t : fields) {
            len += isConcat() ? pad(t.length) : t.length;
        }
        return len;
    }

    /** The length of each field as stored (NFTA_SET_FIELD_LEN of a concatenated interval set). */
    int[] fieldLengths() {
        return fields.stream().mapToInt(t -> t.length).toArray();
    }

    /** How many elements nft prints on one line of a named set keyed by this type (0: one per line). */
    int perLine() {
        return isConcat() ? 0 : fields.getFirst().perLine;
    }

    /** Whether nft stores this type's values in host byte order (NFTNL_UDATA_SET_*BYTEORDER). */
    boolean hostOrder() {
        return !isConcat() && fields.getFirst().hostOrder;
    }

    /**
     * Parses one value, a field per {@code " . "}-separated part. In an interval set a field may be
     * a prefix ({@code 10.0.0.0/24}, addresses only) or a range ({@code 10.0.0.1-10.0.0.9},
     * {@code 22-25}).
     *
     * @return {first, last} (inclusive; the same array twice for a single value)
     */
    byte[][] parseRange(String text, boolean interval) {
        String[] parts = fields.size() == 1 ? new String[] {text} : splitFields(text);
        if (parts.length != fields.size()) {
            throw new IllegalArgumentException("'" + text + "' does not have the " + fields.size() + " field(s) of "
                    + this + " (fields are separated by ' . ')");
        }
        byte[] lo = new byte[length()];
        byte[] hi = new byte[length()];
        int off = 0;
        boolean single = true;
        for (int i = 0; i < parts.length; i++) {
            SetDataType t = fields.get(i);
            byte[][] r = field(t, parts[i].strip(), interval, text);
            System.arraycopy(r[0], 0, lo, off, t.length);
            System.arraycopy(r[1], 0, hi, off, t.length);
            single &= Arrays.equals(r[0], r[1]);
            off += isConcat() ? pad(t.length) : t.length;
        }
        return single ? new byte[][] {lo, lo} : new byte[][] {lo, hi};
    }

    /** {@code a . b . c} split at {@code " . "} (no regex: this runs once per element). */
    private static String[] splitFields(String text) {
        List<String> out = new ArrayList<>(4);
        int from = 0;
        int at;
        while ((at = text.indexOf(" . ", from)) >= 0) {
            out.add(text.substring(from, at));
            from = at + 3;
        }
        out.add(text.substring(from));
        return out.toArray(String[]::new);
    }

    private static byte[][] field(SetDataType t, String p, boolean interval, String whole) {
        int slash = p.indexOf('/');
        int dash = t == SetDataType.IFNAME || t == SetDataType.ETHER_ADDR ? -1 : p.indexOf('-', 1);
        if ((slash >= 0 || dash >= 0) && !interval) {
            throw new IllegalArgumentException("'" + whole + "': a range or prefix needs a set with the interval flag");
        }
        if (slash >= 0) {
            if (!t.isAddress()) {
                throw new IllegalArgumentException("'" + whole + "': only addresses take a /prefix");
            }
            byte[] a = t.parse(p.substring(0, slash));
            int bits;
            try {
                bits = Integer.parseInt(p.substring(slash + 1).strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + whole + "': bad prefix length", e);
            }
            if (bits < 0 || bits > a.length * 8) {
                throw new IllegalArgumentException("'" + whole + "': prefix length " + bits + " out of range 0.."
                        + a.length * 8);
            }
            if (!Values.hostBitsZero(a, bits)) {
                throw new IllegalArgumentException("'" + whole + "': " + p + " has bits set past the prefix length");
            }
            byte[] h = a.clone();
            for (int bit = bits; bit < h.length * 8; bit++) {
                h[bit / 8] |= (byte) (0x80 >>> (bit % 8));
            }
            return new byte[][] {a, h};
        }
        if (dash >= 0) {
            byte[] a = t.parse(p.substring(0, dash));
            byte[] b = t.parse(p.substring(dash + 1));
            if (Arrays.compareUnsigned(t.sortable(a), t.sortable(b)) > 0) {
                throw new IllegalArgumentException("'" + whole + "': range " + p + " runs backwards");
            }
            return new byte[][] {a, b};
        }
        byte[] v = t.parse(p);
        return new byte[][] {v, v};
    }

    /** A value (all fields) as nft prints it. */
    String format(byte[] v) {
        return formatRange(v, v);
    }

    /** An inclusive range as nft prints it: per field a value, an address prefix, or FIRST-LAST. */
    String formatRange(byte[] lo, byte[] hi) {
        if (lo.length != length() || hi.length != length()) {
            return "0x" + java.util.HexFormat.of().formatHex(lo);
        }
        StringJoiner j = new StringJoiner(" . ");
        int off = 0;
        for (SetDataType t : fields) {
            byte[] a = Arrays.copyOfRange(lo, off, off + t.length);
            byte[] b = Arrays.copyOfRange(hi, off, off + t.length);
            j.add(formatField(t, a, b));
            off += isConcat() ? pad(t.length) : t.length;
        }
        return j.toString();
    }

    private static String formatField(SetDataType t, byte[] a, byte[] b) {
        if (Arrays.equals(a, b)) {
            return t.format(a);
        }
        if (t.isAddress()) {
            int bits = prefixOf(a, b);
            if (bits >= 0) {
                return t.format(a) + "/" + bits;
            }
        }
        return t.format(a) + "-" + t.format(b);
    }

    /** The prefix length if [a, b] is exactly one prefix, else -1. */
    private static int prefixOf(byte[] a, byte[] b) {
        int bits = 0;
        int n = a.length * 8;
        while (bits < n && bit(a, bits) == bit(b, bits)) {
            bits++;
        }
        for (int i = bits; i < n; i++) {
            if (bit(a, i) != 0 || bit(b, i) != 1) {
                return -1;
            }
        }
        return bits;
    }

    private static int bit(byte[] v, int i) {
        return (v[i / 8] >>> (7 - i % 8)) & 1;
    }

    /** The bytes of {@code v} in the order nft sorts values of this type. */
    byte[] sortable(byte[] v) {
        // nft sorts a concatenation's elements as one number read in host byte order (checked with
        // nft 1.0.6: { 1.0.0.2 . 256, 2.0.0.1 . 1, 1.0.0.2 . 1 } is its order on x86), a plain
        // key as its type's number
        if (!isConcat()) {
            return fields.getFirst().sortable(v);
        }
        if (java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.BIG_ENDIAN) {
            return v;
        }
        byte[] r = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = v[v.length - 1 - i];
        }
        return r;
    }

    private static String text(List<SetDataType> fields) {
        StringJoiner j = new StringJoiner(" . ");
        fields.forEach(t -> j.add(t.nftName));
        return j.toString();
    }

    /** nft's spelling: {@code ipv4_addr . inet_service}. */
    @Override
    public String toString() {
        return text(fields);
    }
}
