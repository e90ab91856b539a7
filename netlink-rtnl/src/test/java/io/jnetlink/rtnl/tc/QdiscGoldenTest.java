package io.jnetlink.rtnl.tc;

import static io.jnetlink.core.codec.Netlink.NLM_F_CREATE;
import static io.jnetlink.core.codec.Netlink.NLM_F_EXCL;
import static io.jnetlink.core.codec.Netlink.NLM_F_REPLACE;

import io.jnetlink.rtnl.Golden;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Each qdisc request equals what {@code tc} sent for the same command (golden/tc/README.md; the
 * command is the first line of each fixture). gx0 is ifindex 3.
 */
class QdiscGoldenTest {
    static final int GX0 = 3;
    static final int ADD = NLM_F_CREATE | NLM_F_EXCL;
    static final int REPLACE = NLM_F_CREATE | NLM_F_REPLACE;

    static void add(String fixture, QdiscSpec spec) {
        Golden.assertMatches("tc_" + fixture, w -> Qdiscs.encode(w, ADD, GX0, spec));
    }

    @Test
    void pfifo() { // tc qdisc add dev gx0 root handle 1: pfifo limit 100
        add("qdisc_pfifo", QdiscSpec.of(Fifo.packets(100)).handle("1:"));
    }

    @Test
    void bfifo() { // tc qdisc add dev gx0 root handle 1: bfifo limit 10000
        add("qdisc_bfifo", QdiscSpec.of(Fifo.bytes(10000)).handle("1:"));
    }

    @Test
    void tbfWithLatency() { // tc qdisc add dev gx0 root handle 1: tbf rate 20mbit burst 32kb latency 50ms
        add("qdisc_tbf_latency", QdiscSpec.of(Tbf.rate(Rate.mbit(20)).burst(32 * 1024)
                .latency(Duration.ofMillis(50))).handle("1:"));
    }

    @Test
    void tbfChangeWithLimit() { // tc qdisc change dev gx0 root handle 1: tbf rate 10mbit burst 16kb limit 30000
        Golden.assertMatches("tc_qdisc_tbf_change_limit", w -> Qdiscs.encode(w, 0, GX0,
                QdiscSpec.of(Tbf.rate(Rate.mbit(10)).burst(16 * 1024).limit(30000)).handle("1:")));
    }

    @Test
    void tbfReplaceWithPeakrate() { // tc qdisc replace ... tbf rate 20mbit burst 32kb limit 100000 peakrate 30mbit mtu 1600
        Golden.assertMatches("tc_qdisc_tbf_replace_peakrate", w -> Qdiscs.encode(w, REPLACE, GX0,
                QdiscSpec.of(Tbf.rate(Rate.mbit(20)).burst(32 * 1024).limit(100000).peakrate(Rate.mbit(30), 1600))
                        .handle("1:")));
    }

    @Test
    void tbf10gbit() { // tc qdisc replace dev gx0 root handle 1: tbf rate 10gbit burst 10mb latency 10ms
        Golden.assertMatches("tc_qdisc_tbf_10gbit", w -> Qdiscs.encode(w, REPLACE, GX0,
                QdiscSpec.of(Tbf.rate(Rate.gbit(10)).burst(10 << 20).latency(Duration.ofMillis(10))).handle("1:")));
    }

    @Test
    void tbf40gbitNeedsRate64() { // tc qdisc replace dev gx0 root handle 1: tbf rate 40gbit burst 40mb latency 10ms
        Golden.assertMatches("tc_qdisc_tbf_40gbit", w -> Qdiscs.encode(w, REPLACE, GX0,
                QdiscSpec.of(Tbf.rate(Rate.gbit(40)).burst(40 << 20).latency(Duration.ofMillis(10))).handle("1:")));
    }

    @Test
    void htb() { // tc qdisc add dev gx0 root handle 1: htb default 20 r2q 5
        add("qdisc_htb", QdiscSpec.of(Htb.defaultClass(0x20).r2q(5)).handle("1:"));
    }

    @Test
    void ingress() { // tc qdisc add dev gx0 ingress
        add("qdisc_ingress", QdiscSpec.of(new Ingress()));
    }

    @Test
    void clsact() { // tc qdisc add dev gx0 clsact
        add("qdisc_clsact", QdiscSpec.of(new Clsact()));
    }

    @Test
    void netem() { // tc qdisc add dev gx0 root netem limit 1000 delay 100ms 10ms 25% loss 1% duplicate 2% reorder 25% 50% corrupt 0.1% rate 1mbit
        add("qdisc_netem", QdiscSpec.of(Netem.create().limit(1000)
                .delay(Duration.ofMillis(100), Duration.ofMillis(10), 25).loss(1).duplicate(2).reorder(25, 50)
                .corrupt(0.1).rate(Rate.mbit(1))));
    }

    @Test
    void fqCodel() { // tc qdisc add dev gx0 root fq_codel limit 1000 flows 512 target 5ms interval 100ms quantum 1514 ecn
        add("qdisc_fq_codel", QdiscSpec.of(FqCodel.create().limit(1000).flows(512).target(Duration.ofMillis(5))
                .interval(Duration.ofMillis(100)).quantum(1514).ecn(true)));
    }

    @Test
    void prio() { // tc qdisc add dev gx0 root handle 1: prio bands 3 priomap 1 2 2 2 1 2 0 0 1 1 1 1 1 1 1 1
        add("qdisc_prio", QdiscSpec.of(Prio.create()).handle("1:"));
    }

    @Test
    void sfq() { // tc qdisc add dev gx0 root handle 1: sfq perturb 10 quantum 1514 limit 127
        add("qdisc_sfq", QdiscSpec.of(Sfq.create().perturb(10).quantum(1514).limit(127)).handle("1:"));
    }

    @Test
    void deleteRoot() { // tc qdisc del dev gx0 root
        Golden.assertMatches("tc_qdisc_del_root", w -> Qdiscs.encodeDelete(w, GX0, Handle.ROOT, Handle.NONE, null));
    }

    @Test
    void deleteIngress() { // tc qdisc del dev gx0 ingress
        Golden.assertMatches("tc_qdisc_del_ingress",
                w -> Qdiscs.encodeDelete(w, GX0, Handle.INGRESS, Handle.major(0xFFFF), "ingress"));
    }

    @Test
    void dump() { // tc qdisc show dev gx0
        Golden.assertMatches("tc_qdisc_dump", w -> Qdiscs.encodeDump(w, GX0));
    }
}
