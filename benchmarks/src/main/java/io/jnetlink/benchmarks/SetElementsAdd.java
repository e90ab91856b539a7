package io.jnetlink.benchmarks;

import io.jnetlink.nft.Family;
import io.jnetlink.nft.NfTables;
import io.jnetlink.nft.SetDataType;
import io.jnetlink.nft.SetElement;
import io.jnetlink.nft.SetKeyType;
import io.jnetlink.nft.SetSpec;
import io.jnetlink.nft.Table;
import io.jnetlink.rtnl.Netns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * 100,000 addresses added to a named set in one transaction, beside {@code nft -f} doing the same
 * in the same run. Namespace {@code bench-sets-*} holds {@code table inet bench} with
 * {@code set s { type ipv4_addr; }}; each iteration adds the whole list ({@code 10.A.B.C}, the i-th
 * address after 10.0.0.0) to the empty set and is timed as a whole:
 * <ul>
 *   <li>{@link #library}: {@code Transaction.addElements(set, elements).commit()} (one batch of
 *       NEWSETELEM messages, the kernel's verdict awaited);</li>
 *   <li>{@link #nftFile}: {@code ip netns exec NS nft -f FILE} where FILE is the one command
 *       {@code add element inet bench s { ... }} with the same 100,000 addresses (written before the
 *       measurement; nft parses it and sends one batch too).</li>
 * </ul>
 * After each iteration (not timed) the set must hold 100,000 elements, then it is flushed. The score
 * is milliseconds per 100,000 elements; the target (issue 17) is library &lt;= nft -f.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class SetElementsAdd {
    static final int ELEMENTS = 100_000;

    Netns ns;
    NfTables nft;
    SetSpec set;
    List<SetElement> elements;
    Path file;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        ns = BenchNamespaces.create("sets");
        nft = NfTables.in(ns);
        set = SetSpec.set(Family.INET, "bench", "s", SetKeyType.of(SetDataType.IPV4_ADDR));
        nft.transaction().createTable(Table.of(Family.INET, "bench")).addSet(set).commit();
        // the list is built outside the measurement, as a program has it before it installs it
        elements = new ArrayList<>(ELEMENTS);
        StringBuilder text = new StringBuilder("add element inet bench s { ");
        for (int i = 1; i <= ELEMENTS; i++) {
            String a = "10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255);
            elements.add(SetElement.of(a));
            text.append(i > 1 ? ", " : "").append(a);
        }
        file = Files.createTempFile("jnetlink-setadd", ".nft");
        Files.writeString(file, text.append(" }\n"), StandardCharsets.US_ASCII);
    }

    @TearDown(Level.Iteration)
    public void checkAndFlush() {
        int n = nft.set(Family.INET, "bench", "s").orElseThrow().elements().size();
        if (n != ELEMENTS) {
            throw new IllegalStateException("the set holds " + n + " elements after an iteration, not " + ELEMENTS);
        }
        nft.transaction().flushSet(Family.INET, "bench", "s").commit();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        BenchNamespaces.close(ns);
        Files.deleteIfExists(file);
    }

    /** The library: one transaction of 100,000 elements. */
    @Benchmark
    public Object library() {
        return nft.transaction().addElements(set, elements).commit();
    }

    /** {@code nft -f} of the same 100,000 elements (one command, one batch), run as a user would. */
    @Benchmark
    public int nftFile() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ip", "netns", "exec", ns.name(), "nft", "-f", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        if (rc != 0) {
            throw new UncheckedIOException(new IOException("nft -f failed (" + rc + "): " + out));
        }
        return rc;
    }
}
