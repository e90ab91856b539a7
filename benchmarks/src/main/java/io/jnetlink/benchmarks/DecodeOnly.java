package io.jnetlink.benchmarks;

import io.jnetlink.core.codec.Message;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.core.socket.NetlinkSocket;
import io.jnetlink.rtnl.Netns;
import io.jnetlink.rtnl.addr.AddressInfo;
import io.jnetlink.rtnl.addr.Addresses;
import io.jnetlink.rtnl.link.LinkInfo;
import io.jnetlink.rtnl.link.Links;
import io.jnetlink.rtnl.route.RouteInfo;
import io.jnetlink.rtnl.route.Routes;
import java.io.ByteArrayOutputStream;
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
 * The Java side of a dump alone, without the kernel: the messages of one real dump (1,001 links,
 * 10,000 routes or 1,002 addresses, made as in {@link DumpLinks}, {@link DumpRoutes},
 * {@link DumpAddresses}) are captured once into native buffers of ~32 KiB, the size of the
 * kernel's dump datagrams; each operation walks them as the socket does (a reused
 * {@link Message} view per datagram) and decodes every message with the family's decoder into a
 * list. Score: microseconds per dump, the part of a dump that is the library's; set it beside the
 * C twin's time per dump to see the share. {@code readAll} also reads every field of every record
 * (what a caller that wants everything pays on top).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class DecodeOnly {
    @Param({"links", "routes", "addresses"})
    String family;

    Arena arena;
    List<MemorySegment> datagrams;
    NetlinkSocket.Decoder<?> decoder;

    @Setup(Level.Trial)
    public void setUp() {
        DumpLinks dl = null;
        DumpRoutes dr = null;
        DumpAddresses da = null;
        List<byte[]> messages = new ArrayList<>();
        NetlinkSocket.DumpHandler capture = m -> messages.add(m.toByteArray());
        switch (family) {
            case "links" -> {
                dl = new DumpLinks();
                dl.setUp();
                dl.links.socket().dump("capture", w -> {
                    w.begin(16 + 2, io.jnetlink.core.codec.Netlink.NLM_F_REQUEST | io.jnetlink.core.codec.Netlink.NLM_F_DUMP);
                    w.zeros(16);
                    w.end();
                }, capture);
                decoder = LinkInfo::decode;
                BenchNamespaces.close(dl.ns);
            }
            case "routes" -> {
                dr = new DumpRoutes();
                dr.setUp();
                Routes.FAMILY.forEach(socketOf(dr.ns), "capture", m -> { messages.add(m.toByteArray()); return null; }, x -> { });
                decoder = RouteInfo::decode;
                BenchNamespaces.close(dr.ns);
            }
            case "addresses" -> {
                da = new DumpAddresses();
                da.setUp();
                Addresses.FAMILY.forEach(socketOf(da.ns), "capture", m -> { messages.add(m.toByteArray()); return null; }, x -> { });
                decoder = AddressInfo::decode;
                BenchNamespaces.close(da.ns);
            }
            default -> throw new IllegalArgumentException(family);
        }
        arena = Arena.ofShared();
        datagrams = new ArrayList<>();
        ByteArrayOutputStream d = new ByteArrayOutputStream();
        for (byte[] m : messages) {
            if (d.size() + m.length > 32 * 1024) {
                datagrams.add(native_(d.toByteArray()));
                d.reset();
            }
            d.writeBytes(m);
            d.writeBytes(new byte[(4 - m.length % 4) % 4]);
        }
        datagrams.add(native_(d.toByteArray()));
        if (decodeAll().size() != messages.size()) {
            throw new IllegalStateException("decoded " + decodeAll().size() + " of " + messages.size());
        }
    }

    private static NetlinkSocket socketOf(Netns ns) {
        return ns.linkService().socket();
    }

    private MemorySegment native_(byte[] b) {
        MemorySegment s = arena.allocate(64 * 1024, 8);
        MemorySegment.copy(b, 0, s, ValueLayout.JAVA_BYTE, 0, b.length);
        return s.asSlice(0, b.length);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    /** Every message of the dump decoded, as the socket's dump hands them to the decoder. */
    @Benchmark
    public List<Object> decodeAll() {
        List<Object> out = new ArrayList<>();
        Message view = new Message();
        for (MemorySegment d : datagrams) {
            long size = d.byteSize();
            long pos = 0;
            while (pos < size) {
                pos += view.bind(d, pos, size - pos);
                Object o = decoder.decode(view);
                if (o != null) {
                    out.add(o);
                }
            }
        }
        return out;
    }

    /** {@link #decodeAll} and then every field of every record read. */
    @Benchmark
    public int readAll() {
        int h = 0;
        for (Object o : decodeAll()) {
            h += o.hashCode();
        }
        return h;
    }
}
