package io.jnetlink.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jnetlink.core.codec.MessageWriter;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every sample of a rule that looks up a set or map, the batch the library sends (the named set
 * and then the rule, or the rule with its anonymous set) equals what nft 1.0.6 sent for the same
 * script ({@code nft -e -f}), sequence numbers and port ids masked, and for a named set's messages
 * the NLM_F_ECHO bit: {@code nft -e} asks an echo of every message, the library only of rules and
 * their anonymous sets. See golden/README.md ("set-rules/").
 */
class SetRuleGoldenTest {
    static List<String> samples() {
        return List.copyOf(SetRuleSamples.ALL.keySet());
    }

    @ParameterizedTest
    @MethodSource("samples")
    void batchEqualsNfts(String name) throws IOException {
        SetRuleSamples.Sample s = SetRuleSamples.ALL.get(name);
        byte[] expected = maskSetEcho(GoldenBytesTest.masked(GoldenBytesTest.golden("set-rules/" + name + ".hex")));
        Transaction tx = new Transaction(null);
        if (s.set() != null) {
            tx.addSet(s.set());
        }
        tx.addRule(s.spec().in(Family.INET, "t", s.chain()));
        byte[] actual;
        try (Arena arena = Arena.ofConfined()) {
            MessageWriter w = new MessageWriter(arena, 4096);
            tx.encode(w);
            actual = maskSetEcho(GoldenBytesTest.masked(w.toByteArray()));
        }
        assertEquals(HexFormat.of().formatHex(expected), HexFormat.of().formatHex(actual),
                name + ": " + SetRuleSamples.script(s));
    }

    /** Clears NLM_F_ECHO on NEWSET/NEWSETELEM messages of named sets (those not named __set%d/__map%d). */
    static byte[] maskSetEcho(byte[] batch) {
        ByteBuffer bb = ByteBuffer.wrap(batch).order(ByteOrder.nativeOrder());
        int pos = 0;
        while (pos + 16 <= batch.length) {
            int len = bb.getInt(pos);
            int type = bb.getShort(pos + 4) & 0xFFFF;
            boolean set = type == (10 << 8 | 9) || type == (10 << 8 | 12);
            String body = new String(batch, pos, len, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (set && !body.contains("__set%d") && !body.contains("__map%d")) {
                bb.putShort(pos + 6, (short) (bb.getShort(pos + 6) & ~0x8));
            }
            if (len < 16) {
                break;
            }
            pos += (len + 3) & ~3;
        }
        return batch;
    }

    /** The fixtures' command list names the same samples with the same scripts (no drift between them). */
    @Test
    void commandListMatchesTheSamples() throws IOException {
        try (var in = SetRuleGoldenTest.class.getResourceAsStream("/golden/set-rules/commands.txt")) {
            List<String> lines = in == null ? List.of() : new String(in.readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
            List<String> mine = SetRuleSamples.ALL.entrySet().stream()
                    .map(e -> e.getKey() + "|" + SetRuleSamples.script(e.getValue()).strip().replace("\n", "|"))
                    .toList();
            assertEquals(String.join("\n", mine), String.join("\n", lines));
        }
    }
}
