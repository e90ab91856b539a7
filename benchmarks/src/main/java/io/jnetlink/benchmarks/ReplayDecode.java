package io.jnetlink.benchmarks;

import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.Netlink;
import io.jnetlink.core.socket.NetlinkSocket;
import io.jnetlink.core.socket.Transport;
import io.jnetlink.rtnl.addr.Addresses;
import io.jnetlink.rtnl.link.LinkInfo;
import io.jnetlink.rtnl.link.Links;
import io.jnetlink.rtnl.route.Routes;
import io.jnetlink.core.net.IpPrefix;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The library's whole side of a dump or a lookup, without the kernel: the datagrams of one real
 * reply (a dump of 1,001 links, of 10,000 routes or of 1,002 addresses, made as in
 * {@link DumpLinks}, {@link DumpRoutes}, {@link DumpAddresses}; one RTM_GETLINK reply as in
 * {@link GetLink}) are captured once, datagram by datagram, and a {@link Transport} replays them
 * to a socket opened over it ({@link NetlinkSocket#over}), which the public API then reads
 * ({@code Links.list()}, {@code Routes.list(AF_INET, main)}, {@code Addresses.list()},
 * {@code Links.get(index)}). Everything between the system calls is measured: the exchange,
 * framing, decoding and the records; the replay's own part is copying each datagram where the
 * kernel would have (into the socket's buffer, or into an array of its own for a dump datagram of
 * 16 KiB or more, as the native transport receives those) and setting its sequence numbers. Score:
 * microseconds per operation, the Java side of the operation; set it beside the C twin's time
 * per operation (issue 20's budget is 5% of it).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ReplayDecode {
    @Param({"links", "routes", "addresses", "getlink"})
    String family;

    List<byte[]> datagrams;
    NetlinkSocket socket;
    Replay replay;
    Links links;
    Routes routes;
    Addresses addresses;
    int index;

    @Setup(Level.Trial)
    public void setUp() {
        datagrams = new ArrayList<>();
        switch (family) {
            case "links" -> {
                DumpLinks d = new DumpLinks();
                d.setUp();
                capture(d.links.socket(), s -> new Links(s).list());
                BenchNamespaces.close(d.ns);
            }
            case "routes" -> {
                DumpRoutes d = new DumpRoutes();
                d.setUp();
                capture(d.ns.linkService().socket(), s -> new Routes(s).list(IpPrefix.AF_INET, Routes.TABLE_MAIN));
                BenchNamespaces.close(d.ns);
            }
            case "addresses" -> {
                DumpAddresses d = new DumpAddresses();
                d.setUp();
                capture(d.ns.linkService().socket(), s -> new Addresses(s).list());
                BenchNamespaces.close(d.ns);
            }
            case "getlink" -> {
                GetLink g = new GetLink();
                g.setUp();
                index = g.index;
                capture(g.socket, s -> new Links(s).get(g.index));
                BenchNamespaces.close(g.ns);
            }
            default -> throw new IllegalArgumentException(family);
        }
        replay = new Replay(datagrams);
        socket = NetlinkSocket.over(replay, Netlink.NETLINK_ROUTE);
        links = new Links(socket);
        routes = new Routes(socket);
        addresses = new Addresses(socket);
        Object check = op();
        int n = check instanceof List<?> l ? l.size() : 1;
        if (n == 0) {
            throw new IllegalStateException("the replay decoded nothing");
        }
    }

    /** Runs {@code op} once on a socket that records every datagram it receives (through retained()). */
    private void capture(NetlinkSocket real, java.util.function.Function<NetlinkSocket, ?> op) {
        Recorder rec = new Recorder(real);
        try (NetlinkSocket s = NetlinkSocket.over(rec, Netlink.NETLINK_ROUTE)) {
            op.apply(s);
        }
        datagrams.addAll(rec.seen);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        socket.close();
    }

    @Benchmark
    public Object op() {
        return switch (family) {
            case "links" -> links.list();
            case "routes" -> routes.list(IpPrefix.AF_INET, Routes.TABLE_MAIN);
            case "addresses" -> addresses.list();
            default -> links.get(index);
        };
    }

    private static final Object ONE = new Object();
    private static final io.jnetlink.core.codec.AttrNames NAMES = io.jnetlink.core.codec.AttrNames.numbered("X");

    private void request(io.jnetlink.core.codec.MessageWriter w) {
        w.begin(family.equals("routes") ? 26 : family.equals("addresses") ? 22 : 18,
                Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP);
        w.zeros(family.equals("routes") ? 12 : family.equals("addresses") ? 8 : 16);
        w.end();
    }

    /** The replay alone: what the transport does per operation (sequence numbers, copies), no socket. */
    @Benchmark
    public long replayOnly() {
        if (family.equals("getlink")) {
            return 0;
        }
        replay.seq++;
        for (byte[] d : datagrams) {
            setSequence(d, replay.seq);
        }
        long n = 0;
        replay.next = 0;
        MemorySegment d;
        while ((d = replay.receiveOwned(false)) != null) {
            n += d.byteSize();
        }
        return n;
    }

    /** The dump with a decoder that makes nothing: the exchange, framing and list alone. */
    @Benchmark
    public Object framingOnly() {
        return socket.dumpAll("x", this::request, m -> ONE);
    }

    /** The dump with a decoder that only indexes each message (and keeps nothing). */
    @Benchmark
    public Object indexOnly() {
        int fixed = family.equals("routes") ? 12 : family.equals("addresses") ? 8 : 16;
        return socket.dumpAll("x", this::request, m -> m.index(fixed, NAMES).has(1) ? ONE : ONE);
    }

    /** Passes a real socket's datagrams through, keeping a copy of each reply datagram. */
    private static final class Recorder implements Transport {
        private final NetlinkSocket real;
        private final Arena arena = Arena.ofConfined();
        private final MemorySegment buf = arena.allocate(1 << 20);
        private final List<byte[]> seen = new ArrayList<>();
        private final List<byte[]> queue = new ArrayList<>();

        Recorder(NetlinkSocket real) {
            this.real = real;
        }

        @Override
        public void send(MemorySegment data) {
            // forward the request as it is and collect every datagram of the answer
            byte[] req = data.toArray(ValueLayout.JAVA_BYTE);
            int type = Short.toUnsignedInt(data.get(ValueLayout.JAVA_SHORT_UNALIGNED, 4));
            int flags = Short.toUnsignedInt(data.get(ValueLayout.JAVA_SHORT_UNALIGNED, 6));
            NetlinkSocket.DumpHandler keep = new NetlinkSocket.DumpHandler() {
                MemorySegment last;

                @Override
                public void onMessage(Message m) {
                    MemorySegment r = m.retained();
                    if (r != last) {
                        last = r;
                        queue.add(r.toArray(ValueLayout.JAVA_BYTE));
                    }
                }
            };
            NetlinkSocket.Encoder same = w -> {
                w.begin(type, flags);
                w.bytes(java.util.Arrays.copyOfRange(req, 16, req.length));
                w.end();
            };
            if ((flags & Netlink.NLM_F_DUMP) == Netlink.NLM_F_DUMP) {
                real.dump("capture", same, keep);
                queue.add(done());
            } else {
                real.queryAll("capture", same, (i, m) -> keep.onMessage(m));
            }
            for (byte[] d : queue) {
                setSequence(d, data.get(ValueLayout.JAVA_INT_UNALIGNED, 8));
            }
        }

        private static byte[] done() {
            byte[] d = new byte[20];
            MemorySegment s = MemorySegment.ofArray(d);
            s.set(ValueLayout.JAVA_INT_UNALIGNED, 0, 20);
            s.set(ValueLayout.JAVA_SHORT_UNALIGNED, 4, (short) Netlink.NLMSG_DONE);
            s.set(ValueLayout.JAVA_SHORT_UNALIGNED, 6, (short) Netlink.NLM_F_MULTI);
            return d;
        }

        @Override
        public long receive(boolean wait) {
            if (queue.isEmpty()) {
                return -1;
            }
            byte[] d = queue.remove(0);
            seen.add(d);
            MemorySegment.copy(d, 0, buf, ValueLayout.JAVA_BYTE, 0, d.length);
            return d.length;
        }

        @Override
        public MemorySegment buffer() {
            return buf;
        }

        @Override
        public int portId() {
            return real.portId();
        }

        @Override
        public void close() {
            arena.close();
        }
    }

    private static final java.lang.invoke.VarHandle I32 =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.nativeOrder());

    static void setSequence(byte[] d, int seq) {
        int pos = 0;
        while (pos + 16 <= d.length) {
            int len = (int) I32.get(d, pos);
            I32.set(d, pos + 8, seq);
            if (len < 16) {
                break;
            }
            pos += (len + 3) & ~3;
        }
    }

    /**
     * Serves the captured datagrams of the reply to every request, as the kernel would: copied into
     * the buffer, or into an array of their own when the socket receives them so and they are large.
     */
    private static final class Replay implements Transport {
        private final List<byte[]> datagrams;
        private final Arena arena = Arena.ofShared();
        private final MemorySegment buf = arena.allocate(64 * 1024);
        private int next;
        private int seq;

        Replay(List<byte[]> datagrams) {
            this.datagrams = datagrams;
            next = datagrams.size();
        }

        @Override
        public void send(MemorySegment data) {
            int s = data.get(ValueLayout.JAVA_INT_UNALIGNED, 8);
            if (s != seq) {
                seq = s;
                for (byte[] d : datagrams) {
                    setSequence(d, s);
                }
            }
            next = 0;
        }

        @Override
        public long receive(boolean wait) {
            if (next >= datagrams.size()) {
                return -1;
            }
            byte[] d = datagrams.get(next++);
            MemorySegment.copy(d, 0, buf, ValueLayout.JAVA_BYTE, 0, d.length);
            return d.length;
        }

        @Override
        public MemorySegment receiveOwned(boolean wait) {
            if (next >= datagrams.size()) {
                return null;
            }
            byte[] d = datagrams.get(next);
            if (d.length < 16 * 1024) {
                return Transport.super.receiveOwned(wait);
            }
            next++;
            byte[] into = new byte[32 * 1024];
            System.arraycopy(d, 0, into, 0, d.length);
            return MemorySegment.ofArray(into).asSlice(0, d.length);
        }

        @Override
        public MemorySegment buffer() {
            return buf;
        }

        @Override
        public int portId() {
            return 1;
        }

        @Override
        public void close() {
            arena.close();
        }
    }
}
