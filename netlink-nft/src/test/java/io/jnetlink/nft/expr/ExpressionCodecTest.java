package io.jnetlink.nft.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.RawAttribute;
import java.lang.foreign.Arena;
import java.util.HexFormat;
import java.util.List;
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

    @Test
    void everyRecordRoundTrips() {
        List<Expression> all = List.of(
                new Meta(Meta.Key.IIFNAME, Expressions.REG_1),
                new Meta(Meta.Key.L4PROTO, 8),
                Payload.ipv6Destination(16, Expressions.REG_2),
                Payload.destinationPort(Expressions.REG_1),
                new Cmp(Expressions.REG_1, Cmp.Op.GTE, new byte[] {0, 80}),
                Bitwise.prefixMask(Expressions.REG_1, 4, 20),
                new Immediate(Expressions.REG_1, new byte[] {10, 0, 0, 1}),
                Verdict.accept(), Verdict.drop(), Verdict.ret(), Verdict.jump("a"), Verdict.goTo("b"),
                new Verdict(Verdict.Code.CONTINUE, null),
                Nat.dnat(Nat.IPV4, Expressions.REG_1, Expressions.REG_2),
                new Nat(Nat.Type.SNAT, Nat.IPV6, 1, 2, 3, 4, Nat.MAP_IPS | Nat.PROTO_SPECIFIED),
                Masq.plain(), new Masq(4, 1, 1),
                Counter.zero(), new Counter(1L << 40, 7),
                new Lookup("s", Expressions.REG_1, -1, 0), new Lookup("m", Expressions.REG_1, Expressions.REG_VERDICT, 1),
                new Unknown("ct", List.of(new RawAttribute(2, new byte[] {0, 0, 0, 0}), new RawAttribute(1, new byte[] {0, 0, 0, 1}))),
                new Unknown("notrack", List.of()));
        assertEquals(all, decode(encode(all)));
        for (Expression e : all) {
            assertEquals(List.of(e), decode(encode(List.of(e))), e.toString());
        }
    }

    @Test
    void unknownKeepsBytesExactly() {
        // A meta *set* (SREG instead of DREG) is not modeled: it must come back as Unknown and re-encode identically.
        List<Expression> metaSet = List.of(new Unknown("meta",
                List.of(new RawAttribute(2, new byte[] {0, 0, 0, 3}), new RawAttribute(3, new byte[] {0, 0, 0, 1}))));
        byte[] bytes = encode(metaSet);
        List<Expression> back = decode(bytes);
        assertInstanceOf(Unknown.class, back.getFirst());
        assertEquals(HexFormat.of().formatHex(bytes), HexFormat.of().formatHex(encode(back)));
    }

    @Test
    void modeledNameInUnmodeledFormBecomesUnknown() {
        // payload with SREG (a payload write) and bitwise with a shift op decode as Unknown, not as wrong records.
        List<Expression> odd = List.of(
                new Unknown("payload", List.of(new RawAttribute(5, new byte[] {0, 0, 0, 1}),
                        new RawAttribute(2, new byte[] {0, 0, 0, 1}), new RawAttribute(3, new byte[] {0, 0, 0, 1}),
                        new RawAttribute(4, new byte[] {0, 0, 0, 1}))),
                new Unknown("bitwise", List.of(new RawAttribute(6, new byte[] {0, 0, 0, 1}))));
        assertEquals(odd, decode(encode(odd)));
    }
}
