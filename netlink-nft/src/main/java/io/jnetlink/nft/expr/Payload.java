package io.jnetlink.nft.expr;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;

/**
 * {@code payload load LEN bytes @ BASE header + OFFSET => reg DREG}: loads packet bytes into a
 * register. Factories name the fields the NAT recipes use. Payload writes (with checksum fixing)
 * decode as {@link PayloadSet}.
 *
 * @param base     which header the offset counts from
 * @param offset   byte offset into that header
 * @param length   number of bytes (1..64)
 * @param register destination register
 */
public record Payload(Base base, int offset, int length, int register) implements Expression {
    // enum nft_payload_attributes
    static final int NFTA_PAYLOAD_DREG = 1;
    static final int NFTA_PAYLOAD_BASE = 2;
    static final int NFTA_PAYLOAD_OFFSET = 3;
    static final int NFTA_PAYLOAD_LEN = 4;
    static final AttrNames NAMES = AttrNames.table("NFTA_PAYLOAD", null, "NFTA_PAYLOAD_DREG", "NFTA_PAYLOAD_BASE",
            "NFTA_PAYLOAD_OFFSET", "NFTA_PAYLOAD_LEN", "NFTA_PAYLOAD_SREG", "NFTA_PAYLOAD_CSUM_TYPE",
            "NFTA_PAYLOAD_CSUM_OFFSET", "NFTA_PAYLOAD_CSUM_FLAGS");
    static final Codec<Payload> CODEC = Codec.of("payload", Payload.class, NAMES, Payload::decode, Payload::writeData);

    /** enum nft_payload_bases. */
    public enum Base {
        /** The link header (NFT_PAYLOAD_LL_HEADER). */
        LINK(0),
        /** The network header (NFT_PAYLOAD_NETWORK_HEADER). */
        NETWORK(1),
        /** The transport header (NFT_PAYLOAD_TRANSPORT_HEADER). */
        TRANSPORT(2),
        /** The inner header (NFT_PAYLOAD_INNER_HEADER). */
        INNER(3);

        /** The kernel's number for the base. */
        public final int code;

        Base(int code) {
            this.code = code;
        }

        static Base of(int code) {
            for (Base b : values()) {
                if (b.code == code) {
                    return b;
                }
            }
            throw Wire.NOT_MODELED;
        }
    }

    /** Checks the components. */
    public Payload {
        if (base == null) {
            throw new IllegalArgumentException("payload base is null");
        }
        if (offset < 0 || offset > 0xFFFF) {
            throw new IllegalArgumentException("payload offset " + offset + " out of range 0..65535");
        }
        if (length < 1 || length > Wire.MAX_VALUE_LEN) {
            throw new IllegalArgumentException("payload length " + length + " out of range 1.." + Wire.MAX_VALUE_LEN);
        }
        Wire.checkRegister("payload destination", register);
    }

    /**
     * {@return a load of the first {@code bytes} bytes of the IPv4 source address (offset 12)}
     *
     * @param bytes how many bytes (4 for the whole address)
     * @param register the register they are loaded into
     */
    public static Payload ipv4Source(int bytes, int register) {
        return new Payload(Base.NETWORK, 12, bytes, register);
    }

    /**
     * {@return a load of the first {@code bytes} bytes of the IPv4 destination address (offset 16)}
     *
     * @param bytes how many bytes (4 for the whole address)
     * @param register the register they are loaded into
     */
    public static Payload ipv4Destination(int bytes, int register) {
        return new Payload(Base.NETWORK, 16, bytes, register);
    }

    /**
     * {@return a load of the first {@code bytes} bytes of the IPv6 source address (offset 8)}
     *
     * @param bytes how many bytes (16 for the whole address)
     * @param register the register they are loaded into
     */
    public static Payload ipv6Source(int bytes, int register) {
        return new Payload(Base.NETWORK, 8, bytes, register);
    }

    /**
     * {@return a load of the first {@code bytes} bytes of the IPv6 destination address (offset 24)}
     *
     * @param bytes how many bytes (16 for the whole address)
     * @param register the register they are loaded into
     */
    public static Payload ipv6Destination(int bytes, int register) {
        return new Payload(Base.NETWORK, 24, bytes, register);
    }

    /**
     * {@return a load of the TCP/UDP source port (2 bytes at offset 0 of the transport header)}
     *
     * @param register the register it is loaded into
     */
    public static Payload sourcePort(int register) {
        return new Payload(Base.TRANSPORT, 0, 2, register);
    }

    /**
     * {@return a load of the TCP/UDP destination port (2 bytes at offset 2 of the transport header)}
     *
     * @param register the register it is loaded into
     */
    public static Payload destinationPort(int register) {
        return new Payload(Base.TRANSPORT, 2, 2, register);
    }

    @Override
    public String kind() {
        return CODEC.kind;
    }

    void writeData(MessageWriter w) {
        w.attrU32Be(NFTA_PAYLOAD_DREG, register);
        w.attrU32Be(NFTA_PAYLOAD_BASE, base.code);
        w.attrU32Be(NFTA_PAYLOAD_OFFSET, offset);
        w.attrU32Be(NFTA_PAYLOAD_LEN, length);
    }

    /** Decodes a payload load, or a {@link PayloadSet} when a source register is given. */
    static Expression decode(AttributeCursor a) {
        int dreg = -1;
        int sreg = -1;
        int base = -1;
        int offset = -1;
        int len = -1;
        int csumType = 0;
        int csumOffset = 0;
        int csumFlags = 0;
        while (a.next()) {
            switch (a.type()) {
                case NFTA_PAYLOAD_DREG -> dreg = a.u32be();
                case NFTA_PAYLOAD_BASE -> base = a.u32be();
                case NFTA_PAYLOAD_OFFSET -> offset = a.u32be();
                case NFTA_PAYLOAD_LEN -> len = a.u32be();
                case PayloadSet.NFTA_PAYLOAD_SREG -> sreg = a.u32be();
                case PayloadSet.NFTA_PAYLOAD_CSUM_TYPE -> csumType = a.u32be();
                case PayloadSet.NFTA_PAYLOAD_CSUM_OFFSET -> csumOffset = a.u32be();
                case PayloadSet.NFTA_PAYLOAD_CSUM_FLAGS -> csumFlags = a.u32be();
                default -> throw Wire.NOT_MODELED;
            }
        }
        if ((dreg < 0) == (sreg < 0) || base < 0 || offset < 0 || len < 0
                || dreg >= 0 && (csumType != 0 || csumOffset != 0 || csumFlags != 0)) {
            throw Wire.NOT_MODELED;
        }
        try {
            return dreg >= 0 ? new Payload(Base.of(base), offset, len, dreg)
                    : new PayloadSet(Base.of(base), offset, len, sreg, csumType, csumOffset, csumFlags);
        } catch (IllegalArgumentException e) {
            throw Wire.NOT_MODELED;
        }
    }
}
