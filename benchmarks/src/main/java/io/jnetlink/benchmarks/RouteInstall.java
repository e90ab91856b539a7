package io.jnetlink.benchmarks;

import io.jnetlink.rtnl.Netns;
import io.jnetlink.rtnl.route.BulkRoutes;
import io.jnetlink.rtnl.route.Route;
import io.jnetlink.rtnl.route.RouteProtocol;
import io.jnetlink.rtnl.route.Routes;
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
 * A full table installed at once, as a routing daemon does at start: 100,000 IPv4 routes
 * ({@code 16.A.B.0/24 dev lo proto static}, the i-th /24 from 16.0.0.0) through
 * {@link BulkRoutes#add} (256 requests per send, every ACK checked) into namespace
 * {@code bench-routes-*}. Each iteration installs the whole table into an empty main table and is
 * timed as a whole; after it (outside the measurement) {@link BulkRoutes#flush} removes them. The
 * score is microseconds per route; {@code benchmarks/compare.sh} turns it into routes per second
 * beside {@code ip -batch} (benchmarks/ipbatch.sh routes) and the C twin
 * (benchmarks/c/routebench.c) doing the same work.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class RouteInstall {
    static final int ROUTES = 100_000;

    Netns ns;
    BulkRoutes bulk;
    List<Route> table;

    @Setup(Level.Trial)
    public void setUp() {
        ns = BenchNamespaces.create("routes");
        ns.link("lo").up();
        bulk = ns.routes().bulk();
        // the table is built outside the measurement, as a daemon has it before it installs it
        table = new ArrayList<>(ROUTES);
        for (int i = 0; i < ROUTES; i++) {
            String dst = (16 + (i >> 16)) + "." + ((i >> 8) & 255) + "." + (i & 255) + ".0/24";
            table.add(Route.to(dst).dev("lo").protocol(RouteProtocol.STATIC));
        }
    }

    @TearDown(Level.Iteration)
    public void flush() {
        BulkRoutes.Result<?> r = bulk.flush(RouteProtocol.STATIC, Routes.TABLE_MAIN).orThrow();
        if (r.succeeded() != ROUTES) {
            throw new IllegalStateException("flushed " + r.succeeded() + " routes, installed " + ROUTES);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        BenchNamespaces.close(ns);
    }

    /** 100,000 routes, each as {@code ip route add 16.A.B.0/24 dev lo proto static}. */
    @Benchmark
    @OperationsPerInvocation(ROUTES)
    public BulkRoutes.Result<Route> install() {
        // a refused route would make the figure meaningless: fail the run instead
        return bulk.add(table).orThrow();
    }
}
