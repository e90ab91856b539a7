package io.jnetlink.rtnl.rule;

import static io.jnetlink.core.codec.Netlink.NLM_F_CREATE;
import static io.jnetlink.core.codec.Netlink.NLM_F_EXCL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.rtnl.Fuzz;
import io.jnetlink.rtnl.Golden;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Rules against iproute2's bytes (golden/rule/), decoding back to the spec, validation, fuzzing. */
class RuleCodecTest {
    private static final int ADD = NLM_F_CREATE | NLM_F_EXCL;

    /** Each golden file with the spec that must encode to it, and whether it is a delete. */
    private record Case(String file, Rule rule, boolean delete) {}

    private static final List<Case> CASES = List.of(
            // ip rule add priority 1000 from 10.1.0.0/16 table 100
            new Case("rule/add_v4_from", Rule.builder().priority(1000).from("10.1.0.0/16").lookup(100).build(), false),
            // ip rule add priority 1001 from 10.1.0.0/16 to 10.2.0.0/16 iif gx0 oif gx1 fwmark 0x10/0xff table 200
            new Case("rule/add_v4_full", Rule.builder().priority(1001).from("10.1.0.0/16").to("10.2.0.0/16").iif("gx0")
                    .oif("gx1").fwmark(0x10, 0xff).lookup(200).build(), false),
            // ip rule add priority 1002 to 10.3.0.0/16 blackhole
            new Case("rule/add_v4_blackhole", Rule.builder().priority(1002).to("10.3.0.0/16").blackhole().build(), false),
            // ip rule add priority 1003 from 10.4.0.0/16 unreachable
            new Case("rule/add_v4_unreachable", Rule.builder().priority(1003).from("10.4.0.0/16").unreachable().build(), false),
            // ip rule add priority 1004 from 10.5.0.0/16 prohibit
            new Case("rule/add_v4_prohibit", Rule.builder().priority(1004).from("10.5.0.0/16").prohibit().build(), false),
            // ip rule add priority 1005 from 10.6.0.0/16 goto 1010
            new Case("rule/add_v4_goto", Rule.builder().priority(1005).from("10.6.0.0/16").goTo(1010).build(), false),
            // ip rule add priority 1006 table main suppress_prefixlength 0
            new Case("rule/add_v4_suppress", Rule.builder().priority(1006).lookup(254).suppressPrefixLength(0).build(), false),
            // ip rule add priority 1007 l3mdev
            new Case("rule/add_v4_l3mdev", Rule.builder().priority(1007).l3mdev().build(), false),
            // ip rule add priority 1008 uidrange 1000-2000 table 100
            new Case("rule/add_v4_uidrange", Rule.builder().priority(1008).uidRange(1000, 2000).lookup(100).build(), false),
            // ip rule add priority 1009 ipproto tcp sport 1000-2000 dport 80 table 100
            new Case("rule/add_v4_ports", Rule.builder().priority(1009).ipProto(6).sourcePorts(1000, 2000)
                    .destinationPorts(80, 80).lookup(100).build(), false),
            // ip -6 rule add priority 2000 from fd00:1::/64 table 300
            new Case("rule/add_v6_from", Rule.builder().priority(2000).from("fd00:1::/64").lookup(300).build(), false),
            // ip -6 rule add priority 2001 from fd00:1::/64 to fd00:2::/64 fwmark 7 table 400
            new Case("rule/add_v6_full", Rule.builder().priority(2001).from("fd00:1::/64").to("fd00:2::/64").fwmark(7)
                    .lookup(400).build(), false),
            // ip rule del priority 1000 from 10.1.0.0/16 table 100
            new Case("rule/del_v4", Rule.builder().priority(1000).from("10.1.0.0/16").lookup(100).build(), true),
            // ip -6 rule del priority 2000
            new Case("rule/del_v6", Rule.builder().ipv6().priority(2000).build(), true));

    @Test
    void everyRequestIsWhatIproute2Sends() {
        for (Case c : CASES) {
            Golden.assertMatches(c.file(), w -> Rules.encode(w, c.delete() ? Fra.RTM_DELRULE : Fra.RTM_NEWRULE,
                    c.delete() ? 0 : ADD, c.rule()));
        }
    }

    @Test
    void everyAddedRuleDecodesBackToItsSpec() {
        // The kernel answers a dump with the same header and attributes (plus FRA_PROTOCOL etc.).
        for (Case c : CASES) {
            if (!c.delete()) {
                RuleInfo back = decode(Golden.encode(w -> Rules.encode(w, Fra.RTM_NEWRULE, ADD, c.rule())));
                assertEquals(c.rule(), back.toRule(), c.file());
                assertEquals(c.rule().effectiveAction(), back.action(), c.file());
            }
        }
    }

    @Test
    void decodesWhatTheKernelAddsToItsAnswer() {
        // A kernel reply: a whole-mark fwmark comes with mask 0xffffffff, FRA_PROTOCOL and an
        // unmodelled FRA_SUPPRESS_IFGROUP (-1) are there too.
        byte[] req = Golden.encode(w -> {
            Rules.encode(w, Fra.RTM_NEWRULE, ADD, Rule.builder().priority(5).fwmark(9).lookup(100).build());
        });
        byte[] extra = {8, 0, 16, 0, -1, -1, -1, -1, 5, 0, 21, 0, 3, 0, 0, 0, 8, 0, 13, 0, -1, -1, -1, -1};
        byte[] m = new byte[req.length + extra.length];
        System.arraycopy(req, 0, m, 0, req.length);
        System.arraycopy(extra, 0, m, req.length, extra.length);
        m[0] = (byte) m.length;
        RuleInfo r = decode(m);
        assertEquals(0xFFFF_FFFFL, r.fwmask());
        assertEquals(3, r.protocol());
        assertEquals(1, r.unknown().size());
        assertEquals(13, r.unknown().get(0).type());
        assertEquals(Rule.builder().priority(5).fwmark(9).lookup(100).build(), r.toRule());
    }

    @Test
    void contradictionsFailBeforeSending() {
        assertMessage("not of the rule's family", () -> Rule.builder().from("10.0.0.0/8").to("fd00::/8").build());
        assertMessage("not of the rule's family", () -> Rule.builder().ipv6().from("10.0.0.0/8").build());
        assertMessage("looks up no table", () -> Rule.builder().blackhole().lookup(5).build());
        assertMessage("no table may be given", () -> Rule.builder().l3mdev().lookup(5).build());
        assertMessage("needs an fwmark", () -> Rule.builder().fwmark(-1, 5).build());
        assertMessage("1..65535", () -> Rule.builder().sourcePorts(0, 10).build());
        assertMessage("in order", () -> Rule.builder().uidRange(10, 5).build());
        assertMessage("unsigned 32-bit", () -> Rule.builder().priority(1L << 32).build());
        assertMessage("0..128", () -> Rule.builder().suppressPrefixLength(129).build());
        assertMessage("needs an action", () -> Rules.checkAddable(Rule.builder().priority(3).from("10.0.0.0/8").build()));
        assertMessage("illegal character", () -> Rule.builder().iif("no/slash").build());
    }

    @Test
    void fuzzedRulesOnlyEverRaiseMalformed() {
        List<byte[]> seeds = CASES.stream().filter(c -> !c.delete())
                .map(c -> Golden.encode(w -> Rules.encode(w, Fra.RTM_NEWRULE, ADD, c.rule()))).toList();
        Fuzz.Result r = Fuzz.run(16, 3000, Fra.RTM_NEWRULE, seeds, RuleInfo::decode);
        assertTrue(r.decoded() > 1000, "the fuzzer reached the decoder: " + r);
        assertTrue(r.malformed() > 100, "and found malformed messages: " + r);
    }

    private static void assertMessage(String part, Supplier<?> s) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, s::get);
        assertTrue(e.getMessage().contains(part), () -> "message '" + e.getMessage() + "' should contain '" + part + "'");
    }

    private static void assertMessage(String part, Runnable s) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, s::run);
        assertTrue(e.getMessage().contains(part), () -> "message '" + e.getMessage() + "' should contain '" + part + "'");
    }

    static RuleInfo decode(byte[] bytes) {
        return Golden.decode(bytes, RuleInfo::decode);
    }
}
