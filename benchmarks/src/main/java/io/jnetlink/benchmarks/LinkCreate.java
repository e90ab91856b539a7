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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * veth pair create alone, one request at a time ({@link Links#create}, one RTM_NEWLINK waiting for
 * its ACK), in namespace {@code bench-create-*}, in the shape of the reference program
 * ({@code nlbench create 2000 1}): each iteration creates 2,000 pairs into an empty namespace and
 * is timed as a whole; after it (outside the measurement) one {@link Links#deleteGroup} removes
 * them and the kernel is given a moment to finish freeing them. The score is microseconds per
 * pair; {@code benchmarks/compare.sh} turns it into pairs per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3)
@Measurement(iterations = 8)
public class LinkCreate {
    static final int GROUP = 77;
    static final int PAIRS = 2000;

    Netns ns;
    Links links;
    String[] names;
    String[] peers;

    @Setup(Level.Trial)
    public void setUp() {
        ns = BenchNamespaces.create("create");
        links = ns.linkService();
        // the names as the C program makes them, built outside the measurement
        names = new String[PAIRS];
        peers = new String[PAIRS];
        for (int i = 0; i < PAIRS; i++) {
            names[i] = "a" + i;
            peers[i] = "b" + i;
        }
    }

    @TearDown(Level.Iteration)
    public void deleteCreated() throws InterruptedException {
        links.deleteGroup(GROUP);
        Thread.sleep(200); // let the kernel's deferred freeing of 4,000 devices finish
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        BenchNamespaces.close(ns);
    }

    /** 2,000 pairs, each as {@code ip link add aN group 77 type veth peer name bN}. */
    @Benchmark
    @OperationsPerInvocation(PAIRS)
    public void veth() {
        for (int i = 0; i < PAIRS; i++) {
            links.create(Veth.named(names[i]).peer(peers[i]).group(GROUP));
        }
    }
}
