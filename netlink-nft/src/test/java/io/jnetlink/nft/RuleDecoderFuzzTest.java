package io.jnetlink.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.jnetlink.core.MalformedMessageException;
import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.nft.expr.Bitwise;
import io.jnetlink.nft.expr.Cmp;
import io.jnetlink.nft.expr.Counter;
import io.jnetlink.nft.expr.Expressions;
import io.jnetlink.nft.expr.Lookup;
import io.jnetlink.nft.expr.Meta;
import io.jnetlink.nft.expr.Payload;
import io.jnetlink.nft.expr.Unknown;
import io.jnetlink.nft.expr.Verdict;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated NEWRULE messages (also read as table and chain messages): the decoders either
 * decode them or throw
 * {@link MalformedMessageException}; never an IndexOutOfBounds, NPE, IllegalArgument or a hang.
 */
class RuleDecoderFuzzTest {
    private static final int ROUNDS = 20_000;

    private static List<byte[]> seeds() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        for (String g : List.of("nft-masq.hex", "nft-dnat.hex", "nft-masq6.hex", "nft-dnat6.hex")) {
            byte[] batch = GoldenBytesTest.golden(g);
            int len = ByteBuffer.wrap(batch, 20, 4).order(ByteOrder.nativeOrder()).getInt();
            seeds.add(Arrays.copyOfRange(batch, 20, 20 + len)); // the NEWRULE between begin and end
        }
        Rule varied = Rule.of(Family.INET, "t", "c",
                new Meta(Meta.Key.MARK, Expressions.REG_2),
                Bitwise.prefixMask(Expressions.REG_2, 4, 12),
                Cmp.eq(Expressions.REG_2, new byte[] {1, 2, 3, 4}),
                new Lookup("blocked", Expressions.REG_1, -1, 1),
                new Lookup("vmap", Expressions.REG_1, Expressions.REG_VERDICT, 0),
                new Counter(123, 4),
                new Unknown("limit", List.of(new RawAttribute(1, new byte[8]), new RawAttribute(2, new byte[8]))),
                Payload.sourcePort(Expressions.REG_3),
                Verdict.jump("elsewhere"));
        seeds.add(encode(varied));
        return seeds;
    }

    private static byte[] encode(Rule r) {
        try (Arena arena = Arena.ofConfined()) {
            MessageWriter w = new MessageWriter(arena, 1024);
            w.begin(Nf.type(Nf.NFT_MSG_NEWRULE), 1);
            Nf.nfgenmsg(w, Family.INET.code, 0);
            Transaction.encodeRule(w, r);
            w.end();
            return w.toByteArray();
        }
    }

    private static RuleInfo decode(byte[] msg) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(Math.max(msg.length, 1));
            MemorySegment.copy(msg, 0, seg, ValueLayout.JAVA_BYTE, 0, msg.length);
            return RuleInfo.decode(Message.at(seg.asSlice(0, msg.length), 0));
        }
    }

    @Test
    void seedsDecode() throws IOException {
        for (byte[] s : seeds()) {
            RuleInfo r = decode(s);
            assertNotNull(r);
            assertEquals("jnetlink".equals(r.table()) || "t".equals(r.table()), true);
        }
    }

    @Test
    void mutatedMessagesOnlyEverRaiseMalformed() throws IOException {
        Random rnd = new Random(20261125L);
        List<byte[]> seeds = seeds();
        int decoded = 0;
        int malformed = 0;
        for (int i = 0; i < ROUNDS; i++) {
            byte[] m = seeds.get(rnd.nextInt(seeds.size())).clone();
            m = mutate(rnd, m);
            try {
                decode(m);
                decoded++;
            } catch (MalformedMessageException e) {
                malformed++;
            } catch (RuntimeException e) {
                throw new AssertionError("round " + i + " on " + java.util.HexFormat.of().formatHex(m) + ": " + e, e);
            }
            // The same bytes read as a table and as a chain message.
            for (int msg : new int[] {Nf.NFT_MSG_NEWTABLE, Nf.NFT_MSG_NEWCHAIN}) {
                byte[] t = m.clone();
                if (t.length >= 6) {
                    ByteBuffer.wrap(t).order(ByteOrder.nativeOrder()).putShort(4, (short) Nf.type(msg));
                }
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment seg = arena.allocate(Math.max(t.length, 1));
                    MemorySegment.copy(t, 0, seg, ValueLayout.JAVA_BYTE, 0, t.length);
                    Message view = Message.at(seg.asSlice(0, t.length), 0);
                    if (msg == Nf.NFT_MSG_NEWTABLE) {
                        TableInfo.decode(view);
                    } else {
                        ChainInfo.decode(view);
                    }
                } catch (MalformedMessageException e) {
                    // allowed
                } catch (RuntimeException e) {
                    throw new AssertionError("round " + i + " as message " + msg + ": " + e, e);
                }
            }
        }
        assertEquals(ROUNDS, decoded + malformed);
    }

    /** One random mutation of a message: flipped bytes, truncation, a rewritten length or type, a lying header, random attributes. */
    static byte[] mutate(Random rnd, byte[] m) {
        switch (rnd.nextInt(5)) {
            case 0 -> { // flip bytes
                for (int k = 1 + rnd.nextInt(4); k > 0; k--) {
                    m[20 + rnd.nextInt(m.length - 20)] = (byte) rnd.nextInt(256);
                }
            }
            case 1 -> { // truncate, keeping the header's length honest
                m = Arrays.copyOf(m, 20 + rnd.nextInt(m.length - 20));
                ByteBuffer.wrap(m).order(ByteOrder.nativeOrder()).putInt(0, m.length);
            }
            case 2 -> { // rewrite a 16-bit length or type somewhere
                int at = 20 + rnd.nextInt(m.length - 21);
                ByteBuffer.wrap(m).order(ByteOrder.nativeOrder()).putShort(at, (short) rnd.nextInt(65536));
            }
            case 3 -> { // a lie in the message length
                ByteBuffer.wrap(m).order(ByteOrder.nativeOrder()).putInt(0, rnd.nextInt(m.length * 2 + 1));
            }
            default -> { // random attribute bytes after a valid header
                byte[] r = new byte[20 + rnd.nextInt(300)];
                System.arraycopy(m, 0, r, 0, 20);
                for (int k = 20; k < r.length; k++) {
                    r[k] = (byte) rnd.nextInt(256);
                }
                ByteBuffer.wrap(r).order(ByteOrder.nativeOrder()).putInt(0, r.length);
                m = r;
            }
        }
        return m;
    }
}
