package io.jnetlink.nft;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.Netlink;
import io.jnetlink.nft.expr.Verdict;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Sets and their elements on the wire ({@code enum nft_set_attributes},
 * {@code enum nft_set_elem_attributes}, {@code enum nft_set_elem_list_attributes} of
 * {@code linux/netfilter/nf_tables.h}), and the user data nft (libnftnl's {@code udata}) keeps in a
 * set and its elements: one byte of type, one of length, the value.
 *
 * <p>What nft 1.0.6 writes, mirrored here: NFTA_SET_FLAGS always; the key's byte order in the user
 * data (2 network, 1 host, 0 for a concatenation), for a map the data's too and a "data interval"
 * 0; for a concatenated {@code type} (not {@code typeof}) key or value an (empty) concatenation
 * "typeof" record; NFTA_SET_DESC_CONCAT (each field's length in bytes) only for a concatenated
 * interval set. Interval elements go sorted, each range as a start element and an end element one
 * past its last value (NFT_SET_ELEM_INTERVAL_END, left out when the range ends at the top value);
 * when a set is created with its elements an end element at zero comes first unless the first
 * range starts at zero. A concatenated interval element is one element with NFTA_SET_ELEM_KEY_END.
 * A constant set without a size is sized to its elements (NFTA_SET_DESC_SIZE). In a set with
 * counters every element carries its own counter expression (NFTA_SET_ELEM_EXPR) as well as the
 * set's template. Elements are numbered from 1 in each message, and a message holds as many as fit the 16-bit
 * length of its element list.
 */
final class SetWire {
    private SetWire() {}

    static final int NFT_MSG_NEWSET = Nf.NFT_MSG_NEWSET;
    static final int NFT_MSG_GETSET = 10;
    static final int NFT_MSG_DELSET = Nf.NFT_MSG_DELSET;
    static final int NFT_MSG_NEWSETELEM = Nf.NFT_MSG_NEWSETELEM;
    static final int NFT_MSG_GETSETELEM = 13;
    static final int NFT_MSG_DELSETELEM = Nf.NFT_MSG_DELSETELEM;

    // enum nft_set_attributes
    static final int NFTA_SET_TABLE = 1;
    static final int NFTA_SET_NAME = 2;
    static final int NFTA_SET_FLAGS = 3;
    static final int NFTA_SET_KEY_TYPE = 4;
    static final int NFTA_SET_KEY_LEN = 5;
    static final int NFTA_SET_DATA_TYPE = 6;
    static final int NFTA_SET_DATA_LEN = 7;
    static final int NFTA_SET_POLICY = 8;
    static final int NFTA_SET_DESC = 9;
    static final int NFTA_SET_ID = 10;
    static final int NFTA_SET_TIMEOUT = 11;
    static final int NFTA_SET_GC_INTERVAL = 12;
    static final int NFTA_SET_USERDATA = 13;
    static final int NFTA_SET_OBJ_TYPE = 15;
    static final int NFTA_SET_HANDLE = 16;
    static final int NFTA_SET_EXPR = 17;
    static final int NFTA_SET_EXPRESSIONS = 18;
    static final AttrNames SET_NAMES = AttrNames.table("NFTA_SET", null, "NFTA_SET_TABLE", "NFTA_SET_NAME",
            "NFTA_SET_FLAGS", "NFTA_SET_KEY_TYPE", "NFTA_SET_KEY_LEN", "NFTA_SET_DATA_TYPE", "NFTA_SET_DATA_LEN",
            "NFTA_SET_POLICY", "NFTA_SET_DESC", "NFTA_SET_ID", "NFTA_SET_TIMEOUT", "NFTA_SET_GC_INTERVAL",
            "NFTA_SET_USERDATA", "NFTA_SET_PAD", "NFTA_SET_OBJ_TYPE", "NFTA_SET_HANDLE", "NFTA_SET_EXPR",
            "NFTA_SET_EXPRESSIONS");
    // enum nft_set_desc_attributes, nft_set_field_attributes
    static final int NFTA_SET_DESC_SIZE = 1;
    static final int NFTA_SET_DESC_CONCAT = 2;
    static final int NFTA_SET_FIELD_LEN = 1;
    static final AttrNames DESC_NAMES = AttrNames.table("NFTA_SET_DESC", null, "NFTA_SET_DESC_SIZE",
            "NFTA_SET_DESC_CONCAT");
    static final int NFTA_LIST_ELEM = 1;
    static final int NFT_SET_POL_MEMORY = 1;
    static final int NFT_DATA_VERDICT = 0xffffff00;

    // enum nft_set_elem_list_attributes
    static final int NFTA_SET_ELEM_LIST_TABLE = 1;
    static final int NFTA_SET_ELEM_LIST_SET = 2;
    static final int NFTA_SET_ELEM_LIST_ELEMENTS = 3;
    static final int NFTA_SET_ELEM_LIST_SET_ID = 4;
    static final AttrNames LIST_NAMES = AttrNames.table("NFTA_SET_ELEM_LIST", null, "NFTA_SET_ELEM_LIST_TABLE",
            "NFTA_SET_ELEM_LIST_SET", "NFTA_SET_ELEM_LIST_ELEMENTS", "NFTA_SET_ELEM_LIST_SET_ID");
    // enum nft_set_elem_attributes
    static final int NFTA_SET_ELEM_KEY = 1;
    static final int NFTA_SET_ELEM_DATA = 2;
    static final int NFTA_SET_ELEM_FLAGS = 3;
    static final int NFTA_SET_ELEM_TIMEOUT = 4;
    static final int NFTA_SET_ELEM_EXPIRATION = 5;
    static final int NFTA_SET_ELEM_USERDATA = 6;
    static final int NFTA_SET_ELEM_EXPR = 7;
    static final int NFTA_SET_ELEM_PAD = 8;
    static final int NFTA_SET_ELEM_KEY_END = 10;
    static final int NFTA_SET_ELEM_EXPRESSIONS = 11;
    static final AttrNames ELEM_NAMES = AttrNames.table("NFTA_SET_ELEM", null, "NFTA_SET_ELEM_KEY",
            "NFTA_SET_ELEM_DATA", "NFTA_SET_ELEM_FLAGS", "NFTA_SET_ELEM_TIMEOUT", "NFTA_SET_ELEM_EXPIRATION",
            "NFTA_SET_ELEM_USERDATA", "NFTA_SET_ELEM_EXPR", "NFTA_SET_ELEM_PAD", "NFTA_SET_ELEM_OBJREF",
            "NFTA_SET_ELEM_KEY_END", "NFTA_SET_ELEM_EXPRESSIONS");
    static final int NFT_SET_ELEM_INTERVAL_END = 0x1;
    static final int NFT_SET_ELEM_CATCHALL = 0x2;
    static final AttrNames DATA_NAMES = AttrNames.table("NFTA_DATA", null, "NFTA_DATA_VALUE", "NFTA_DATA_VERDICT");
    static final AttrNames VERDICT_NAMES = AttrNames.table("NFTA_VERDICT", null, "NFTA_VERDICT_CODE",
            "NFTA_VERDICT_CHAIN", "NFTA_VERDICT_CHAIN_ID");

    // libnftnl's enum nftnl_udata_set_types and nftnl_udata_set_elem_types
    static final int UDATA_SET_KEYBYTEORDER = 0;
    static final int UDATA_SET_DATABYTEORDER = 1;
    static final int UDATA_SET_MERGE_ELEMENTS = 2;
    static final int UDATA_SET_KEY_TYPEOF = 3;
    static final int UDATA_SET_DATA_TYPEOF = 4;
    static final int UDATA_SET_DATA_INTERVAL = 6;
    static final int UDATA_SET_COMMENT = 7;
    static final int UDATA_SET_ELEM_COMMENT = 0;
    /** nft's byte orders (enum byteorder): invalid, host, big endian. */
    static final int BYTEORDER_HOST = 1;
    static final int BYTEORDER_BIG = 2;
    /** The "typeof" record nft 1.0.6 writes for a concatenated {@code type}: EXPR_CONCAT (13), no fields. */
    private static final byte[] CONCAT_TYPEOF = {0, 4, 13, 0, 0, 0, 1, 0};

    /** A limit under which one element list's nest length fits 16 bits. */
    private static final int MAX_LIST = 0xFFFF;

    // ---- verdict values --------------------------------------------------------------------

    /** A verdict map value: accept, drop, continue, return, jump CHAIN, goto CHAIN. */
    static Verdict verdict(String text) {
        String[] w = text.strip().split("\\s+");
        Verdict.Code code = switch (w[0]) {
            case "accept" -> Verdict.Code.ACCEPT;
            case "drop" -> Verdict.Code.DROP;
            case "continue" -> Verdict.Code.CONTINUE;
            case "return" -> Verdict.Code.RETURN;
            case "jump" -> Verdict.Code.JUMP;
            case "goto" -> Verdict.Code.GOTO;
            default -> throw new IllegalArgumentException("'" + text + "' is not a verdict (accept, drop, continue, "
                    + "return, jump CHAIN, goto CHAIN)");
        };
        boolean chain = code == Verdict.Code.JUMP || code == Verdict.Code.GOTO;
        if (w.length != (chain ? 2 : 1)) {
            throw new IllegalArgumentException("'" + text + "': " + w[0] + (chain ? " needs one chain" : " takes no chain"));
        }
        return new Verdict(code, chain ? Names.object("chain", w[1]) : null);
    }

    static String verdictText(Verdict v) {
        return v.code().name().toLowerCase() + (v.chain() != null ? " " + v.chain() : "");
    }

    // ---- encoding ----------------------------------------------------------------------------

    /** The body of NFT_MSG_NEWSET for {@code s}, with transaction-local id {@code id}. */
    static void writeSet(MessageWriter w, SetSpec s, int id) {
        w.attrString(NFTA_SET_TABLE, s.table());
        w.attrString(NFTA_SET_NAME, s.name());
        w.attrU32Be(NFTA_SET_FLAGS, s.kernelFlags());
        w.attrU32Be(NFTA_SET_KEY_TYPE, s.key().id());
        w.attrU32Be(NFTA_SET_KEY_LEN, s.key().length());
        if (s.verdictMap()) {
            w.attrU32Be(NFTA_SET_DATA_TYPE, NFT_DATA_VERDICT);
            w.attrU32Be(NFTA_SET_DATA_LEN, 0);
        } else if (s.data() != null) {
            w.attrU32Be(NFTA_SET_DATA_TYPE, s.data().id());
            w.attrU32Be(NFTA_SET_DATA_LEN, s.data().length());
        }
        w.attrU32Be(NFTA_SET_ID, id);
        if (s.memory()) {
            w.attrU32Be(NFTA_SET_POLICY, NFT_SET_POL_MEMORY);
        }
        boolean concatDesc = (s.kernelFlags() & SetSpec.NFT_SET_CONCAT) != 0;
        // nft sizes a constant set to its elements
        long size = s.size() == 0 && s.flags().contains(SetSpec.Flag.CONSTANT) ? s.elements().size() : s.size();
        if (size > 0 || concatDesc) {
            w.nest(NFTA_SET_DESC | Netlink.NLA_F_NESTED, d -> {
                if (size > 0) {
                    d.attrU32Be(NFTA_SET_DESC_SIZE, (int) size);
                }
                if (concatDesc) {
                    d.nest(NFTA_SET_DESC_CONCAT | Netlink.NLA_F_NESTED, c -> {
                        for (int len : s.key().fieldLengths()) {
                            c.nest(NFTA_LIST_ELEM | Netlink.NLA_F_NESTED, f -> f.attrU32Be(NFTA_SET_FIELD_LEN, len));
                        }
                    });
                }
            });
        }
        if (s.timeout() != null) {
            w.attrU64Be(NFTA_SET_TIMEOUT, s.timeout().toMillis());
        }
        if (s.gcInterval() != null) {
            w.attrU32Be(NFTA_SET_GC_INTERVAL, (int) s.gcInterval().toMillis());
        }
        w.attrBytes(NFTA_SET_USERDATA, setUserData(s));
        if (s.counter()) {
            counterExpr(w, NFTA_SET_EXPR);
        }
    }

    /** The size of {@link #counterExpr}: a nest of NFTA_EXPR_NAME "counter" and an empty NFTA_EXPR_DATA. */
    private static final int COUNTER_EXPR = 4 + 12 + 4;

    /** A counter starting at zero as the expression attribute {@code type} of a set or an element. */
    private static void counterExpr(MessageWriter w, int type) {
        w.nest(type | Netlink.NLA_F_NESTED, e -> {
            e.attrString(1, "counter"); // NFTA_EXPR_NAME
            e.nest(2 | Netlink.NLA_F_NESTED, d -> { }); // NFTA_EXPR_DATA: no values, the kernel starts at zero
        });
    }

    /**
     * The body of NFT_MSG_NEWSET for a rule's anonymous set {@code lit} (as {@code s}) holding
     * {@code size} wire elements: constant and anonymous, sized to its elements, with nft's user
     * data for an anonymous set (byte order by the fields' expressions, "auto-merge" for an interval
     * set, the fields as "typeof" for a set, the verdict as "typeof" of a verdict map's data).
     */
    static void writeLiteral(MessageWriter w, SetLiteral lit, SetSpec s, int id, int size) {
        w.attrString(NFTA_SET_TABLE, s.table());
        w.attrString(NFTA_SET_NAME, s.name());
        w.attrU32Be(NFTA_SET_FLAGS, s.kernelFlags() | SetSpec.NFT_SET_ANONYMOUS | SetSpec.Flag.CONSTANT.bit);
        w.attrU32Be(NFTA_SET_KEY_TYPE, s.key().id());
        w.attrU32Be(NFTA_SET_KEY_LEN, s.key().length());
        if (s.verdictMap()) {
            w.attrU32Be(NFTA_SET_DATA_TYPE, NFT_DATA_VERDICT);
            w.attrU32Be(NFTA_SET_DATA_LEN, 0);
        }
        w.attrU32Be(NFTA_SET_ID, id);
        w.nest(NFTA_SET_DESC | Netlink.NLA_F_NESTED, d -> d.attrU32Be(NFTA_SET_DESC_SIZE, size));
        Udata u = new Udata();
        List<SetField> f = lit.fields();
        u.u32(UDATA_SET_KEYBYTEORDER, f.size() > 1 ? 0 : f.getFirst().meta != null ? BYTEORDER_HOST : BYTEORDER_BIG);
        if (s.verdictMap()) {
            u.u32(UDATA_SET_DATABYTEORDER, 0);
        }
        if (lit.isInterval()) {
            u.u32(UDATA_SET_MERGE_ELEMENTS, 1);
        }
        if (!s.verdictMap()) {
            u.put(UDATA_SET_KEY_TYPEOF, f.size() == 1 ? f.getFirst().typeof() : concatTypeof(f));
        } else {
            u.put(UDATA_SET_DATA_TYPEOF, VERDICT_TYPEOF);
            u.u32(UDATA_SET_DATA_INTERVAL, 0);
        }
        w.attrBytes(NFTA_SET_USERDATA, u.bytes());
    }

    /** nft's "typeof" record of a verdict: EXPR_VERDICT (1), no data. */
    private static final byte[] VERDICT_TYPEOF = {0, 4, 1, 0, 0, 0, 1, 0};

    /** nft's "typeof" record of a concatenation: EXPR_CONCAT (13), then each field's record numbered from 0. */
    private static byte[] concatTypeof(List<SetField> fields) {
        ByteBuffer inner = ByteBuffer.allocate(250).order(ByteOrder.nativeOrder());
        for (int i = 0; i < fields.size(); i++) {
            byte[] t = fields.get(i).typeof();
            inner.put((byte) i).put((byte) t.length).put(t);
        }
        ByteBuffer b = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());
        b.put((byte) 0).put((byte) 4).putInt(13).put((byte) 1).put((byte) inner.position())
                .put(inner.array(), 0, inner.position());
        return Arrays.copyOf(b.array(), b.position());
    }

    private static byte[] setUserData(SetSpec s) {
        Udata u = new Udata();
        u.u32(UDATA_SET_KEYBYTEORDER, byteOrder(s.key()));
        if (s.isMap()) {
            u.u32(UDATA_SET_DATABYTEORDER, s.verdictMap() ? 0 : byteOrder(s.data()));
        }
        if (s.key().isConcat()) {
            u.put(UDATA_SET_KEY_TYPEOF, CONCAT_TYPEOF);
        }
        if (s.data() != null && s.data().isConcat()) {
            u.put(UDATA_SET_DATA_TYPEOF, CONCAT_TYPEOF);
        }
        if (s.isMap()) {
            u.u32(UDATA_SET_DATA_INTERVAL, 0);
        }
        if (s.comment() != null) {
            u.put(UDATA_SET_COMMENT, cString(s.comment()));
        }
        return u.bytes();
    }

    private static int byteOrder(SetKeyType t) {
        return t.isConcat() ? 0 : t.hostOrder() ? BYTEORDER_HOST : BYTEORDER_BIG;
    }

    private static byte[] cString(String s) {
        return Arrays.copyOf(s.getBytes(StandardCharsets.UTF_8), s.getBytes(StandardCharsets.UTF_8).length + 1);
    }

    /** libnftnl's user data: a type byte, a length byte, the value; u32 values in host order. */
    private static final class Udata {
        private final ByteBuffer b = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());

        void u32(int type, int v) {
            b.put((byte) type).put((byte) 4).putInt(v);
        }

        void put(int type, byte[] v) {
            b.put((byte) type).put((byte) v.length).put(v);
        }

        byte[] bytes() {
            return Arrays.copyOf(b.array(), b.position());
        }
    }

    /** One element as it goes on the wire. */
    record Wired(int flags, long timeoutMs, byte[] key, byte[] keyEnd, byte[] data, Verdict verdict, byte[] udata,
                 boolean counter, String text) {
        int size() {
            int n = 0;
            if (flags != 0) {
                n += 8;
            }
            if (timeoutMs > 0) {
                n += 12;
            }
            n += 8 + align(key.length);
            if (keyEnd != null) {
                n += 8 + align(keyEnd.length);
            }
            if (data != null) {
                n += 8 + align(data.length);
            }
            if (verdict != null) {
                n += 4 + 4 + 8 + (verdict.chain() != null ? 4 + align(verdict.chain().length() + 1) : 0);
            }
            if (udata != null) {
                n += 4 + align(udata.length);
            }
            if (counter) {
                n += COUNTER_EXPR;
            }
            return 4 + n;
        }

        void write(MessageWriter w, int index) {
            w.nest(index | Netlink.NLA_F_NESTED, e -> {
                if (flags != 0) {
                    e.attrU32Be(NFTA_SET_ELEM_FLAGS, flags);
                }
                if (timeoutMs > 0) {
                    e.attrU64Be(NFTA_SET_ELEM_TIMEOUT, timeoutMs);
                }
                value(e, NFTA_SET_ELEM_KEY, key);
                if (keyEnd != null) {
                    value(e, NFTA_SET_ELEM_KEY_END, keyEnd);
                }
                if (data != null) {
                    value(e, NFTA_SET_ELEM_DATA, data);
                }
                if (verdict != null) {
                    e.nest(NFTA_SET_ELEM_DATA | Netlink.NLA_F_NESTED, d -> d.nest(2 | Netlink.NLA_F_NESTED, v -> {
                        v.attrU32Be(1, verdict.code().code); // NFTA_VERDICT_CODE
                        if (verdict.chain() != null) {
                            v.attrString(2, verdict.chain()); // NFTA_VERDICT_CHAIN
                        }
                    }));
                }
                if (udata != null) {
                    e.attrBytes(NFTA_SET_ELEM_USERDATA, udata);
                }
                if (counter) {
                    counterExpr(e, NFTA_SET_ELEM_EXPR);
                }
            });
        }

        private static void value(MessageWriter w, int type, byte[] v) {
            w.nest(type | Netlink.NLA_F_NESTED, d -> d.attrBytes(1, v)); // NFTA_DATA_VALUE
        }
    }

    private static int align(int n) {
        return (n + 3) & ~3;
    }

    /**
     * The wire elements for adding (or deleting) {@code elements} to set {@code s}: interval ranges
     * as start and end elements, sorted; with {@code leadingZero} (a set created with its elements)
     * the end element at zero that nft puts first.
     */
    static List<Wired> wire(SetSpec s, List<SetElement> elements, boolean leadingZero, boolean delete) {
        boolean interval = s.flags().contains(SetSpec.Flag.INTERVAL);
        SetKeyType key = s.key();
        List<Wired> out = new ArrayList<>(elements.size() * (interval ? 2 : 1));
        if (!interval) {
            for (SetElement e : elements) {
                byte[] k = key.parseRange(e.key(), false)[0];
                out.add(delete ? new Wired(0, 0, k, null, null, null, null, false, e.key()) : full(s, e, k, null, 0));
            }
            return out;
        }
        record Range(byte[] lo, byte[] hi, SetElement e) {}
        List<Range> ranges = new ArrayList<>(elements.size());
        for (SetElement e : elements) {
            byte[][] r = key.parseRange(e.key(), true);
            ranges.add(new Range(r[0], r[1], e));
        }
        ranges.sort(Comparator.comparing(r -> key.sortable(r.lo()), Arrays::compareUnsigned));
        if (key.isConcat()) {
            for (Range r : ranges) {
                out.add(delete ? new Wired(0, 0, r.lo(), r.hi(), null, null, null, false, r.e().key()) : full(s, r.e(), r.lo(), r.hi(), 0));
            }
            return out;
        }
        for (int i = 1; i < ranges.size(); i++) {
            Range a = ranges.get(i - 1);
            Range b = ranges.get(i);
            if (Arrays.compareUnsigned(key.sortable(a.hi()), key.sortable(b.lo())) >= 0) {
                throw new IllegalArgumentException("set " + s.name() + ": elements " + a.e().key() + " and "
                        + b.e().key() + " overlap");
            }
        }
        if (leadingZero && !ranges.isEmpty() && !isZero(ranges.getFirst().lo())) {
            out.add(new Wired(NFT_SET_ELEM_INTERVAL_END, 0, new byte[key.length()], null, null, null, null, false,
                    "the end of the gap below " + ranges.getFirst().e().key()));
        }
        for (Range r : ranges) {
            out.add(delete ? new Wired(0, 0, r.lo(), null, null, null, null, false, r.e().key()) : full(s, r.e(), r.lo(), null, 0));
            byte[] end = increment(r.hi());
            if (end != null) {
                out.add(new Wired(NFT_SET_ELEM_INTERVAL_END, 0, end, null, null, null, null, false, "the end of " + r.e().key()));
            }
        }
        return out;
    }

    private static Wired full(SetSpec s, SetElement e, byte[] key, byte[] keyEnd, int flags) {
        byte[] data = null;
        Verdict v = null;
        if (s.verdictMap()) {
            v = verdict(e.value());
        } else if (s.data() != null) {
            data = s.data().parseRange(e.value(), false)[0];
        }
        byte[] udata = null;
        if (e.comment() != null) {
            Udata u = new Udata();
            u.put(UDATA_SET_ELEM_COMMENT, cString(e.comment()));
            udata = u.bytes();
        }
        return new Wired(flags, e.timeout() != null ? e.timeout().toMillis() : 0, key, keyEnd, data, v, udata,
                s.counter(), e.key());
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code b + 1} as a big-endian number, or null when it overflows. */
    static byte[] increment(byte[] b) {
        byte[] r = b.clone();
        for (int i = r.length - 1; i >= 0; i--) {
            r[i]++;
            if (r[i] != 0) {
                return r;
            }
        }
        return null;
    }

    /** {@code b - 1} as a big-endian number ({@code b} is not zero). */
    static byte[] decrement(byte[] b) {
        byte[] r = b.clone();
        for (int i = r.length - 1; i >= 0; i--) {
            r[i]--;
            if (r[i] != (byte) 0xFF) {
                return r;
            }
        }
        return r;
    }

    /** {@code wired} split into messages: as many elements to one as its list's 16-bit length allows. */
    static List<List<Wired>> split(List<Wired> wired) {
        List<List<Wired>> out = new ArrayList<>();
        List<Wired> cur = null;
        int used = 0;
        for (Wired e : wired) {
            int size = e.size();
            if (cur == null || used + size > MAX_LIST - 4) {
                cur = new ArrayList<>();
                out.add(cur);
                used = 0;
            }
            cur.add(e);
            used += size;
        }
        return out;
    }

    /** Writes the element list of one message. */
    static void writeList(MessageWriter w, List<Wired> elems) {
        w.nest(NFTA_SET_ELEM_LIST_ELEMENTS | Netlink.NLA_F_NESTED, l -> {
            int i = 0;
            for (Wired e : elems) {
                e.write(l, ++i);
            }
        });
    }
}
