package io.jnetlink.nft.expr;

import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.RawAttribute;
import java.util.List;

/**
 * An expression the library does not model (ct, limit, log, reject, ...) or a modeled one in a
 * form it does not model (meta set, payload write, bitwise shift), kept whole: its name and the
 * raw attributes of its data. It encodes back to the same bytes.
 *
 * @param kind       the kernel's name of the expression
 * @param attributes the attributes inside NFTA_EXPR_DATA, as received
 */
public record Unknown(String kind, List<RawAttribute> attributes) implements Expression {
    static final Codec<Unknown> CODEC = Codec.raw(Unknown::writeData);

    /** Checks the components and keeps copies of the mutable ones. */
    public Unknown {
        if (kind == null || kind.isEmpty()) {
            throw new IllegalArgumentException("expression name is empty");
        }
        attributes = List.copyOf(attributes);
    }

    void writeData(MessageWriter w) {
        for (RawAttribute r : attributes) {
            w.attrBytes(r.type(), r.value());
        }
    }
}
