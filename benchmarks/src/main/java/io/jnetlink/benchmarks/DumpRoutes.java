package io.jnetlink.benchmarks;

import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.rtnl.Netns;
import io.jnetlink.rtnl.route.Route;
import io.jnetlink.rtnl.route.RouteInfo;
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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A dump of the IPv4 main table holding 10,000 routes ({@code 16.A.B.0/24 dev lo proto static},
 * installed once with {@code BulkRoutes}) in namespace {@code bench-rdump-*}, decoded into
 * {@link RouteInfo} records ({@link Routes#list(int, int)}); score is dumps per second. Its C twin
 * is {@code benchmarks/c/routebench.c dump N 10000} (the same request, its messages counted).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class DumpRoutes {
    static final int ROUTES = 10_000;

    Netns ns;
    Routes routes;

    @Setup(Level.Trial)
    public void setUp() {
        ns = BenchNamespaces.create("rdump");
        ns.link("lo").up();
        routes = ns.routes();
        List<Route> table = new ArrayList<>(ROUTES);
        for (int i = 0; i < ROUTES; i++) {
            String dst = (16 + (i >> 16)) + "." + ((i >> 8) & 255) + "." + (i & 255) + ".0/24";
            table.add(Route.to(dst).dev("lo").protocol(RouteProtocol.STATIC));
        }
        routes.bulk().add(table).orThrow();
        int n = dump().size();
        if (n != ROUTES) {
            throw new IllegalStateException("expected " + ROUTES + " routes in the main table, found " + n);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        BenchNamespaces.close(ns);
    }

    /** The IPv4 main table, as {@code ip -4 route show table main} asks for it. */
    @Benchmark
    public List<RouteInfo> dump() {
        return routes.list(IpPrefix.AF_INET, Routes.TABLE_MAIN);
    }
}
