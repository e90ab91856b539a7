package io.jnetlink.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every set sample, created by the library, is what nft makes of the same declaration: {@code nft -j
 * list ruleset} of a namespace where the library created them equals that of one where {@code nft
 * -f} did; each set the library reads back renders exactly as {@code nft list set} prints it and
 * decodes into a spec equal to the sample; elements added and deleted in one transaction show in
 * nft's listing.
 */
@KernelTest
class SetKernelTest {
    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    /** The ruleset of the samples as an nft script: each sample's text is its declaration. */
    static String script() {
        StringBuilder sb = new StringBuilder("table inet t {\n");
        for (SetSpec s : SetSamples.ALL.values()) {
            sb.append(s);
        }
        return sb.append(SetSamples.TABLE.substring("table inet t {\n".length())).toString();
    }

    @Test
    void librarySetsAreNftsSets() {
        NetworkNamespace mine = namespaces.create("set-lib");
        NetworkNamespace theirs = namespaces.create("set-nft");
        NftOracle.load(mine.name(), SetSamples.TABLE);
        Transaction tx = NfTables.in(mine).transaction();
        SetSamples.ALL.values().forEach(tx::addSet);
        tx.commit();
        NftOracle.load(theirs.name(), script());

        assertEquals(withoutExpiry(NftOracle.ruleset(theirs.name())), withoutExpiry(NftOracle.ruleset(mine.name())),
                "nft -j list ruleset");
        assertEquals(Sh.inNs(theirs.name(), "nft", "-s", "list", "ruleset").ok().out(),
                Sh.inNs(mine.name(), "nft", "-s", "list", "ruleset").ok().out(), "nft -s list ruleset");

        NfTables nft = NfTables.in(mine);
        List<SetInfo> sets = nft.sets(Family.INET, "t");
        assertEquals(List.copyOf(SetSamples.ALL.keySet()), sets.stream().map(SetInfo::name).toList());
        for (SetInfo s : sets) {
            SetSpec sample = SetSamples.ALL.get(s.name());
            assertEquals(sample, s.spec(), s.name() + ": decoded back into the spec");
            assertEquals(listed(mine, s.name(), true), s.text(true), s.name() + ": nft -s list set");
            assertEquals(maskExpiry(listed(mine, s.name(), false)), maskExpiry(s.toString()),
                    s.name() + ": nft list set");
            assertEquals(listed(mine, s.name(), true), sample.toString(), s.name() + ": the spec's text");
        }
    }

    @Test
    void elementsAddAndGoInOneTransactionAndCountersReadBack() throws Exception {
        NetworkNamespace ns = namespaces.create("set-el");
        NftOracle.load(ns.name(), SetSamples.TABLE);
        NfTables nft = NfTables.in(ns);
        SetSpec s = SetSpec.set(Family.INET, "t", "hosts", SetKeyType.of(SetDataType.IPV4_ADDR)).withCounters()
                .flags(SetSpec.Flag.INTERVAL);
        nft.addSet(s);
        List<SetElement> many = new java.util.ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            many.add(SetElement.of("10." + (i / 250) + "." + (i % 250) + ".1"));
        }
        many.add(SetElement.of("127.0.0.0/8"));
        nft.transaction().addElements(s, many).commit(); // more than one message's worth
        List<Object> set = NftOracle.objects(ns.name(), "set").stream()
                .map(m -> (Object) m.get("elem")).toList();
        assertEquals(3001, ((List<?>) set.getFirst()).size(), "nft -j lists every element");

        // a rule that counts through the set: loopback traffic to 127.0.0.1 hits the 127.0.0.0/8 element
        NftOracle.load(ns.name(), "add chain inet t out { type filter hook output priority 0; }\n"
                + "add rule inet t out ip daddr @hosts accept\n");
        Sh.ip(ns.name(), "link", "set", "lo", "up");
        Sh.inNs(ns.name(), "ping", "-c", "3", "-i", "0.2", "-W", "1", "127.0.0.1").ok();
        SetElement lo = nft.set(Family.INET, "t", "hosts").orElseThrow().elements().stream()
                .filter(e -> e.key().equals("127.0.0.0/8")).findFirst().orElseThrow();
        assertTrue(lo.hasCounter() && lo.packets() >= 6, "3 echo requests and 3 replies counted: " + lo);
        assertTrue(lo.bytes() >= 6 * 84, "bytes counted: " + lo);

        nft.transaction().deleteElements(s, many.subList(0, 2999)).commit();
        List<String> left = nft.set(Family.INET, "t", "hosts").orElseThrow().elements().stream()
                .map(SetElement::key).toList();
        assertEquals(List.of("10.11.249.1", "127.0.0.0/8"), left);
        assertFalse(Sh.inNs(ns.name(), "nft", "list", "set", "inet", "t", "hosts").ok().out().contains("10.0.0.1"));

        nft.transaction().flushSet(Family.INET, "t", "hosts").commit();
        assertTrue(nft.set(Family.INET, "t", "hosts").orElseThrow().elements().isEmpty());
        Sh.inNs(ns.name(), "nft", "delete", "chain", "inet", "t", "out").ok();
        nft.deleteSet(Family.INET, "t", "hosts");
        assertTrue(NftOracle.objects(ns.name(), "set").isEmpty());
    }

    /** Flushing an interval set and filling it again in one transaction replaces its contents. */
    @Test
    void flushAndRefillInOneTransaction() {
        NetworkNamespace ns = namespaces.create("set-refill");
        NftOracle.load(ns.name(), SetSamples.TABLE);
        NfTables nft = NfTables.in(ns);
        SetSpec s = SetSpec.set(Family.INET, "t", "nets", SetKeyType.of(SetDataType.IPV4_ADDR))
                .flags(SetSpec.Flag.INTERVAL).elements(SetElement.of("10.0.0.0/24"), SetElement.of("10.2.0.1"));
        nft.addSet(s);
        nft.transaction().flushSet(Family.INET, "t", "nets")
                .addElements(s, List.of(SetElement.of("10.0.0.0/25"), SetElement.of("10.3.0.0-10.3.0.9"))).commit();
        assertEquals(List.of("10.0.0.0/25", "10.3.0.0-10.3.0.9"),
                nft.set(Family.INET, "t", "nets").orElseThrow().elements().stream().map(SetElement::key).toList());
        assertTrue(listed(ns, "nets", true).contains("elements = { 10.0.0.0/25, 10.3.0.0-10.3.0.9 }"),
                listed(ns, "nets", true));
    }

    /** An element the kernel refuses is named in the error, and nothing of the transaction is applied. */
    @Test
    void aRefusedElementIsNamedAndNothingIsApplied() {
        NetworkNamespace ns = namespaces.create("set-full");
        NftOracle.load(ns.name(), SetSamples.TABLE);
        NfTables nft = NfTables.in(ns);
        SetSpec s = SetSpec.set(Family.INET, "t", "two", SetKeyType.of(SetDataType.IPV4_ADDR)).size(2);
        nft.addSet(s);
        TransactionException e = org.junit.jupiter.api.Assertions.assertThrows(TransactionException.class,
                () -> nft.transaction().addElements(s, List.of(SetElement.of("10.0.0.1"), SetElement.of("10.0.0.2"),
                        SetElement.of("10.0.0.3"))).commit());
        assertTrue(e.getMessage().contains("element #3 (10.0.0.3)"), e.getMessage());
        assertTrue(nft.set(Family.INET, "t", "two").orElseThrow().elements().isEmpty(), "nothing applied");
        assertFalse(listed(ns, "two", true).contains("elements"), listed(ns, "two", true));
    }

    /** Sets nft declared by typeof (and by type, beside them) render as nft lists them. */
    @Test
    void typeofSetsRenderAsNftListsThem() {
        NetworkNamespace ns = namespaces.create("set-typeof");
        NftOracle.load(ns.name(), """
                table inet t {
                 set a { typeof ip saddr . tcp dport; elements = { 10.0.0.1 . 22, 10.0.0.2 . 80 } }
                 map b { typeof ip daddr . tcp dport : ip daddr . tcp dport; elements = { 10.0.0.1 . 80 : 10.1.0.1 . 8080 } }
                 map c { typeof ip saddr : verdict; elements = { 10.0.0.1 : accept } }
                 set d { typeof meta mark; elements = { 0x1, 0x20 } }
                 set e { typeof iifname; elements = { "eth0" } }
                 map f { typeof ip saddr : meta mark; elements = { 10.0.0.1 : 0x1 } }
                 set g { typeof ip6 daddr; flags interval; elements = { fd00::/64 } }
                 set h { typeof udp dport; elements = { 53 } }
                 set i { type ipv4_addr . inet_service; elements = { 10.0.0.1 . 22 } }
                }
                """);
        for (SetInfo s : NfTables.in(ns).sets(Family.INET, "t")) {
            String kind = s.isMap() ? "map" : "set";
            String out = Sh.inNs(ns.name(), "nft", "list", kind, "inet", "t", s.name()).ok().out();
            List<String> lines = out.lines().toList();
            assertEquals(String.join("\n", lines.subList(1, lines.size() - 1)) + "\n", s.toString(), s.name());
        }
    }

    /** One set's block as {@code nft [-s] list set inet t NAME} prints it, without the table around it. */
    static String listed(NetworkNamespace ns, String set, boolean stateless) {
        String kind = SetSamples.ALL.containsKey(set) && SetSamples.ALL.get(set).isMap() ? "map" : "set";
        String out = stateless ? Sh.inNs(ns.name(), "nft", "-s", "list", kind, "inet", "t", set).ok().out()
                : Sh.inNs(ns.name(), "nft", "list", kind, "inet", "t", set).ok().out();
        List<String> lines = out.lines().toList();
        return String.join("\n", lines.subList(1, lines.size() - 1)) + "\n";
    }

    private static String maskExpiry(String text) {
        return text.replaceAll("expires [0-9dhms]+", "expires _");
    }

    @SuppressWarnings("unchecked")
    private static Object withoutExpiry(Object json) {
        if (json instanceof Map<?, ?> m) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            ((Map<String, Object>) m).forEach((k, v) -> {
                if (!k.equals("expires")) {
                    out.put(k, withoutExpiry(v));
                }
            });
            return out;
        }
        if (json instanceof List<?> l) {
            return l.stream().map(SetKernelTest::withoutExpiry).toList();
        }
        return json;
    }
}
