package io.jnetlink.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Builder values encode and decode back to equal values; every statement kind has a sample. */
class RuleSpecTest {

    @Test
    void everySampleDecodesBackEqual() {
        for (var e : RuleSamples.ALL.entrySet()) {
            RuleSpec spec = e.getValue().spec();
            assertEquals(Optional.of(spec), RuleSpec.decode(Family.INET, spec.expressions(Family.INET)), e.getKey());
        }
    }

    @Test
    void ipFamilyTablesNeedNoNfprotoAndDecodeBack() {
        RuleSpec v4 = RuleSamples.ALL.get("addr4").spec();
        assertEquals(v4.expressions(Family.INET).size() - 2, v4.expressions(Family.IP).size());
        assertEquals(Optional.of(v4), RuleSpec.decode(Family.IP, v4.expressions(Family.IP)));
        RuleSpec v6 = RuleSamples.ALL.get("addr6").spec();
        assertEquals(Optional.of(v6), RuleSpec.decode(Family.IP6, v6.expressions(Family.IP6)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v6.expressions(Family.IP));
        assertTrue(e.getMessage().contains("ip6 saddr fd00::/64"), e.getMessage());
    }

    /**
     * Walks the sealed families: a statement kind without a sample (and so without a round trip) fails
     * here. Set lookups have theirs in {@link SetRuleSamples}.
     */
    @Test
    void everyStatementKindHasASample() {
        Set<Class<?>> seen = new HashSet<>();
        RuleSamples.ALL.values().forEach(s -> s.spec().statements().forEach(st -> seen.add(st.getClass())));
        SetRuleSamples.ALL.values().forEach(s -> s.spec().statements().forEach(st -> seen.add(st.getClass())));
        Set<Class<?>> kinds = new HashSet<>();
        for (Class<?> c : Statement.class.getPermittedSubclasses()) {
            if (c == Match.class) {
                kinds.addAll(Set.of(Match.class.getPermittedSubclasses()));
            } else {
                kinds.add(c);
            }
        }
        kinds.removeAll(seen);
        assertEquals(Set.of(), kinds, "statement kinds without a sample");
    }

    @Test
    void anL4protoBeforeItsOwnHeaderMatchIsTheDependency() {
        RuleSpec a = RuleSpec.of(Match.l4proto(6), Match.dport(Protocol.TCP, 80), Statement.accept());
        assertEquals("tcp dport 80 accept", a.toString());
        assertEquals(RuleSpec.of(Match.dport(Protocol.TCP, 80), Statement.accept()), a);
    }

    /** Spliced pieces of real rules: decoding gives a spec or empty, never an exception, and a spec re-encodes to the input. */
    @Test
    void decodingArbitraryExpressionListsNeverThrows() {
        java.util.Random random = new java.util.Random(17);
        List<List<io.jnetlink.nft.expr.Expression>> pieces = new java.util.ArrayList<>();
        RuleSamples.ALL.values().forEach(s -> pieces.add(s.spec().expressions(Family.INET)));
        for (int i = 0; i < 20_000; i++) {
            List<io.jnetlink.nft.expr.Expression> e = new java.util.ArrayList<>();
            int parts = 1 + random.nextInt(3);
            for (int p = 0; p < parts; p++) {
                List<io.jnetlink.nft.expr.Expression> src = pieces.get(random.nextInt(pieces.size()));
                int from = random.nextInt(src.size());
                e.addAll(src.subList(from, from + 1 + random.nextInt(src.size() - from)));
            }
            Family f = random.nextBoolean() ? Family.INET : Family.IP;
            Optional<RuleSpec> spec = RuleSpec.decode(f, e);
            if (spec.isPresent()) {
                assertEquals(e, spec.get().expressions(f), e + " decoded as " + spec.get());
            }
        }
    }

    @Test
    void badCombinationsFailWithTheRuleText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RuleSpec.of(Statement.RejectWith.tcpReset()));
        assertTrue(e.getMessage().contains("'reject with tcp reset'") && e.getMessage().contains("TCP match"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RuleSpec.of(Match.saddr("10.0.0.1"), Match.daddr("fd00::1"), Statement.drop()));
        assertTrue(e.getMessage().contains("already matched IPv4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RuleSpec.of(new Statement.Redirect(80, 0)));
        assertTrue(e.getMessage().contains("transport protocol match"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RuleSpec.of(Match.dport(Protocol.TCP, 1), Match.dport(Protocol.UDP, 2)));
        assertTrue(e.getMessage().contains("already matched protocol tcp"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Match.saddr("10.0.0.1/24"));
        assertThrows(IllegalArgumentException.class, () -> Match.saddr("0.0.0.0/0"));
        assertThrows(IllegalArgumentException.class, () -> Match.iifname("a-name-longer-than-15"));
    }
}
