package io.jnetlink.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.Netlink;
import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.socket.NetlinkSocket;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.TestNamespaces;
import io.jnetlink.nft.expr.Expression;
import io.jnetlink.nft.expr.Expressions;
import io.jnetlink.nft.expr.Lookup;
import io.jnetlink.nft.expr.Unknown;
import io.jnetlink.nft.expr.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rulesets written by {@code nft -f} (sets, maps, verdict maps, jumps, ct, limit, log, reject,
 * quotas, dynamic sets, ...) decode without an exception, no expression goes missing, and the
 * tables, chains and rules agree with {@code nft -j list ruleset}.
 */
@KernelTest
class RulesetDecodeKernelTest {
    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    private static String resource(String name) throws IOException {
        try (InputStream in = RulesetDecodeKernelTest.class.getResourceAsStream("/rulesets/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"firewall-and-nat.nft", "objects-and-dynamic-sets.nft"})
    void rulesetDecodesAndAgreesWithNft(String file) throws IOException {
        NetworkNamespace ns = namespaces.create("rs");
        NftOracle.load(ns.name(), resource(file));
        NfTables nft = NfTables.in(ns);

        Set<String> myTables = nft.tables().stream().map(t -> t.family() + " " + t.name())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> nftTables = NftOracle.objects(ns.name(), "table").stream()
                .map(t -> t.get("family") + " " + t.get("name")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(nftTables, myTables);

        List<String> myChains = new ArrayList<>();
        for (ChainInfo c : nft.chains()) {
            String base = c.isBase() ? " type=" + c.type() + " prio=" + c.priority() + " policy="
                    + c.policy().name().toLowerCase() + (c.hook() != null ? " hook=" + c.hook().name().toLowerCase()
                    : "") : "";
            if (c.family() == Family.NETDEV) {
                assertEquals("lo", c.device(), "the device the ruleset names (nft 1.0.6 -j does not show it)");
            }
            myChains.add(c.family() + " " + c.table() + " " + c.name() + base);
        }
        List<String> nftChains = new ArrayList<>();
        for (Map<String, Object> c : NftOracle.objects(ns.name(), "chain")) {
            String base = "";
            if (c.containsKey("hook")) {
                boolean inetHooks = !"netdev".equals(c.get("family")) && !"arp".equals(c.get("family"));
                base = " type=" + c.get("type") + " prio=" + c.get("prio") + " policy=" + c.get("policy")
                        + (inetHooks ? " hook=" + c.get("hook") : "");
            }
            nftChains.add(c.get("family") + " " + c.get("table") + " " + c.get("name") + base);
        }
        assertEquals(new TreeSet<>(nftChains), new TreeSet<>(myChains));
        assertEquals(nftChains.size(), myChains.size());

        List<RuleInfo> rules = nft.rules();
        Set<String> myRules = rules.stream().map(r -> r.family() + " " + r.table() + " " + r.chain() + " " + r.handle())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> nftRules = NftOracle.objects(ns.name(), "rule").stream()
                .map(r -> r.get("family") + " " + r.get("table") + " " + r.get("chain") + " " + r.get("handle"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(nftRules, myRules);
        assertEquals(nftRules.size(), rules.size());

        // No expression vanished: count the list elements in the kernel's raw messages.
        List<Integer> rawCounts = rawExpressionCounts(ns);
        assertEquals(rawCounts, rules.stream().map(r -> r.expressions().size()).toList());

        // Re-encoding what was decoded and decoding again gives the same records (Unknown is lossless).
        for (RuleInfo r : rules) {
            assertEquals(r.expressions(), reencode(r.expressions()), r.toString());
        }
    }

    @Test
    void modeledAndUnknownExpressionsShowUp() throws IOException {
        NetworkNamespace ns = namespaces.create("rs-kinds");
        NftOracle.load(ns.name(), resource("firewall-and-nat.nft"));
        List<Expression> all = NfTables.in(ns).rules().stream().flatMap(r -> r.expressions().stream()).toList();
        Set<String> modeled = all.stream().filter(e -> !(e instanceof Unknown)).map(Expression::kind)
                .collect(Collectors.toSet());
        assertTrue(modeled.containsAll(Set.of("ct", "limit", "log", "reject")), modeled.toString());
        assertTrue(all.stream().anyMatch(e -> e instanceof Lookup l && l.set().equals("blocked")), "set lookup");
        assertTrue(all.stream().anyMatch(e -> e instanceof Lookup l && l.destination() == Expressions.REG_VERDICT),
                "verdict map lookup");
        assertTrue(all.contains(Verdict.jump("web")), "jump web");
        assertTrue(all.stream().anyMatch(e -> e instanceof io.jnetlink.nft.expr.NatExpr n
                && n.type() == io.jnetlink.nft.expr.NatExpr.Type.SNAT), "snat");
    }

    /**
     * Attributes the records do not model (comments are NFTA_*_USERDATA, chain flags) are kept in
     * {@code unknown()}, as received, instead of vanishing.
     */
    @Test
    void unmodeledTableAndChainAttributesAreKept() {
        NetworkNamespace ns = namespaces.create("rs-unk");
        NftOracle.load(ns.name(), """
                table inet keep {
                    comment "table-note"
                    chain c {
                        comment "chain-note"
                        counter accept
                    }
                }
                """);
        NfTables nft = NfTables.in(ns);
        TableInfo t = nft.tables().stream().filter(x -> x.name().equals("keep")).findFirst().orElseThrow();
        assertTrue(t.unknown().stream().anyMatch(r -> r.type() == 6 && contains(r.value(), "table-note")),
                "NFTA_TABLE_USERDATA kept: " + t.unknown());
        ChainInfo c = nft.chains(Family.INET, "keep").getFirst();
        assertTrue(c.unknown().stream().anyMatch(r -> r.type() == 12 && contains(r.value(), "chain-note")),
                "NFTA_CHAIN_USERDATA kept: " + c.unknown());
        // the oracle agrees that these are the comments nft wrote (nft 1.0.6 -j omits table comments)
        String text = io.jnetlink.core.testing.Sh.inNs(ns.name(), "nft", "list", "table", "inet", "keep").ok().out();
        assertTrue(text.contains("comment \"table-note\"") && text.contains("comment \"chain-note\""), text);
    }

    private static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
    }

    private static List<Expression> reencode(List<Expression> exprs) {
        try (Arena arena = Arena.ofConfined()) {
            var w = new io.jnetlink.core.codec.MessageWriter(arena, 4096);
            w.begin(0x10 << 8, 0);
            Expressions.writeList(w, 4, exprs);
            w.end();
            MemorySegment seg = w.written();
            Message m = Message.at(seg, 0);
            AttributeCursor a = m.attributes(0, AttrNames.numbered("T"));
            a.next();
            return Expressions.readList(a);
        }
    }

    private static List<Integer> rawExpressionCounts(NetworkNamespace ns) {
        NetlinkSocket s = ns.socket(Netlink.NETLINK_NETFILTER);
        List<Integer> counts = new ArrayList<>();
        s.dump("raw rule dump", w -> {
            w.begin(10 << 8 | 7, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP);
            w.u8(0).u8(0).u16be(0);
            w.end();
        }, m -> {
            if (m.type() != (10 << 8 | 6)) {
                return;
            }
            int n = 0;
            AttributeCursor a = m.attributes(4, AttrNames.numbered("NFTA_RULE"));
            while (a.next()) {
                if (a.type() == 4) {
                    AttributeCursor l = a.nested(AttrNames.numbered("NFTA_LIST"));
                    while (l.next()) {
                        n++;
                    }
                }
            }
            counts.add(n);
        });
        return counts;
    }
}
