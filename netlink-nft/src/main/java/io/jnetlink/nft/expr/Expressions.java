package io.jnetlink.nft.expr;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.Netlink;
import io.jnetlink.core.codec.RawAttribute;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one registry of expression encoders and decoders. Each expression's attribute numbers,
 * encoder and decoder live in its own record's file; this class only frames them:
 * {@code NFTA_LIST_ELEM { NFTA_EXPR_NAME "name", NFTA_EXPR_DATA { ... } }}, with NLA_F_NESTED set
 * on nests as libnftnl does.
 *
 * <p>Decoding never drops an expression: a name without a decoder, or a known name in a form the
 * record does not model, becomes {@link Unknown}. Only a broken message (an attribute whose length
 * does not fit) raises {@link io.jnetlink.core.MalformedMessageException}.
 */
public final class Expressions {
    private Expressions() {}

    /** NFT_REG_VERDICT: the verdict register. */
    public static final int REG_VERDICT = 0;
    /** NFT_REG_1..NFT_REG_4: the 16-byte data registers (nft uses these). */
    public static final int REG_1 = 1;
    /** NFT_REG_2. */
    public static final int REG_2 = 2;
    /** NFT_REG_3. */
    public static final int REG_3 = 3;
    /** NFT_REG_4. */
    public static final int REG_4 = 4;

    // enum nft_list_attributes, enum nft_expr_attributes
    static final int NFTA_LIST_ELEM = 1;
    static final int NFTA_EXPR_NAME = 1;
    static final int NFTA_EXPR_DATA = 2;
    static final AttrNames LIST_NAMES = AttrNames.table("NFTA_LIST", null, "NFTA_LIST_ELEM");
    static final AttrNames EXPR_NAMES = AttrNames.table("NFTA_EXPR", null, "NFTA_EXPR_NAME", "NFTA_EXPR_DATA");

    /** Every permitted record's codec, by class: built from the sealed interface, so none is missed. */
    private static final Map<Class<?>, Codec<?>> BY_CLASS;
    /** The codec that decodes each kernel expression name. */
    private static final Map<String, Codec<?>> BY_KIND;

    static {
        Map<Class<?>, Codec<?>> byClass = new HashMap<>();
        Map<String, Codec<?>> byKind = new HashMap<>();
        for (Class<?> c : Expression.class.getPermittedSubclasses()) {
            Codec<?> codec = declaredCodec(c);
            byClass.put(c, codec);
            if (codec.decoder != null && byKind.put(codec.kind, codec) != null) {
                throw new ExceptionInInitializerError("two decoders for nf_tables expression \"" + codec.kind + "\"");
            }
        }
        for (Codec<?> codec : byClass.values()) {
            if (codec.kind != null && codec.decoder == null && !byKind.containsKey(codec.kind)) {
                throw new ExceptionInInitializerError(codec + " shares the decoder of \"" + codec.kind
                        + "\", but no record decodes that name");
            }
        }
        BY_CLASS = Map.copyOf(byClass);
        BY_KIND = Map.copyOf(byKind);
    }

    /** The {@code static final Codec CODEC} a permitted record declares (same package: no setAccessible). */
    private static Codec<?> declaredCodec(Class<?> c) {
        try {
            Field f = c.getDeclaredField("CODEC");
            if (!Modifier.isStatic(f.getModifiers()) || !(f.get(null) instanceof Codec<?> codec) || codec.type != c) {
                throw new ExceptionInInitializerError(c.getName() + ".CODEC is not a static Codec<" + c.getSimpleName()
                        + ">");
            }
            return codec;
        } catch (NoSuchFieldException | IllegalAccessException e) {
            throw new ExceptionInInitializerError(c.getName() + " is a permitted Expression without a "
                    + "'static final Codec<" + c.getSimpleName() + "> CODEC' (" + e + ")");
        }
    }

    /** The codec of a permitted record class (for tests that walk the sealed family). */
    static Codec<?> codecOf(Class<? extends Expression> type) {
        return BY_CLASS.get(type);
    }

    /** The codec that decodes expression name {@code kind}, or null (it decodes as {@link Unknown}). */
    static Codec<?> decoderOf(String kind) {
        return BY_KIND.get(kind);
    }

    /**
     * Writes {@code exprs} as a list attribute of {@code type} (such as NFTA_RULE_EXPRESSIONS).
     *
     * @param w the writer
     * @param type the list attribute's type (NFTA_RULE_EXPRESSIONS, ...)
     * @param exprs the expressions, in order
     */
    public static void writeList(MessageWriter w, int type, List<? extends Expression> exprs) {
        w.nest(type | Netlink.NLA_F_NESTED, l -> {
            for (Expression e : exprs) {
                write(l, e);
            }
        });
    }

    /**
     * Writes one expression as an NFTA_LIST_ELEM.
     *
     * @param w the writer
     * @param e the expression
     */
    public static void write(MessageWriter w, Expression e) {
        writeAs(w, NFTA_LIST_ELEM | Netlink.NLA_F_NESTED, e);
    }

    /** Writes one expression as the nest {@code type} (an NFTA_LIST_ELEM, or an expression nested in another). */
    static void writeAs(MessageWriter w, int type, Expression e) {
        w.nest(type, el -> {
            el.attrString(NFTA_EXPR_NAME, e.kind());
            el.nest(NFTA_EXPR_DATA | Netlink.NLA_F_NESTED, d -> {
                BY_CLASS.get(e.getClass()).writeData(e, d);
            });
        });
    }

    /**
     * Reads a list attribute (the cursor stands on it, such as NFTA_RULE_EXPRESSIONS).
     *
     * @param list a cursor at the list attribute
     * @return the expressions, unknown ones as {@link Unknown}
     */
    public static List<Expression> readList(AttributeCursor list) {
        List<Expression> out = new ArrayList<>();
        AttributeCursor l = list.nested(LIST_NAMES);
        while (l.next()) {
            if (l.type() != NFTA_LIST_ELEM) {
                throw l.malformed("NFTA_LIST_ELEM expected in an expression list");
            }
            out.add(read(l));
        }
        return out;
    }

    /**
     * Reads one expression; the cursor stands on its NFTA_LIST_ELEM.
     *
     * @param elem a cursor at the NFTA_LIST_ELEM attribute
     * @return the expression, or {@link Unknown}
     */
    public static Expression read(AttributeCursor elem) {
        String name = null;
        boolean other = false;
        AttributeCursor a = elem.nested(EXPR_NAMES);
        while (a.next()) {
            switch (a.type()) {
                case NFTA_EXPR_NAME -> name = a.string();
                case NFTA_EXPR_DATA -> { }
                default -> other = true;
            }
        }
        if (name == null || name.isEmpty()) {
            throw elem.malformed("expression without a name");
        }
        Codec<?> d = BY_KIND.get(name);
        if (d != null && !other) {
            try {
                AttributeCursor data = findData(elem, d.names);
                Expression e = d.decoder.apply(data != null ? data : emptyCursor(elem, d.names));
                if (e != null) {
                    return e;
                }
            } catch (Wire.NotModeled notModeled) {
                // kept whole below
            }
        }
        return new Unknown(name, rawData(elem));
    }

    private static AttributeCursor findData(AttributeCursor elem, AttrNames names) {
        AttributeCursor a = elem.nested(EXPR_NAMES);
        while (a.next()) {
            if (a.type() == NFTA_EXPR_DATA) {
                return a.nested(names);
            }
        }
        return null;
    }

    private static AttributeCursor emptyCursor(AttributeCursor elem, AttrNames names) {
        return new AttributeCursor(elem.segment(), 0, 0, names);
    }

    private static List<RawAttribute> rawData(AttributeCursor elem) {
        List<RawAttribute> raw = new ArrayList<>();
        AttributeCursor a = elem.nested(EXPR_NAMES);
        while (a.next()) {
            if (a.type() == NFTA_EXPR_DATA) {
                AttributeCursor d = a.nested(AttrNames.numbered("NFTA_EXPR_DATA"));
                while (d.next()) {
                    raw.add(d.raw());
                }
            }
        }
        return raw;
    }
}
