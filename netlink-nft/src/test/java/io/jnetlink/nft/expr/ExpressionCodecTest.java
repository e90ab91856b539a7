package io.jnetlink.nft.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.RawAttribute;
import java.lang.foreign.Arena;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every expression record encodes and decodes back to itself through the one registry. */
class ExpressionCodecTest {

    private static byte[] encode(List<Expression> exprs) {
        try (Arena arena = Arena.ofConfined()) {
            MessageWriter w = new MessageWriter(arena, 1024);
            w.begin(0x100, 0);
            Expressions.writeList(w, 4, exprs);
            w.end();
            return w.toByteArray();
        }
    }

    private static List<Expression> decode(byte[] msg) {
        try (Arena arena = Arena.ofConfined()) {
            var seg = arena.allocate(msg.length);
            seg.copyFrom(java.lang.foreign.MemorySegment.ofArray(msg));
            AttributeCursor a = Message.at(seg, 0).attributes(0, AttrNames.numbered("T"));
            a.next();
            return Expressions.readList(a);
        }
    }

    /** One or more values of every expression record; {@link #everyPermittedRecordIsRegistered} checks the coverage. */
    static final List<Expression> SAMPLES = List.of(
                new Meta(Meta.Key.IIFNAME, Expressions.REG_1),
                new Meta(Meta.Key.L4PROTO, 8),
                Payload.ipv6Destination(16, Expressions.REG_2),
                Payload.destinationPort(Expressions.REG_1),
                new Cmp(Expressions.REG_1, Cmp.Op.GTE, new byte[] {0, 80}),
                Bitwise.prefixMask(Expressions.REG_1, 4, 20),
                new Bitwise(Expressions.REG_1, Expressions.REG_1, new byte[] {0x12}, new byte[1], true),
                new Immediate(Expressions.REG_1, new byte[] {10, 0, 0, 1}),
                Verdict.accept(), Verdict.drop(), Verdict.ret(), Verdict.jump("a"), Verdict.goTo("b"),
                new Verdict(Verdict.Code.CONTINUE, null),
                NatExpr.dnat(NatExpr.IPV4, Expressions.REG_1, Expressions.REG_2),
                new NatExpr(NatExpr.Type.SNAT, NatExpr.IPV6, 1, 2, 3, 4, NatExpr.MAP_IPS | NatExpr.PROTO_SPECIFIED),
                Masq.plain(), new Masq(4, 1, 1),
                Counter.zero(), new Counter(1L << 40, 7),
                new Lookup("s", Expressions.REG_1, -1, 0), new Lookup("m", Expressions.REG_1, Expressions.REG_VERDICT, 1),
                new Unknown("ct", List.of(new RawAttribute(2, new byte[] {0, 0, 0, 0}), new RawAttribute(3, new byte[] {0}),
                        new RawAttribute(1, new byte[] {0, 0, 0, 1}))),
                new Notrack(),
                new Exthdr(Exthdr.OP_TCPOPT, 2, 2, 2, 0, Expressions.REG_1, -1),
                new Exthdr(Exthdr.OP_TCPOPT, 4, 0, 1, Exthdr.F_PRESENT, Expressions.REG_1, -1),
                new Exthdr(Exthdr.OP_TCPOPT, 2, 2, 2, 0, -1, Expressions.REG_1),
                new Rt(Rt.TCPMSS, Expressions.REG_1),
                new PayloadSet(Payload.Base.TRANSPORT, 2, 2, Expressions.REG_1, 1, 16, 0),
                new PayloadSet(Payload.Base.NETWORK, 7, 1, Expressions.REG_1, 0, 0, 0),
                new Dynset("s", Dynset.Op.ADD, Expressions.REG_1, 0, 0, 0, List.of()),
                new Dynset("s6", Dynset.Op.UPDATE, Expressions.REG_1, 0, 30_000, 0, List.of(Counter.zero())),
                new Dynset("m", Dynset.Op.DELETE, Expressions.REG_1, Expressions.REG_2, 0, 0,
                        List.of(Counter.zero(), new Limit(10, 1, 5, false, true))),
                new Objref(Objref.COUNTER, "c1"), new Objref(Objref.QUOTA, "q"),
                new MetaSet(Meta.Key.MARK, Expressions.REG_1),
                new Ct(Ct.Key.STATE, Expressions.REG_1), new CtSet(Ct.Key.MARK, Expressions.REG_1),
                new Limit(10, 1, 5, false, false), new Limit(1 << 20, 60, 102400, true, true),
                new Numgen(true, 100, 0, Expressions.REG_1), Byteorder.hton32(Expressions.REG_1),
                new Reject(Reject.Type.TCP_RST, 0), new Reject(Reject.Type.ICMPX_UNREACH, 1),
                new Quota(10240, 0, true), new Log("x: ", 6, -1, 0), new Log(null, -1, 2, 0), new Log(null, -1, -1, 0),
                new Fib(Fib.DADDR, Fib.RESULT_ADDRTYPE, Expressions.REG_1),
                new Fib(Fib.SADDR | Fib.IIF | Fib.PRESENT, Fib.RESULT_OIF, Expressions.REG_1),
                new Redir(0, 0, 0), new Redir(NatExpr.PROTO_SPECIFIED, 1, 0));

    @Test
    void everyRecordRoundTrips() {
        List<Expression> all = SAMPLES;
        assertEquals(all, decode(encode(all)));
        for (Expression e : all) {
            assertEquals(List.of(e), decode(encode(List.of(e))), e.toString());
        }
    }

    /**
     * Walks the sealed family: every permitted record has its codec in the registry (which is
     * built from the same permits), decodes under its own name, and has a round-trip sample above.
     * A record added to {@code permits} without a codec, or a codec without a sample, fails here.
     */
    @Test
    void everyPermittedRecordIsRegistered() {
        Set<Class<?>> sampled = new HashSet<>();
        for (Expression e : SAMPLES) {
            sampled.add(e.getClass());
        }
        Class<?>[] permitted = Expression.class.getPermittedSubclasses();
        assertTrue(permitted.length >= 11, "the sealed family shrank?");
        for (Class<?> c : permitted) {
            @SuppressWarnings("unchecked")
            Codec<?> codec = Expressions.codecOf((Class<? extends Expression>) c);
            assertNotNull(codec, c.getSimpleName() + " is permitted but has no codec");
            assertSame(c, codec.type, c.getSimpleName());
            if (codec.kind != null) {
                assertNotNull(Expressions.decoderOf(codec.kind), "nothing decodes \"" + codec.kind + "\"");
            }
            if (codec.decoder != null) {
                assertSame(codec, Expressions.decoderOf(codec.kind), c.getSimpleName() + " decodes its own name");
            }
            assertTrue(sampled.contains(c), c.getSimpleName() + " has no sample in SAMPLES");
        }
        for (Expression e : SAMPLES) {
            Codec<?> codec = Expressions.codecOf(e.getClass());
            if (codec.kind != null) {
                assertEquals(codec.kind, e.kind(), e.toString());
            }
        }
    }

    @Test
    void unknownKeepsBytesExactly() {
        // A meta with both a source and a destination register is no form the kernel knows: kept as Unknown, same bytes.
        List<Expression> metaSet = List.of(new Unknown("meta", List.of(new RawAttribute(2, new byte[] {0, 0, 0, 3}),
                new RawAttribute(3, new byte[] {0, 0, 0, 1}), new RawAttribute(1, new byte[] {0, 0, 0, 1}))));
        byte[] bytes = encode(metaSet);
        List<Expression> back = decode(bytes);
        assertInstanceOf(Unknown.class, back.getFirst());
        assertEquals(HexFormat.of().formatHex(bytes), HexFormat.of().formatHex(encode(back)));
    }

    @Test
    void modeledNameInUnmodeledFormBecomesUnknown() {
        // payload with both DREG and SREG and bitwise with a shift op decode as Unknown, not as wrong records.
        List<Expression> odd = List.of(
                new Unknown("payload", List.of(new RawAttribute(1, new byte[] {0, 0, 0, 1}),
                        new RawAttribute(5, new byte[] {0, 0, 0, 1}),
                        new RawAttribute(2, new byte[] {0, 0, 0, 1}), new RawAttribute(3, new byte[] {0, 0, 0, 1}),
                        new RawAttribute(4, new byte[] {0, 0, 0, 1}))),
                new Unknown("bitwise", List.of(new RawAttribute(6, new byte[] {0, 0, 0, 1}))));
        assertEquals(odd, decode(encode(odd)));
    }
}
