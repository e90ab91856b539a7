package io.jnetlink.benchmarks;

import io.jnetlink.rtnl.Netns;
import io.jnetlink.rtnl.link.Links;
import io.jnetlink.rtnl.link.Veth;
import java.util.ArrayList;
import java.util.List;
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
 * veth pair create + delete in namespace {@code bench-churn-*}. {@code oneAtATime}: one RTM_NEWLINK
 * and one RTM_DELLINK per pair, each waiting for its ACK (bound by the kernel's ~16 ms RCU wait per
 * delete: about 62/s for any client). {@code bulk64}: 64 pairs created in link group 77 in one send
 * ({@link Links#createAll}) and deleted with one {@link Links#deleteGroup}; score is pairs per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 3)
public class LinkChurn {
    static final int GROUP = 77;
    static final int BULK = 64;

    Netns ns;
    Links links;
    Veth pair;
    List<Veth> bulk;

    @Setup(Level.Trial)
    public void setUp() {
        ns = BenchNamespaces.create("churn");
        links = ns.linkService();
        pair = Veth.named("ca").peer("cb");
        bulk = new ArrayList<>(BULK);
        for (int i = 0; i < BULK; i++) {
            bulk.add(Veth.named("ga" + i).peer("gb" + i).group(GROUP));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        BenchNamespaces.close(ns);
    }

    /** One pair created, then deleted by name; two requests, two ACKs. */
    @Benchmark
    public void oneAtATime() {
        links.create(pair);
        links.delete("ca");
    }

    /** 64 pairs created in one send, then deleted in one RTM_DELLINK by group. */
    @Benchmark
    @OperationsPerInvocation(BULK)
    public void bulk64() {
        links.createAll(bulk);
        links.deleteGroup(GROUP);
    }
}
