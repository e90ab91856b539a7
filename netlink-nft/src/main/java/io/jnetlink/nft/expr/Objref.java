package io.jnetlink.nft.expr;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;

/**
 * {@code objref}: a reference from a rule to a named stateful object of its table, such as
 * {@code counter name "c1"} or {@code quota name "q1"}. Only the immediate form (one object named
 * in the rule) is modeled; the map form ({@code counter name ip saddr map @m}) decodes as
 * {@link Unknown}.
 *
 * @param type the object type (NFT_OBJECT_COUNTER = 1, NFT_OBJECT_QUOTA = 2, NFT_OBJECT_LIMIT = 4, ...)
 * @param name the object's name
 */
public record Objref(int type, String name) implements Expression {
    // enum nft_objref_attributes
    static final int NFTA_OBJREF_IMM_TYPE = 1;
    static final int NFTA_OBJREF_IMM_NAME = 2;
    static final AttrNames NAMES = AttrNames.table("NFTA_OBJREF", null, "NFTA_OBJREF_IMM_TYPE",
            "NFTA_OBJREF_IMM_NAME", "NFTA_OBJREF_SET_SREG", "NFTA_OBJREF_SET_NAME", "NFTA_OBJREF_SET_ID");
    static final Codec<Objref> CODEC = Codec.of("objref", Objref.class, NAMES, Objref::decode, Objref::writeData);

    /** NFT_OBJECT_COUNTER. */
    public static final int COUNTER = 1;
    /** NFT_OBJECT_QUOTA. */
    public static final int QUOTA = 2;
    /** NFT_OBJECT_LIMIT. */
    public static final int LIMIT = 4;

    /** Checks the components. */
    public Objref {
        if (type < 1) {
            throw new IllegalArgumentException("object type " + type + " is no NFT_OBJECT_* type");
        }
        if (name == null || name.isEmpty() || name.indexOf('\0') >= 0 || name.length() > 255) {
            throw new IllegalArgumentException("object name " + (name == null ? "null" : "\"" + name + "\"")
                    + " must be 1..255 characters without NUL");
        }
    }

    @Override
    public String kind() {
        return CODEC.kind;
    }

    void writeData(MessageWriter w) {
        w.attrU32Be(NFTA_OBJREF_IMM_TYPE, type);
        w.attrString(NFTA_OBJREF_IMM_NAME, name);
    }

    static Objref decode(AttributeCursor a) {
        int type = -1;
        String name = null;
        while (a.next()) {
            switch (a.type()) {
                case NFTA_OBJREF_IMM_TYPE -> type = a.u32be();
                case NFTA_OBJREF_IMM_NAME -> name = a.string();
                default -> throw Wire.NOT_MODELED; // the map form: a set and a source register
            }
        }
        try {
            return new Objref(type, name);
        } catch (IllegalArgumentException e) {
            throw Wire.NOT_MODELED;
        }
    }
}
