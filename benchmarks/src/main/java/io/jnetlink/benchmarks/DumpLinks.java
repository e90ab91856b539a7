package io.jnetlink.benchmarks;

import io.jnetlink.rtnl.Netns;
import io.jnetlink.rtnl.link.LinkInfo;
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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A full RTM_GETLINK dump of namespace {@code bench-dump-*} holding 500 veth pairs and lo (1,001
 * links), decoded into {@link LinkInfo} records ({@link Links#list()}); score is dumps per second.
 * {@code dumpModeledOnly} decodes the modeled fields only ({@link Links#modeledOnly()}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class DumpLinks {
    static final int PAIRS = 500;
    static final int GROUP = 79;

    Netns ns;
    Links links;
    Links lean;

    @Setup(Level.Trial)
    public void setUp() {
        ns = BenchNamespaces.create("dump");
        links = ns.linkService();
        lean = links.modeledOnly();
        List<Veth> specs = new ArrayList<>();
        for (int i = 0; i < PAIRS; i++) {
            specs.add(Veth.named("da" + i).peer("db" + i).group(GROUP));
            if (specs.size() == 64 || i == PAIRS - 1) {
                links.createAll(specs);
                specs.clear();
            }
        }
        int n = links.list().size();
        if (n != 2 * PAIRS + 1) {
            throw new IllegalStateException("expected " + (2 * PAIRS + 1) + " links, found " + n);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        BenchNamespaces.close(ns);
    }

    @Benchmark
    public List<LinkInfo> dump() {
        return links.list();
    }

    /** The same dump through {@link Links#modeledOnly()}: records without the unmodeled attributes. */
    @Benchmark
    public List<LinkInfo> dumpModeledOnly() {
        return lean.list();
    }
}
