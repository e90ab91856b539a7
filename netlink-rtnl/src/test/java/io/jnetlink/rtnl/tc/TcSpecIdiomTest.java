package io.jnetlink.rtnl.tc;

import static io.jnetlink.core.codec.Netlink.NLM_F_CREATE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.rtnl.Golden;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tc kinds follow the one idiom of request specs (see {@code LinkSpecIdiomTest}): immutable
 * values made by a nested builder whose {@code build()} checks them; a setter on a spec returns a
 * new spec built from a copy of its builder and leaves the one it was called on as it was. The
 * kinds stay records, so what the kernel reports back decodes into a value equal to the spec.
 */
class TcSpecIdiomTest {
    private static byte[] bytes(QdiscKind kind) {
        return Golden.encode(w -> Qdiscs.encode(w, NLM_F_CREATE, 3, QdiscSpec.of(kind).handle("1:")));
    }

    private static byte[] bytes(FilterKind kind) {
        return Golden.encode(w -> Filters.encode(w, NLM_F_CREATE, 3, FilterSpec.of(Handle.parse("1:"), kind)));
    }

    private static byte[] bytes(ClassKind kind) {
        return Golden.encode(w -> TcClasses.encode(w, NLM_F_CREATE, 3,
                new ClassSpec(Handle.parse("1:"), Handle.parse("1:10"), kind)));
    }

    @Test
    void settersOnASpecReturnNewSpecsAndLeaveTheTemplate() {
        Netem netem = Netem.create().delay(Duration.ofMillis(100));
        byte[] before = bytes(netem);
        Netem lossy = netem.loss(1).reorder(25, 50).limit(500);
        assertArrayEquals(before, bytes(netem), "the template is unchanged");
        assertEquals(0, netem.loss());
        assertEquals(1000, netem.limit());
        assertEquals(Netem.percent(1), lossy.loss());
        assertEquals(500, lossy.limit());
        assertEquals(100_000, lossy.delayUs());

        Htb htb = Htb.defaultClass(0x20);
        assertEquals(5, htb.r2q(5).r2q());
        assertEquals(10, htb.r2q());
        assertEquals(-1, htb.directQlen());

        HtbClass cls = HtbClass.rate(Rate.mbit(10));
        HtbClass capped = cls.ceil(Rate.mbit(20)).prio(3);
        assertEquals(Rate.mbit(10), cls.ceil());
        assertEquals(0, cls.prio());
        assertEquals(Rate.mbit(20), capped.ceil());
        assertEquals(3, capped.prio());

        Tbf tbf = Tbf.rate(Rate.mbit(20)).burst(32 * 1024);
        Tbf limited = tbf.limit(100_000);
        assertEquals(0, tbf.limit());
        assertEquals(100_000, limited.limit());

        FqCodel fq = FqCodel.create();
        assertEquals(Boolean.TRUE, fq.ecn(true).ecn());
        assertNull(fq.ecn());

        Flower flower = Flower.ipv4().ipProto(6);
        Flower web = flower.dstPort(80).action(Gact.drop());
        assertEquals(0, flower.dstPort());
        assertEquals(List.of(), flower.actions());
        assertEquals(List.of(Gact.drop()), web.actions());

        U32 u32 = U32.create().ipProtocol(6);
        U32 port = u32.dport(5001).flowid(Handle.parse("1:10"));
        assertEquals(1, u32.keys().size());
        assertNull(u32.classid());
        assertEquals(Handle.parse("1:10"), port.classid());
        assertNotEquals(u32.keys(), port.keys());
    }

    @Test
    void theBuilderFormAndTheFluentFormMakeTheSameRequest() {
        Netem fluent = Netem.create().limit(1000).delay(Duration.ofMillis(100), Duration.ofMillis(10), 25).loss(1)
                .duplicate(2).reorder(25, 50).corrupt(0.1).rate(Rate.mbit(1));
        Netem built = Netem.builder().limit(1000).delay(Duration.ofMillis(100), Duration.ofMillis(10), 25).loss(1)
                .duplicate(2).reorder(25, 50).corrupt(0.1).rate(Rate.mbit(1)).build();
        assertEquals(fluent, built);
        assertArrayEquals(bytes(fluent), bytes(built));

        assertEquals(Htb.defaultClass(0x20).r2q(5).directQlen(50),
                Htb.builder().defaultClass(0x20).r2q(5).directQlen(50).build());
        assertArrayEquals(bytes(HtbClass.rate(Rate.mbit(10)).ceil(Rate.mbit(20)).burst(15360).quantum(1500)),
                bytes(HtbClass.builder(Rate.mbit(10)).ceil(Rate.mbit(20)).burst(15360).quantum(1500).build()));
        assertArrayEquals(bytes(Tbf.rate(Rate.mbit(20)).burst(32 * 1024).latency(Duration.ofMillis(50))),
                bytes(Tbf.builder(Rate.mbit(20)).burst(32 * 1024).latency(Duration.ofMillis(50)).build()));
        assertEquals(FqCodel.create().limit(1000).target(Duration.ofMillis(5)).ecn(false),
                FqCodel.builder().limit(1000).target(Duration.ofMillis(5)).ecn(false).build());
        assertArrayEquals(bytes(Flower.ipv6().dst(IpPrefix.parse("fd00::2/128")).ipProto(17).dstPort(53)),
                bytes(Flower.builder(FilterSpec.ETH_P_IPV6).dst(IpPrefix.parse("fd00::2/128")).ipProto(17)
                        .dstPort(53).build()));
        assertArrayEquals(bytes(U32.create().ip6Dst(IpPrefix.parse("fd00::2/128")).ip6Protocol(17).ip6Dport(53)),
                bytes(U32.builder().ip6Dst(IpPrefix.parse("fd00::2/128")).ip6Protocol(17).ip6Dport(53).build()));
    }

    @Test
    void aBuilderChangedAfterBuildDoesNotChangeTheSpec() {
        Flower.Builder b = Flower.builder(FilterSpec.ETH_P_IP).ipProto(6).action(Gact.drop());
        Flower built = b.build();
        b.dstPort(22).action(Gact.pass());
        assertEquals(0, built.dstPort());
        assertEquals(List.of(Gact.drop()), built.actions());

        U32.Builder u = U32.builder().ipDst(IpPrefix.parse("10.0.0.2/32"));
        U32 one = u.build();
        u.dport(80);
        assertEquals(1, one.keys().size());

        Netem netem = Netem.create().delay(Duration.ofMillis(10));
        netem.toBuilder().limit(5).loss(50);
        assertEquals(1000, netem.limit(), "toBuilder gives a copy");
        assertEquals(0, netem.loss());
    }

    @Test
    void buildRejectsBadValuesAndTheSpecStays() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Netem.builder().reorder(25, 50).build());
        assertTrue(e.getMessage().contains("reorder needs a delay"), e.getMessage());
        Netem netem = Netem.create();
        assertThrows(IllegalArgumentException.class, () -> netem.reorder(25, 0));
        assertEquals(0, netem.reorder());
        assertThrows(IllegalArgumentException.class, () -> netem.loss(101));

        assertThrows(IllegalArgumentException.class, () -> Htb.builder().r2q(0).build());
        assertThrows(IllegalArgumentException.class, () -> Htb.builder().defaultClass(0x10000).build());
        assertThrows(IllegalArgumentException.class, () -> HtbClass.builder(Rate.mbit(1)).prio(8).build());
        assertThrows(NullPointerException.class, () -> HtbClass.builder(Rate.mbit(1)).ceil(null).build());
        assertThrows(IllegalArgumentException.class, () -> Tbf.builder(Rate.mbit(1)).burst(0));
        assertThrows(IllegalStateException.class, () -> Tbf.builder(Rate.mbit(1)).latency(Duration.ofMillis(5)));
        assertThrows(IllegalArgumentException.class, () -> FqCodel.builder().limit(-1).build());

        e = assertThrows(IllegalArgumentException.class,
                () -> Flower.builder(FilterSpec.ETH_P_IP).dstPort(80).build());
        assertTrue(e.getMessage().contains("need ip_proto"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Flower.ipv4().dst(IpPrefix.parse("fd00::/64")));

        // a contradicting match is refused and leaves the builder's keys as they were, all words or none
        U32.Builder u = U32.builder().ip6Dst(IpPrefix.parse("fd00::/64")).match(5, -1, 36);
        U32 before = u.build();
        assertThrows(IllegalArgumentException.class, () -> u.ip6Dst(IpPrefix.parse("fd00::1:0:0:7/128")));
        assertEquals(before, u.build());
    }

    @Test
    void whatTheBuilderMakesDecodesBackEqual() {
        Netem netem = Netem.builder().delay(Duration.ofMillis(20)).loss(3).build();
        assertEquals(netem, QdiscCodecTest.roundTrip(netem).options());
        Flower flower = Flower.builder(FilterSpec.ETH_P_IP).dst(IpPrefix.parse("10.0.0.0/24")).ipProto(17)
                .dstPort(53).flowid(Handle.parse("1:2")).build();
        assertEquals(flower, FilterCodecTest.roundTrip(flower).options());
    }

    @Test
    void theRequestWrappersAndTheSmallerKindsFollowTheSameIdiom() {
        QdiscSpec root = QdiscSpec.of(Htb.defaultClass(0x20));
        QdiscSpec inner = root.handle("10:").parent("1:10");
        assertEquals(Handle.ROOT, root.parent());
        assertEquals(Handle.parse("10:"), inner.handle());
        assertEquals(inner, QdiscSpec.builder(Htb.defaultClass(0x20)).handle("10:").parent("1:10").build());
        assertThrows(IllegalArgumentException.class, () -> QdiscSpec.builder(Sfq.create()).handle("1:5").build());

        FilterSpec filter = FilterSpec.of(Handle.parse("1:"), Matchall.of(Gact.drop()));
        FilterSpec pinned = filter.prio(7).handle(0x800).protocol(FilterSpec.ETH_P_IP);
        assertEquals(0, filter.prio());
        assertEquals(FilterSpec.ETH_P_ALL, filter.protocol());
        assertEquals(pinned, FilterSpec.builder(Handle.parse("1:"), Matchall.of(Gact.drop())).prio(7).handle(0x800)
                .protocol(FilterSpec.ETH_P_IP).build());
        assertThrows(IllegalArgumentException.class, () -> filter.toBuilder().prio(0x10000).build());

        Sfq sfq = Sfq.create();
        assertEquals(10, sfq.perturb(10).perturbSeconds());
        assertEquals(0, sfq.perturbSeconds());
        assertEquals(Sfq.create().quantum(1514).limit(127), Sfq.builder().quantum(1514).limit(127).build());
        assertThrows(IllegalArgumentException.class, () -> Sfq.builder().limit(-1).build());

        Matchall all = Matchall.of(Gact.drop(), Gact.pass());
        assertEquals(List.of(Gact.drop(), Gact.pass()), all.actions());
        assertNull(all.flowid(Handle.parse("1:1")).toBuilder().flowid(null).build().classid());
        assertEquals(all, Matchall.builder().action(Gact.drop()).action(Gact.pass()).build());
        assertNull(all.classid());

        Bpf bpf = Bpf.bytecode("1,6 0 0 4294967295,");
        Bpf classified = bpf.flowid(Handle.parse("1:1"));
        assertNull(bpf.classid());
        assertEquals(Handle.parse("1:1"), classified.classid());
        assertArrayEquals(bpf.ops(), classified.ops());
        assertEquals(List.of(Gact.drop()), bpf.toBuilder().action(Gact.drop()).build().actions());
        assertEquals(List.of(), bpf.actions());
    }
}
