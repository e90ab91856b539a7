package io.jnetlink.nft.expr;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;

/**
 * {@code quota [over] BYTES}: matches until BYTES have passed (or, with {@code over}, after).
 *
 * @param bytes    the quota
 * @param consumed bytes used so far (0 when creating)
 * @param over     true to match once the quota is used up (NFT_QUOTA_F_INV)
 */
public record Quota(long bytes, long consumed, boolean over) implements Expression {
    // enum nft_quota_attributes
    static final int NFTA_QUOTA_BYTES = 1;
    static final int NFTA_QUOTA_FLAGS = 2;
    static final int NFTA_QUOTA_PAD = 3;
    static final int NFTA_QUOTA_CONSUMED = 4;
    static final AttrNames NAMES = AttrNames.table("NFTA_QUOTA", null, "NFTA_QUOTA_BYTES", "NFTA_QUOTA_FLAGS",
            "NFTA_QUOTA_PAD", "NFTA_QUOTA_CONSUMED");
    static final Codec<Quota> CODEC = Codec.of("quota", Quota.class, NAMES, Quota::decode, Quota::writeData);
    /** NFT_QUOTA_F_INV. */
    static final int NFT_QUOTA_F_INV = 1;
    /** NFT_QUOTA_F_DEPLETED: set by the kernel once the quota is used up. */
    static final int NFT_QUOTA_F_DEPLETED = 2;

    /** Checks the components. */
    public Quota {
        if (bytes <= 0) {
            throw new IllegalArgumentException("quota must be positive, got " + bytes);
        }
    }

    @Override
    public String kind() {
        return CODEC.kind;
    }

    void writeData(MessageWriter w) {
        w.attrU64Be(NFTA_QUOTA_BYTES, bytes);
        w.attrU64Be(NFTA_QUOTA_CONSUMED, consumed);
        w.attrU32Be(NFTA_QUOTA_FLAGS, over ? NFT_QUOTA_F_INV : 0);
    }

    static Quota decode(AttributeCursor a) {
        long bytes = 0;
        long consumed = 0;
        int flags = 0;
        while (a.next()) {
            switch (a.type()) {
                case NFTA_QUOTA_BYTES -> bytes = a.u64be();
                case NFTA_QUOTA_CONSUMED -> consumed = a.u64be();
                case NFTA_QUOTA_FLAGS -> flags = a.u32be();
                case NFTA_QUOTA_PAD -> { }
                default -> throw Wire.NOT_MODELED;
            }
        }
        if ((flags & ~(NFT_QUOTA_F_INV | NFT_QUOTA_F_DEPLETED)) != 0) {
            throw Wire.NOT_MODELED;
        }
        try {
            return new Quota(bytes, consumed, (flags & NFT_QUOTA_F_INV) != 0);
        } catch (IllegalArgumentException e) {
            throw Wire.NOT_MODELED;
        }
    }
}
