package io.jnetlink.nft.expr;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;

/**
 * {@code counter}: counts packets and bytes that reach it.
 *
 * @param bytes   bytes counted (the start value when creating)
 * @param packets packets counted
 */
public record Counter(long bytes, long packets) implements Expression {
    // enum nft_counter_attributes
    static final int NFTA_COUNTER_BYTES = 1;
    static final int NFTA_COUNTER_PACKETS = 2;
    static final int NFTA_COUNTER_PAD = 3;
    static final AttrNames NAMES = AttrNames.table("NFTA_COUNTER", null, "NFTA_COUNTER_BYTES", "NFTA_COUNTER_PACKETS",
            "NFTA_COUNTER_PAD");
    static final Codec<Counter> CODEC = Codec.of("counter", Counter.class, NAMES, Counter::decode, Counter::writeData);

    /** {@return a counter starting at zero} */
    public static Counter zero() {
        return new Counter(0, 0);
    }

    @Override
    public String kind() {
        return CODEC.kind;
    }

    void writeData(MessageWriter w) {
        // nft sends a counter starting at zero with no attributes (the kernel starts it at zero)
        if (bytes != 0 || packets != 0) {
            w.attrU64Be(NFTA_COUNTER_BYTES, bytes);
            w.attrU64Be(NFTA_COUNTER_PACKETS, packets);
        }
    }

    /**
     * Reads counter state: the data of a {@code counter} expression or of a named counter object
     * (NFTA_OBJ_DATA), both {@code enum nft_counter_attributes}; an attribute it does not know is
     * skipped (a newer kernel's addition must not hide the two numbers).
     *
     * @param data the expression's NFTA_EXPR_DATA
     * @return the counter with its packets and bytes
     */
    public static Counter readState(AttributeCursor data) {
        long bytes = 0;
        long packets = 0;
        while (data.next()) {
            switch (data.type()) {
                case NFTA_COUNTER_BYTES -> bytes = data.u64be();
                case NFTA_COUNTER_PACKETS -> packets = data.u64be();
                default -> { }
            }
        }
        return new Counter(bytes, packets);
    }

    static Counter decode(AttributeCursor a) {
        long bytes = 0;
        long packets = 0;
        while (a.next()) {
            switch (a.type()) {
                case NFTA_COUNTER_BYTES -> bytes = a.u64be();
                case NFTA_COUNTER_PACKETS -> packets = a.u64be();
                case NFTA_COUNTER_PAD -> { }
                default -> throw Wire.NOT_MODELED;
            }
        }
        return new Counter(bytes, packets);
    }
}
