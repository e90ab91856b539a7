package io.jnetlink.benchmarks;

import io.jnetlink.rtnl.Netns;
import io.jnetlink.rtnl.link.Links;
import io.jnetlink.rtnl.link.Veth;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * veth pair create alone, one request at a time ({@link Links#create}, one RTM_NEWLINK waiting for
 * its ACK), in namespace {@code bench-create-*}. Pairs go into link group 77; after each iteration
 * (outside the measurement) one {@link Links#deleteGroup} removes them. Iterations are kept short
 * (1 s, a few thousand pairs) so the namespace stays near the size the reference programs see.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
public class LinkCreate {
    static final int GROUP = 77;

    Netns ns;
    Links links;
    int n;

    @Setup(Level.Trial)
    public void setUp() {
        ns = BenchNamespaces.create("create");
        links = ns.linkService();
    }

    @TearDown(Level.Iteration)
    public void deleteCreated() {
        links.deleteGroup(GROUP);
        n = 0;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        BenchNamespaces.close(ns);
    }

    /** One veth pair, as {@code ip link add aN group 77 type veth peer name bN}. */
    @Benchmark
    public void veth() {
        int i = n++;
        links.create(Veth.named("a" + i).peer("b" + i).group(GROUP));
    }
}
