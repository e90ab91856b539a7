package io.jnetlink.nft;

import static io.jnetlink.nft.Match.daddr;
import static io.jnetlink.nft.Match.saddr;
import static io.jnetlink.nft.Statement.accept;
import static io.jnetlink.nft.Statement.counter;
import static io.jnetlink.nft.Statement.drop;

import io.jnetlink.nft.expr.Cmp;
import io.jnetlink.nft.expr.Fib;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rules built with the builder, one or more per match and statement, each named. Their text is
 * what nft prints for them; the golden fixtures {@code golden/rules/NAME.hex} are nft's batches for
 * {@code nft -e add rule inet t CHAIN TEXT} (see golden/README.md), so one table drives the golden,
 * round-trip and kernel tests.
 */
final class RuleSamples {
    private RuleSamples() {}

    /** A sample: the chain of table {@code inet t} it goes in and the spec. */
    record Sample(String chain, RuleSpec spec) {}

    static final Map<String, Sample> ALL = new LinkedHashMap<>();

    private static void filter(String name, Statement... s) {
        ALL.put(name, new Sample("c", RuleSpec.of(s)));
    }

    private static void post(String name, Statement... s) {
        ALL.put(name, new Sample("nat", RuleSpec.of(s)));
    }

    private static void pre(String name, Statement... s) {
        ALL.put(name, new Sample("pre", RuleSpec.of(s)));
    }

    static {
        filter("addr4", saddr("10.0.0.0/24"), daddr("10.1.0.1"), counter(), drop());
        filter("addr6", saddr("fd00::/64"), daddr("fd00:1::/48"), accept());
        filter("prefix20", saddr("10.0.0.0/20"), accept());
        filter("range", Match.saddrRange("10.0.0.1", "10.0.0.9"), drop());
        filter("range6", Match.daddrRange("fd00::1", "fd00::ff"), drop());
        filter("not-daddr", daddr("10.0.0.0/8").not(), drop());
        filter("ifnames", Match.iifname("veth0"), Match.oifname("eth1"), accept());
        filter("l4proto", Match.l4proto(17), accept());
        filter("tcp-dport", Match.dport(Protocol.TCP, 80), accept());
        filter("udp-sport-range", Match.sportRange(Protocol.UDP, 1000, 2000), drop());
        filter("tcp-dport-not", Match.dport(Protocol.TCP, 22).not(), drop());
        filter("tcp-flags-mask", new Match.TcpFlags(Match.TcpFlags.SYN, Match.TcpFlags.SYN | Match.TcpFlags.ACK),
                drop());
        filter("tcp-flags-any", new Match.TcpFlags(Match.TcpFlags.SYN, 0), drop());
        filter("icmp-type", Match.IcmpType.echoRequest(), accept());
        filter("icmpv6-type", Match.IcmpType.echoRequestV6(), accept());
        filter("ct-state", Match.ctState(Match.CtState.State.ESTABLISHED, Match.CtState.State.RELATED), accept());
        filter("ct-status", new Match.CtStatus(Match.CtStatus.Status.DNAT.bit), accept());
        filter("ct-mark", new Match.Mark(true, 0x10, false), accept());
        filter("meta-mark", new Match.Mark(false, 1, false), accept());
        filter("fib-type", Match.FibLookup.daddrLocal(), accept());
        filter("fib-missing", new Match.FibLookup(Fib.SADDR | Fib.IIF, -1, true), drop());
        filter("numgen", Match.randomBelow(100, 30), drop());
        filter("numgen-eq", new Match.Random(4, Cmp.Op.EQ, 1), drop());
        filter("limit", Statement.limit(10, Statement.RateLimit.Per.SECOND, 5), accept());
        filter("limit-burst", Statement.limit(10, Statement.RateLimit.Per.SECOND, 20), accept());
        filter("limit-over", Statement.limit(10, Statement.RateLimit.Per.MINUTE, 5).exceeding(), drop());
        filter("limit-bytes", new Statement.RateLimit(1 << 20, Statement.RateLimit.Per.SECOND, 100 * 1024, true,
                false), accept());
        filter("quota", new Statement.ByteQuota(100L << 20, false), drop());
        filter("quota-over", new Statement.ByteQuota(10 << 10, true), drop());
        filter("log-prefix", new Statement.LogTo("x: ", 6, -1));
        filter("log-group", new Statement.LogTo(null, -1, 2));
        filter("reject-tcp", Match.l4proto(6), Statement.RejectWith.tcpReset());
        filter("reject-icmp", new Statement.RejectWith(Statement.RejectWith.With.ICMP, 1));
        filter("reject-icmpv6", new Statement.RejectWith(Statement.RejectWith.With.ICMPV6, 1));
        filter("reject", Statement.RejectWith.plain());
        filter("jump", Statement.jump("other"));
        filter("goto", Statement.goTo("other"));
        filter("return", Statement.ret());
        filter("meta-mark-set", new Statement.SetMark(false, 2));
        filter("ct-mark-set", new Statement.SetMark(true, 5));
        filter("web", saddr("192.168.0.0/16"), Match.iifname("lan0"), Match.dport(Protocol.TCP, 443),
                Match.ctState(Match.CtState.State.NEW), Statement.limit(100, Statement.RateLimit.Per.SECOND, 5),
                counter(), accept());
        post("masquerade", new Statement.Masquerade(0, 0));
        post("masquerade-ports", Match.l4proto(6), new Statement.Masquerade(1024, 2000));
        post("snat", Statement.Translate.snat("10.0.0.1"));
        post("snat-ranges", Match.l4proto(6), new Statement.Translate(false, InetAddress.ofLiteral("10.0.0.1"),
                InetAddress.ofLiteral("10.0.0.5"), 1000, 2000));
        post("snat6-port", Match.l4proto(17), new Statement.Translate(false, InetAddress.ofLiteral("fd00::1"), null,
                80, 0));
        pre("redirect", new Statement.Redirect(0, 0));
        pre("redirect-port", Match.l4proto(6), new Statement.Redirect(8080, 0));
        pre("dnat-range", new Statement.Translate(true, InetAddress.ofLiteral("10.0.0.1"),
                InetAddress.ofLiteral("10.0.0.3"), 0, 0));
        pre("dnat-port", Match.dport(Protocol.TCP, 8080), Statement.Translate.dnat("10.0.0.2", 80));
    }
}
