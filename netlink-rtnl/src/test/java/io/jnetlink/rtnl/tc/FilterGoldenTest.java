package io.jnetlink.rtnl.tc;

import static io.jnetlink.core.codec.Netlink.NLM_F_CREATE;
import static io.jnetlink.core.codec.Netlink.NLM_F_EXCL;
import static io.jnetlink.rtnl.tc.FilterSpec.ETH_P_ALL;
import static io.jnetlink.rtnl.tc.FilterSpec.ETH_P_IP;
import static io.jnetlink.rtnl.tc.FilterSpec.ETH_P_IPV6;

import io.jnetlink.rtnl.Golden;
import io.jnetlink.core.net.IpPrefix;
import org.junit.jupiter.api.Test;

/**
 * Each filter request equals what {@code tc} sent for the same command (first line of each
 * fixture): u32 matches, matchall, flower, bpf, and the actions gact, mirred and police. gx0 is
 * ifindex 3, gx1 ifindex 2.
 */
class FilterGoldenTest {
    static final int GX0 = 3;
    static final int GX1 = 2;
    static final Handle QDISC_1 = Handle.parse("1:");

    static void add(String fixture, FilterSpec spec) {
        Golden.assertMatches("tc_" + fixture, w -> Filters.encode(w, NLM_F_CREATE | NLM_F_EXCL, GX0, spec));
    }

    @Test
    void u32IpDst() { // tc filter add dev gx0 parent 1: protocol ip prio 1 u32 match ip dst 10.0.0.2/32 flowid 1:10
        add("filter_u32_ip_dst", FilterSpec.of(QDISC_1, U32.create().ipDst(IpPrefix.parse("10.0.0.2/32"))
                .flowid(Handle.parse("1:10"))).protocol(ETH_P_IP).prio(1));
    }

    @Test
    void u32IpSrcProtocolPorts() { // ... prio 2 u32 match ip src 10.0.0.0/24 match ip protocol 6 0xff match ip sport 80 0xffff match ip dport 5001 0xffff flowid 1:10
        add("filter_u32_ip_ports", FilterSpec.of(QDISC_1, U32.create().ipSrc(IpPrefix.parse("10.0.0.0/24"))
                .ipProtocol(6).sport(80).dport(5001).flowid(Handle.parse("1:10"))).protocol(ETH_P_IP).prio(2));
    }

    @Test
    void u32Ip6() { // ... protocol ipv6 prio 3 u32 match ip6 src fd00::/64 match ip6 dst fd00::2/128 match ip6 protocol 17 0xff match ip6 dport 5001 0xffff flowid 1:20
        add("filter_u32_ip6", FilterSpec.of(QDISC_1, U32.create().ip6Src(IpPrefix.parse("fd00::/64"))
                .ip6Dst(IpPrefix.parse("fd00::2/128")).ip6Protocol(17).ip6Dport(5001).flowid(Handle.parse("1:20")))
                .protocol(ETH_P_IPV6).prio(3));
    }

    @Test
    void u32Replace() { // tc filter replace dev gx0 parent 1: protocol ip prio 1 handle 800::800 u32 match ip dst 10.0.0.3/32 flowid 1:20
        Golden.assertMatches("tc_filter_u32_replace", w -> Filters.encode(w, NLM_F_CREATE, GX0,
                FilterSpec.of(QDISC_1, U32.create().ipDst(IpPrefix.parse("10.0.0.3/32")).flowid(Handle.parse("1:20")))
                        .protocol(ETH_P_IP).prio(1).handle(FilterSpec.u32Handle("800::800"))));
    }

    @Test
    void deleteOne() { // tc filter del dev gx0 parent 1: protocol ip prio 1 handle 800::800 u32
        Golden.assertMatches("tc_filter_del", w -> Filters.encodeDelete(w, GX0, QDISC_1, 1, ETH_P_IP,
                FilterSpec.u32Handle("800::800"), "u32"));
    }

    @Test
    void deletePrio() { // tc filter del dev gx0 parent 1: protocol ip prio 2
        Golden.assertMatches("tc_filter_del_prio", w -> Filters.encodeDelete(w, GX0, QDISC_1, 2, ETH_P_IP, 0, null));
    }

    @Test
    void dump() { // tc filter show dev gx0 parent 1:
        Golden.assertMatches("tc_filter_dump", w -> Filters.encodeDump(w, GX0, QDISC_1));
    }

    @Test
    void mirredEgressRedirect() { // tc filter add dev gx0 ingress protocol all prio 1 u32 match u32 0 0 action mirred egress redirect dev gx1
        add("filter_mirred_redirect", FilterSpec.of(Handle.INGRESS_HOOK, U32.create().match(0, 0, 0)
                .action(Mirred.redirectTo(GX1))).protocol(ETH_P_ALL).prio(1));
    }

    @Test
    void mirredIngressMirror() { // tc filter add dev gx0 egress protocol all prio 2 u32 match u32 0 0 action mirred ingress mirror dev gx1
        add("filter_mirred_mirror", FilterSpec.of(Handle.EGRESS_HOOK, U32.create().match(0, 0, 0)
                .action(Mirred.mirrorToIngress(GX1))).prio(2));
    }

    @Test
    void gactDrop() { // tc filter add dev gx0 ingress protocol ip prio 3 u32 match ip dst 10.0.0.2/32 action drop
        add("filter_u32_gact_drop", FilterSpec.of(Handle.INGRESS_HOOK, U32.create().ipDst(IpPrefix.parse("10.0.0.2/32"))
                .action(Gact.drop())).protocol(ETH_P_IP).prio(3));
    }

    @Test
    void gactPass() { // tc filter add dev gx0 ingress protocol ip prio 3 u32 match ip dst 10.0.0.2/32 action pass
        add("filter_u32_gact_pass", FilterSpec.of(Handle.INGRESS_HOOK, U32.create().ipDst(IpPrefix.parse("10.0.0.2/32"))
                .action(Gact.pass())).protocol(ETH_P_IP).prio(3));
    }

    @Test
    void police() { // tc filter add dev gx0 ingress protocol ip prio 4 u32 match ip src 10.0.0.0/8 action police rate 1mbit burst 10k conform-exceed drop/ok
        add("filter_u32_police", FilterSpec.of(Handle.INGRESS_HOOK, U32.create().ipSrc(IpPrefix.parse("10.0.0.0/8"))
                .action(Police.rate(Rate.mbit(1), 10 * 1024))).protocol(ETH_P_IP).prio(4));
    }

    @Test
    void matchall() { // tc filter add dev gx0 ingress prio 5 matchall action drop
        add("filter_matchall", FilterSpec.of(Handle.INGRESS_HOOK, Matchall.of(Gact.drop())).prio(5));
    }

    @Test
    void flower() { // tc filter add dev gx0 ingress protocol ip prio 6 flower dst_ip 10.0.0.2 ip_proto tcp dst_port 80 action drop
        add("filter_flower", FilterSpec.of(Handle.INGRESS_HOOK, Flower.ipv4().dst(IpPrefix.parse("10.0.0.2/32"))
                .ipProto(6).dstPort(80).action(Gact.drop())).prio(6));
    }

    @Test
    void bpfBytecode() { // tc filter add dev gx0 ingress protocol all prio 7 bpf bytecode '1,6 0 0 4294967295,' flowid 1:1
        add("filter_bpf_bytecode", FilterSpec.of(Handle.INGRESS_HOOK, Bpf.bytecode("1,6 0 0 4294967295,")
                .flowid(Handle.parse("1:1"))).prio(7));
    }
}
