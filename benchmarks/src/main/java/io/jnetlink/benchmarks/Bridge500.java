package io.jnetlink.benchmarks;

import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.rtnl.Link;
import io.jnetlink.rtnl.Netns;
import io.jnetlink.rtnl.addr.AddressSpec;
import io.jnetlink.rtnl.addr.Addresses;
import io.jnetlink.rtnl.link.Bridge;
import io.jnetlink.rtnl.link.LinkInfo;
import io.jnetlink.rtnl.link.Links;
import io.jnetlink.rtnl.link.Veth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The reference's workload 2, timed whole (single shot, seconds): in a new namespace {@code
 * bench-b500-*}, 500 veth pairs (created 64 per send with {@link Links#createAll}), a bridge, every
 * host end enslaved, everything up, an IPv4 address on each peer end (pipelined: setMasterAll,
 * setUpAll and addAll send each step's requests in one datagram), then torn down.
 *
 * <p>Teardown, by {@code teardown}:
 * <ul>
 *   <li>{@code closeNamespace}: the user closes the namespace's scope ({@link Netns#close()}). The
 *       call returns once the namespace is unmounted; the kernel dismantles its devices afterwards
 *       in its own worker (cleanup_net), outside this measurement but in the machine's time.</li>
 *   <li>{@code groupDelete}: the pairs were created in link group 78; one {@link Links#deleteGroup}
 *       and one delete of the bridge, both synchronous, then the (empty) namespace is closed.</li>
 * </ul>
 * {@code ip -batch} deletes each host end on its own (about 16 ms each): compare.sh runs that side.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class Bridge500 {
    static final int PAIRS = 500;
    static final int GROUP = 78;
    static final int CHUNK = 64;

    @Param({"closeNamespace", "groupDelete"})
    public String teardown;

    private Netns ns;

    @TearDown(org.openjdk.jmh.annotations.Level.Iteration)
    public void cleanup() {
        BenchNamespaces.close(ns); // only does something if the benchmark failed part-way
        ns = null;
    }

    @Benchmark
    public int setUpAndTearDown() {
        ns = BenchNamespaces.create("b500");
        Links links = ns.linkService();
        Addresses addresses = ns.addresses();
        List<Veth> chunk = new ArrayList<>(CHUNK);
        for (int i = 0; i < PAIRS; i++) {
            chunk.add(Veth.named("vh" + i).peer("vp" + i).group(GROUP));
            if (chunk.size() == CHUNK || i == PAIRS - 1) {
                links.createAll(chunk);
                chunk.clear();
            }
        }
        Link bridge = ns.link(Bridge.named("br0"));
        Map<String, Integer> index = new HashMap<>();
        for (LinkInfo l : links.list()) {
            index.put(l.name(), l.index());
        }
        int[] hostEnds = new int[PAIRS];
        int[] both = new int[2 * PAIRS];
        List<AddressSpec> addrs = new ArrayList<>(PAIRS);
        for (int i = 0; i < PAIRS; i++) {
            hostEnds[i] = index.get("vh" + i);
            both[2 * i] = hostEnds[i];
            both[2 * i + 1] = index.get("vp" + i);
            addrs.add(AddressSpec.of(index.get("vp" + i),
                    IpPrefix.parse("10." + (100 + i / 250) + "." + (i % 250) + ".2/24")));
        }
        links.setMasterAll(hostEnds, bridge.index());   // one send each: pipelined requests
        bridge.up();
        links.setUpAll(both, true);
        addresses.addAll(addrs);
        int made = index.size();
        if ("groupDelete".equals(teardown)) {
            links.deleteGroup(GROUP);
            bridge.delete();
        }
        BenchNamespaces.close(ns);
        ns = null;
        return made;
    }
}
