package io.jnetlink.nft.expr;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;

/**
 * {@code reject}: drops the packet and answers with a TCP reset or an ICMP error.
 *
 * @param type the answer (enum nft_reject_types)
 * @param code the ICMP, ICMPv6 or ICMPx code (0 for a TCP reset)
 */
public record Reject(Type type, int code) implements Expression {
    // enum nft_reject_attributes
    static final int NFTA_REJECT_TYPE = 1;
    static final int NFTA_REJECT_ICMP_CODE = 2;
    static final AttrNames NAMES = AttrNames.table("NFTA_REJECT", null, "NFTA_REJECT_TYPE", "NFTA_REJECT_ICMP_CODE");
    static final Codec<Reject> CODEC = Codec.of("reject", Reject.class, NAMES, Reject::decode, Reject::writeData);

    /** enum nft_reject_types, in order. */
    public enum Type {
        /** An ICMP (ip) or ICMPv6 (ip6) unreachable of the code given. */
        ICMP_UNREACH,
        /** A TCP reset. */
        TCP_RST,
        /** A family-independent unreachable (enum nft_reject_inet_code). */
        ICMPX_UNREACH
    }

    /** Checks the components. */
    public Reject {
        if (type == null) {
            throw new IllegalArgumentException("reject type is null");
        }
        if (code < 0 || code > 255) {
            throw new IllegalArgumentException("reject code " + code + " out of range 0..255");
        }
    }

    @Override
    public String kind() {
        return CODEC.kind;
    }

    void writeData(MessageWriter w) {
        w.attrU32Be(NFTA_REJECT_TYPE, type.ordinal());
        w.attrU8(NFTA_REJECT_ICMP_CODE, code);
    }

    static Reject decode(AttributeCursor a) {
        int type = -1;
        int code = 0;
        while (a.next()) {
            switch (a.type()) {
                case NFTA_REJECT_TYPE -> type = a.u32be();
                case NFTA_REJECT_ICMP_CODE -> code = a.u8();
                default -> throw Wire.NOT_MODELED;
            }
        }
        if (type < 0 || type >= Type.values().length) {
            throw Wire.NOT_MODELED;
        }
        return new Reject(Type.values()[type], code);
    }
}
