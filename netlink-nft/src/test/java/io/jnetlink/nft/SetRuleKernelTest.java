package io.jnetlink.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.TestNamespaces;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every sample of a rule that looks up a set or map, added by the library (with its named set in the
 * same transaction), is what nft makes of the same script: {@code nft -j list ruleset} of the
 * library's namespace equals that of one where {@code nft -f} ran the scripts, {@code nft -s list}
 * prints each rule as the spec renders it, and each rule read back (with its table's sets, for the
 * anonymous ones) decodes into an equal spec.
 */
@KernelTest
class SetRuleKernelTest {
    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    @Test
    void libraryLookupsAreNftsLookups() {
        NetworkNamespace mine = namespaces.create("sr-lib");
        NetworkNamespace theirs = namespaces.create("sr-nft");
        NftOracle.load(mine.name(), SetRuleSamples.TABLE);
        StringBuilder script = new StringBuilder(SetRuleSamples.TABLE);
        Transaction tx = NfTables.in(mine).transaction();
        for (SetRuleSamples.Sample s : SetRuleSamples.ALL.values()) {
            if (s.set() != null) {
                tx.addSet(s.set());
            }
            tx.addRule(s.spec().in(Family.INET, "t", s.chain()));
            script.append(SetRuleSamples.script(s));
        }
        tx.commit();
        NftOracle.load(theirs.name(), script.toString());

        assertEquals(NftOracle.ruleset(theirs.name()), NftOracle.ruleset(mine.name()), "nft -j list ruleset");

        for (String chain : List.of("c", "pre")) {
            List<String> want = SetRuleSamples.ALL.values().stream().filter(s -> s.chain().equals(chain))
                    .map(s -> s.spec().toString()).toList();
            List<String> got = RuleBuilderKernelTest.listed(mine, chain);
            assertEquals(want, got, "nft -s list chain inet t " + chain);
        }

        NfTables nft = NfTables.in(mine);
        List<SetInfo> sets = nft.sets(Family.INET, "t");
        List<RuleInfo> rules = nft.rules(Family.INET, "t");
        List<Optional<RuleSpec>> want = new ArrayList<>();
        for (String chain : List.of("c", "pre")) {
            SetRuleSamples.ALL.values().stream().filter(s -> s.chain().equals(chain))
                    .forEach(s -> want.add(Optional.of(s.spec())));
        }
        assertEquals(want.size(), rules.size());
        for (int i = 0; i < rules.size(); i++) {
            assertEquals(want.get(i), RuleSpec.decode(rules.get(i), sets), "rule " + i + ": " + rules.get(i).expressions());
        }
    }
}
