package io.jnetlink.rtnl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.MessageWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Golden requests captured from iproute2 (see src/test/resources/golden/README.md): loads the hex
 * and compares it with what an encoder writes, sequence number and port id masked.
 */
public final class Golden {
    private Golden() {}

    /** The bytes of golden file {@code name} (without ".hex"); '#' lines are notes. */
    public static byte[] load(String name) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + name + ".hex")) {
            if (in == null) {
                throw new AssertionError("no golden file " + name + ".hex");
            }
            StringBuilder hex = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (!line.startsWith("#")) {
                    hex.append(line.replaceAll("\\s+", ""));
                }
            }
            return HexFormat.of().parseHex(hex);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code encoder} writes into a fresh writer. */
    public static byte[] encode(Consumer<MessageWriter> encoder) {
        try (Arena arena = Arena.ofConfined()) {
            MessageWriter w = new MessageWriter(arena, 256);
            encoder.accept(w);
            return w.toByteArray();
        }
    }

    /** {@code decoder} applied to the message in {@code bytes} (copied into native memory, as the kernel's would be). */
    public static <T> T decode(byte[] bytes, Function<Message, T> decoder) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(bytes.length, 8);
            MemorySegment.copy(bytes, 0, seg, ValueLayout.JAVA_BYTE, 0, bytes.length);
            return decoder.apply(Message.at(seg, 0));
        }
    }

    /** Asserts that {@code encoder} writes golden file {@code name}, nlmsg_seq and nlmsg_pid masked. */
    public static void assertMatches(String name, Consumer<MessageWriter> encoder) {
        byte[] want = mask(load(name));
        byte[] got = mask(encode(encoder));
        assertEquals(dump(want), dump(got), "request differs from iproute2's " + name + ".hex");
    }

    private static byte[] mask(byte[] b) {
        byte[] c = b.clone();
        for (int i = 8; i < 16 && i < c.length; i++) {
            c[i] = 0;
        }
        return c;
    }

    private static String dump(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < b.length; i += 16) {
            sb.append(String.format("%04x ", i));
            sb.append(HexFormat.ofDelimiter(" ").formatHex(b, i, Math.min(b.length, i + 16))).append('\n');
        }
        return sb.toString();
    }
}
