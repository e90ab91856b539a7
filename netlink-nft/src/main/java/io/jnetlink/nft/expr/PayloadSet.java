package io.jnetlink.nft.expr;

import io.jnetlink.core.codec.MessageWriter;

/**
 * {@code payload write reg SREG => LEN bytes @ BASE header + OFFSET}: writes a register into the
 * packet ({@code tcp dport set 80}, {@code ip ttl set 64}), fixing a checksum on the way. The
 * kernel names it "payload" like the load ({@link Payload}), which decodes both.
 *
 * @param base       which header the offset counts from
 * @param offset     byte offset into that header
 * @param length     number of bytes written (1..64)
 * @param register   the source register
 * @param csumType   NFT_PAYLOAD_CSUM_NONE (0), _INET (1) or _SCTP (2)
 * @param csumOffset where the checksum to fix sits, from the same base
 * @param csumFlags  NFT_PAYLOAD_L4CSUM_PSEUDOHDR (1): also fix the transport checksum
 */
public record PayloadSet(Payload.Base base, int offset, int length, int register, int csumType, int csumOffset,
                         int csumFlags) implements Expression {
    static final int NFTA_PAYLOAD_SREG = 5;
    static final int NFTA_PAYLOAD_CSUM_TYPE = 6;
    static final int NFTA_PAYLOAD_CSUM_OFFSET = 7;
    static final int NFTA_PAYLOAD_CSUM_FLAGS = 8;
    static final Codec<PayloadSet> CODEC = Codec.sharing("payload", PayloadSet.class, PayloadSet::writeData);

    /** Checks the components. */
    public PayloadSet {
        if (base == null) {
            throw new IllegalArgumentException("payload base is null");
        }
        if (offset < 0 || offset > 0xFFFF || csumOffset < 0 || csumOffset > 0xFFFF) {
            throw new IllegalArgumentException("payload offset " + offset + " or checksum offset " + csumOffset
                    + " out of range 0..65535");
        }
        if (length < 1 || length > Wire.MAX_VALUE_LEN) {
            throw new IllegalArgumentException("payload length " + length + " out of range 1.." + Wire.MAX_VALUE_LEN);
        }
        if (csumType < 0 || csumType > 2) {
            throw new IllegalArgumentException("payload checksum type " + csumType + " is none of 0 (none), 1 (inet), "
                    + "2 (sctp)");
        }
        Wire.checkRegister("payload source", register);
    }

    @Override
    public String kind() {
        return CODEC.kind;
    }

    void writeData(MessageWriter w) {
        w.attrU32Be(NFTA_PAYLOAD_SREG, register);
        w.attrU32Be(Payload.NFTA_PAYLOAD_BASE, base.code);
        w.attrU32Be(Payload.NFTA_PAYLOAD_OFFSET, offset);
        w.attrU32Be(Payload.NFTA_PAYLOAD_LEN, length);
        w.attrU32Be(NFTA_PAYLOAD_CSUM_TYPE, csumType);
        w.attrU32Be(NFTA_PAYLOAD_CSUM_OFFSET, csumOffset);
        w.attrU32Be(NFTA_PAYLOAD_CSUM_FLAGS, csumFlags);
    }
}
