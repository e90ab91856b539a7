package io.jnetlink.rtnl.tc;

/**
 * One 32-bit match of a u32 selector ({@code struct tc_u32_key}): the packet's word at
 * {@code offset} (from the network header), masked, must equal {@code value}. Value and mask are
 * the word as it is on the wire, read big-endian: {@code match ip dst 10.0.0.2/32} is value
 * {@code 0x0a000002}, mask {@code 0xffffffff}, offset 16.
 *
 * @param value   the value (big-endian reading of the wire bytes)
 * @param mask    the mask
 * @param offset  the offset in bytes, a multiple of 4
 * @param offmask tc's {@code offmask} for offsets relative to a next header (0 here)
 */
public record U32Key(int value, int mask, int offset, int offmask) {
    /** Checks the offset is word-aligned, as the kernel needs. */
    public U32Key {
        if (offset % 4 != 0) {
            throw new IllegalArgumentException("a u32 key's offset must be a multiple of 4, got " + offset);
        }
        value &= mask;
    }

    @Override
    public String toString() {
        return String.format("match %08x/%08x at %d", value, mask, offset);
    }
}
