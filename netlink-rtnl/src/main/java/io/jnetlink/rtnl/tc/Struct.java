package io.jnetlink.rtnl.tc;

import io.jnetlink.core.codec.AttributeCursor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A fixed C struct carried as an attribute's payload ({@code struct tc_tbf_qopt},
 * {@code struct tc_u32_sel}, ...), copied out and read by offset. Construction checks the size, so
 * a short payload is a malformed message naming the struct and the attribute path.
 */
final class Struct {
    private final ByteBuffer b;
    private final ByteBuffer be;

    private Struct(byte[] bytes) {
        this.b = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
        this.be = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
    }

    /** The current attribute's payload as {@code what}, which needs at least {@code min} bytes. */
    static Struct of(AttributeCursor a, int min, String what) {
        if (a.length() < min) {
            throw a.malformed(what + " (" + min + " bytes) expected, got " + a.length() + " bytes");
        }
        return new Struct(a.bytes());
    }

    int length() {
        return b.capacity();
    }

    int u8(int off) {
        return b.get(off) & 0xFF;
    }

    int u16(int off) {
        return b.getShort(off) & 0xFFFF;
    }

    int s16(int off) {
        return b.getShort(off);
    }

    int be16(int off) {
        return be.getShort(off) & 0xFFFF;
    }

    int s32(int off) {
        return b.getInt(off);
    }

    long u32(int off) {
        return b.getInt(off) & 0xFFFF_FFFFL;
    }

    int be32(int off) {
        return be.getInt(off);
    }

    byte[] bytes(int off, int len) {
        byte[] out = new byte[len];
        b.get(off, out);
        return out;
    }
}
