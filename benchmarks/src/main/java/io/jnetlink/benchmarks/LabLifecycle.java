package io.jnetlink.benchmarks;

import io.jnetlink.testing.Fault;
import io.jnetlink.testing.Lab;
import io.jnetlink.testing.Node;
import java.util.List;
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
 * netlink-testing's labs (namespaces {@code bench-lab-*}). Sample-time mode: read the p0.50 line.
 *
 * <ul>
 *   <li>{@code fiveNodesUpAndDown}: a lab of five nodes on one switch made (six namespaces, five
 *       veth pairs on a bridge, IPv4 and IPv6 addresses) and closed again. Target: median
 *       &lt;= 20 ms.</li>
 *   <li>{@code partitionAndHeal}: in a standing lab of five, one node isolated and healed again
 *       (two nf_tables transactions in the fabric, each read back). Target: median &lt;= 2 ms.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
public class LabLifecycle {
    static final String PREFIX = "bench-lab-";
    Lab standing;
    List<Node> nodes;

    @Setup(Level.Trial)
    public void setUp() {
        standing = Lab.create(PREFIX);
        nodes = standing.nodes("n1", "n2", "n3", "n4", "n5");
        standing.isolate(nodes.getFirst()).remove(); // the fabric's table and chain exist from here on
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        standing.close();
    }

    @Benchmark
    public Lab fiveNodesUpAndDown() {
        try (Lab lab = Lab.create(PREFIX)) {
            lab.nodes("n1", "n2", "n3", "n4", "n5");
            return lab;
        }
    }

    @Benchmark
    public Fault partitionAndHeal() {
        Fault f = standing.isolate(nodes.get(2));
        standing.heal();
        return f;
    }
}
