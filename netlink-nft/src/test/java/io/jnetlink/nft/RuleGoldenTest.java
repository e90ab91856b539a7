package io.jnetlink.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jnetlink.core.codec.MessageWriter;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every builder sample, the batch the library sends to add the rule equals, byte for byte
 * (sequence numbers and port ids masked), what nft 1.0.6 sent for the rule's text; see
 * golden/README.md ("rules/").
 */
class RuleGoldenTest {

    static List<String> samples() {
        return List.copyOf(RuleSamples.ALL.keySet());
    }

    @ParameterizedTest
    @MethodSource("samples")
    void batchEqualsNfts(String name) throws IOException {
        RuleSamples.Sample s = RuleSamples.ALL.get(name);
        byte[] expected = GoldenBytesTest.masked(GoldenBytesTest.golden("rules/" + name + ".hex"));
        Transaction tx = new Transaction(null).addRule(s.spec().in(Family.INET, "t", s.chain()));
        byte[] actual;
        try (Arena arena = Arena.ofConfined()) {
            MessageWriter w = new MessageWriter(arena, 4096);
            tx.encode(w);
            actual = GoldenBytesTest.masked(w.toByteArray());
        }
        assertEquals(HexFormat.of().formatHex(expected), HexFormat.of().formatHex(actual), name + ": " + s.spec());
    }

    /** The fixtures' command list names the same samples with the same text (no drift between them). */
    @Test
    void commandListMatchesTheSamples() throws IOException {
        try (var in = RuleGoldenTest.class.getResourceAsStream("/golden/rules/commands.txt")) {
            List<String> lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank()).toList();
            List<String> mine = RuleSamples.ALL.entrySet().stream()
                    .map(e -> e.getKey() + "|" + e.getValue().chain() + "|" + e.getValue().spec()).toList();
            assertEquals(mine, lines);
        }
    }
}
