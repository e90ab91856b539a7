package io.jnetlink.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every builder sample, added by the library, is what nft makes of the same text: {@code nft -j list
 * ruleset} of a namespace where the library added them equals that of one where {@code nft -f} did,
 * {@code nft -s list} prints each rule as the spec renders it, and each rule read back from the
 * kernel decodes into an equal spec.
 */
@KernelTest
class RuleBuilderKernelTest {
    static final String TABLE = """
            table inet t {
             chain c {
             }
             chain other {
             }
             chain nat {
              type nat hook postrouting priority srcnat; policy accept;
             }
             chain pre {
              type nat hook prerouting priority dstnat; policy accept;
             }
            }
            """;

    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    @Test
    void libraryRulesAreNftsRules() {
        NetworkNamespace mine = namespaces.create("rb-lib");
        NetworkNamespace theirs = namespaces.create("rb-nft");
        NftOracle.load(mine.name(), TABLE);
        StringBuilder script = new StringBuilder(TABLE);
        Transaction tx = NfTables.in(mine).transaction();
        for (var e : RuleSamples.ALL.entrySet()) {
            RuleSamples.Sample s = e.getValue();
            tx.addRule(s.spec().in(Family.INET, "t", s.chain()));
            script.append("add rule inet t ").append(s.chain()).append(' ').append(s.spec()).append('\n');
        }
        tx.commit();
        NftOracle.load(theirs.name(), script.toString());

        assertEquals(NftOracle.ruleset(theirs.name()), NftOracle.ruleset(mine.name()), "nft -j list ruleset");

        for (String chain : List.of("c", "nat", "pre")) {
            List<String> want = RuleSamples.ALL.values().stream().filter(s -> s.chain().equals(chain))
                    .map(s -> s.spec().toString()).toList();
            assertEquals(want, listed(mine, chain), "nft -s list chain inet t " + chain);
        }

        List<RuleInfo> rules = NfTables.in(mine).rules(Family.INET, "t");
        List<Optional<RuleSpec>> back = new ArrayList<>();
        for (RuleInfo r : rules) {
            back.add(RuleSpec.decode(r));
        }
        List<Optional<RuleSpec>> want = new ArrayList<>();
        for (String chain : List.of("c", "nat", "pre")) { // the dump lists chains in creation order
            RuleSamples.ALL.values().stream().filter(s -> s.chain().equals(chain))
                    .forEach(s -> want.add(Optional.of(s.spec())));
        }
        assertEquals(want.size(), back.size());
        for (int i = 0; i < want.size(); i++) {
            assertEquals(want.get(i), back.get(i), "rule " + i + ": " + rules.get(i).expressions());
        }
    }

    /** The rule lines of one chain as {@code nft -s list} prints them (no counter values). */
    static List<String> listed(NetworkNamespace ns, String chain) {
        String out = Sh.inNs(ns.name(), "nft", "-s", "list", "chain", "inet", "t", chain).ok().out();
        List<String> lines = new ArrayList<>();
        for (String l : out.split("\n")) {
            String t = l.strip();
            if (t.isEmpty() || t.startsWith("table ") || t.startsWith("chain ") || t.equals("}")
                    || t.startsWith("type ")) {
                continue;
            }
            lines.add(t);
        }
        return lines;
    }

}
