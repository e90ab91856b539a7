package io.jnetlink.core.socket;

import static io.jnetlink.core.codec.Netlink.NLM_F_ACK;
import static io.jnetlink.core.codec.Netlink.NLM_F_DUMP;
import static io.jnetlink.core.codec.Netlink.NLM_F_DUMP_INTR;
import static io.jnetlink.core.codec.Netlink.NLM_F_MULTI;
import static io.jnetlink.core.codec.Netlink.NLM_F_REQUEST;
import static io.jnetlink.core.testing.KernelReplies.ack;
import static io.jnetlink.core.testing.KernelReplies.data;
import static io.jnetlink.core.testing.KernelReplies.datagram;
import static io.jnetlink.core.testing.KernelReplies.done;
import static io.jnetlink.core.testing.KernelReplies.error;
import static io.jnetlink.core.testing.KernelReplies.sequences;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.AlreadyExistsException;
import io.jnetlink.core.DumpInterruptedException;
import io.jnetlink.core.Errno;
import io.jnetlink.core.MalformedMessageException;
import io.jnetlink.core.NetlinkException;
import io.jnetlink.core.NetlinkTimeoutException;
import io.jnetlink.core.NoSuchDeviceException;
import io.jnetlink.core.PermissionException;
import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.testing.ScriptedTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The protocol logic (sequence matching, ACK/error, multipart, DUMP_INTR) on a scripted kernel. */
class ProtocolTest {
    private static void get(MessageWriter w) {
        w.begin(18, NLM_F_REQUEST | NLM_F_ACK);
        w.zeros(16);
        w.end();
    }

    private static void dumpRequest(MessageWriter w) {
        w.begin(18, NLM_F_REQUEST | NLM_F_DUMP);
        w.zeros(16);
        w.end();
    }

    private static byte[] link(int seq, int flags, int index) {
        return data(seq, 16, flags, w -> w.u8(0).u8(0).u16(0).s32(index).u32(0).u32(0));
    }

    @Test
    void ackCompletesARequest() {
        ScriptedTransport t = new ScriptedTransport(sent -> List.of(ack(sequences(sent).get(0))));
        try (NetlinkSocket s = NetlinkSocket.over(t, 0)) {
            s.request("set link up", ProtocolTest::get);
            assertEquals(1, t.sent().size());
        }
        assertTrue(t.isClosed());
    }

    @Test
    void errorBecomesTheMatchingExceptionWithExtendedAck() {
        ScriptedTransport t = new ScriptedTransport(sent ->
                List.of(error(sequences(sent).get(0), 17, "Link already exists", 36)));
        try (NetlinkSocket s = NetlinkSocket.over(t, 0)) {
            AlreadyExistsException e = assertThrows(AlreadyExistsException.class,
                    () -> s.request("create link veth0", ProtocolTest::get));
            assertEquals(Errno.EEXIST, e.errno());
            assertEquals("Link already exists", e.extAckMessage());
            assertEquals(36, e.extAckOffset());
            assertEquals("create link veth0", e.operation());
            assertEquals(sequences(t.sent().get(0)).get(0), e.sequence());
            assertTrue(e.getMessage().startsWith("create link veth0: File exists (EEXIST); kernel says: Link already exists"),
                    e.getMessage());
        }
    }

    @Test
    void errnoPicksTheSubclassCallersBranchOn() {
        assertInstanceOf(NoSuchDeviceException.class, NetlinkException.of("x", -19, null, -1, 1));
        PermissionException p = assertInstanceOf(PermissionException.class, NetlinkException.of("x", 1, null, -1, 1));
        assertTrue(p.getMessage().contains("CAP_NET_ADMIN"), p.getMessage());
        assertEquals(NetlinkException.class, NetlinkException.of("x", 22, null, -1, 1).getClass());
    }

    @Test
    void queryReturnsTheReplyAndWaitsForTheAck() {
        ScriptedTransport t = new ScriptedTransport(sent -> {
            int seq = sequences(sent).get(0);
            return List.of(link(seq, 0, 7), ack(seq));
        });
        try (NetlinkSocket s = NetlinkSocket.over(t, 0)) {
            Integer index = s.query("get link 7", ProtocolTest::get, m -> m.u32(4));
            assertEquals(7, index);
        }
    }

    private static void getWithoutAck(MessageWriter w) {
        w.begin(18, NLM_F_REQUEST);
        w.zeros(16);
        w.end();
    }

    @Test
    void queryWithoutAckEndsWithTheReplyItself() {
        ScriptedTransport t = new ScriptedTransport(sent -> List.of(link(sequences(sent).get(0), 0, 9)));
        try (NetlinkSocket s = NetlinkSocket.over(t, 0)) {
            Integer index = s.query("get link 9", ProtocolTest::getWithoutAck, m -> m.u32(4));
            assertEquals(9, index);
        }
        ScriptedTransport err = new ScriptedTransport(sent -> List.of(error(sequences(sent).get(0), 19, null, -1)));
        try (NetlinkSocket s = NetlinkSocket.over(err, 0)) {
            assertThrows(NoSuchDeviceException.class, () -> s.query("get link 9", ProtocolTest::getWithoutAck,
                    m -> m.u32(4)));
        }
    }

    private static void getByIndex(MessageWriter w, int index) {
        w.begin(18, NLM_F_REQUEST);
        w.u8(0).u8(0).u16(0).s32(index).u32(0).u32(0);
        w.end();
    }

    @Test
    void keyedQueryPassesTheKeyToTheEncoderAndNamesItInErrors() {
        ScriptedTransport t = new ScriptedTransport(sent -> {
            // the kernel's view: the request carries the key as its ifindex
            Message m = new Message();
            m.bind(java.lang.foreign.MemorySegment.ofArray(sent), 0, sent.length);
            return List.of(link(m.sequence(), 0, m.u32(4)));
        });
        try (NetlinkSocket s = NetlinkSocket.over(t, 0)) {
            assertEquals(Integer.valueOf(42), s.<Integer>query("get link", 42, ProtocolTest::getByIndex, m -> m.u32(4)));
            assertEquals(Integer.valueOf(43), s.<Integer>query("get link", 43, ProtocolTest::getByIndex, m -> m.u32(4)));
        }
        ScriptedTransport err = new ScriptedTransport(sent -> List.of(error(sequences(sent).get(0), 19, "gone", -1)));
        try (NetlinkSocket s = NetlinkSocket.over(err, 0)) {
            NoSuchDeviceException e = assertThrows(NoSuchDeviceException.class,
                    () -> s.query("get link", 9, ProtocolTest::getByIndex, m -> m.u32(4)));
            assertEquals("get link 9", e.operation());
            NetlinkException r = assertThrows(NetlinkException.class,
                    () -> s.request("delete link", 12, (w, k) -> {
                        w.begin(17, NLM_F_REQUEST | NLM_F_ACK);
                        w.u8(0).u8(0).u16(0).s32(k).u32(0).u32(0);
                        w.end();
                    }));
            assertEquals("delete link 12", r.operation());
        }
    }

    @Test
    void queryAllMatchesEachReplyToItsRequest() {
        ScriptedTransport t = new ScriptedTransport(sent -> {
            List<Integer> seqs = sequences(sent);
            return List.of(datagram(link(seqs.get(2), 0, 30), link(seqs.get(0), 0, 10)), link(seqs.get(1), 0, 20));
        });
        try (NetlinkSocket s = NetlinkSocket.over(t, 0)) {
            int[] got = new int[3];
            s.queryAll("get links", w -> {
                for (int i = 0; i < 3; i++) {
                    getWithoutAck(w);
                }
            }, (i, m) -> got[i] = m.u32(4));
            assertArrayEquals(new int[] {10, 20, 30}, got);
            assertEquals(1, t.sent().size());
        }
    }

    @Test
    void multipartDumpSpansDatagramsUntilDone() {
        ScriptedTransport t = new ScriptedTransport(sent -> {
            int seq = sequences(sent).get(0);
            return List.of(
                    datagram(link(seq, NLM_F_MULTI, 1), link(seq, NLM_F_MULTI, 2)),
                    datagram(link(seq, NLM_F_MULTI, 3)),
                    datagram(done(seq, 0)));
        });
        try (NetlinkSocket s = NetlinkSocket.over(t, 0)) {
            assertEquals(List.of(1, 2, 3), s.dumpAll("dump links", ProtocolTest::dumpRequest, m -> m.u32(4)));
        }
    }

    /**
     * A dump's datagrams go into arrays of their own while the records keep them, and through the
     * socket's buffer once a decoder kept none of the last one (a modeled-only decoder's).
     */
    @Test
    void dumpDatagramsAreReceivedIntoArraysOfTheirOwnOnlyWhileRecordsKeepThem() {
        ScriptedTransport t = new ScriptedTransport(sent -> {
            int seq = sequences(sent).get(0);
            return List.of(datagram(link(seq, NLM_F_MULTI, 1)), datagram(link(seq, NLM_F_MULTI, 2)),
                    datagram(link(seq, NLM_F_MULTI, 3)), datagram(done(seq, 0)));
        });
        int[] owned = {0};
        Transport counting = new Transport() {
            @Override
            public void send(java.lang.foreign.MemorySegment data) {
                t.send(data);
            }

            @Override
            public long receive(boolean wait) {
                return t.receive(wait);
            }

            @Override
            public java.lang.foreign.MemorySegment buffer() {
                return t.buffer();
            }

            @Override
            public int portId() {
                return t.portId();
            }

            @Override
            public void close() {
                t.close();
            }

            @Override
            public java.lang.foreign.MemorySegment receiveOwned(boolean wait) {
                owned[0]++;
                return Transport.super.receiveOwned(wait);
            }
        };
        try (NetlinkSocket s = NetlinkSocket.over(counting, 0)) {
            List<java.lang.foreign.MemorySegment> kept = s.dumpAll("dump links", ProtocolTest::dumpRequest, Message::retained);
            assertEquals(4, owned[0], "three datagrams of links and the one of NLMSG_DONE");
            assertEquals(3, kept.get(2).get(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED, 16 + 4));
            owned[0] = 0;
            assertEquals(List.of(1, 2, 3), s.dumpAll("dump links", ProtocolTest::dumpRequest, m -> m.u32(4)));
            assertEquals(1, owned[0], "only the first: its messages kept nothing");
            owned[0] = 0;
            kept = s.dumpAll("dump links", ProtocolTest::dumpRequest, Message::retained);
            assertEquals(3, owned[0], "the first through the buffer (copied when kept), then owned again");
            assertEquals(List.of(1, 2, 3), kept.stream()
                    .map(k -> k.get(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED, 16 + 4)).toList());
        }
    }

    @Test
    void interruptedDumpIsRetriedFromScratch() {
        AtomicInteger attempts = new AtomicInteger();
        ScriptedTransport t = new ScriptedTransport(sent -> {
            int seq = sequences(sent).get(0);
            if (attempts.incrementAndGet() < 3) {
                return List.of(datagram(link(seq, NLM_F_MULTI | NLM_F_DUMP_INTR, 1), done(seq, NLM_F_DUMP_INTR)));
            }
            return List.of(datagram(link(seq, NLM_F_MULTI, 1), link(seq, NLM_F_MULTI, 2), done(seq, 0)));
        });
        try (NetlinkSocket s = NetlinkSocket.over(t, 0)) {
            assertEquals(List.of(1, 2), s.dumpAll("dump links", ProtocolTest::dumpRequest, m -> m.u32(4)));
            assertEquals(3, attempts.get());
        }
    }

    @Test
    void dumpInterruptedTooOftenIsADistinctException() {
        ScriptedTransport t = new ScriptedTransport(sent -> {
            int seq = sequences(sent).get(0);
            return List.of(datagram(link(seq, NLM_F_MULTI | NLM_F_DUMP_INTR, 1), done(seq, NLM_F_DUMP_INTR)));
        });
        try (NetlinkSocket s = NetlinkSocket.over(t, 0)) {
            DumpInterruptedException e = assertThrows(DumpInterruptedException.class,
                    () -> s.dumpAll("dump links", ProtocolTest::dumpRequest, m -> m.u32(4)));
            assertEquals(NetlinkSocket.DUMP_ATTEMPTS, e.attempts());
            assertEquals(NetlinkSocket.DUMP_ATTEMPTS, t.sent().size());
        }
    }

    @Test
    void dumpErrorInDoneIsRaised() {
        ScriptedTransport t = new ScriptedTransport(sent -> {
            int seq = sequences(sent).get(0);
            return List.of(datagram(link(seq, NLM_F_MULTI, 1),
                    data(seq, 3, NLM_F_MULTI, w -> w.s32(-95))));
        });
        try (NetlinkSocket s = NetlinkSocket.over(t, 0)) {
            NetlinkException e = assertThrows(NetlinkException.class,
                    () -> s.dumpAll("dump links", ProtocolTest::dumpRequest, m -> m.u32(4)));
            assertEquals(Errno.EOPNOTSUPP, e.errno());
        }
    }

    @Test
    void pipelineMatchesRepliesBySequenceEvenOutOfOrder() {
        ScriptedTransport t = new ScriptedTransport(sent -> {
            List<Integer> seqs = sequences(sent);
            assertEquals(4, seqs.size());
            // answers arrive in another order, one datagram each, with a failure for request 2
            return List.of(
                    datagram(link(seqs.get(3), 0, 40), ack(seqs.get(3))),
                    datagram(error(seqs.get(2), 19, null, -1)),
                    datagram(link(seqs.get(0), 0, 10), ack(seqs.get(0))),
                    datagram(link(seqs.get(1), 0, 20), ack(seqs.get(1))));
        });
        try (NetlinkSocket s = NetlinkSocket.over(t, 0)) {
            int[] got = new int[4];
            NetlinkException[] errs = s.pipeline("get links", w -> {
                for (int i = 0; i < 4; i++) {
                    get(w);
                }
            }, (i, m) -> got[i] = m.u32(4));
            assertArrayEquals(new int[] {10, 20, 0, 40}, got);
            assertNull(errs[0]);
            assertInstanceOf(NoSuchDeviceException.class, errs[2]);
            assertEquals(1, t.sent().size(), "all four requests go out in one send");
        }
    }

    @Test
    void staleRepliesFromAnEarlierExchangeAreSkipped() {
        // An error and data for earlier sequence numbers (a request that timed out) must not be
        // taken as this request's answer.
        ScriptedTransport t = new ScriptedTransport(sent -> {
            int seq = sequences(sent).get(0);
            return List.of(error(seq - 1, 17, "old", -1), link(seq - 5, 0, 99), link(seq, 0, 7), ack(seq));
        });
        try (NetlinkSocket s = NetlinkSocket.over(t, 0)) {
            Integer index = s.query("get link 7", ProtocolTest::get, m -> m.u32(4));
            assertEquals(7, index);
        }
    }

    @Test
    void silentRequestsHaveTheirErrorsDrained() {
        // nf_tables style: batch begin/end carry no ACK flag; an error for one of them still arrives.
        ScriptedTransport t = new ScriptedTransport(sent -> {
            List<Integer> seqs = sequences(sent);
            return List.of(error(seqs.get(1), 2, "No such file or directory", -1), ack(seqs.get(1)));
        });
        try (NetlinkSocket s = NetlinkSocket.over(t, 12)) {
            NetlinkException[] errs = s.pipeline("batch", w -> {
                w.begin(0x10, NLM_F_REQUEST);
                w.end();
                w.begin(0xa00, NLM_F_REQUEST | NLM_F_ACK);
                w.end();
                w.begin(0x11, NLM_F_REQUEST);
                w.end();
            }, (i, m) -> { });
            assertEquals(Errno.ENOENT, errs[1].errno());
        }
    }

    @Test
    void noAnswerIsATimeoutNamingTheOperation() {
        ScriptedTransport t = new ScriptedTransport(sent -> List.of());
        try (NetlinkSocket s = NetlinkSocket.over(t, 0)) {
            NetlinkTimeoutException e = assertThrows(NetlinkTimeoutException.class,
                    () -> s.request("set link up", ProtocolTest::get));
            assertEquals("set link up", e.operation());
        }
    }

    @Test
    void truncatedReplyIsMalformedNotAnIndexError() {
        ScriptedTransport t = new ScriptedTransport(sent -> {
            byte[] a = ack(sequences(sent).get(0));
            byte[] cut = new byte[a.length - 6];
            System.arraycopy(a, 0, cut, 0, cut.length);
            return List.of(cut);
        });
        try (NetlinkSocket s = NetlinkSocket.over(t, 0)) {
            assertThrows(MalformedMessageException.class, () -> s.request("set link up", ProtocolTest::get));
        }
    }

    @Test
    void encoderMistakesAreCaughtBeforeSending() {
        ScriptedTransport t = new ScriptedTransport(sent -> List.of());
        try (NetlinkSocket s = NetlinkSocket.over(t, 0)) {
            assertThrows(IllegalStateException.class, () -> s.request("nothing", w -> { }));
            assertThrows(IllegalStateException.class, () -> s.request("open", w -> w.begin(1, NLM_F_ACK)));
            assertEquals(0, t.sent().size());
        }
    }

    @Test
    void closedSocketRefusesWork() {
        ScriptedTransport t = new ScriptedTransport(sent -> List.of());
        NetlinkSocket s = NetlinkSocket.over(t, 0);
        s.close();
        s.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.request("x", ProtocolTest::get));
        assertTrue(e.getMessage().contains("closed"));
    }

    @Test
    void eventsAreHandedOverOnePerMessage() {
        ScriptedTransport t = new ScriptedTransport(sent -> List.of());
        t.enqueue(datagram(link(0, 0, 5), link(0, 0, 6)));
        try (NetlinkSocket s = NetlinkSocket.over(t, 0)) {
            List<Integer> got = new ArrayList<>();
            assertEquals(2, s.receiveEvents((Message m) -> got.add(m.u32(4))));
            assertEquals(List.of(5, 6), got);
            assertEquals(0, s.receiveEvents(m -> { }));
        }
    }

    @Test
    void optionsReachTheTransportOrFailLoudly() {
        ScriptedTransport t = new ScriptedTransport(sent -> List.of());
        try (NetlinkSocket s = NetlinkSocket.over(t, 0)) {
            s.receiveTimeout(java.time.Duration.ofMillis(250));
            assertEquals(java.time.Duration.ofMillis(250), t.receiveTimeout());
            // the scripted transport has no kernel buffer: saying so beats ignoring the call
            assertThrows(UnsupportedOperationException.class, () -> s.receiveBufferSize(4096));
        }
        Transport bare = new Transport() {
            @Override public void send(java.lang.foreign.MemorySegment data) { }
            @Override public long receive(boolean wait) { return -1; }
            @Override public java.lang.foreign.MemorySegment buffer() { return java.lang.foreign.MemorySegment.NULL; }
            @Override public int portId() { return 1; }
            @Override public void close() { }
        };
        try (NetlinkSocket s = NetlinkSocket.over(bare, 0)) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> s.receiveTimeout(java.time.Duration.ofSeconds(1)));
            assertTrue(e.getMessage().contains("receive timeout"), e.getMessage());
        }
    }

    @Test
    void theSocketNumbersEachExchangesMessagesConsecutivelyAndNeverReusesANumber() {
        ScriptedTransport t = new ScriptedTransport(sent -> {
            List<byte[]> acks = new ArrayList<>();
            for (int seq : sequences(sent)) {
                acks.add(ack(seq));
            }
            return acks;
        });
        try (NetlinkSocket s = NetlinkSocket.over(t, 0)) {
            NetlinkException[] errs = s.pipeline("three", w -> {
                for (int i = 0; i < 3; i++) {
                    w.begin(16, NLM_F_REQUEST | NLM_F_ACK);
                    w.zeros(16);
                    w.end();
                }
            }, null);
            assertEquals(3, errs.length);
            s.request("one more", ProtocolTest::get);
        }
        List<Integer> first = sequences(t.sent().get(0));
        List<Integer> second = sequences(t.sent().get(1));
        assertEquals(3, first.size());
        assertTrue(first.get(0) != 0);
        assertEquals(List.of(first.get(0), first.get(0) + 1, first.get(0) + 2), first);
        assertEquals(List.of(first.get(0) + 3), second);
    }
}
