package io.jnetlink.nft;

import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.nft.expr.Counter;
import io.jnetlink.nft.expr.Expression;
import io.jnetlink.nft.expr.Expressions;
import io.jnetlink.nft.expr.Verdict;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * A named (or anonymous) set or map as the kernel reports it, with its elements.
 *
 * <p>{@link #toString()} is the block {@code nft list ruleset} prints for it inside its table
 * (nft 1.0.x: {@code type}, {@code policy}, {@code size}, {@code flags}, {@code counter},
 * {@code timeout}, {@code gc-interval}, {@code comment}, {@code elements = { ... }} with nft's line
 * breaks, intervals folded back into prefixes and ranges, element timeouts, expiry, counters and
 * comments). Everything the kernel sent that this record does not model is kept in
 * {@link #unknown()} (set attributes) and {@link #unknownElementAttributes()}.
 *
 * @param family       the table's family
 * @param table        the table
 * @param name         the set's name ({@code __set0}, ... for an anonymous set)
 * @param handle       the kernel's handle
 * @param flags        NFT_SET_* flags
 * @param keyTypeId    nft's number of the key type (NFTA_SET_KEY_TYPE)
 * @param keyLength    the key length in bytes
 * @param dataTypeId   nft's number of the data type of a map (0xffffff00 for verdicts), else 0
 * @param dataLength   the data length of a data map, else 0
 * @param memory       true for {@code policy memory}
 * @param size         the maximum size (NFTA_SET_DESC_SIZE), 0 if none
 * @param fieldLengths the field lengths of a concatenation (NFTA_SET_DESC_CONCAT), empty if none reported
 * @param timeout      the default element timeout, or null
 * @param gcInterval   the garbage collection interval, or null
 * @param comment      the set's comment from nft's user data, or null
 * @param userData     NFTA_SET_USERDATA as received (empty if none)
 * @param expressions  the expressions every element carries (NFTA_SET_EXPR/EXPRESSIONS: {@code counter}, ...)
 * @param elements     the elements, in nft's listing order (empty if they were not read)
 * @param unknown      set attributes this record does not model, as received
 * @param unknownElementAttributes element attributes not modeled (object references, ...), as received
 */
public record SetInfo(Family family, String table, String name, long handle, int flags, int keyTypeId,
                      int keyLength, int dataTypeId, int dataLength, boolean memory, long size,
                      List<Integer> fieldLengths, Duration timeout, Duration gcInterval, String comment,
                      byte[] userData, List<Expression> expressions, List<SetElement> elements,
                      List<RawAttribute> unknown, List<RawAttribute> unknownElementAttributes) {
    /** Keeps copies of the mutable components. */
    public SetInfo {
        fieldLengths = List.copyOf(fieldLengths);
        userData = userData.clone();
        expressions = List.copyOf(expressions);
        elements = List.copyOf(elements);
        unknown = List.copyOf(unknown);
        unknownElementAttributes = List.copyOf(unknownElementAttributes);
    }

    /** {@return the set's user data (NFTA_SET_USERDATA), a copy; empty if none} */
    @Override
    public byte[] userData() {
        return userData.clone();
    }

    /** {@return whether this is an anonymous set (a rule's {@code { ... }})} */
    public boolean isAnonymous() {
        return (flags & SetSpec.NFT_SET_ANONYMOUS) != 0;
    }

    /** {@return whether this is a map} */
    public boolean isMap() {
        return (flags & SetSpec.NFT_SET_MAP) != 0;
    }

    /** {@return whether this is a verdict map} */
    public boolean isVerdictMap() {
        return isMap() && dataTypeId == SetWire.NFT_DATA_VERDICT;
    }

    /** {@return whether keys are intervals} */
    public boolean isInterval() {
        return (flags & SetSpec.Flag.INTERVAL.bit) != 0;
    }

    /** {@return the key type, or null if it is not one the library names} */
    public SetKeyType key() {
        return SetKeyType.ofId(keyTypeId, keyLength);
    }

    /** {@return the data type of a data map, or null (a set, a verdict map, or a type the library does not name)} */
    public SetKeyType data() {
        return isMap() && !isVerdictMap() ? SetKeyType.ofId(dataTypeId, dataLength) : null;
    }

    /** {@return whether every element carries a counter} */
    public boolean hasCounters() {
        return expressions.stream().anyMatch(e -> e instanceof Counter);
    }

    /** The same set with these elements (as {@link NfTables} fills them in). */
    SetInfo withElements(List<SetElement> e, List<RawAttribute> unknownElem) {
        return new SetInfo(family, table, name, handle, flags, keyTypeId, keyLength, dataTypeId, dataLength, memory,
                size, fieldLengths, timeout, gcInterval, comment, userData, expressions, e, unknown, unknownElem);
    }

    /**
     * {@return the set as a spec that would create it with its elements (their state dropped)}
     *
     * @throws IllegalStateException if its key or data type is not one the library names, or it is
     *         anonymous, an object map, or carries expressions other than a counter
     */
    public SetSpec spec() {
        SetKeyType k = key();
        SetKeyType d = data();
        if (k == null || (isMap() && !isVerdictMap() && d == null) || isAnonymous()
                || (flags & SetSpec.NFT_SET_OBJECT) != 0
                || expressions.stream().anyMatch(e -> !(e instanceof Counter))) {
            throw new IllegalStateException("set " + family + " " + table + " " + name
                    + " is not one the set builder makes (type " + typeText() + ", flags 0x"
                    + Integer.toHexString(flags) + ")");
        }
        Set<SetSpec.Flag> f = EnumSet.noneOf(SetSpec.Flag.class);
        for (SetSpec.Flag x : SetSpec.Flag.values()) {
            if ((flags & x.bit) != 0) {
                f.add(x);
            }
        }
        // a constant set that nft sized to its elements was made without a size
        long sz = f.contains(SetSpec.Flag.CONSTANT) && size == elements.size() ? 0 : size;
        return new SetSpec(family, table, name, k, d, isVerdictMap(), f, timeout, gcInterval, sz, memory,
                hasCounters(), comment, elements.stream().map(SetElement::withoutState).toList());
    }

    /**
     * The fields of the key as declared with {@code typeof} (nft keeps them in its user data), or
     * null for a set declared with {@code type} or with fields the library does not name.
     *
     * @return the fields, or null
     */
    public List<SetField> keyTypeof() {
        byte[] t = udata(userData, SetWire.UDATA_SET_KEY_TYPEOF);
        return t == null ? null : SetField.fromTypeof(t);
    }

    /** {@return the fields of a data map's values as declared with {@code typeof}, or null} */
    public List<SetField> dataTypeof() {
        byte[] t = udata(userData, SetWire.UDATA_SET_DATA_TYPEOF);
        return t == null ? null : SetField.fromTypeof(t);
    }

    /**
     * {@code type K}, {@code type K : D}, {@code type K : verdict} (numbers for types the library does
     * not name), or {@code typeof FIELDS [: verdict | : FIELDS]} for a set nft declared by typeof.
     */
    String typeText() {
        List<SetField> kt = keyTypeof();
        if (kt != null && SetField.keyType(kt).id() == keyTypeId) {
            List<SetField> dt = dataTypeof();
            String data = !isMap() ? "" : isVerdictMap() ? " : verdict"
                    : dt != null ? " : " + SetField.text(dt) : null;
            if (data != null) {
                return "typeof " + SetField.text(kt) + data;
            }
        }
        SetKeyType k = key();
        String key = k != null ? k.toString() : "0x" + Integer.toHexString(keyTypeId);
        if (!isMap()) {
            return "type " + key;
        }
        if (isVerdictMap()) {
            return "type " + key + " : verdict";
        }
        SetKeyType d = data();
        return "type " + key + " : " + (d != null ? d.toString() : "0x" + Integer.toHexString(dataTypeId));
    }

    /** The set as {@code nft list ruleset} prints it inside its table (one tab of indentation). */
    @Override
    public String toString() {
        return text(false);
    }

    /**
     * {@return the set as nft prints it inside its table: as {@code nft list ruleset}, or stateless as
     * {@code nft -s list ruleset} (element counters without values, no expiry)}
     *
     * @param stateless true to leave out what changes by itself (counters, expiry)
     */
    public String text(boolean stateless) {
        SetKeyType k = key();
        return SetText.block(isMap() ? "map" : "set", name, typeText(), flags, memory, size, hasCounters(),
                mergesElements(), timeout, gcInterval, comment, k != null ? k.perLine() : 0, elements, stateless);
    }

    /** Whether nft's user data asks to merge adjacent elements ({@code auto-merge}). */
    boolean mergesElements() {
        byte[] v = udata(userData, SetWire.UDATA_SET_MERGE_ELEMENTS);
        return v != null && v.length == 4 && ByteBuffer.wrap(v).order(ByteOrder.nativeOrder()).getInt() != 0;
    }

    /** The value of libnftnl user data item {@code type}, or null. */
    static byte[] udata(byte[] u, int type) {
        int i = 0;
        while (i + 2 <= u.length) {
            int t = u[i] & 0xFF;
            int len = u[i + 1] & 0xFF;
            if (i + 2 + len > u.length) {
                return null;
            }
            if (t == type) {
                return Arrays.copyOfRange(u, i + 2, i + 2 + len);
            }
            i += 2 + len;
        }
        return null;
    }

    private static String udataString(byte[] u, int type) {
        byte[] v = u == null ? null : udata(u, type);
        return v == null ? null : Values.cString(v);
    }

    // ---- decoding ----------------------------------------------------------------------------

    static SetInfo decode(Message m) {
        if (!Nf.is(m, SetWire.NFT_MSG_NEWSET)) {
            return null;
        }
        return decodeAny(m);
    }

    /** Decodes a NEWSET or DELSET message (events announce a deleted set with its definition). */
    static SetInfo decodeAny(Message m) {
        m.requirePayload(Nf.NFGENMSG_LEN, "nfgenmsg");
        Family family = Family.of(m.u8(0));
        String table = null;
        String name = null;
        long handle = 0;
        int flags = 0;
        int keyType = 0;
        int keyLen = 0;
        int dataType = 0;
        int dataLen = 0;
        boolean memory = false;
        long size = 0;
        List<Integer> fields = new ArrayList<>();
        Duration timeout = null;
        Duration gc = null;
        byte[] udata = new byte[0];
        List<Expression> exprs = new ArrayList<>();
        List<RawAttribute> unknown = new ArrayList<>();
        AttributeCursor a = m.attributes(Nf.NFGENMSG_LEN, SetWire.SET_NAMES);
        while (a.next()) {
            switch (a.type()) {
                case SetWire.NFTA_SET_TABLE -> table = a.string();
                case SetWire.NFTA_SET_NAME -> name = a.string();
                case SetWire.NFTA_SET_HANDLE -> handle = a.u64be();
                case SetWire.NFTA_SET_FLAGS -> flags = a.u32be();
                case SetWire.NFTA_SET_KEY_TYPE -> keyType = a.u32be();
                case SetWire.NFTA_SET_KEY_LEN -> keyLen = a.u32be();
                case SetWire.NFTA_SET_DATA_TYPE -> dataType = a.u32be();
                case SetWire.NFTA_SET_DATA_LEN -> dataLen = a.u32be();
                case SetWire.NFTA_SET_POLICY -> memory = a.u32be() == SetWire.NFT_SET_POL_MEMORY;
                case SetWire.NFTA_SET_TIMEOUT -> timeout = millis(a.u64be());
                case SetWire.NFTA_SET_GC_INTERVAL -> gc = millis(Integer.toUnsignedLong(a.u32be()));
                case SetWire.NFTA_SET_USERDATA -> udata = a.bytes();
                case SetWire.NFTA_SET_EXPR -> exprs.add(Expressions.read(a));
                case SetWire.NFTA_SET_EXPRESSIONS -> exprs.addAll(Expressions.readList(a));
                case SetWire.NFTA_SET_DESC -> {
                    boolean modeled = true;
                    AttributeCursor d = a.nested(SetWire.DESC_NAMES);
                    while (d.next()) {
                        if (d.type() == SetWire.NFTA_SET_DESC_SIZE) {
                            size = Integer.toUnsignedLong(d.u32be());
                        } else if (d.type() == SetWire.NFTA_SET_DESC_CONCAT) {
                            AttributeCursor l = d.nested(io.jnetlink.core.codec.AttrNames.numbered("NFTA_LIST"));
                            while (l.next()) {
                                AttributeCursor f = l.nested(io.jnetlink.core.codec.AttrNames.numbered("NFTA_SET_FIELD"));
                                while (f.next()) {
                                    if (f.type() == SetWire.NFTA_SET_FIELD_LEN) {
                                        fields.add(f.u32be());
                                    } else {
                                        modeled = false;
                                    }
                                }
                            }
                        } else {
                            modeled = false;
                        }
                    }
                    if (!modeled) {
                        unknown.add(a.raw());
                    }
                }
                default -> unknown.add(a.raw()); // NFTA_SET_ID, NFTA_SET_OBJ_TYPE, ...
            }
        }
        if (table == null || name == null) {
            throw a.malformed("set without NFTA_SET_TABLE or NFTA_SET_NAME");
        }
        return new SetInfo(family, table, name, handle, flags, keyType, keyLen, dataType, dataLen, memory, size,
                fields, timeout, gc, udataString(udata, SetWire.UDATA_SET_COMMENT), udata, exprs, List.of(),
                unknown, List.of());
    }

    private static Duration millis(long ms) {
        return ms == 0 ? null : Duration.ofMillis(ms);
    }

    /** One element as the kernel reported it. */
    record RawElement(int flags, byte[] key, byte[] keyEnd, byte[] data, Verdict verdict, Duration timeout,
                      Duration expires, String comment, Counter counter) {}

    /** Adds the elements of one NEWSETELEM message to {@code out}; unmodeled attributes to {@code unknown}. */
    static void decodeElements(Message m, List<RawElement> out, List<RawAttribute> unknown) {
        if (!Nf.is(m, SetWire.NFT_MSG_NEWSETELEM)) {
            return;
        }
        decodeElementsAny(m, out, unknown);
    }

    /** As {@link #decodeElements}, for a NEWSETELEM or DELSETELEM message (an event). */
    static void decodeElementsAny(Message m, List<RawElement> out, List<RawAttribute> unknown) {
        m.requirePayload(Nf.NFGENMSG_LEN, "nfgenmsg");
        AttributeCursor a = m.attributes(Nf.NFGENMSG_LEN, SetWire.LIST_NAMES);
        while (a.next()) {
            if (a.type() != SetWire.NFTA_SET_ELEM_LIST_ELEMENTS) {
                continue; // table, set: the request named them
            }
            AttributeCursor l = a.nested(io.jnetlink.core.codec.AttrNames.numbered("NFTA_LIST"));
            while (l.next()) {
                out.add(element(l.nested(SetWire.ELEM_NAMES), unknown));
            }
        }
    }

    private static RawElement element(AttributeCursor e, List<RawAttribute> unknown) {
        int flags = 0;
        byte[] key = null;
        byte[] keyEnd = null;
        byte[] data = null;
        Verdict verdict = null;
        Duration timeout = null;
        Duration expires = null;
        String comment = null;
        Counter counter = null;
        while (e.next()) {
            switch (e.type()) {
                case SetWire.NFTA_SET_ELEM_FLAGS -> flags = e.u32be();
                case SetWire.NFTA_SET_ELEM_KEY -> key = value(e);
                case SetWire.NFTA_SET_ELEM_KEY_END -> keyEnd = value(e);
                case SetWire.NFTA_SET_ELEM_TIMEOUT -> timeout = millis(e.u64be());
                case SetWire.NFTA_SET_ELEM_EXPIRATION -> expires = Duration.ofMillis(e.u64be());
                case SetWire.NFTA_SET_ELEM_USERDATA -> comment = udataString(e.bytes(), SetWire.UDATA_SET_ELEM_COMMENT);
                case SetWire.NFTA_SET_ELEM_PAD -> { }
                case SetWire.NFTA_SET_ELEM_DATA -> {
                    AttributeCursor d = e.nested(SetWire.DATA_NAMES);
                    while (d.next()) {
                        if (d.type() == 1) {
                            data = d.bytes();
                        } else if (d.type() == 2) {
                            verdict = verdict(d.nested(SetWire.VERDICT_NAMES));
                        }
                    }
                    if (data == null && verdict == null) {
                        unknown.add(e.raw());
                    }
                }
                case SetWire.NFTA_SET_ELEM_EXPR -> {
                    if (Expressions.read(e) instanceof Counter c) {
                        counter = c;
                    } else {
                        unknown.add(e.raw());
                    }
                }
                case SetWire.NFTA_SET_ELEM_EXPRESSIONS -> {
                    for (Expression x : Expressions.readList(e)) {
                        if (x instanceof Counter c) {
                            counter = c;
                        } else {
                            unknown.add(e.raw());
                        }
                    }
                }
                default -> unknown.add(e.raw());
            }
        }
        if (key == null && (flags & SetWire.NFT_SET_ELEM_CATCHALL) == 0) {
            throw e.malformed("set element without NFTA_SET_ELEM_KEY");
        }
        return new RawElement(flags, key, keyEnd, data, verdict, timeout, expires, comment, counter);
    }

    private static byte[] value(AttributeCursor a) {
        AttributeCursor d = a.nested(SetWire.DATA_NAMES);
        byte[] v = null;
        while (d.next()) {
            if (d.type() == 1) {
                v = d.bytes();
            }
        }
        if (v == null) {
            throw a.malformed("set element key without NFTA_DATA_VALUE");
        }
        return v;
    }

    private static Verdict verdict(AttributeCursor v) {
        int code = 0;
        String chain = null;
        while (v.next()) {
            if (v.type() == 1) {
                code = v.u32be();
            } else if (v.type() == 2) {
                chain = v.string();
            }
        }
        for (Verdict.Code c : Verdict.Code.values()) {
            if (c.code == code) {
                try {
                    return new Verdict(c, chain);
                } catch (IllegalArgumentException e) {
                    throw v.malformed("verdict " + c + " with chain " + chain + ": " + e.getMessage());
                }
            }
        }
        throw v.malformed("unknown verdict code " + code);
    }

    /**
     * The elements of this set as nft lists them: sorted by key, interval start and end elements
     * folded into prefixes and ranges.
     */
    List<SetElement> fold(List<RawElement> raw) {
        SetKeyType k = key();
        Comparator<byte[]> order = Comparator.comparing(b -> k != null ? k.sortable(b) : b, Arrays::compareUnsigned);
        List<RawElement> sorted = new ArrayList<>(raw.stream().filter(r -> r.key() != null).toList());
        // an end element sorts before a start element of the same key (adjacent ranges)
        sorted.sort(Comparator.comparing(RawElement::key, order)
                .thenComparing(r -> (r.flags() & SetWire.NFT_SET_ELEM_INTERVAL_END) == 0));
        List<SetElement> out = new ArrayList<>();
        if (!isInterval() || (k != null && k.isConcat())) {
            for (RawElement r : sorted) {
                String key = k == null ? "0x" + HexFormat.of().formatHex(r.key())
                        : r.keyEnd() != null ? k.formatRange(r.key(), r.keyEnd()) : k.format(r.key());
                out.add(element(r, key));
            }
            return out;
        }
        for (int i = 0; i < sorted.size(); i++) {
            RawElement r = sorted.get(i);
            if ((r.flags() & SetWire.NFT_SET_ELEM_INTERVAL_END) != 0) {
                continue; // an end without a start: the gap below the first range
            }
            byte[] hi;
            RawElement next = i + 1 < sorted.size() ? sorted.get(i + 1) : null;
            if (next != null && (next.flags() & SetWire.NFT_SET_ELEM_INTERVAL_END) != 0) {
                hi = SetWire.decrement(next.key());
                i++;
            } else {
                hi = new byte[r.key().length];
                Arrays.fill(hi, (byte) 0xFF);
            }
            String key = k == null ? "0x" + HexFormat.of().formatHex(r.key()) : k.formatRange(r.key(), hi);
            out.add(element(r, key));
        }
        return out;
    }

    private SetElement element(RawElement r, String key) {
        String value = null;
        if (r.verdict() != null) {
            value = SetWire.verdictText(r.verdict());
        } else if (r.data() != null) {
            SetKeyType d = data();
            value = d != null ? d.format(r.data()) : "0x" + HexFormat.of().formatHex(r.data());
        }
        return new SetElement(key, value, r.timeout(), r.expires(), r.comment(),
                r.counter() != null ? r.counter().packets() : -1, r.counter() != null ? r.counter().bytes() : -1);
    }
}
