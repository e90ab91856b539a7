package io.jnetlink.core.codec;

import static io.jnetlink.core.testing.KernelReplies.ack;
import static io.jnetlink.core.testing.KernelReplies.data;
import static io.jnetlink.core.testing.KernelReplies.datagram;
import static io.jnetlink.core.testing.KernelReplies.done;
import static io.jnetlink.core.testing.KernelReplies.error;
import static io.jnetlink.core.testing.KernelReplies.sequences;

import io.jnetlink.core.MalformedMessageException;
import io.jnetlink.core.NetlinkException;
import io.jnetlink.core.socket.NetlinkSocket;
import io.jnetlink.core.testing.ScriptedTransport;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated input into the decoders: only {@link MalformedMessageException} (and, from
 * the protocol, the {@link NetlinkException} an error message legitimately raises) may come out;
 * never an IndexOutOfBounds, a NullPointerException or a hang.
 */
class FuzzTest {
    private static final long SEED = Long.getLong("fuzz.seed", 20261125L);

    /** Walks an attribute run, reading every attribute with every getter and as a nest. */
    private static int walk(AttributeCursor c, int depth) {
        int n = 0;
        while (c.next()) {
            n++;
            int len = c.length();
            switch (len) {
                case 1 -> c.u8();
                case 2 -> { c.u16(); c.u16be(); }
                case 4 -> { c.u32(); c.u32be(); c.address(); }
                case 8 -> { c.u64(); c.u64be(); }
                case 16 -> c.address();
                default -> { }
            }
            c.string();
            c.raw();
            c.path();
            if (depth < 6) {
                try {
                    n += walk(c.nested(AttrNames.numbered("F" + depth)), depth + 1);
                } catch (MalformedMessageException expected) {
                    // a payload that is not a nest is fine to reject
                }
            }
        }
        return n;
    }

    private static void decodeAll(byte[] bytes) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocate(Math.max(1, bytes.length));
            MemorySegment.copy(bytes, 0, s, ValueLayout.JAVA_BYTE, 0, bytes.length);
            s = s.asSlice(0, bytes.length);
            Message m = new Message();
            long pos = 0;
            while (pos < s.byteSize()) {
                pos += m.bind(s, pos, s.byteSize() - pos);
                m.type();
                m.flags();
                m.sequence();
                for (int hdr : new int[] {0, 4, 16, 12}) {
                    if (hdr <= m.payloadLength()) {
                        walk(m.attributes(hdr, AttrNames.numbered("T")), 0);
                    }
                }
            }
        }
    }

    private static byte[] sample(Random r) {
        return data(r.nextInt(), 16, 2, w -> {
            w.zeros(16);
            w.attrString(3, "veth" + r.nextInt(100));
            w.attrU32(4, r.nextInt());
            w.nest(18, li -> {
                li.attrString(1, "veth");
                li.nest(2, d -> d.nest(1, p -> {
                    p.zeros(16);
                    p.attrString(3, "peer");
                }));
            });
            w.attrBytes(1, new byte[] {2, 0, 0, 0, 0, 1});
            w.attrU64(23, r.nextLong());
        });
    }

    @Test
    void mutatedMessagesOnlyEverRaiseMalformed() {
        Random r = new Random(SEED);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = sample(r);
            int flips = 1 + r.nextInt(6);
            for (int f = 0; f < flips; f++) {
                int at = r.nextInt(b.length);
                b[at] = switch (r.nextInt(4)) {
                    case 0 -> (byte) r.nextInt(256);
                    case 1 -> (byte) (b[at] ^ (1 << r.nextInt(8)));
                    case 2 -> (byte) 0xFF;
                    default -> 0;
                };
            }
            if (r.nextInt(5) == 0) {
                b = java.util.Arrays.copyOf(b, r.nextInt(b.length + 1));
            }
            check(b, i);
        }
    }

    @Test
    void randomBytesOnlyEverRaiseMalformed() {
        Random r = new Random(SEED + 1);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[r.nextInt(128)];
            r.nextBytes(b);
            if (b.length >= 4 && r.nextBoolean()) {
                b[0] = (byte) b.length; // plausible length, so parsing goes deeper
                b[1] = 0;
                b[2] = 0;
                b[3] = 0;
            }
            check(b, i);
        }
    }

    private static void check(byte[] b, int i) {
        try {
            decodeAll(b);
        } catch (MalformedMessageException expected) {
            // the only acceptable failure
        } catch (RuntimeException e) {
            Assertions.fail("case " + i + " (seed " + SEED + ") raised " + e + " for "
                    + java.util.HexFormat.of().formatHex(b), e);
        }
    }

    @Test
    void mutatedRepliesThroughTheProtocolOnlyRaiseNetlinkOrMalformed() {
        Random r = new Random(SEED + 2);
        for (int i = 0; i < 3_000; i++) {
            int mode = r.nextInt(3);
            ScriptedTransport t = new ScriptedTransport(sent -> {
                int seq = sequences(sent).get(0);
                byte[] d = switch (mode) {
                    case 0 -> datagram(sample(r), ack(seq));
                    case 1 -> datagram(error(seq, 1 + r.nextInt(120), "why", r.nextInt(64)));
                    default -> datagram(sample(r), done(seq, 0));
                };
                // keep the sequence numbers intact half of the time so parsing reaches deep
                int from = r.nextBoolean() ? 16 : 0;
                for (int f = 0; f < 1 + r.nextInt(4); f++) {
                    int at = from + r.nextInt(d.length - from);
                    d[at] = (byte) r.nextInt(256);
                }
                // always end the exchange so a fuzzed reply cannot make it wait for the timeout
                return List.of(d, ack(seq), done(seq, 0));
            });
            try (NetlinkSocket s = NetlinkSocket.over(t, 0)) {
                if (mode == 2) {
                    s.dump("dump", w -> {
                        w.begin(18, 0x301);
                        w.zeros(16);
                        w.end();
                    }, m -> walk(m.attributes(16, AttrNames.numbered("T")), 0));
                } else {
                    s.query("get", w -> {
                        w.begin(18, 5);
                        w.zeros(16);
                        w.end();
                    }, m -> walk(m.attributes(Math.min(16, m.payloadLength()), AttrNames.numbered("T")), 0));
                }
            } catch (MalformedMessageException | NetlinkException expected) {
                // fine
            } catch (RuntimeException e) {
                Assertions.fail("case " + i + " raised " + e, e);
            }
        }
    }
}
