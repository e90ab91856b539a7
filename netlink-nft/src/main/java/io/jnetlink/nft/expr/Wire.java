package io.jnetlink.nft.expr;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.Netlink;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What the expressions share on the wire: {@code struct nft_data} (a value or a verdict) from
 * {@code linux/netfilter/nf_tables.h}, and the signal that a decoder met something it does not
 * model (the registry then keeps the whole expression as {@link Unknown}).
 */
final class Wire {
    private Wire() {}

    // enum nft_data_attributes
    static final int NFTA_DATA_VALUE = 1;
    static final int NFTA_DATA_VERDICT = 2;
    // enum nft_verdict_attributes
    static final int NFTA_VERDICT_CODE = 1;
    static final int NFTA_VERDICT_CHAIN = 2;

    static final AttrNames DATA_NAMES = AttrNames.table("NFTA_DATA", null, "NFTA_DATA_VALUE", "NFTA_DATA_VERDICT");
    static final AttrNames VERDICT_NAMES = AttrNames.table("NFTA_VERDICT", null, "NFTA_VERDICT_CODE",
            "NFTA_VERDICT_CHAIN", "NFTA_VERDICT_CHAIN_ID");
    /** NFT_DATA_VALUE_MAXLEN: the kernel's registers hold at most 64 bytes of data. */
    static final int MAX_VALUE_LEN = 64;

    /** Thrown by a decoder for an attribute or value it does not model; never leaves the package. */
    static final class NotModeled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotModeled() {
            super(null, null, false, false);
        }
    }

    static final NotModeled NOT_MODELED = new NotModeled();

    /** Writes {@code type} as a nested {@code nft_data} holding a value, as libnftnl does. */
    static void value(MessageWriter w, int type, byte[] value) {
        w.nest(type | Netlink.NLA_F_NESTED, d -> d.attrBytes(NFTA_DATA_VALUE, value));
    }

    /** Reads a nested {@code nft_data} that must hold a value. */
    static byte[] value(AttributeCursor a) {
        AttributeCursor d = a.nested(DATA_NAMES);
        byte[] v = null;
        while (d.next()) {
            if (d.type() == NFTA_DATA_VALUE && v == null) {
                v = d.bytes();
            } else {
                throw NOT_MODELED;
            }
        }
        if (v == null) {
            throw NOT_MODELED;
        }
        return v;
    }

    static void checkValue(String what, byte[] v) {
        if (v == null || v.length == 0 || v.length > MAX_VALUE_LEN) {
            throw new IllegalArgumentException(what + " must hold 1.." + MAX_VALUE_LEN + " bytes, got "
                    + (v == null ? "null" : v.length));
        }
    }

    static void checkRegister(String what, int reg) {
        // NFT_REG_VERDICT (0), NFT_REG_1..4 (1..4), NFT_REG32_00..15 (8..23)
        if (reg < 0 || reg > 23 || (reg > 4 && reg < 8)) {
            throw new IllegalArgumentException(what + " register " + reg + " is not a register number (0-4, 8-23)");
        }
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    static boolean eq(byte[] a, byte[] b) {
        return Arrays.equals(a, b);
    }
}
