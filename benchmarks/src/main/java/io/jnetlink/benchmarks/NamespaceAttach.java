package io.jnetlink.benchmarks;

import io.jnetlink.rtnl.Link;
import io.jnetlink.rtnl.Netns;
import io.jnetlink.rtnl.link.Bridge;
import io.jnetlink.rtnl.link.Veth;
import io.jnetlink.rtnl.route.Route;
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
 * What a container runtime does per container, through the fluent API: a new namespace ({@code
 * bench-c-*}), a veth whose peer {@code eth0} is created directly in it, the host end on bridge
 * {@code br0} of the host namespace ({@code bench-host-*}) and up, an IPv4 address on {@code eth0},
 * {@code eth0} up, a default route via the bridge's address. Sample-time mode: read the p0.50 line.
 *
 * <ul>
 *   <li>{@code attach}: the attach alone; the container's namespace is closed after each call,
 *       outside the measurement.</li>
 *   <li>{@code teardown}: closing the container's namespace alone (the attach runs before each
 *       call, outside the measurement). The kernel removes the veth pair asynchronously when the
 *       namespace goes.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
public class NamespaceAttach {
    Netns host;
    Link bridge;
    int n;
    Netns container;

    @Setup(Level.Trial)
    public void setUp() {
        host = BenchNamespaces.create("host");
        bridge = host.link(Bridge.named("br0")).address("10.200.0.1/16").up();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        BenchNamespaces.close(container);
        BenchNamespaces.close(host);
    }

    Netns attachOne() {
        int i = n++;
        Netns c = BenchNamespaces.create("c");
        container = c;
        String hostEnd = "vh" + i;
        host.linkService().create(Veth.named(hostEnd).peer("eth0", c));
        host.link(hostEnd).master(bridge).up();
        int k = i % 60000;
        c.link("eth0").address("10.200." + (k / 250 + 1) + "." + (k % 250 + 2) + "/16").up();
        c.routes().add(Route.defaultVia("10.200.0.1"));
        return c;
    }

    @Benchmark
    public Netns attach() {
        return attachOne();
    }

    /** Closes the container made by {@link #attach} (or by {@link #prepare}). */
    @TearDown(Level.Invocation)
    public void closeContainer() {
        BenchNamespaces.close(container);
        container = null;
    }

    /** State for {@link #teardown}: one attached container per invocation, made untimed. */
    @State(Scope.Thread)
    public static class Attached {
        Netns c;

        @Setup(Level.Invocation)
        public void prepare(NamespaceAttach bench) {
            c = bench.attachOne();
            bench.container = null; // timed teardown below closes it
        }

        @TearDown(Level.Invocation)
        public void after() {
            BenchNamespaces.close(c); // no-op unless the timed close failed
        }
    }

    @Benchmark
    public void teardown(Attached a) {
        BenchNamespaces.close(a.c);
    }
}
