package io.jnetlink.rtnl.rule;

import static io.jnetlink.core.codec.Netlink.NETLINK_ROUTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.rtnl.route.Route;
import io.jnetlink.rtnl.route.Routes;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Policy routing with real traffic. A sandbox "host" has two uplinks, each to its own provider
 * namespace; both providers answer on the same far address. The main table sends everything out
 * of uplink 1; table 100 out of uplink 2. A rule made by the library sends what comes from the
 * second source prefix through table 100: a TCP connection from that source then reaches provider
 * 2 (which sees that source), and one from the first source still reaches provider 1. IPv4 and
 * IPv6.
 */
@KernelTest
class PolicyRoutingTrafficKernelTest {
    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    /** Addresses of one family: uplink nets, host sources, and the far address both providers hold. */
    private record Plan(String flag, String up1, String isp1, String up2, String isp2, int len, String source1,
                        String source2, String sourceNet2, String far, int hostLen) {}

    private static final Plan V4 = new Plan("-4", "10.1.0.1", "10.1.0.2", "10.2.0.1", "10.2.0.2", 24,
            "192.168.1.1", "192.168.2.1", "192.168.2.0/24", "203.0.113.1", 32);
    private static final Plan V6 = new Plan("-6", "fd01::1", "fd01::2", "fd02::1", "fd02::2", 64,
            "fd10:1::1", "fd10:2::1", "fd10:2::/64", "fd99::1", 128);

    @Test
    void aRuleSendsTheSecondSourceOutOfTheSecondUplink() throws Exception {
        NetworkNamespace host = namespaces.create("pr-box");
        NetworkNamespace isp1 = namespaces.create("pr-isp1");
        NetworkNamespace isp2 = namespaces.create("pr-isp2");
        String h = host.name();
        host.sysctl("net.ipv6.conf.default.accept_dad", "0");
        host.sysctl("net.ipv4.conf.all.rp_filter", "0");
        Sh.ip(h, "link", "set", "lo", "up");
        int i = 1;
        for (NetworkNamespace isp : new NetworkNamespace[] {isp1, isp2}) {
            isp.sysctl("net.ipv6.conf.default.accept_dad", "0");
            Sh.ip(h, "link", "add", "up" + i, "type", "veth", "peer", "name", "wan", "netns", isp.name());
            Sh.ip(h, "link", "set", "up" + i, "up");
            Sh.ip(isp.name(), "link", "set", "lo", "up");
            Sh.ip(isp.name(), "link", "set", "wan", "up");
            i++;
        }
        Routes routes = new Routes(host.socket(NETLINK_ROUTE));
        Rules rules = new Rules(host.socket(NETLINK_ROUTE));
        for (Plan p : new Plan[] {V4, V6}) {
            Sh.ip(h, "addr", "add", p.up1() + "/" + p.len(), "dev", "up1", "nodad");
            Sh.ip(h, "addr", "add", p.up2() + "/" + p.len(), "dev", "up2", "nodad");
            Sh.ip(h, "addr", "add", p.source1() + "/" + p.hostLen(), "dev", "lo");
            Sh.ip(h, "addr", "add", p.source2() + "/" + p.hostLen(), "dev", "lo");
            String back = p.flag().equals("-4") ? "192.168.0.0/16" : "fd10::/16";
            for (int k = 1; k <= 2; k++) {
                String isp = (k == 1 ? isp1 : isp2).name();
                Sh.ip(isp, "addr", "add", (k == 1 ? p.isp1() : p.isp2()) + "/" + p.len(), "dev", "wan", "nodad");
                Sh.ip(isp, "addr", "add", p.far() + "/" + p.hostLen(), "dev", "lo");
                Sh.ip(isp, p.flag(), "route", "add", back, "via", k == 1 ? p.up1() : p.up2());
            }
            routes.add(Route.defaultVia(p.isp1()).dev("up1"));
            routes.add(Route.defaultVia(p.isp2()).dev("up2").table(100));
        }

        for (Plan p : new Plan[] {V4, V6}) {
            // Without a rule, both sources leave through uplink 1.
            assertEquals(p.source1(), reached(isp1, isp2, host, p.source1(), p.far()));
            assertEquals(p.source2(), reached(isp1, isp2, host, p.source2(), p.far()));

            rules.add(Rule.builder().priority(100).from(p.sourceNet2()).lookup(100).build());
            assertEquals(p.source1(), reached(isp1, isp2, host, p.source1(), p.far()), "source 1 still via uplink 1");
            assertEquals(p.source2(), reached(isp2, isp1, host, p.source2(), p.far()), "source 2 now via uplink 2");
        }
        assertEquals(RuleOracle.rules(h, false), RuleOracle.keys(rules.list(IpPrefix.AF_INET)));
        assertEquals(RuleOracle.rules(h, true), RuleOracle.keys(rules.list(IpPrefix.AF_INET6)));
    }

    /**
     * Connects from {@code source} in the host to {@code far}, where both providers listen on the
     * same port; returns the source address the provider {@code expected} saw, and checks that
     * {@code other} got no connection.
     */
    private static String reached(NetworkNamespace expected, NetworkNamespace other, NetworkNamespace host,
                                  String source, String far) throws Exception {
        InetAddress farAddress = IpPrefix.parseAddress(far);
        try (ServerSocket there = expected.run(() -> new ServerSocket(0, 4, farAddress));
             ServerSocket notThere = other.run(() -> new ServerSocket(there.getLocalPort(), 4, farAddress))) {
            there.setSoTimeout(10_000);
            notThere.setSoTimeout(300);
            int port = there.getLocalPort();
            try (Socket client = host.run(() -> {
                Socket s = new Socket();
                s.bind(new InetSocketAddress(IpPrefix.parseAddress(source), 0));
                s.connect(new InetSocketAddress(farAddress, port), 10_000);
                return s;
            }); Socket accepted = there.accept()) {
                assertThrows(SocketTimeoutException.class, notThere::accept,
                        "the other provider must see no connection from " + source);
                return IpPrefix.format(((InetSocketAddress) accepted.getRemoteSocketAddress()).getAddress());
            }
        }
    }
}
