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
 * For every set sample, the batch the library sends to create the set with its elements equals,
 * byte for byte (sequence numbers and port ids masked), what nft 1.0.6 sent for the sample's
 * declaration ({@code nft add set|map inet t NAME { ... }}); see golden/README.md ("sets/").
 */
class SetGoldenTest {

    static List<String> samples() {
        return List.copyOf(SetSamples.ALL.keySet());
    }

    /** The nft command that declares {@code s}: its listing text on one line. */
    static String command(SetSpec s) {
        List<String> lines = s.toString().replace(",\n\t\t\t     ", ", ").lines().map(String::strip).toList();
        return "add " + (s.isMap() ? "map" : "set") + " inet t " + s.name() + " { "
                + String.join("; ", lines.subList(1, lines.size() - 1)) + "; }";
    }

    @ParameterizedTest
    @MethodSource("samples")
    void batchEqualsNfts(String name) throws IOException {
        SetSpec s = SetSamples.ALL.get(name);
        byte[] expected = GoldenBytesTest.masked(GoldenBytesTest.golden("sets/" + name + ".hex"));
        Transaction tx = new Transaction(null).addSet(s);
        byte[] actual;
        try (Arena arena = Arena.ofConfined()) {
            MessageWriter w = new MessageWriter(arena, 4096);
            tx.encode(w);
            actual = GoldenBytesTest.masked(w.toByteArray());
        }
        assertEquals(HexFormat.of().formatHex(expected), HexFormat.of().formatHex(actual), name + ": " + command(s));
    }

    /** The fixtures' command list names the same samples with the same text (no drift between them). */
    @Test
    void commandListMatchesTheSamples() throws IOException {
        try (var in = SetGoldenTest.class.getResourceAsStream("/golden/sets/commands.txt")) {
            List<String> lines = in == null ? List.of() : new String(in.readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
            List<String> mine = SetSamples.ALL.values().stream().map(s -> s.name() + "|" + command(s)).toList();
            assertEquals(String.join("\n", mine), String.join("\n", lines));
        }
    }
}
