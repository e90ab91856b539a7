package io.jnetlink.rtnl.tc;

import static io.jnetlink.core.codec.Netlink.NLM_F_CREATE;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.rtnl.Fuzz;
import io.jnetlink.rtnl.Golden;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated tc messages into the qdisc, class and filter decoders (110,000 each for
 * qdiscs, and for classes and filters together): only the malformed-message exception may come
 * out. Seeds: every kind as written, tc's golden requests, and a dump reply with TCA_STATS2.
 */
class TcFuzzTest {
    static List<byte[]> qdiscSeeds() {
        List<byte[]> seeds = new ArrayList<>();
        for (QdiscKind k : QdiscCodecTest.SAMPLES) {
            seeds.add(Golden.encode(w -> Qdiscs.encode(w, NLM_F_CREATE, 3, QdiscSpec.of(k))));
        }
        seeds.add(Golden.encode(w -> {
            w.begin(Tca.RTM_NEWQDISC, 0);
            Tca.tcmsg(w, 3, 0x10000, -1, 2);
            w.attrString(Tca.TCA_KIND, "pfifo");
            w.attrU32(Tca.TCA_OPTIONS, 1000);
            w.nest(Tca.TCA_STATS2, s -> {
                s.nest(TcStats.TCA_STATS_BASIC, b -> b.u64(123456).u32(99).u32(0));
                s.nest(TcStats.TCA_STATS_RATE_EST, b -> b.u32(1000).u32(10));
                s.nest(TcStats.TCA_STATS_QUEUE, b -> b.u32(1).u32(1514).u32(7).u32(0).u32(3));
                s.attrU64(TcStats.TCA_STATS_PKT64, 99);
            });
            w.end();
        }));
        return seeds;
    }

    @Test
    void classAndFilterDecodersOnlyThrowMalformed() {
        List<byte[]> classSeeds = new ArrayList<>();
        for (ClassKind k : FilterCodecTest.CLASS_SAMPLES) {
            classSeeds.add(Golden.encode(w -> TcClasses.encode(w, NLM_F_CREATE, 3,
                    new ClassSpec(Handle.parse("1:"), Handle.parse("1:10"), k))));
        }
        for (String f : List.of("tc_class_htb_full", "tc_class_htb_rate", "tc_class_htb_replace_64bit")) {
            classSeeds.add(Golden.load(f));
        }
        Fuzz.Result c = Fuzz.run(16, 50_000 / (classSeeds.size() + 1) + 1, Tca.RTM_NEWTCLASS, classSeeds,
                ClassInfo::decode);
        List<byte[]> filterSeeds = new ArrayList<>();
        for (FilterKind k : FilterCodecTest.SAMPLES) {
            filterSeeds.add(Golden.encode(w -> Filters.encode(w, NLM_F_CREATE, 3, FilterSpec.of(Handle.ROOT, k))));
        }
        for (String f : List.of("tc_filter_u32_ip6", "tc_filter_flower", "tc_filter_matchall", "tc_filter_u32_police",
                "tc_filter_mirred_redirect", "tc_filter_bpf_bytecode")) {
            filterSeeds.add(Golden.load(f));
        }
        Fuzz.Result f = Fuzz.run(17, 60_000 / (filterSeeds.size() + 1) + 1, Tca.RTM_NEWTFILTER, filterSeeds,
                FilterInfo::decode);
        assertTrue(c.decoded() + c.malformed() + c.skipped() + f.decoded() + f.malformed() + f.skipped() >= 110_000);
        assertTrue(c.decoded() > 5_000 && c.malformed() > 5_000, "class decoder reached both ways: " + c);
        assertTrue(f.decoded() > 5_000 && f.malformed() > 5_000, "filter decoder reached both ways: " + f);
    }

    @Test
    void qdiscDecoderOnlyThrowsMalformed() {
        List<byte[]> seeds = qdiscSeeds();
        Fuzz.Result r = Fuzz.run(15, 110_000 / (seeds.size() + 1) + 1, Tca.RTM_NEWQDISC, seeds, QdiscInfo::decode);
        assertTrue(r.decoded() + r.malformed() + r.skipped() >= 110_000, r.toString());
        assertTrue(r.decoded() > 10_000 && r.malformed() > 10_000, "reached the decoder both ways: " + r);
    }
}
