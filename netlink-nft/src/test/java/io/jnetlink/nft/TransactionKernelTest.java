package io.jnetlink.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.Errno;
import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.TestNamespaces;
import io.jnetlink.nft.expr.Cmp;
import io.jnetlink.nft.expr.Counter;
import io.jnetlink.nft.expr.Expression;
import io.jnetlink.nft.expr.Expressions;
import io.jnetlink.nft.expr.Masq;
import io.jnetlink.nft.expr.Meta;
import io.jnetlink.nft.expr.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Transactions against the kernel: atomic, handles learned, errors mapped to the call that caused them. */
@KernelTest
class TransactionKernelTest {
    private static final String THEIRS = """
            table ip theirs {
                chain input {
                    type filter hook input priority 0; policy accept;
                    tcp dport 22 counter accept
                }
            }
            """;

    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    @Test
    void oneInvalidRuleChangesNothingAndIsNamed() {
        NetworkNamespace ns = namespaces.create("tx-bad");
        NftOracle.load(ns.name(), THEIRS);
        List<Object> before = NftOracle.ruleset(ns.name());

        Transaction tx = NfTables.in(ns).transaction()
                .createTable(Table.of(Family.INET, "mine"))
                .createChain(Chain.regular(Family.INET, "mine", "c"))
                .addRule(Rule.of(Family.INET, "mine", "c", Counter.zero(), Verdict.accept()).describedAs("count all"))
                .addRule(Rule.of(Family.INET, "mine", "c", Verdict.jump("nosuch")).describedAs("jump to a missing chain"))
                .deleteTable(Family.IP, "theirs");
        TransactionException e = assertThrows(TransactionException.class, tx::commit);

        assertEquals(NftOracle.ruleset(ns.name()), before, "nothing applied");
        assertEquals(3, e.failedIndex(), e.getMessage());
        assertTrue(e.failedCall().contains("jump to a missing chain"), e.failedCall());
        assertEquals(Errno.ENOENT, e.errno());
        assertTrue(e.getMessage().contains("call #4 of 5"), e.getMessage());
        assertTrue(e.getMessage().contains("jump to a missing chain"), e.getMessage());
        assertTrue(e.getMessage().contains(Errno.ENOENT.message()), e.getMessage());
    }

    @Test
    void natInAFilterChainIsRefusedWithTheKernelsReason() {
        NetworkNamespace ns = namespaces.create("tx-nat");
        List<Object> before = NftOracle.ruleset(ns.name());
        Transaction tx = NfTables.in(ns).transaction()
                .createTable(Table.of(Family.INET, "mine"))
                .createChain(Chain.base(Family.INET, "mine", "out", ChainType.FILTER, Hook.POSTROUTING, 0))
                .addRule(Rule.of(Family.INET, "mine", "out", Masq.plain()).describedAs("masquerade in a filter chain"));
        TransactionException e = assertThrows(TransactionException.class, tx::commit);
        assertEquals(NftOracle.ruleset(ns.name()), before, "nothing applied");
        assertEquals(2, e.failedIndex(), e.getMessage());
        assertTrue(e.getMessage().contains("masquerade in a filter chain"), e.getMessage());
        assertEquals(Errno.EOPNOTSUPP, e.errno(), e.getMessage());
    }

    @Test
    void handlesAreLearnedAndRulesListedAndDeleted() {
        NetworkNamespace ns = namespaces.create("tx-ok");
        NfTables nft = NfTables.in(ns);
        List<Expression> lo = List.of(new Meta(Meta.Key.IIFNAME, Expressions.REG_1),
                Cmp.eq(Expressions.REG_1, java.util.Arrays.copyOf("lo".getBytes(), 16)), Verdict.accept());
        Transaction.Committed done = nft.transaction()
                .createTable(Table.of(Family.IP6, "t6"))
                .createChain(Chain.base(Family.IP6, "t6", "in", ChainType.FILTER, Hook.INPUT, -5)
                        .withPolicy(Policy.DROP))
                .createChain(Chain.regular(Family.IP6, "t6", "sub"))
                .addRule(new Rule(Family.IP6, "t6", "in", lo, null))
                .addRule(Rule.of(Family.IP6, "t6", "in", Counter.zero(), Verdict.jump("sub")))
                .addRule(Rule.of(Family.IP6, "t6", "sub", Verdict.ret()))
                .commit();
        List<Long> handles = done.ruleHandles();
        assertEquals(3, handles.size());
        List<Map<String, Object>> oracle = NftOracle.rules(ns.name(), "ip6", "t6");
        assertEquals(oracle.stream().map(r -> r.get("handle")).toList(), handles);
        assertEquals(Map.of("family", "ip6", "table", "t6", "name", "in", "handle", NftOracle.objects(ns.name(), "chain")
                .getFirst().get("handle"), "type", "filter", "hook", "input", "prio", -5L, "policy", "drop"),
                NftOracle.objects(ns.name(), "chain").getFirst());

        List<RuleInfo> rules = nft.rules(Family.IP6, "t6");
        assertEquals(handles, rules.stream().map(RuleInfo::handle).toList());
        assertEquals(lo, rules.getFirst().expressions());
        assertEquals(List.of(Verdict.ret()), rules.get(2).expressions());
        ChainInfo in = nft.chains(Family.IP6, "t6").stream().filter(c -> c.name().equals("in")).findFirst().orElseThrow();
        assertEquals(Hook.INPUT, in.hook());
        assertEquals(-5, in.priority());
        assertEquals(Policy.DROP, in.policy());
        assertEquals("filter", in.type());

        nft.deleteRule(Family.IP6, "t6", "in", handles.get(1));
        assertEquals(List.of(handles.get(0)), NftOracle.rules(ns.name(), "ip6", "t6").stream()
                .filter(r -> r.get("chain").equals("in")).map(r -> r.get("handle")).toList());
        nft.deleteChain(Family.IP6, "t6", "sub");
        assertNotEquals(List.of(), NftOracle.objects(ns.name(), "table"));
        nft.deleteTable(Family.IP6, "t6");
        assertEquals(List.of(), NftOracle.objects(ns.name(), "table"));
    }

    @Test
    void thousandsOfRulesInOneBatchAllGetTheirHandles() {
        NetworkNamespace ns = namespaces.create("tx-many");
        NfTables nft = NfTables.in(ns);
        Transaction tx = nft.transaction()
                .createTable(Table.of(Family.INET, "big"))
                .createChain(Chain.regular(Family.INET, "big", "c"));
        int n = 3000;
        for (int i = 0; i < n; i++) {
            byte[] port = {(byte) (i >>> 8), (byte) i};
            tx.addRule(Rule.of(Family.INET, "big", "c", new Meta(Meta.Key.L4PROTO, Expressions.REG_1),
                    Cmp.eq(Expressions.REG_1, new byte[] {6}),
                    io.jnetlink.nft.expr.Payload.destinationPort(Expressions.REG_1),
                    Cmp.eq(Expressions.REG_1, port), Counter.zero(), Verdict.accept()));
        }
        List<Long> handles = tx.commit().ruleHandles();
        assertEquals(n, handles.size());
        assertEquals(NftOracle.rules(ns.name(), "inet", "big").stream().map(r -> r.get("handle")).toList(), handles);
        assertEquals(n, nft.rules(Family.INET, "big").size());
    }

    @Test
    void deletingAMissingRuleNamesTheHandle() {
        NetworkNamespace ns = namespaces.create("tx-miss");
        NfTables nft = NfTables.in(ns);
        nft.createTable(Table.of(Family.INET, "t"));
        nft.createChain(Chain.regular(Family.INET, "t", "c"));
        TransactionException e = assertThrows(TransactionException.class,
                () -> nft.deleteRule(Family.INET, "t", "c", 999));
        assertTrue(e.getMessage().contains("handle 999"), e.getMessage());
        assertEquals(Errno.ENOENT, e.errno());
    }
}
