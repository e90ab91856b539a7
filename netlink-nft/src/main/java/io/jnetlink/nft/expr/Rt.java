package io.jnetlink.nft.expr;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;

/**
 * {@code rt load KEY => reg DREG}: loads routing data of the packet ({@code rt mtu}, the TCP MSS
 * its route allows; {@code rt classid}; {@code rt ip nexthop}).
 *
 * @param key      the NFT_RT_* key: CLASSID (0), NEXTHOP4 (1), NEXTHOP6 (2), TCPMSS (3), XFRM (4)
 * @param register destination register
 */
public record Rt(int key, int register) implements Expression {
    // enum nft_rt_attributes
    static final int NFTA_RT_DREG = 1;
    static final int NFTA_RT_KEY = 2;
    static final AttrNames NAMES = AttrNames.table("NFTA_RT", null, "NFTA_RT_DREG", "NFTA_RT_KEY");
    static final Codec<Rt> CODEC = Codec.of("rt", Rt.class, NAMES, Rt::decode, Rt::writeData);

    /** NFT_RT_TCPMSS: the MSS the route allows ({@code rt mtu}). */
    public static final int TCPMSS = 3;

    /** Checks the components. */
    public Rt {
        if (key < 0) {
            throw new IllegalArgumentException("rt key " + key + " is negative");
        }
        Wire.checkRegister("rt destination", register);
    }

    @Override
    public String kind() {
        return CODEC.kind;
    }

    void writeData(MessageWriter w) {
        w.attrU32Be(NFTA_RT_KEY, key);
        w.attrU32Be(NFTA_RT_DREG, register);
    }

    static Rt decode(AttributeCursor a) {
        int dreg = -1;
        int key = -1;
        while (a.next()) {
            switch (a.type()) {
                case NFTA_RT_DREG -> dreg = a.u32be();
                case NFTA_RT_KEY -> key = a.u32be();
                default -> throw Wire.NOT_MODELED;
            }
        }
        try {
            return new Rt(key, dreg);
        } catch (IllegalArgumentException e) {
            throw Wire.NOT_MODELED;
        }
    }
}
