package io.jnetlink.nft;

import static io.jnetlink.nft.SetDataType.INET_SERVICE;
import static io.jnetlink.nft.SetDataType.IPV4_ADDR;
import static io.jnetlink.nft.SetDataType.IPV6_ADDR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Set specs without a kernel: normalization, nft's text, and bad input refused with a clear message before anything is queued. */
class SetSpecTest {
    private static final SetSpec V4 = SetSpec.set(Family.INET, "t", "s", SetKeyType.of(IPV4_ADDR));
    private static final SetSpec RANGES = V4.flags(SetSpec.Flag.INTERVAL);

    private static void refused(String fragment, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(fragment), "'" + fragment + "' not in: " + e.getMessage());
    }

    @Test
    void elementsAreNormalizedAndOrderedAsNftListsThem() {
        SetSpec s = SetSpec.set(Family.INET, "t", "s", SetKeyType.of(IPV6_ADDR))
                .elements(SetElement.of("fd00:0::2"), SetElement.of("FD00::1"));
        assertEquals(List.of("fd00::1", "fd00::2"), s.elements().stream().map(SetElement::key).toList());
        assertEquals("""
                \tset s {
                \t\ttype ipv6_addr
                \t\telements = { fd00::1,
                \t\t\t     fd00::2 }
                \t}
                """, s.toString());
        SetSpec r = RANGES.elements(SetElement.of("10.0.1.0-10.0.1.255"), SetElement.of("10.0.0.1-10.0.0.1"));
        assertEquals(List.of("10.0.0.1", "10.0.1.0/24"), r.elements().stream().map(SetElement::key).toList());
    }

    @Test
    void concatenatedKeysPadEachFieldToFourBytes() {
        SetKeyType k = SetKeyType.parse("ipv4_addr . inet_service");
        assertEquals(8, k.length());
        assertEquals(7 << 6 | 13, k.id());
        assertEquals(List.of(IPV4_ADDR, INET_SERVICE), k.fields());
        assertEquals(16, SetKeyType.parse("ipv6_addr").length());
        refused("'ipv5_addr' is not one of", () -> SetKeyType.parse("ipv5_addr"));
    }

    @Test
    void badElementsAreRefusedWithTheirName() {
        refused("10.0.0.0/24': a range or prefix needs a set with the interval flag",
                () -> V4.elements(SetElement.of("10.0.0.0/24")));
        refused("'fd00::1' is not an IPv4 address", () -> V4.elements(SetElement.of("fd00::1")));
        refused("10.0.0.1/24 has bits set past the prefix length", () -> RANGES.elements(SetElement.of("10.0.0.1/24")));
        refused("runs backwards", () -> RANGES.elements(SetElement.of("10.0.0.9-10.0.0.1")));
        refused("a set element has no value", () -> V4.elements(SetElement.mapping("10.0.0.1", "accept")));
        refused("is not a verdict", () -> SetSpec.verdictMap(Family.INET, "t", "m", SetKeyType.of(IPV4_ADDR))
                .elements(SetElement.mapping("10.0.0.1", "allow")));
        refused("needs the set's timeout flag", () -> V4.elements(SetElement.of("10.0.0.1").timeout(Duration.ofSeconds(1))));
        refused("without '\"' or NUL", () -> V4.elements(SetElement.of("10.0.0.1").comment("a \"quote\"")));
        refused("does not have the 2 field(s)", () -> SetSpec.set(Family.INET, "t", "s",
                SetKeyType.of(IPV4_ADDR, INET_SERVICE)).elements(SetElement.of("10.0.0.1")));
        refused("port 70000 out of range", () -> SetSpec.set(Family.INET, "t", "s", SetKeyType.of(INET_SERVICE))
                .elements(SetElement.of("70000")));
    }

    @Test
    void aTransactionRefusesBadElementsWhereTheyAreQueuedAndKeepsNothingOfTheCall() {
        Transaction tx = new Transaction(null);
        refused("elements 10.0.0.0/24 and 10.0.0.128/25 overlap",
                () -> tx.addSet(RANGES.elements(SetElement.of("10.0.0.0/24"), SetElement.of("10.0.0.128/25"))));
        assertEquals(0, tx.size(), "neither the set nor its elements were queued");
        refused("add elements of set inet t s: no elements given", () -> tx.addElements(V4, List.of()));
        refused("element 10.0.0.1: a set element has no value",
                () -> tx.addElements(V4, List.of(SetElement.mapping("10.0.0.1", "drop"))));
        assertEquals(0, tx.size());
    }

    @Test
    void anonymousSetsAndMapsInRules() {
        RuleSpec r = RuleSpec.of(Match.inValues(List.of("80", "22"), SetField.TCP_DPORT), Statement.accept());
        assertEquals("tcp dport { 22, 80 } accept", r.toString());
        assertEquals(1, r.literals().size());
        refused("an anonymous set needs elements", () -> Match.inValues(List.of(), SetField.TCP_DPORT));
        refused("ranges in an anonymous concatenation", () -> Match.inValues(List.of("10.0.0.0/24 . 22"),
                SetField.IP_SADDR, SetField.TCP_DPORT));
        refused("an IPv6 match cannot apply in a rule that already matched IPv4", () -> RuleSpec.of(
                Match.inSet("a", SetField.IP_SADDR), Match.inSet("b", SetField.IP6_DADDR), Statement.drop()));
    }
}
