package io.jnetlink.nft.expr;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * How one expression record goes on and off the wire, declared once in the record's own file as
 * {@code static final Codec<X> CODEC}. {@link Expressions} builds its registry from the sealed
 * {@link Expression}'s permitted classes, reading each one's {@code CODEC}, so a record cannot be
 * permitted without being registered (the registry refuses to load otherwise).
 *
 * @param <E> the record
 */
final class Codec<E extends Expression> {
    /** The kernel's expression name; null for {@link Unknown}, which carries its own. */
    final String kind;
    final Class<E> type;
    /** Attribute names of NFTA_EXPR_DATA, for error paths. */
    final AttrNames names;
    /** Reads NFTA_EXPR_DATA; null when another codec of the same kind decodes it (a verdict is an immediate). */
    final Function<AttributeCursor, ? extends Expression> decoder;
    private final BiConsumer<E, MessageWriter> encoder;

    private Codec(String kind, Class<E> type, AttrNames names, Function<AttributeCursor, ? extends Expression> decoder,
                  BiConsumer<E, MessageWriter> encoder) {
        this.kind = kind;
        this.type = Objects.requireNonNull(type);
        this.names = names;
        this.decoder = decoder;
        this.encoder = Objects.requireNonNull(encoder);
    }

    /** An expression that the kernel names {@code kind}, decoded by {@code decoder}. */
    static <E extends Expression> Codec<E> of(String kind, Class<E> type, AttrNames names,
                                               Function<AttributeCursor, ? extends Expression> decoder,
                                               BiConsumer<E, MessageWriter> encoder) {
        return new Codec<>(Objects.requireNonNull(kind), type, names, Objects.requireNonNull(decoder), encoder);
    }

    /** An expression written as {@code kind} whose decoding belongs to the decoder of that kind. */
    static <E extends Expression> Codec<E> sharing(String kind, Class<E> type, BiConsumer<E, MessageWriter> encoder) {
        return new Codec<>(Objects.requireNonNull(kind), type, null, null, encoder);
    }

    /** {@link Unknown}: any name, raw attributes. */
    static Codec<Unknown> raw(BiConsumer<Unknown, MessageWriter> encoder) {
        return new Codec<>(null, Unknown.class, null, null, encoder);
    }

    void writeData(Expression e, MessageWriter w) {
        encoder.accept(type.cast(e), w);
    }

    @Override
    public String toString() {
        return "Codec[" + type.getSimpleName() + (kind != null ? " \"" + kind + "\"" : "") + "]";
    }
}
