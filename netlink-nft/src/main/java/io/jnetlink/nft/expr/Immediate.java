package io.jnetlink.nft.expr;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;
import java.util.Arrays;

/**
 * {@code immediate reg DREG DATA}: loads constant bytes into a data register (NAT addresses and
 * ports). An immediate that sets the verdict register is a {@link Verdict}.
 *
 * @param register destination register (not the verdict register)
 * @param value    the bytes (1..64), in network order for addresses and ports
 */
public record Immediate(int register, byte[] value) implements Expression {
    // enum nft_immediate_attributes
    static final int NFTA_IMMEDIATE_DREG = 1;
    static final int NFTA_IMMEDIATE_DATA = 2;
    static final AttrNames NAMES = AttrNames.table("NFTA_IMMEDIATE", null, "NFTA_IMMEDIATE_DREG",
            "NFTA_IMMEDIATE_DATA");
    static final Codec<Immediate> CODEC = Codec.of("immediate", Immediate.class, NAMES, Immediate::decode, Immediate::writeData);

    /** Checks the components and keeps copies of the mutable ones. */
    public Immediate {
        Wire.checkRegister("immediate destination", register);
        if (register == Expressions.REG_VERDICT) {
            throw new IllegalArgumentException("immediate data cannot go to the verdict register; use Verdict");
        }
        Wire.checkValue("immediate value", value);
        value = value.clone();
    }

    /** {@return the data (a copy)} */
    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public String kind() {
        return CODEC.kind;
    }

    void writeData(MessageWriter w) {
        w.attrU32Be(NFTA_IMMEDIATE_DREG, register);
        Wire.value(w, NFTA_IMMEDIATE_DATA, value);
    }

    /** Decodes an immediate: a {@link Verdict} when it targets the verdict register. */
    static Expression decode(AttributeCursor a) {
        int dreg = -1;
        Expression data = null;
        byte[] value = null;
        while (a.next()) {
            switch (a.type()) {
                case NFTA_IMMEDIATE_DREG -> dreg = a.u32be();
                case NFTA_IMMEDIATE_DATA -> {
                    AttributeCursor d = a.nested(Wire.DATA_NAMES);
                    while (d.next()) {
                        switch (d.type()) {
                            case Wire.NFTA_DATA_VALUE -> value = d.bytes();
                            case Wire.NFTA_DATA_VERDICT -> data = Verdict.decodeVerdict(d.nested(Wire.VERDICT_NAMES));
                            default -> throw Wire.NOT_MODELED;
                        }
                    }
                }
                default -> throw Wire.NOT_MODELED;
            }
        }
        try {
            if (dreg == Expressions.REG_VERDICT && data != null && value == null) {
                return data;
            }
            if (dreg > 0 && value != null && data == null) {
                return new Immediate(dreg, value);
            }
        } catch (IllegalArgumentException e) {
            throw Wire.NOT_MODELED;
        }
        throw Wire.NOT_MODELED;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Immediate i && i.register == register && Arrays.equals(i.value, value);
    }

    @Override
    public int hashCode() {
        return register * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "Immediate[reg " + register + " 0x" + Wire.hex(value) + "]";
    }
}
