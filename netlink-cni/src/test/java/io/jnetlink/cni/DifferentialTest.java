package io.jnetlink.cni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import io.jnetlink.rtnl.Netns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ours against the reference, configuration by configuration: the same ADD through Debian's
 * {@code bridge} (+ {@code portmap} chained after it for port mappings) into one sandbox and
 * through {@code jnetlink-bridge} into another. Equal are: the two results' JSON, the container
 * namespaces' and the host namespaces' {@code ip -j -d link/addr/route} (with MACs, the random
 * veth names, interface indexes, link-local addresses and running timers masked), and the NAT
 * behaviour, checked by real traffic to and from a sandbox "outside" beside each host. After DEL
 * each container is as it was before ADD, and the two hosts equal each other again.
 */
@KernelTest
class DifferentialTest {
    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();
    @RegisterExtension
    final Cni cni = new Cni();

    /** One configuration: its bridge-plugin fields and IPAM ranges, and what the traffic should show. */
    record Case(String name, String fields, String ranges, String portMappings, boolean masq, boolean v4, boolean v6,
                boolean defaultRoute) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        String v4 = "[[{\"subnet\": \"10.44.0.0/24\"}]]";
        String v6 = "[[{\"subnet\": \"fd44::/64\"}]]";
        String dual = "[[{\"subnet\": \"10.44.0.0/24\"}], [{\"subnet\": \"fd44::/64\"}]]";
        String pm = "{\"hostPort\": 8080, \"containerPort\": 80, \"protocol\": \"tcp\"},"
                + " {\"hostPort\": 5353, \"containerPort\": 53, \"protocol\": \"udp\"}";
        return List.of(
                new Case("ipv4 gateway masq", "\"isDefaultGateway\": true, \"ipMasq\": true", v4, "", true, true, false, true),
                new Case("ipv4 no gateway no masq", "\"isGateway\": false, \"ipMasq\": false", v4, "", false, true, false, false),
                new Case("ipv4 gateway no masq", "\"isDefaultGateway\": true, \"ipMasq\": false", v4, "", false, true, false, true),
                new Case("ipv6 gateway masq", "\"isDefaultGateway\": true, \"ipMasq\": true", v6, "", true, false, true, true),
                new Case("dual-stack gateway masq", "\"isDefaultGateway\": true, \"ipMasq\": true", dual, "", true, true, true, true),
                new Case("ipv4 mtu 1400", "\"isDefaultGateway\": true, \"ipMasq\": true, \"mtu\": 1400", v4, "", true, true, false, true),
                new Case("ipv4 port mappings tcp udp", "\"isDefaultGateway\": true, \"ipMasq\": true", v4, pm, true, true, false, true),
                new Case("dual-stack port mappings tcp udp", "\"isDefaultGateway\": true, \"ipMasq\": true", dual, pm, true, true, true, true),
                // The two are refused together (by both): one case each.
                new Case("ipv4 promiscMode", "\"isDefaultGateway\": true, \"ipMasq\": true, \"promiscMode\": true", v4, "",
                        true, true, false, true),
                new Case("ipv4 hairpinMode", "\"isDefaultGateway\": true, \"ipMasq\": true, \"hairpinMode\": true", v4, "",
                        true, true, false, true));
    }

    private String conf(String type, Case c, Path ipamDir) {
        return """
                {"cniVersion": "1.0.0", "name": "diff", "type": "%s", "bridge": "cnidiff0", %s,
                 "capabilities": {"portMappings": true},
                 "runtimeConfig": {"portMappings": [%s]},
                 "ipam": {"type": "host-local", "ranges": %s, "dataDir": "%s"}}
                """.formatted(type, c.fields(), c.portMappings(), c.ranges(), ipamDir);
    }

    /** A sandbox host with an outside neighbour on 203.0.113.0/24 and 2001:db8:113::/64. */
    private String[] site(String tag) {
        String host = namespaces.createWithIp("cni-" + tag + "h");
        String outside = namespaces.createWithIp("cni-" + tag + "o");
        String cont = namespaces.createWithIp("cni-" + tag + "c");
        Sh.ip(host, "link", "set", "lo", "up");   // a host's loopback is up (mappings from 127.0.0.1)
        Sh.ip(host, "link", "add", "up0", "type", "veth", "peer", "name", "wan0", "netns", outside);
        Sh.ip(host, "addr", "add", "203.0.113.1/24", "dev", "up0");
        Sh.ip(host, "addr", "add", "2001:db8:113::1/64", "dev", "up0", "nodad");
        Sh.ip(host, "link", "set", "up0", "up");
        Sh.ip(outside, "addr", "add", "203.0.113.2/24", "dev", "wan0");
        Sh.ip(outside, "addr", "add", "2001:db8:113::2/64", "dev", "wan0", "nodad");
        Sh.ip(outside, "link", "set", "wan0", "up");
        return new String[] {host, outside, cont};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameResultSameStateSameTraffic(Case c) throws Exception {
        assertTrue(Files.isExecutable(Path.of(Cni.REFERENCE_DIR, "portmap")),
                "needs the reference plugins in " + Cni.REFERENCE_DIR
                        + ": apt-get install containernetworking-plugins iptables (.ci/run installs them)");
        String[] ours = site("o");
        String[] ref = site("r");
        String ourBefore = Cni.state(ours[2]);
        String refBefore = Cni.state(ref[2]);
        Path ourIpam = Files.createDirectories(cni.dir.resolve("ipam-ours"));
        Path refIpam = Files.createDirectories(cni.dir.resolve("ipam-ref"));

        String ourConf = conf("jnetlink-bridge", c, ourIpam);
        JsonNode ourResult = cni.ours(ours[0], "ADD", "c1", ours[2], ourConf).ok();

        String refConf = conf("bridge", c, refIpam);
        Map<String, String> refEnv = cni.env("ADD", "c1", Cni.netnsPath(ref[2]), "eth0");
        JsonNode refResult = cni.reference(ref[0], "bridge", refEnv, refConf).ok();
        String portmapConf = null;
        if (!c.portMappings().isEmpty()) {
            portmapConf = """
                    {"cniVersion": "1.0.0", "name": "diff", "type": "portmap", "capabilities": {"portMappings": true},
                     "runtimeConfig": {"portMappings": [%s]}, "prevResult": %s}
                    """.formatted(c.portMappings(), refResult);
            refResult = cni.reference(ref[0], "portmap", refEnv, portmapConf).ok();
        }

        assertEquals(maskResult(refResult), maskResult(ourResult), "ADD results differ");
        Cni.settle(ours[0], ours[2], ref[0], ref[2]);
        assertEquals(mask(Cni.state(ref[2]), ref), mask(Cni.state(ours[2]), ours), "container namespaces differ");
        assertEquals(mask(hostState(ref[0]), ref), mask(hostState(ours[0]), ours), "host namespaces differ");

        traffic(c, ours, "jnetlink-bridge");
        traffic(c, ref, "reference");

        cni.ours(ours[0], "DEL", "c1", ours[2], ourConf).ok();
        if (portmapConf != null) {
            cni.reference(ref[0], "portmap", cni.env("DEL", "c1", Cni.netnsPath(ref[2]), "eth0"), portmapConf).ok();
        }
        cni.reference(ref[0], "bridge", cni.env("DEL", "c1", Cni.netnsPath(ref[2]), "eth0"), refConf).ok();
        assertEquals(ourBefore, Cni.state(ours[2]), "our DEL left the container changed");
        assertEquals(refBefore, Cni.state(ref[2]), "the reference DEL left the container changed");
        // The bridge loses its carrier a moment after its last port goes (the kernel's link watch
        // runs later): compare once both hosts have caught up, for at most five seconds.
        for (int i = 0; i < 50 && !mask(hostState(ref[0]), ref).equals(mask(hostState(ours[0]), ours)); i++) {
            Thread.sleep(100);
        }
        assertEquals(mask(hostState(ref[0]), ref), mask(hostState(ours[0]), ours), "hosts differ after DEL");
    }

    /**
     * {@code forceAddress}: the bridge exists already with another address in the network's subnet.
     * With it both plugins replace that address by the gateway and end in equal states; without it
     * both refuse with the same error, and ours leaves the container as it was.
     */
    @ParameterizedTest(name = "forceAddress {0}")
    @ValueSource(booleans = {true, false})
    void forceAddressReplacesOrKeepsTheBridgesOtherAddress(boolean force) throws Exception {
        String[] ours = site("o");
        String[] ref = site("r");
        for (String[] site : List.of(ours, ref)) {
            Sh.ip(site[0], "link", "add", "cnidiff0", "type", "bridge");
            Sh.ip(site[0], "addr", "add", "10.44.0.254/24", "dev", "cnidiff0");
        }
        String ourBefore = Cni.state(ours[2]);
        Case c = new Case("forceAddress", "\"isGateway\": true, \"forceAddress\": " + force,
                "[[{\"subnet\": \"10.44.0.0/24\"}]]", "", false, true, false, false);
        String ourConf = conf("jnetlink-bridge", c, Files.createDirectories(cni.dir.resolve("ipam-ours")));
        String refConf = conf("bridge", c, Files.createDirectories(cni.dir.resolve("ipam-ref")));
        Cni.Call ourAdd = cni.ours(ours[0], "ADD", "c1", ours[2], ourConf);
        Cni.Call refAdd = cni.reference(ref[0], "bridge", cni.env("ADD", "c1", Cni.netnsPath(ref[2]), "eth0"), refConf);
        if (force) {
            assertEquals(maskResult(refAdd.ok()), maskResult(ourAdd.ok()), "ADD results differ");
            Cni.settle(ours[0], ours[2], ref[0], ref[2]);
            assertEquals(mask(hostState(ref[0]), ref), mask(hostState(ours[0]), ours), "host namespaces differ");
            assertTrue(Sh.ip(ours[0], "-4", "addr", "show", "dev", "cnidiff0").contains("10.44.0.1/24"),
                    "the gateway replaced the bridge's address");
            assertTrue(!Sh.ip(ours[0], "-4", "addr", "show", "dev", "cnidiff0").contains("10.44.0.254"),
                    "the bridge's old address is gone");
        } else {
            JsonNode refError = refAdd.error(refAdd.json().path("code").asInt());
            JsonNode ourError = ourAdd.error(refError.path("code").asInt());
            assertEquals(refError.path("msg").asText(), ourError.path("msg").asText(), "error messages differ");
            assertEquals(ourBefore, Cni.state(ours[2]), "our failed ADD left something in the container");
            assertTrue(Sh.ip(ours[0], "-4", "addr", "show", "dev", "cnidiff0").contains("10.44.0.254/24"),
                    "the bridge keeps its address");
        }
        cni.ours(ours[0], "DEL", "c1", ours[2], ourConf).ok();
        cni.reference(ref[0], "bridge", cni.env("DEL", "c1", Cni.netnsPath(ref[2]), "eth0"), refConf).ok();
        assertEquals(ourBefore, Cni.state(ours[2]), "our DEL left the container changed");
    }

    /** The host's links, addresses and routes (its NAT is compared by traffic: iptables vs nf_tables). */
    private static String hostState(String ns) {
        String s = Cni.state(ns).strip();
        return s.substring(0, s.lastIndexOf('\n'));
    }

    private static String maskResult(JsonNode r) {
        ObjectNode o = (ObjectNode) r.deepCopy();
        o.path("interfaces").forEach(i -> {
            ((ObjectNode) i).put("mac", "MAC");
            if (i.path("name").asText().startsWith("veth")) {
                ((ObjectNode) i).put("name", "VETH");
            }
            if (i.has("sandbox")) {
                ((ObjectNode) i).put("sandbox", "SANDBOX");
            }
        });
        return o.toPrettyString();
    }

    /** Masks what differs by nature: MACs, random veth names, indexes, link-local addresses, namespace names. */
    private static String mask(String state, String[] site) {
        List<String> parts = new java.util.ArrayList<>();
        for (String part : state.strip().split("\n")) {
            parts.add(sorted(maskText(part, site)));
        }
        return String.join("\n", parts);
    }

    /**
     * A JSON array with its elements in text order: once link-local addresses are masked, the
     * kernel's order of their local routes (by address) says nothing.
     */
    private static String sorted(String json) {
        try {
            JsonNode n = Cni.JSON.readTree(json);
            if (!n.isArray()) {
                return json;
            }
            List<String> items = new java.util.ArrayList<>();
            n.forEach(i -> items.add(i.toString()));
            java.util.Collections.sort(items);
            return String.join(",\n", items);
        } catch (java.io.IOException e) {
            return json;
        }
    }

    private static String maskText(String state, String[] site) {
        String s = state;
        for (String n : site) {
            s = s.replace(n, "NS");
        }
        return s.replaceAll("\\b[0-9a-f]{1,2}(:[0-9a-f]{1,2}){5}\\b", "MAC")
                .replaceAll("veth[0-9a-f]{8}", "VETH")
                .replaceAll("\"(ifindex|link_index|link_netnsid)\":\\d+", "\"$1\":N")
                .replaceAll("\"link\":\"if\\d+\"", "\"link\":\"ifN\"")
                .replaceAll("fe80::[0-9a-f:]+", "fe80::LL")
                .replace("\"tentative\":true,", "")
                .replaceAll(",\"(hello_timer|tcn_timer|topology_change_timer|gc_timer|hold_timer|message_age_timer"
                        + "|forward_delay_timer|timer)\":[0-9.]+", "");
    }

    /** What NAT does at this site, by real connections. */
    private void traffic(Case c, String[] site, String who) {
        try (Netns host = Netns.open(site[0]); Netns out = Netns.open(site[1]); Netns cont = Netns.open(site[2])) {
            if (c.defaultRoute()) {
                if (c.v4()) {
                    assertEquals(c.masq() ? "203.0.113.1" : null, Probes.tcp(cont, out, "203.0.113.2", 7001, 7001),
                            who + ": IPv4 to the outside");
                }
                if (c.v6()) {
                    assertEquals(c.masq() ? "2001:db8:113:0:0:0:0:1" : null, Probes.tcp(cont, out, "2001:db8:113::2", 7002, 7002),
                            who + ": IPv6 to the outside");
                }
            }
            if (!c.portMappings().isEmpty()) {
                if (c.v4()) {
                    assertEquals("203.0.113.2", Probes.tcp(out, cont, "203.0.113.1", 8080, 80), who + ": TCP port mapping");
                    assertEquals("203.0.113.2", Probes.udp(out, cont, "203.0.113.1", 5353, 53), who + ": UDP port mapping");
                    assertTrue(Probes.tcp(host, cont, "127.0.0.1", 8080, 80) != null, who + ": port mapping from the host");
                }
                if (c.v6()) {
                    assertEquals("2001:db8:113:0:0:0:0:2", Probes.tcp(out, cont, "2001:db8:113::1", 8080, 80),
                            who + ": TCP port mapping over IPv6");
                    assertEquals("2001:db8:113:0:0:0:0:2", Probes.udp(out, cont, "2001:db8:113::1", 5353, 53),
                            who + ": UDP port mapping over IPv6");
                }
            }
        }
    }
}
