package io.jnetlink.nft.expr;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;

/**
 * {@code nat snat|dnat FAMILY addr_min reg A addr_max reg B proto_min reg C proto_max reg D}:
 * rewrites the source or destination to the address and port held in registers (put there by
 * {@link Immediate}). A register of 0 means "not given"; an absent maximum means "same as the
 * minimum".
 *
 * @param type            SNAT or DNAT
 * @param family          NFPROTO_IPV4 ({@value #IPV4}) or NFPROTO_IPV6 ({@value #IPV6})
 * @param addressMin      register of the lowest address, or 0
 * @param addressMax      register of the highest address, or 0
 * @param portMin         register of the lowest port, or 0
 * @param portMax         register of the highest port, or 0
 * @param flags           NF_NAT_RANGE_* flags ({@link #PROTO_SPECIFIED}, ...)
 */
public record NatExpr(Type type, int family, int addressMin, int addressMax, int portMin, int portMax, int flags)
        implements Expression {
    /** NFPROTO_IPV4. */
    public static final int IPV4 = 2;
    /** NFPROTO_IPV6. */
    public static final int IPV6 = 10;
    /** NF_NAT_RANGE_MAP_IPS (linux/netfilter/nf_nat.h): the kernel adds it when an address is given. */
    public static final int MAP_IPS = 1;
    /** NF_NAT_RANGE_PROTO_SPECIFIED: a port (range) is given. */
    public static final int PROTO_SPECIFIED = 2;

    // enum nft_nat_attributes
    static final int NFTA_NAT_TYPE = 1;
    static final int NFTA_NAT_FAMILY = 2;
    static final int NFTA_NAT_REG_ADDR_MIN = 3;
    static final int NFTA_NAT_REG_ADDR_MAX = 4;
    static final int NFTA_NAT_REG_PROTO_MIN = 5;
    static final int NFTA_NAT_REG_PROTO_MAX = 6;
    static final int NFTA_NAT_FLAGS = 7;
    static final AttrNames NAMES = AttrNames.table("NFTA_NAT", null, "NFTA_NAT_TYPE", "NFTA_NAT_FAMILY",
            "NFTA_NAT_REG_ADDR_MIN", "NFTA_NAT_REG_ADDR_MAX", "NFTA_NAT_REG_PROTO_MIN", "NFTA_NAT_REG_PROTO_MAX",
            "NFTA_NAT_FLAGS");
    static final Codec<NatExpr> CODEC = Codec.of("nat", NatExpr.class, NAMES, NatExpr::decode, NatExpr::writeData);

    /** enum nft_nat_types. */
    public enum Type {
        /** NFT_NAT_SNAT. */
        SNAT(0),
        /** NFT_NAT_DNAT. */
        DNAT(1);

        /** The kernel's number. */
        public final int code;

        Type(int code) {
            this.code = code;
        }
    }

    /** Checks the components. */
    public NatExpr {
        if (type == null) {
            throw new IllegalArgumentException("nat type is null");
        }
        if (family != IPV4 && family != IPV6) {
            throw new IllegalArgumentException("nat family must be NFPROTO_IPV4 (2) or NFPROTO_IPV6 (10), got " + family);
        }
        Wire.checkRegister("nat address min", addressMin);
        Wire.checkRegister("nat address max", addressMax);
        Wire.checkRegister("nat port min", portMin);
        Wire.checkRegister("nat port max", portMax);
    }

    /**
     * DNAT to the address in {@code addressRegister} and the port in {@code portRegister} (0: keep port).
     *
     * @param family the address family (AF_INET or AF_INET6 number, as NFTA_NAT_FAMILY)
     * @param addressRegister the register holding the address
     * @param portRegister the register holding the port, or 0
     * @return the expression
     */
    public static NatExpr dnat(int family, int addressRegister, int portRegister) {
        return new NatExpr(Type.DNAT, family, addressRegister, 0, portRegister, 0, portRegister != 0 ? PROTO_SPECIFIED : 0);
    }

    /**
     * SNAT to the address in {@code addressRegister} and the port in {@code portRegister} (0: keep port).
     *
     * @param family the address family (AF_INET or AF_INET6 number, as NFTA_NAT_FAMILY)
     * @param addressRegister the register holding the address
     * @param portRegister the register holding the port, or 0
     * @return the expression
     */
    public static NatExpr snat(int family, int addressRegister, int portRegister) {
        return new NatExpr(Type.SNAT, family, addressRegister, 0, portRegister, 0, portRegister != 0 ? PROTO_SPECIFIED : 0);
    }

    @Override
    public String kind() {
        return CODEC.kind;
    }

    void writeData(MessageWriter w) {
        w.attrU32Be(NFTA_NAT_TYPE, type.code);
        w.attrU32Be(NFTA_NAT_FAMILY, family);
        if (addressMin != 0) {
            w.attrU32Be(NFTA_NAT_REG_ADDR_MIN, addressMin);
        }
        if (addressMax != 0) {
            w.attrU32Be(NFTA_NAT_REG_ADDR_MAX, addressMax);
        }
        if (portMin != 0) {
            w.attrU32Be(NFTA_NAT_REG_PROTO_MIN, portMin);
        }
        if (portMax != 0) {
            w.attrU32Be(NFTA_NAT_REG_PROTO_MAX, portMax);
        }
        if (flags != 0) {
            w.attrU32Be(NFTA_NAT_FLAGS, flags);
        }
    }

    static NatExpr decode(AttributeCursor a) {
        int type = -1;
        int family = -1;
        int amin = 0;
        int amax = 0;
        int pmin = 0;
        int pmax = 0;
        int flags = 0;
        while (a.next()) {
            switch (a.type()) {
                case NFTA_NAT_TYPE -> type = a.u32be();
                case NFTA_NAT_FAMILY -> family = a.u32be();
                case NFTA_NAT_REG_ADDR_MIN -> amin = a.u32be();
                case NFTA_NAT_REG_ADDR_MAX -> amax = a.u32be();
                case NFTA_NAT_REG_PROTO_MIN -> pmin = a.u32be();
                case NFTA_NAT_REG_PROTO_MAX -> pmax = a.u32be();
                case NFTA_NAT_FLAGS -> flags = a.u32be();
                default -> throw Wire.NOT_MODELED;
            }
        }
        if (type != 0 && type != 1) {
            throw Wire.NOT_MODELED;
        }
        try {
            return new NatExpr(type == 0 ? Type.SNAT : Type.DNAT, family, amin, amax, pmin, pmax, flags);
        } catch (IllegalArgumentException e) {
            throw Wire.NOT_MODELED; // inet-family nat and the like
        }
    }
}
