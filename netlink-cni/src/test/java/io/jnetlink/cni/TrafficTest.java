package io.jnetlink.cni;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import io.jnetlink.rtnl.Netns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Real traffic through what the plugin built. A sandbox "host" runs the plugin; a sandbox
 * "outside" is joined to it by a veth (203.0.113.0/24) and has no route back to the containers, so
 * only masquerade gets a reply out, and only a port mapping gets a connection in. Each server
 * reports the source address it saw: the container's own across the bridge, the host's outside
 * address after masquerade, the outside's own through a port mapping.
 */
@KernelTest
class TrafficTest {
    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();
    @RegisterExtension
    final Cni cni = new Cni();

    private String conf(String portMappings) {
        return """
                {"cniVersion": "1.0.0", "name": "traffic", "type": "jnetlink-bridge", "bridge": "cnitraffic0",
                 "isDefaultGateway": true, "ipMasq": true, "hairpinMode": true,
                 "capabilities": {"portMappings": true},
                 "runtimeConfig": {"portMappings": [%s]},
                 "ipam": {"type": "host-local", "subnet": "10.77.0.0/24", "dataDir": "%s"}}
                """.formatted(portMappings, cni.ipamData);
    }

    @Test
    void containersReachEachOtherTheOutsideThroughMasqueradeAndAreReachedThroughPortMappings() {
        String host = namespaces.createWithIp("cni-host");
        String outside = namespaces.createWithIp("cni-out");
        String c1 = namespaces.createWithIp("cni-c");
        String c2 = namespaces.createWithIp("cni-c");
        Sh.ip(host, "link", "set", "lo", "up");   // a host's loopback is up (mappings from 127.0.0.1)
        Sh.ip(host, "link", "add", "up0", "type", "veth", "peer", "name", "wan0", "netns", outside);
        Sh.ip(host, "addr", "add", "203.0.113.1/24", "dev", "up0");
        Sh.ip(host, "link", "set", "up0", "up");
        Sh.ip(outside, "addr", "add", "203.0.113.2/24", "dev", "wan0");
        Sh.ip(outside, "link", "set", "wan0", "up");

        String a1 = cni.ours(host, "ADD", "c1", c1, conf("")).ok().at("/ips/0/address").asText();
        String a2 = cni.ours(host, "ADD", "c2", c2, conf("""
                {"hostPort": 8080, "containerPort": 80, "protocol": "tcp"},
                {"hostPort": 5353, "containerPort": 53, "protocol": "udp"}""")).ok().at("/ips/0/address").asText();
        String ip1 = a1.substring(0, a1.indexOf('/'));
        String ip2 = a2.substring(0, a2.indexOf('/'));

        try (Netns n1 = Netns.open(c1); Netns n2 = Netns.open(c2); Netns out = Netns.open(outside);
             Netns h = Netns.open(host)) {
            // Across the bridge: the server sees the other container's own address.
            assertEquals(ip1, Probes.tcp(n1, n2, ip2, 7000, 7000));
            // Out through masquerade: the outside sees the host's address on its link.
            assertEquals("203.0.113.1", Probes.tcp(n1, out, "203.0.113.2", 7001, 7001));
            // In through the port mapping, TCP and UDP: the container sees the outside's address.
            assertEquals("203.0.113.2", Probes.tcp(out, n2, "203.0.113.1", 8080, 80));
            assertEquals("203.0.113.2", Probes.udp(out, n2, "203.0.113.1", 5353, 53));
            // Hairpin: a container of the subnet (the other one, and the target itself) through the
            // host's mapped port, masqueraded to the bridge's address (ct status dnat) so the reply
            // comes back the same way, with or without br_netfilter.
            assertEquals("10.77.0.1", Probes.tcp(n1, n2, "203.0.113.1", 8080, 80));
            assertEquals("10.77.0.1", Probes.tcp(n2, n2, "203.0.113.1", 8080, 80));
            // Only connections to the host's own addresses are mapped (fib daddr type local): port
            // 8080 of another machine is that machine's, and a container's direct connection to the
            // mapped container keeps its source address (no DNAT, so no hairpin masquerade).
            assertEquals("203.0.113.1", Probes.tcp(n1, out, "203.0.113.2", 8080, 8080));
            assertEquals(ip1, Probes.tcp(n1, n2, ip2, 80, 80));
            // From the host itself: to one of its addresses (source kept), and to its loopback
            // (masqueraded: 127.0.0.1 cannot leave the host).
            assertEquals("203.0.113.1", Probes.tcp(h, n2, "203.0.113.1", 8080, 80));
            assertEquals("10.77.0.1", Probes.tcp(h, n2, "127.0.0.1", 8080, 80));
        }
        cni.ours(host, "DEL", "c1", c1, conf("")).ok();
        cni.ours(host, "DEL", "c2", c2, conf("")).ok();
        assertEquals("", Sh.inNs(host, "nft", "list", "chains").ok().out().replaceAll("(?s)table inet jnetlink-cni \\{\\s*}", "")
                .strip());
    }
}
