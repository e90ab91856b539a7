package io.jnetlink.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import io.jnetlink.nft.expr.Unknown;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rulesets in the shapes real projects generate (see the first lines of each file under
 * {@code corpus/}), loaded with {@code nft -f} into the test's namespace: the library lists them,
 * decodes every expression, and prints text equal to {@code nft list ruleset}'s, compared line by
 * line after trimming each line's leading and trailing whitespace (nothing else is normalised).
 */
@KernelTest
class CorpusKernelTest {
    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    private static String resource(String name) throws IOException {
        try (InputStream in = CorpusKernelTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> lines(String text) {
        return Arrays.stream(text.split("\n", -1)).map(String::strip).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"debian-nftables.conf", "docker-nat.nft", "kube-proxy.nft", "firewalld.nft", "more-shapes.nft"})
    void rendersAsNftListsIt(String file) throws IOException {
        String corpus = resource("/corpus/" + file);
        assertTrue(corpus.lines().limit(3).anyMatch(l -> l.startsWith("# Shape: ")), "the file names its source");
        rendersLikeNft(file, corpus);
    }

    private void rendersLikeNft(String file, String corpus) {
        NetworkNamespace ns = namespaces.create("corpus");
        NftOracle.load(ns.name(), corpus);
        Ruleset ruleset = NfTables.in(ns).ruleset();
        assertFalse(ruleset.rules().isEmpty() && ruleset.chains().isEmpty(), "the corpus loaded something");
        assertTrue(ruleset.rules().stream().flatMap(r -> r.expressions().stream()).noneMatch(e -> e instanceof Unknown),
                "every expression decoded into its record");
        String nft = Sh.inNs(ns.name(), "nft", "list", "ruleset").ok().out();
        List<String> expected = lines(nft);
        List<String> got = lines(ruleset.text());
        for (int i = 0; i < Math.min(expected.size(), got.size()); i++) {
            assertEquals(expected.get(i), got.get(i), file + ": line " + (i + 1) + " differs");
        }
        assertEquals(expected, got, file + ": the line counts differ");
    }
}
