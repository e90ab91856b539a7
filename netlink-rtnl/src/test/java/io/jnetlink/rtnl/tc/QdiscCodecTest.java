package io.jnetlink.rtnl.tc;

import static io.jnetlink.core.codec.Netlink.NLM_F_CREATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.codec.Message;
import io.jnetlink.rtnl.Golden;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every qdisc kind reads back what it writes (the same decoder reads the kernel's dumps), and the
 * registry knows every kind: the samples here cover each permitted subtype of {@link QdiscKind}, so
 * a kind added to the sealed list without a sample, or without a case in {@link QdiscKind#decode},
 * fails.
 */
class QdiscCodecTest {
    static final List<QdiscKind> SAMPLES = List.of(
            Fifo.packets(100), Fifo.bytes(10000), Htb.defaultClass(0x20).r2q(5).directQlen(50),
            Tbf.rate(Rate.mbit(20)).burst(32 * 1024).latency(Duration.ofMillis(50)),
            Tbf.rate(Rate.mbit(20)).burst(32 * 1024).limit(100000).peakrate(Rate.mbit(30), 1600),
            Tbf.rate(Rate.gbit(40)).burst(40 << 20).limit(100_000_000),
            new Ingress(), new Clsact(),
            Netem.create().limit(1000).delay(Duration.ofMillis(100), Duration.ofMillis(10), 25).loss(1).duplicate(2)
                    .reorder(25, 50).corrupt(0.1).rate(Rate.mbit(1)),
            FqCodel.create().limit(1000).flows(512).target(Duration.ofMillis(5)).interval(Duration.ofMillis(100))
                    .quantum(1514).ecn(true),
            Prio.create(), Sfq.create().perturb(10).quantum(1514).limit(127),
            new OtherQdisc("cake", new byte[] {8, 0, 1, 0, 1, 0, 0, 0}));

    /** Encodes {@code kind} as an RTM_NEWQDISC and decodes it again. */
    static QdiscInfo roundTrip(QdiscKind kind) {
        byte[] bytes = Golden.encode(w -> Qdiscs.encode(w, NLM_F_CREATE, 3, QdiscSpec.of(kind).handle("1:")));
        return decode(bytes, QdiscInfo::decode);
    }

    static <T> T decode(byte[] bytes, Function<Message, T> decoder) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(bytes.length, 8);
            MemorySegment.copy(bytes, 0, seg, ValueLayout.JAVA_BYTE, 0, bytes.length);
            return decoder.apply(Message.at(seg, 0));
        }
    }

    @Test
    void everyKindReadsBackWhatItWrote() {
        for (QdiscKind k : SAMPLES) {
            QdiscInfo q = roundTrip(k);
            QdiscKind back = q.options();
            if (k instanceof Htb h) {
                assertEquals(h, back);
            } else {
                assertEquals(k, back, k.kind());
            }
            assertEquals(3, q.ifindex());
            assertEquals(k.kind(), q.kind());
        }
    }

    @Test
    void samplesCoverEverySealedKind() {
        Set<Class<?>> covered = SAMPLES.stream().map(Object::getClass).collect(Collectors.toSet());
        Set<Class<?>> permitted = new java.util.HashSet<>();
        for (Class<?> c : QdiscKind.class.getPermittedSubclasses()) {
            permitted.addAll(c.isInterface() ? List.of(c.getPermittedSubclasses()) : List.of(c));
        }
        assertEquals(permitted, covered, "a sample per qdisc kind");
        for (QdiscKind k : SAMPLES) {
            if (!(k instanceof OtherQdisc)) {
                assertEquals(k.getClass(), roundTrip(k).options().getClass(), "registry decodes " + k.kind());
            }
        }
    }

    @Test
    void unknownKindKeepsItsOptions() {
        QdiscKind back = roundTrip(new OtherQdisc("cake", new byte[] {8, 0, 1, 0, 1, 0, 0, 0})).options();
        assertTrue(back instanceof OtherQdisc o && Arrays.equals(o.options(), new byte[] {8, 0, 1, 0, 1, 0, 0, 0}));
    }

    @Test
    void handlesAreWrittenAndPrintedAsTcDoes() {
        assertEquals(0x0001_0000, Handle.parse("1:").value());
        assertEquals(0x0001_0010, Handle.parse("1:10").value());
        assertEquals("1:10", Handle.of(1, 0x10).toString());
        assertEquals("1:", Handle.major(1).toString());
        assertEquals("root", Handle.parse("root").toString());
        assertEquals(Handle.INGRESS, Handle.parse("ingress"));
        assertEquals(Handle.CLSACT, Handle.parse("clsact"));
        assertEquals("ffff:fff1", Handle.INGRESS.toString());
        assertEquals("ffff:fff2", Handle.INGRESS_HOOK.toString());
        assertEquals(":10", Handle.parse(":10").toString());
        assertEquals("none", Handle.NONE.toString());
        assertThrows(IllegalArgumentException.class, () -> Handle.parse("1"));
        assertThrows(IllegalArgumentException.class, () -> Handle.parse("10000:"));
        assertThrows(IllegalArgumentException.class, () -> Handle.parse("x:y"));
        assertThrows(IllegalArgumentException.class, () -> QdiscSpec.of(new Ingress()).handle("1:10"));
    }

    @Test
    void badOptionsSayWhat() {
        assertThrows(IllegalStateException.class, () -> Tbf.rate(Rate.mbit(1)).latency(Duration.ofMillis(1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Golden.encode(w -> Qdiscs.encode(w, 0, 3, QdiscSpec.of(Tbf.rate(Rate.mbit(1)).burst(1000)))));
        assertTrue(e.getMessage().contains("limit or latency"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Rate.bits(7));
        assertThrows(IllegalArgumentException.class, () -> Netem.create().reorder(10, 0));
        assertThrows(IllegalArgumentException.class, () -> Netem.percent(101));
    }
}
