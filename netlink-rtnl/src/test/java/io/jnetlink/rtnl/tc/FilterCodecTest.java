package io.jnetlink.rtnl.tc;

import static io.jnetlink.core.codec.Netlink.NLM_F_CREATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jnetlink.rtnl.Golden;
import io.jnetlink.core.net.IpPrefix;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every classifier, action and class kind reads back what it writes, and the samples cover every
 * permitted subtype of {@link FilterKind}, {@link Action} and {@link ClassKind}, so a kind added to
 * a sealed list without a sample (or without a case in its registry) fails.
 */
class FilterCodecTest {
    static final List<FilterKind> SAMPLES = List.of(
            U32.create().ipDst(IpPrefix.parse("10.0.0.2/32")).ipProtocol(6).dport(5001).flowid(Handle.parse("1:10")),
            U32.create().ip6Src(IpPrefix.parse("fd00::/64")).ip6Dport(53).action(Mirred.redirectTo(2))
                    .action(Gact.pass()),
            U32.create().match(0, 0, 0).action(Police.rate(Rate.mbit(1), 10240)).action(Mirred.mirrorToIngress(4))
                    .action(new OtherAction("skbedit", new byte[] {4, 0, 1, 0})),
            Matchall.of(Gact.drop()).flowid(Handle.parse("1:1")),
            Flower.ipv4().dst(IpPrefix.parse("10.0.0.0/8")).src(IpPrefix.parse("10.1.2.3/32")).ipProto(6).dstPort(80)
                    .srcPort(1234).action(Gact.drop()),
            Flower.ipv6().dst(IpPrefix.parse("fd00::2/128")).ipProto(17).dstPort(53).flowid(Handle.parse("1:2")),
            Bpf.bytecode("4,40 0 0 12,21 0 1 2048,6 0 0 262144,6 0 0 0,").flowid(Handle.parse("1:1")),
            new OtherFilter("fw", new byte[] {8, 0, 1, 0, 1, 0, 1, 0}));

    static final List<ClassKind> CLASS_SAMPLES = List.of(
            HtbClass.rate(Rate.mbit(10)).ceil(Rate.mbit(20)).burst(15360).cburst(15360).prio(1).quantum(1500),
            new OtherClass("hfsc", new byte[] {4, 0, 1, 0}));

    static FilterInfo roundTrip(FilterKind kind) {
        byte[] bytes = Golden.encode(w -> Filters.encode(w, NLM_F_CREATE, 3,
                FilterSpec.of(Handle.parse("1:"), kind).prio(7).handle(0x800)));
        return QdiscCodecTest.decode(bytes, FilterInfo::decode);
    }

    @Test
    void everyClassifierReadsBackWhatItWrote() {
        for (FilterKind k : SAMPLES) {
            FilterInfo f = roundTrip(k);
            assertEquals(k, f.options(), k.kind());
            assertEquals(7, f.prio());
            assertEquals(k.defaultProtocol(), f.protocol());
            assertEquals(0x800, f.handle());
            assertEquals(Handle.parse("1:"), f.parent());
        }
    }

    @Test
    void everyClassKindReadsBackWhatItWrote() {
        for (ClassKind k : CLASS_SAMPLES) {
            byte[] bytes = Golden.encode(w -> TcClasses.encode(w, NLM_F_CREATE, 3, new ClassSpec(Handle.parse("1:"),
                    Handle.parse("1:10"), k)));
            ClassInfo c = QdiscCodecTest.decode(bytes, ClassInfo::decode);
            assertEquals(k, c.options());
            assertEquals(Handle.parse("1:10"), c.handle());
        }
    }

    @Test
    void samplesCoverEverySealedKind() {
        assertEquals(permitted(FilterKind.class), classes(SAMPLES));
        Set<Class<?>> actions = new HashSet<>();
        for (FilterKind k : SAMPLES) {
            k.actions().forEach(a -> actions.add(a.getClass()));
        }
        assertEquals(permitted(Action.class), actions);
        assertEquals(permitted(ClassKind.class), classes(CLASS_SAMPLES));
    }

    private static Set<Class<?>> classes(List<?> l) {
        Set<Class<?>> s = new HashSet<>();
        l.forEach(o -> s.add(o.getClass()));
        return s;
    }

    private static Set<Class<?>> permitted(Class<?> c) {
        return new HashSet<>(Arrays.asList(c.getPermittedSubclasses()));
    }

    @Test
    void badSpecsSayWhat() {
        assertThrows(IllegalArgumentException.class, () -> U32.create().ipDst(IpPrefix.parse("fd00::1/128")));
        assertThrows(IllegalArgumentException.class, () -> U32.create().dport(80).dport(81));
        assertThrows(IllegalArgumentException.class, () -> Flower.ipv4().dstPort(80));
        assertThrows(IllegalArgumentException.class, () -> Flower.ipv4().dst(IpPrefix.parse("fd00::/8")));
        assertThrows(IllegalArgumentException.class, () -> Bpf.bytecode("2,6 0 0 0,"));
        assertThrows(IllegalArgumentException.class, () -> FilterSpec.u32Handle("800"));
        assertThrows(IllegalArgumentException.class, () -> ClassSpec.of("1:", "2:10", HtbClass.rate(Rate.mbit(1))));
        assertThrows(IllegalArgumentException.class, () -> HtbClass.rate(Rate.mbit(1)).prio(8));
        assertEquals(0x80000800, FilterSpec.u32Handle("800::800"));
    }
}
