package io.jnetlink.core.codec;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An attribute copied out as it was received, kept when a decoder does not model its type so that
 * nothing the kernel said is silently dropped.
 *
 * @param type  the attribute type including its flag bits
 * @param value the payload bytes
 */
public record RawAttribute(int type, byte[] value) {
    /**
     * An attribute; {@code value} is copied.
     *
     * @param type the attribute type including its flag bits
     * @param value the payload bytes
     */
    public RawAttribute {
        value = value.clone();
    }

    /** {@return the payload bytes (a copy)} */
    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawAttribute r && r.type == type && Arrays.equals(r.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "RawAttribute[type=" + (type & Netlink.NLA_TYPE_MASK) + ", value=" + HexFormat.of().formatHex(value) + "]";
    }
}
