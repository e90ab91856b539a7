package io.jnetlink.cni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A runtime starting 50 pods at once: 50 ADD processes at the same moment into one sandbox host
 * (all racing to create the same bridge, its gateway address and the nf_tables table), then 50 DELs
 * at once.
 */
@KernelTest
class ConcurrentAttachTest {
    private static final int PODS = 50;

    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();
    @RegisterExtension
    final Cni cni = new Cni();

    @Test
    void fiftyConcurrentAddsGetDistinctAddressesAndFiftyDelsLeaveNothing() throws Exception {
        String host = namespaces.createWithIp("cni-host");
        List<String> pods = new ArrayList<>();
        for (int i = 0; i < PODS; i++) {
            pods.add(namespaces.createWithIp("cni-pod"));
        }
        String conf = """
                {"cniVersion": "1.0.0", "name": "many", "type": "jnetlink-bridge", "bridge": "cnimany0",
                 "isGateway": true, "ipMasq": true,
                 "ipam": {"type": "host-local", "subnet": "10.66.0.0/24", "dataDir": "%s"}}
                """.formatted(cni.ipamData);
        String podBefore = Cni.state(pods.getFirst());

        List<Cni.Call> adds = all(host, pods, "ADD", conf);
        Set<String> addresses = new HashSet<>();
        for (Cni.Call c : adds) {
            addresses.add(c.ok().at("/ips/0/address").asText());
        }
        assertEquals(PODS, addresses.size(), "addresses are not distinct: " + addresses);
        // The kernel agrees: each pod has its address, and the bridge has 50 ports.
        for (int i = 0; i < PODS; i++) {
            String want = adds.get(i).json().at("/ips/0/address").asText();
            assertTrue(Sh.ip(pods.get(i), "-br", "addr", "show", "eth0").contains(want), pods.get(i));
        }
        assertEquals(PODS, Sh.ip(host, "-br", "link", "show", "master", "cnimany0").lines().count());
        assertEquals(PODS, Sh.inNs(host, "nft", "list", "chains").ok().out().lines()
                .filter(l -> l.contains("chain masq/many/")).count());

        for (Cni.Call c : all(host, pods, "DEL", conf)) {
            c.ok();
        }
        assertEquals(List.of("lo", "cnimany0"), ProtocolConformanceTest.linkNames(host));
        for (String pod : pods) {
            assertEquals(podBefore.replace(pods.getFirst(), pod), Cni.state(pod));
        }
        assertFalse(Sh.inNs(host, "nft", "list", "ruleset").ok().out().contains("chain "),
                "DEL left nf_tables chains behind");
        try (var leases = Files.list(cni.ipamData.resolve("many"))) {
            assertFalse(leases.anyMatch(p -> p.getFileName().toString().startsWith("10.")),
                    "host-local still holds leases");
        }
    }

    private List<Cni.Call> all(String podsHost, List<String> pods, String command, String conf) throws Exception {
        List<Future<Cni.Call>> calls = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(pods.size())) {
            for (int i = 0; i < pods.size(); i++) {
                String id = "pod" + i;
                String pod = pods.get(i);
                calls.add(pool.submit(() -> cni.ours(podsHost, command, id, pod, conf)));
            }
        }
        List<Cni.Call> out = new ArrayList<>();
        for (Future<Cni.Call> f : calls) {
            out.add(f.get());
        }
        return out;
    }
}
