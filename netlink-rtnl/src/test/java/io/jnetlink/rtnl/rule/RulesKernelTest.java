package io.jnetlink.rtnl.rule;

import static io.jnetlink.core.codec.Netlink.NETLINK_ROUTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.AlreadyExistsException;
import io.jnetlink.core.NetlinkException;
import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.netns.Rootless;
import io.jnetlink.core.socket.NetlinkSocket;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import io.jnetlink.core.net.IpPrefix;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Policy rules against the kernel, in a namespace of the test's own, checked with {@code ip -j rule show}. */
@KernelTest
class RulesKernelTest {
    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    private NetworkNamespace ns;
    private String n;
    private Rules rules;

    private static final boolean ROOTLESS = Rootless.active();

    @BeforeEach
    void namespaceWithTwoLinks() {
        ns = namespaces.create("rule");
        n = ns.name();
        Sh.ip(n, "link", "add", "gx0", "type", "veth", "peer", "name", "gx1");
        rules = new Rules(ns.socket(NETLINK_ROUTE));
    }

    @Test
    void everyKindOfRuleListsAsIproute2ShowsIt() {
        List<Rule> v4 = List.of(
                Rule.builder().priority(1000).from("10.1.0.0/16").lookup(100).build(),
                Rule.builder().priority(1001).from("10.1.0.0/16").to("10.2.0.0/16").iif("gx0").oif("gx1")
                        .fwmark(0x10, 0xff).lookup(200).build(),
                Rule.builder().priority(1002).to("10.3.0.0/16").blackhole().build(),
                Rule.builder().priority(1003).from("10.4.0.0/16").unreachable().build(),
                Rule.builder().priority(1004).prohibit().build(),
                Rule.builder().priority(1005).from("10.6.0.0/16").goTo(1010).build(),
                Rule.builder().priority(1006).lookup(254).suppressPrefixLength(0).build(),
                Rule.builder().priority(1007).l3mdev().build(),
                // Rootless the user namespace maps uid 0 alone, and the kernel takes only mapped uids.
                Rule.builder().priority(1008).uidRange(ROOTLESS ? 0 : 1000, ROOTLESS ? 0 : 2000).lookup(100).build(),
                Rule.builder().priority(1009).ipProto(6).sourcePorts(1000, 2000).destinationPorts(80, 80).lookup(1000).build(),
                Rule.builder().priority(1010).fwmark(7).nop().build());
        List<Rule> v6 = List.of(
                Rule.builder().priority(2000).from("fd00:1::/64").lookup(300).build(),
                Rule.builder().priority(2001).from("fd00:1::/64").to("fd00:2::/64").fwmark(7).lookup(400).build(),
                Rule.builder().ipv6().priority(2002).ipProto(17).destinationPorts(53, 53).prohibit().build());
        v4.forEach(rules::add);
        v6.forEach(rules::add);

        assertEquals(RuleOracle.rules(n, false), RuleOracle.keys(rules.list(IpPrefix.AF_INET)));
        assertEquals(RuleOracle.rules(n, true), RuleOracle.keys(rules.list(IpPrefix.AF_INET6)));
        // Every rule reads back as the spec that made it.
        List<RuleInfo> all = rules.list();
        for (Rule r : concat(v4, v6)) {
            assertTrue(all.stream().anyMatch(i -> i.toRule().equals(r)), () -> "no rule reads back as " + r + " in " + all);
        }
        // As with ip rule, no FRA_PROTOCOL is sent: ours are unspec (0), the kernel's defaults kernel (2).
        assertTrue(all.stream().allMatch(i -> i.protocol() == (i.priority() >= 1000 && i.priority() <= 2002 ? 0 : 2)),
                "protocols: " + all);
    }

    @Test
    void rulesReadAfterMoreRepliesAndAfterCloseHoldTheirOwnValues() throws Exception {
        rules.add(Rule.builder().priority(1001).from("10.1.0.0/16").to("10.2.0.0/16").iif("gx0").oif("gx1")
                .fwmark(0x10, 0xff).lookup(200).build());
        rules.add(Rule.builder().priority(2001).from("fd00:1::/64").to("fd00:2::/64").lookup(400).build());
        List<String> v4Then = RuleOracle.rules(n, false);
        List<String> v6Then = RuleOracle.rules(n, true);
        NetlinkSocket own = ns.openSocket(NETLINK_ROUTE);
        Rules mine = new Rules(own);
        // the records under test: not touched until the end
        List<RuleInfo> v4 = mine.list(IpPrefix.AF_INET);
        List<RuleInfo> v6 = mine.list(IpPrefix.AF_INET6);
        // the socket receives many more replies into the same buffer, about rules that changed
        Sh.ip(n, "rule", "del", "priority", "1001");
        Sh.ip(n, "rule", "add", "priority", "1002", "from", "10.9.0.0/16", "iif", "gx1", "table", "300");
        Sh.ip(n, "-6", "rule", "del", "priority", "2001");
        for (int i = 0; i < 50; i++) {
            mine.list();
        }
        assertTrue(RuleOracle.keys(mine.list(IpPrefix.AF_INET)).stream().anyMatch(k -> k.startsWith("1002|")),
                "the rules changed under the records");
        own.close();
        // read for the first time, after the close, on another thread
        CompletableFuture.runAsync(() -> {
            assertEquals(v4Then, RuleOracle.keys(v4));
            assertEquals(v6Then, RuleOracle.keys(v6));
            RuleInfo r = v4.stream().filter(x -> x.priority() == 1001).findFirst().orElseThrow();
            assertEquals("gx0", r.iif());
            assertEquals(IpPrefix.parse("10.2.0.0/16"), r.to());
        }).get();
    }

    @Test
    void deleteBySpecAndByListing() {
        Rule a = Rule.builder().priority(1000).from("10.1.0.0/16").lookup(100).build();
        Rule b = Rule.builder().priority(2000).from("fd00:1::/64").lookup(300).build();
        rules.add(a);
        rules.add(b);
        rules.delete(Rule.builder().priority(1000).from("10.1.0.0/16").lookup(100).build());
        assertFalse(Sh.ip(n, "rule", "show").contains("10.1.0.0/16"));
        RuleInfo listed = rules.list(IpPrefix.AF_INET6).stream().filter(r -> r.priority() == 2000).findFirst().orElseThrow();
        rules.delete(listed);
        assertFalse(Sh.ip(n, "-6", "rule", "show").contains("fd00:1::/64"));
        assertEquals(RuleOracle.rules(n, false), RuleOracle.keys(rules.list(IpPrefix.AF_INET)), "the defaults are left");
    }

    @Test
    void errorsNameTheRuleAndTheKernelReason() {
        Rule a = Rule.builder().priority(1000).from("10.1.0.0/16").lookup(100).build();
        rules.add(a);
        AlreadyExistsException dup = assertThrows(AlreadyExistsException.class, () -> rules.add(a));
        assertTrue(dup.getMessage().contains("priority 1000 from 10.1.0.0/16"), dup.getMessage());
        NetlinkException missing = assertThrows(NetlinkException.class,
                () -> rules.delete(Rule.builder().priority(4242).build()));
        assertTrue(missing.getMessage().contains("delete rule priority 4242"), missing.getMessage());
        NetlinkException badGoto = assertThrows(NetlinkException.class,
                () -> rules.add(Rule.builder().priority(1100).goTo(1050).build()));
        assertTrue(badGoto.getMessage().contains("goto"), badGoto.getMessage());
        assertEquals(1, Sh.ip(n, "rule", "show").lines().filter(l -> l.startsWith("1000:")).count());
    }

    private static List<Rule> concat(List<Rule> a, List<Rule> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
