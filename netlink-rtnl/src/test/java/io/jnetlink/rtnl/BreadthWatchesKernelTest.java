package io.jnetlink.rtnl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.events.Change;
import io.jnetlink.core.events.ChangeQueue;
import io.jnetlink.core.events.WatchedTable;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import io.jnetlink.rtnl.bridge.FdbEntry;
import io.jnetlink.rtnl.bridge.FdbEntryInfo;
import io.jnetlink.rtnl.bridge.PortInfo;
import io.jnetlink.rtnl.bridge.PortOptions;
import io.jnetlink.rtnl.nexthop.Nexthop;
import io.jnetlink.rtnl.nexthop.NexthopInfo;
import io.jnetlink.rtnl.rule.Rule;
import io.jnetlink.rtnl.rule.RuleInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** List-then-watch of rules, nexthops, FDB entries and bridge ports: the tables follow the kernel. */
@KernelTest
class BreadthWatchesKernelTest {
    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    @Test
    void rulesNexthopsFdbAndPortsAreFollowed() throws Exception {
        try (Netns ns = Netns.create(namespaces.name("bw"))) {
            String n = ns.name();
            Sh.ip(n, "link", "set", "lo", "up");
            Sh.ip(n, "link", "add", "br0", "type", "bridge");
            Sh.ip(n, "link", "add", "bp0", "type", "veth", "peer", "name", "bp1");
            Sh.ip(n, "link", "set", "bp0", "master", "br0");
            for (String l : new String[] {"br0", "bp0", "bp1"}) {
                Sh.ip(n, "link", "set", l, "up");
            }
            ChangeQueue<RuleInfo, RuleInfo> rq = new ChangeQueue<>();
            ChangeQueue<Long, NexthopInfo> nq = new ChangeQueue<>();
            ChangeQueue<Watches.FdbKey, FdbEntryInfo> fq = new ChangeQueue<>();
            ChangeQueue<Integer, PortInfo> pq = new ChangeQueue<>();
            try (WatchedTable<RuleInfo, RuleInfo> rules = ns.watchRules(rq);
                 WatchedTable<Long, NexthopInfo> nexthops = ns.watchNexthops(nq);
                 WatchedTable<Watches.FdbKey, FdbEntryInfo> fdb = ns.watchFdb(fq);
                 WatchedTable<Integer, PortInfo> ports = ns.watchBridgePorts(pq)) {
                assertTrue(rules.snapshot().keySet().stream().anyMatch(r -> r.priority() == 32766), "the dump came first");

                Rule rule = Rule.builder().priority(500).from("10.5.0.0/16").lookup(50).build();
                ns.rules().add(rule);
                WatchesKernelTest.await(rq, c -> c.kind() == Change.Kind.ADDED && c.value().toRule().equals(rule), "rule added");
                ns.rules().delete(rule);
                WatchesKernelTest.await(rq, c -> c.kind() == Change.Kind.REMOVED && c.key().priority() == 500, "rule removed");

                ns.nexthops().add(Nexthop.builder().id(7).blackhole().build());
                WatchesKernelTest.await(nq, c -> c.kind() == Change.Kind.ADDED && c.key() == 7L && c.value().blackhole(), "nexthop added");
                ns.nexthops().delete(7);
                WatchesKernelTest.await(nq, c -> c.kind() == Change.Kind.REMOVED && c.key() == 7L, "nexthop removed");

                ns.fdb().add(FdbEntry.builder().mac("02:00:00:00:00:77").dev("bp0").master().asStatic().build());
                WatchesKernelTest.await(fq, c -> c.kind() == Change.Kind.ADDED && c.value().mac().equals("02:00:00:00:00:77"), "fdb added");

                ns.bridgePorts().set("bp0", PortOptions.builder().cost(77).build());
                Change<Integer, PortInfo> p = WatchesKernelTest.await(pq, c -> c.value() != null && c.value().cost() == 77, "port cost");
                assertEquals("bp0", p.value().name());
            }
        }
    }
}
