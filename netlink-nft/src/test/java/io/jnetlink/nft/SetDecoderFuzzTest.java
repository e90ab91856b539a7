package io.jnetlink.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.jnetlink.core.MalformedMessageException;
import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.RawAttribute;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated NEWSET and NEWSETELEM messages (nft's own, from the set fixtures): the set
 * decoder, the element decoder, folding the elements in the set's type and rendering the set as
 * nft does either work or throw {@link MalformedMessageException}; never an IndexOutOfBounds, NPE,
 * IllegalArgument or a hang.
 */
class SetDecoderFuzzTest {
    private static final int ROUNDS = 20_000;

    /** {NEWSET, NEWSETELEM or null} of every set fixture. */
    private static List<byte[][]> seeds() throws IOException {
        List<byte[][]> seeds = new ArrayList<>();
        for (String name : SetSamples.ALL.keySet()) {
            byte[] batch = GoldenBytesTest.golden("sets/" + name + ".hex");
            ByteBuffer bb = ByteBuffer.wrap(batch).order(ByteOrder.nativeOrder());
            int setLen = bb.getInt(20);
            byte[] set = Arrays.copyOfRange(batch, 20, 20 + setLen);
            int at = 20 + ((setLen + 3) & ~3);
            int elemLen = bb.getInt(at);
            int type = bb.getShort(at + 4) & 0xFF;
            byte[] elems = type == SetWire.NFT_MSG_NEWSETELEM ? Arrays.copyOfRange(batch, at, at + elemLen) : null;
            seeds.add(new byte[][] {set, elems});
        }
        return seeds;
    }

    private static SetInfo decode(byte[] set, byte[] elems) {
        try (Arena arena = Arena.ofConfined()) {
            SetInfo s = SetInfo.decode(view(arena, set));
            if (s == null || elems == null) {
                return s;
            }
            List<SetInfo.RawElement> raw = new ArrayList<>();
            List<RawAttribute> unknown = new ArrayList<>();
            SetInfo.decodeElements(view(arena, elems), raw, unknown);
            SetInfo full = s.withElements(s.fold(raw), unknown);
            full.toString();
            full.text(true);
            return full;
        }
    }

    private static Message view(Arena arena, byte[] msg) {
        MemorySegment seg = arena.allocate(Math.max(msg.length, 1));
        MemorySegment.copy(msg, 0, seg, ValueLayout.JAVA_BYTE, 0, msg.length);
        return Message.at(seg.asSlice(0, msg.length), 0);
    }

    @Test
    void seedsDecodeToTheSamples() throws IOException {
        List<byte[][]> seeds = seeds();
        List<SetSpec> samples = List.copyOf(SetSamples.ALL.values());
        for (int i = 0; i < seeds.size(); i++) {
            SetInfo s = decode(seeds.get(i)[0], seeds.get(i)[1]);
            assertNotNull(s);
            // what nft sends decodes into the sample's spec (elements as nft lists them)
            assertEquals(samples.get(i), s.spec(), samples.get(i).name());
        }
    }

    @Test
    void mutatedMessagesOnlyEverRaiseMalformed() throws IOException {
        Random rnd = new Random(20261202L);
        List<byte[][]> seeds = seeds();
        int decoded = 0;
        int malformed = 0;
        for (int i = 0; i < ROUNDS; i++) {
            byte[][] seed = seeds.get(rnd.nextInt(seeds.size()));
            byte[] set = seed[0].clone();
            byte[] elems = seed[1] != null ? seed[1].clone() : null;
            if (elems != null && rnd.nextBoolean()) {
                elems = RuleDecoderFuzzTest.mutate(rnd, elems);
            } else {
                set = RuleDecoderFuzzTest.mutate(rnd, set);
            }
            try {
                decode(set, elems);
                decoded++;
            } catch (MalformedMessageException e) {
                malformed++;
            } catch (RuntimeException e) {
                throw new AssertionError("round " + i + " on " + java.util.HexFormat.of().formatHex(set) + " / "
                        + (elems != null ? java.util.HexFormat.of().formatHex(elems) : "-") + ": " + e, e);
            }
        }
        assertEquals(ROUNDS, decoded + malformed);
    }
}
