package io.jnetlink.benchmarks;

import io.jnetlink.rtnl.Netns;
import io.jnetlink.rtnl.addr.AddressInfo;
import io.jnetlink.rtnl.addr.AddressSpec;
import io.jnetlink.rtnl.addr.Addresses;
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
 * A full RTM_GETADDR dump ({@link Addresses#list()}) of namespace {@code bench-adump-*} whose lo
 * holds 500 IPv4 addresses (10.0.0.1/32 and up) and 500 IPv6 ones (fd00::1/128 and up, nodad)
 * besides its own 127.0.0.1 and ::1: 1,002 {@link AddressInfo} records per dump; score is dumps per
 * second. Its C twin is {@code benchmarks/c/addrbench.c dump N 1000} (the same addresses, the same
 * request, its messages counted).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class DumpAddresses {
    static final int ADDRESSES = 1_000;

    Netns ns;
    Addresses addresses;

    @Setup(Level.Trial)
    public void setUp() {
        ns = BenchNamespaces.create("adump");
        ns.link("lo").up();
        addresses = ns.addresses();
        List<AddressSpec> specs = new ArrayList<>();
        for (int i = 0; i < ADDRESSES; i++) {
            int half = ADDRESSES / 2;
            AddressSpec.Builder b = AddressSpec.builder().link("lo");
            if (i < half) {
                int v = 0x0A00_0001 + i;
                b.prefix((v >>> 24) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255) + "/32");
            } else {
                b.prefix("fd00::" + Integer.toHexString(i - half + 1) + "/128").noDad();
            }
            specs.add(b.build());
            if (specs.size() == 64 || i == ADDRESSES - 1) {
                addresses.addAll(specs);
                specs.clear();
            }
        }
        int n = dump().size();
        if (n != ADDRESSES + 2) {
            throw new IllegalStateException("expected " + (ADDRESSES + 2) + " addresses, found " + n);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        BenchNamespaces.close(ns);
    }

    /** Every address of every link, as {@code ip addr show} asks for them. */
    @Benchmark
    public List<AddressInfo> dump() {
        return addresses.list();
    }
}
