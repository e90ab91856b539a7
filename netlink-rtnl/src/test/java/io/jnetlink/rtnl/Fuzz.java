package io.jnetlink.rtnl;

import static org.junit.jupiter.api.Assertions.fail;

import io.jnetlink.core.MalformedMessageException;
import io.jnetlink.core.codec.Message;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Feeds random and mutated messages to a decoder: the only exception allowed out is
 * {@link MalformedMessageException} (never IndexOutOfBounds, NPE, IllegalArgument, a hang).
 */
public final class Fuzz {
    private Fuzz() {}

    /** Statistics of one run, so a test can check that the fuzzer reached the decoder at all. */
    public record Result(int decoded, int malformed, int skipped) {}

    /**
     * Runs {@code rounds} mutations of each seed message and as many random messages of
     * {@code type}, each into {@code decoder}.
     */
    public static Result run(long seed, int rounds, int type, List<byte[]> seeds, Function<Message, ?> decoder) {
        Random rnd = new Random(seed);
        int decoded = 0;
        int malformed = 0;
        int skipped = 0;
        for (int round = 0; round < rounds; round++) {
            for (byte[] s : seeds) {
                byte[] m = mutate(rnd, s);
                switch (feed(m, decoder, seed, round)) {
                    case 0 -> decoded++;
                    case 1 -> malformed++;
                    default -> skipped++;
                }
            }
            byte[] r = random(rnd, type);
            switch (feed(r, decoder, seed, round)) {
                case 0 -> decoded++;
                case 1 -> malformed++;
                default -> skipped++;
            }
        }
        return new Result(decoded, malformed, skipped);
    }

    private static int feed(byte[] bytes, Function<Message, ?> decoder, long seed, int round) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(Math.max(1, bytes.length), 8);
            MemorySegment.copy(bytes, 0, seg, ValueLayout.JAVA_BYTE, 0, bytes.length);
            seg = seg.asSlice(0, bytes.length);
            try {
                Object o = decoder.apply(Message.at(seg, 0));
                if (o != null) {
                    o.toString(); // records must print whatever they hold
                    o.hashCode();
                }
                return o != null ? 0 : 2;
            } catch (MalformedMessageException e) {
                return 1;
            } catch (RuntimeException | Error e) {
                fail("seed " + seed + " round " + round + ": decoder threw " + e + " for "
                        + java.util.HexFormat.of().formatHex(bytes), e);
                return -1;
            }
        }
    }

    private static byte[] mutate(Random rnd, byte[] s) {
        byte[] m = s.clone();
        int kind = rnd.nextInt(6);
        switch (kind) {
            case 0 -> { // flip a few bytes anywhere past the type field
                for (int i = rnd.nextInt(4) + 1; i > 0 && m.length > 16; i--) {
                    m[16 + rnd.nextInt(m.length - 16)] = (byte) rnd.nextInt(256);
                }
            }
            case 1 -> { // truncate, fixing nlmsg_len so the header still frames it
                int n = Math.max(16, rnd.nextInt(m.length + 1));
                m = java.util.Arrays.copyOf(m, n);
                setLen(m, n);
            }
            case 2 -> { // corrupt an attribute length (attributes start at 16 + fixed header)
                if (m.length > 32) {
                    int at = 16 + rnd.nextInt(m.length - 17) & ~3;
                    m[at] = (byte) rnd.nextInt(256);
                    m[at + 1] = (byte) (rnd.nextBoolean() ? 0 : rnd.nextInt(256));
                }
            }
            case 3 -> { // a wrong nlmsg_len
                setLen(m, rnd.nextInt(m.length + 64));
            }
            case 4 -> { // extend with random bytes
                int extra = rnd.nextInt(40);
                m = java.util.Arrays.copyOf(m, m.length + extra);
                for (int i = s.length; i < m.length; i++) {
                    m[i] = (byte) rnd.nextInt(256);
                }
                setLen(m, m.length);
            }
            default -> { // rewrite the fixed header
                for (int i = 16; i < Math.min(m.length, 28); i++) {
                    if (rnd.nextInt(3) == 0) {
                        m[i] = (byte) rnd.nextInt(256);
                    }
                }
            }
        }
        return m;
    }

    private static byte[] random(Random rnd, int type) {
        int n = 16 + rnd.nextInt(120);
        byte[] m = new byte[n];
        rnd.nextBytes(m);
        setLen(m, n);
        m[4] = (byte) type;
        m[5] = (byte) (type >> 8);
        if (n > 16 && rnd.nextBoolean()) {
            m[16] = (byte) (rnd.nextBoolean() ? 2 : 10); // a family the decoder goes on with
        }
        return m;
    }

    private static void setLen(byte[] m, int n) {
        if (m.length >= 4) {
            java.nio.ByteBuffer.wrap(m).order(java.nio.ByteOrder.nativeOrder()).putInt(0, n);
        }
    }
}
