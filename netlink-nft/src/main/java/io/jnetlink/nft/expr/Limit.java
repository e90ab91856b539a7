package io.jnetlink.nft.expr;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;

/**
 * {@code limit rate [over] RATE/UNIT burst BURST packets|bytes}: a token bucket. Matches while
 * within the rate (or, with {@code over}, once beyond it).
 *
 * @param rate    packets or bytes per unit
 * @param seconds the unit in seconds (1, 60, 3600, 86400, 604800)
 * @param burst   packets or bytes allowed beyond the rate at once
 * @param bytes   true to count bytes, false to count packets
 * @param over    true to match traffic beyond the rate (NFT_LIMIT_F_INV)
 */
public record Limit(long rate, long seconds, int burst, boolean bytes, boolean over) implements Expression {
    // enum nft_limit_attributes
    static final int NFTA_LIMIT_RATE = 1;
    static final int NFTA_LIMIT_UNIT = 2;
    static final int NFTA_LIMIT_BURST = 3;
    static final int NFTA_LIMIT_TYPE = 4;
    static final int NFTA_LIMIT_FLAGS = 5;
    static final int NFTA_LIMIT_PAD = 6;
    static final AttrNames NAMES = AttrNames.table("NFTA_LIMIT", null, "NFTA_LIMIT_RATE", "NFTA_LIMIT_UNIT",
            "NFTA_LIMIT_BURST", "NFTA_LIMIT_TYPE", "NFTA_LIMIT_FLAGS", "NFTA_LIMIT_PAD");
    static final Codec<Limit> CODEC = Codec.of("limit", Limit.class, NAMES, Limit::decode, Limit::writeData);
    /** enum nft_limit_type. */
    static final int NFT_LIMIT_PKTS = 0;
    static final int NFT_LIMIT_PKT_BYTES = 1;
    /** NFT_LIMIT_F_INV. */
    static final int NFT_LIMIT_F_INV = 1;

    /** Checks the components. */
    public Limit {
        if (rate <= 0) {
            throw new IllegalArgumentException("limit rate must be positive, got " + rate);
        }
        if (seconds <= 0) {
            throw new IllegalArgumentException("limit unit must be positive seconds, got " + seconds);
        }
        if (burst < 0) {
            throw new IllegalArgumentException("limit burst must not be negative, got " + burst);
        }
    }

    @Override
    public String kind() {
        return CODEC.kind;
    }

    void writeData(MessageWriter w) {
        w.attrU64Be(NFTA_LIMIT_RATE, rate);
        w.attrU64Be(NFTA_LIMIT_UNIT, seconds);
        w.attrU32Be(NFTA_LIMIT_BURST, burst);
        w.attrU32Be(NFTA_LIMIT_TYPE, bytes ? NFT_LIMIT_PKT_BYTES : NFT_LIMIT_PKTS);
        w.attrU32Be(NFTA_LIMIT_FLAGS, over ? NFT_LIMIT_F_INV : 0);
    }

    static Limit decode(AttributeCursor a) {
        long rate = -1;
        long unit = -1;
        int burst = 0;
        int type = NFT_LIMIT_PKTS;
        int flags = 0;
        while (a.next()) {
            switch (a.type()) {
                case NFTA_LIMIT_RATE -> rate = a.u64be();
                case NFTA_LIMIT_UNIT -> unit = a.u64be();
                case NFTA_LIMIT_BURST -> burst = a.u32be();
                case NFTA_LIMIT_TYPE -> type = a.u32be();
                case NFTA_LIMIT_FLAGS -> flags = a.u32be();
                case NFTA_LIMIT_PAD -> { }
                default -> throw Wire.NOT_MODELED;
            }
        }
        if ((type != NFT_LIMIT_PKTS && type != NFT_LIMIT_PKT_BYTES) || (flags & ~NFT_LIMIT_F_INV) != 0) {
            throw Wire.NOT_MODELED;
        }
        try {
            return new Limit(rate, unit, burst, type == NFT_LIMIT_PKT_BYTES, flags != 0);
        } catch (IllegalArgumentException e) {
            throw Wire.NOT_MODELED;
        }
    }
}
