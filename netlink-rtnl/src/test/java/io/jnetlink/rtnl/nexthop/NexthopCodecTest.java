package io.jnetlink.rtnl.nexthop;

import static io.jnetlink.core.codec.Netlink.NLM_F_CREATE;
import static io.jnetlink.core.codec.Netlink.NLM_F_EXCL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.codec.Netlink;
import io.jnetlink.rtnl.Fuzz;
import io.jnetlink.rtnl.Golden;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Nexthop objects against iproute2's bytes (golden/nexthop/), decoding back, validation, fuzzing. */
class NexthopCodecTest {
    private static final int ADD = NLM_F_CREATE | NLM_F_EXCL;

    /** Each golden file with the spec (link by index: gx0 is 3, gx1 is 2) that must encode to it. */
    private record Case(String file, Nexthop nexthop) {}

    private static final List<Case> CASES = List.of(
            // ip nexthop add id 1 via 192.168.15.7 dev gx0
            new Case("nexthop/add_gateway", Nexthop.builder().id(1).via("192.168.15.7").dev(3).build()),
            // ip nexthop add id 2 dev gx1
            new Case("nexthop/add_dev", Nexthop.builder().id(2).dev(2).build()),
            // ip nexthop add id 3 via fd00::7 dev gx0
            new Case("nexthop/add_v6", Nexthop.builder().id(3).via("fd00::7").dev(3).build()),
            // ip nexthop add id 4 blackhole
            new Case("nexthop/add_blackhole", Nexthop.builder().id(4).blackhole().build()),
            // ip nexthop add id 5 via 10.99.0.1 dev gx0 onlink
            new Case("nexthop/add_onlink", Nexthop.builder().id(5).via("10.99.0.1").dev(3).onlink().build()),
            // ip nexthop add id 10 group 1,2/6
            new Case("nexthop/add_group", Nexthop.builder().id(10).member(1, 2).member(6).build()),
            // ip nexthop add id 11 group 1/6 type resilient buckets 8 idle_timer 60 unbalanced_timer 120
            new Case("nexthop/add_resilient", Nexthop.builder().id(11).member(1).member(6)
                    .resilient(Resilience.of(8, 60, 120)).build()));

    @Test
    void everyRequestIsWhatIproute2Sends() {
        for (Case c : CASES) {
            Golden.assertMatches(c.file(), w -> Nexthops.encode(w, ADD, c.nexthop(), c.nexthop().ifindex()));
        }
        // ip nexthop del id 10
        Golden.assertMatches("nexthop/del", w -> {
            w.begin(Nha.RTM_DELNEXTHOP, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK); // as RtnlFamily.delete writes it
            Nexthops.BY_ID.encode(w, 10);
            w.end();
        });
    }

    @Test
    void everyNexthopDecodesBackToItsSpec() {
        for (Case c : CASES) {
            NexthopInfo back = decode(Golden.encode(w -> Nexthops.encode(w, ADD, c.nexthop(), c.nexthop().ifindex())));
            assertEquals(c.nexthop(), back.toNexthop(), c.file());
        }
    }

    @Test
    void resilientTimersTravelInHundredthsOfASecond() {
        NexthopInfo back = decode(Golden.load("nexthop/add_resilient"));
        assertEquals(Duration.ofSeconds(60), back.resilience().idleTimer());
        assertEquals(Duration.ofSeconds(120), back.resilience().unbalancedTimer());
        assertEquals(8, back.resilience().buckets());
        assertEquals(List.of(new GroupMember(1, 1), new GroupMember(6, 1)), back.group());
    }

    @Test
    void contradictionsFailBeforeSending() {
        assertMessage("members only", () -> Nexthop.builder().id(1).member(2).dev(3).build());
        assertMessage("members only", () -> Nexthop.builder().id(1).member(2).blackhole().build());
        assertMessage("no family of its own", () -> Nexthop.builder().id(1).member(2).ipv6().build());
        assertMessage("twice", () -> Nexthop.builder().id(1).member(2).member(2, 3).build());
        assertMessage("only a nexthop group", () -> Nexthop.builder().id(1).dev(3).resilient(Resilience.of(8, 1, 1)).build());
        assertMessage("no gateway, link or onlink", () -> Nexthop.builder().id(1).blackhole().dev(2).build());
        assertMessage("needs a link", () -> Nexthop.builder().id(1).via("10.0.0.1").build());
        assertMessage("not of the nexthop's family", () -> Nexthop.builder().id(1).ipv6().via("10.0.0.1").dev(2).build());
        assertMessage("onlink needs a gateway", () -> Nexthop.builder().id(1).dev(2).onlink().build());
        assertMessage("1..256", () -> Nexthop.builder().id(1).member(2, 0).build());
        assertMessage("1..65535", () -> Resilience.of(0, 1, 1));
        assertMessage("hundredths", () -> new Resilience(8, Duration.ofMillis(5), Duration.ZERO, Duration.ZERO));
        assertMessage("4294967295", () -> Nexthop.builder().id(1L << 32).dev(2).build());
    }

    @Test
    void fuzzedNexthopsOnlyEverRaiseMalformed() {
        List<byte[]> seeds = CASES.stream()
                .map(c -> Golden.encode(w -> Nexthops.encode(w, ADD, c.nexthop(), c.nexthop().ifindex()))).toList();
        Fuzz.Result r = Fuzz.run(104, 3000, Nha.RTM_NEWNEXTHOP, seeds, NexthopInfo::decode);
        assertTrue(r.decoded() > 1000, "the fuzzer reached the decoder: " + r);
        assertTrue(r.malformed() > 100, "and found malformed messages: " + r);
    }

    private static void assertMessage(String part, Supplier<?> s) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, s::get);
        assertTrue(e.getMessage().contains(part), () -> "message '" + e.getMessage() + "' should contain '" + part + "'");
    }

    static NexthopInfo decode(byte[] bytes) {
        return Golden.decode(bytes, NexthopInfo::decode);
    }
}
