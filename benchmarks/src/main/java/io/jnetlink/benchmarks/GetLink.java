package io.jnetlink.benchmarks;

import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.Netlink;
import io.jnetlink.core.socket.NetlinkSocket;
import io.jnetlink.rtnl.Netns;
import io.jnetlink.rtnl.link.LinkInfo;
import io.jnetlink.rtnl.link.Links;
import io.jnetlink.rtnl.link.Veth;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One link by index, decoded into a {@link LinkInfo}, in namespace {@code bench-get-*} holding one
 * veth pair. {@code oneAtATime}: {@link Links#get(int)}, one RTM_GETLINK per call. {@code
 * pipelined64}: {@link Links#getAll(int[])}, 64 RTM_GETLINKs in one send; score is links per
 * second. The {@code ModeledOnly} forms use {@link Links#modeledOnly()}, whose records do not keep
 * the attributes {@code LinkInfo} does not model. Run with {@code -prof gc} for the bytes allocated
 * per link (record included).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class GetLink {
    static final int DEPTH = 64;

    Links links;
    Links lean;
    static final int RTM_GETLINK = 18;

    Netns ns;
    NetlinkSocket socket;
    int index;
    int[] indexes;

    @Setup(Level.Trial)
    public void setUp() {
        ns = BenchNamespaces.create("get");
        links = ns.linkService();
        lean = links.modeledOnly();
        socket = links.socket();
        links.create(Veth.named("ga0").peer("gb0"));
        index = links.indexOf("ga0");
        indexes = new int[DEPTH];
        Arrays.fill(indexes, index);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        BenchNamespaces.close(ns);
    }

    @Benchmark
    public LinkInfo oneAtATime() {
        return links.get(index);
    }

    @Benchmark
    @OperationsPerInvocation(DEPTH)
    public LinkInfo[] pipelined64() {
        return links.getAll(indexes);
    }

    /** As {@link #oneAtATime}, through {@link Links#modeledOnly()}: no copy of unmodeled attributes. */
    @Benchmark
    public LinkInfo oneAtATimeModeledOnly() {
        return lean.get(index);
    }

    /**
     * The request path alone: the same RTM_GETLINK by index through {@link NetlinkSocket#query(String,
     * int, NetlinkSocket.KeyEncoder, NetlinkSocket.Decoder)} with a constant encoder and a decoder
     * that builds nothing (it reads the index). Its bytes per operation are what the library
     * allocates to send a request and take its reply: the target is none.
     */
    @Benchmark
    public int requestPathOnly() {
        return socket.query("get link", index, GetLink::getByIndex, GetLink::indexOfReply);
    }

    private static final Integer ONE = 1;

    private static void getByIndex(MessageWriter w, int index) {
        w.begin(RTM_GETLINK, Netlink.NLM_F_REQUEST);
        w.u8(0).u8(0).u16(0).s32(index).u32(0).u32(0); // struct ifinfomsg
        w.end();
    }

    private static Integer indexOfReply(Message m) {
        return m.u32(4) > 0 ? ONE : null; // a cached Integer: the decoder itself allocates nothing
    }

    /** As {@link #pipelined64}, through {@link Links#modeledOnly()}. */
    @Benchmark
    @OperationsPerInvocation(DEPTH)
    public LinkInfo[] pipelined64ModeledOnly() {
        return lean.getAll(indexes);
    }
}
