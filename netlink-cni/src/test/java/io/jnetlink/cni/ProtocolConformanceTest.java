package io.jnetlink.cni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The CNI protocol, call by call: every CNI_COMMAND, missing and malformed environment variables,
 * malformed JSON, unsupported versions, a missing IPAM plugin. Each error is the spec's code and
 * message, the same code and message the reference bridge plugin answers where it has the case,
 * and leaves both sandboxes exactly as they were ({@code ip -j -d link/addr/route}, {@code nft -j
 * list ruleset}).
 */
@KernelTest
class ProtocolConformanceTest {
    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();
    @RegisterExtension
    final Cni cni = new Cni();

    String conf(String version, String name, String extra) {
        return """
                {"cniVersion": "%s", "name": "%s", "type": "jnetlink-bridge", "bridge": "cnitest0",
                 "isGateway": true, "ipMasq": true%s,
                 "ipam": {"type": "host-local", "subnet": "10.88.0.0/24", "dataDir": "%s"}}
                """.formatted(version, name, extra, cni.ipamData);
    }

    String conf() {
        return conf("1.0.0", "conformance", "");
    }

    /** An error case: ours and the reference answer {@code code} (and the same msg), nothing changes. */
    private JsonNode refused(int code, Map<String, String> env, String stdin, boolean compareWithReference) {
        String host = namespaces.createWithIp("cni-host");
        String cont = namespaces.createWithIp("cni-c");
        Map<String, String> e = new java.util.HashMap<>(env);
        e.replaceAll((k, v) -> v.replace("@NETNS@", Cni.netnsPath(cont)));
        String before = Cni.state(host) + Cni.state(cont);
        JsonNode ours = cni.ours(host, e, stdin).error(code);
        assertEquals(before, Cni.state(host) + Cni.state(cont), "the refused call changed a namespace");
        assertTrue(ours.path("msg").isTextual() && !ours.path("msg").asText().isEmpty(), ours.toString());
        if (compareWithReference) {
            String rhost = namespaces.createWithIp("cni-rhost");
            String rcont = namespaces.createWithIp("cni-rc");
            Map<String, String> r = new java.util.HashMap<>(env);
            r.replaceAll((k, v) -> v.replace("@NETNS@", Cni.netnsPath(rcont)));
            JsonNode ref = cni.reference(rhost, "bridge", r, stdin.replace("jnetlink-bridge", "bridge")).error(code);
            if (code != CniException.DECODING_FAILURE) {
                // (A JSON parser's own words differ between Go and Jackson; the code is what counts there.)
                assertEquals(ref.path("msg").asText(), ours.path("msg").asText(),
                        "msg differs from the reference plugin's");
            }
        }
        return ours;
    }

    private Map<String, String> env(String command) {
        return cni.env(command, "c1", "@NETNS@", "eth0");
    }

    @Test
    void versionListsTheSpecVersions() {
        String host = namespaces.createWithIp("cni-host");
        JsonNode v = cni.ours(host, Map.of("CNI_COMMAND", "VERSION"), "{\"cniVersion\":\"1.1.0\"}").ok();
        List<String> versions = new ArrayList<>();
        v.path("supportedVersions").forEach(x -> versions.add(x.asText()));
        assertTrue(versions.containsAll(List.of("0.3.1", "0.4.0", "1.0.0", "1.1.0")), versions.toString());
        assertEquals("1.1.0", v.path("cniVersion").asText());
    }

    @Test
    void missingCommand() {
        Map<String, String> e = env("ADD");
        e.remove("CNI_COMMAND");
        // (The reference prints its "about" text and exits 0 without CNI_COMMAND: nothing to compare.)
        JsonNode err = refused(CniException.INVALID_ENVIRONMENT, e, conf(), false);
        assertEquals("required env variables [CNI_COMMAND] missing", err.path("msg").asText());
    }

    @Test
    void unknownCommand() {
        JsonNode err = refused(CniException.INVALID_ENVIRONMENT, env("PLUG"), conf(), true);
        assertEquals("unknown CNI_COMMAND: PLUG", err.path("msg").asText());
    }

    @Test
    void missingVariablesOfAdd() {
        Map<String, String> e = env("ADD");
        e.remove("CNI_NETNS");
        e.remove("CNI_IFNAME");
        JsonNode err = refused(CniException.INVALID_ENVIRONMENT, e, conf(), true);
        assertEquals("required env variables [CNI_NETNS,CNI_IFNAME] missing", err.path("msg").asText());
    }

    @Test
    void missingVariablesOfDel() {
        Map<String, String> e = env("DEL");
        e.remove("CNI_CONTAINERID");
        e.remove("CNI_PATH");
        refused(CniException.INVALID_ENVIRONMENT, e, conf(), true);
    }

    @Test
    void malformedContainerIdAndInterfaceName() {
        Map<String, String> e = env("ADD");
        e.put("CNI_CONTAINERID", "-bad id");
        assertEquals("invalid characters in containerID",
                refused(CniException.INVALID_ENVIRONMENT, e, conf(), false).path("msg").asText());
        Map<String, String> f = env("ADD");
        f.put("CNI_IFNAME", "a-name-far-too-long");
        assertEquals("interface name is too long",
                refused(CniException.INVALID_ENVIRONMENT, f, conf(), false).path("msg").asText());
    }

    @Test
    void malformedJson() {
        refused(CniException.DECODING_FAILURE, env("ADD"), "{\"cniVersion\": \"1.0.0\", \"name\": ", true);
        refused(CniException.DECODING_FAILURE, env("ADD"), "", false);
    }

    @Test
    void missingNetworkName() {
        JsonNode err = refused(CniException.INVALID_NETWORK_CONFIG, env("ADD"), conf("1.0.0", "", ""), true);
        assertEquals("missing network name", err.path("msg").asText());
    }

    @Test
    void fieldOfTheWrongType() {
        JsonNode err = refused(CniException.INVALID_NETWORK_CONFIG, env("ADD"),
                conf("1.0.0", "conformance", ", \"mtu\": \"big\""), false);
        assertTrue(err.path("msg").asText().contains("\"mtu\""), err.toString());
    }

    @Test
    void unsupportedVersion() {
        JsonNode err = refused(CniException.INCOMPATIBLE_VERSION, env("ADD"), conf("0.2.0", "conformance", ""), false);
        assertEquals("incompatible CNI versions", err.path("msg").asText());
        assertTrue(err.path("details").asText().startsWith("config is \"0.2.0\", plugin supports"), err.toString());
        // The reference (libcni 1.1) knows no 1.1.0 yet: compare with it on a version both refuse.
        refused(CniException.INCOMPATIBLE_VERSION, env("ADD"), conf("9.9.9", "conformance", ""), true);
    }

    @Test
    void missingIpamPlugin() {
        String c = conf().replace("host-local", "no-such-ipam");
        JsonNode err = refused(CniException.INTERNAL, env("ADD"), c, false);
        assertEquals("failed to find plugin \"no-such-ipam\" in path [" + cni.bin + " " + Cni.REFERENCE_DIR + "]",
                err.path("msg").asText());
    }

    @Test
    void macspoofchkIsRefusedClearly() {
        JsonNode err = refused(CniException.UNSUPPORTED_FIELD, env("ADD"),
                conf("1.0.0", "conformance", ", \"macspoofchk\": true"), false);
        assertTrue(err.path("details").asText().contains("macspoofchk"), err.toString());
    }

    @Test
    void statusNeedsVersion110AndAnIpamPlugin() {
        String host = namespaces.createWithIp("cni-host");
        Map<String, String> e = Map.of("CNI_COMMAND", "STATUS", "CNI_PATH", cni.bin + ":" + Cni.REFERENCE_DIR);
        cni.ours(host, e, conf("1.1.0", "conformance", "")).ok();
        cni.ours(host, e, conf("1.1.0", "conformance", "").replace("host-local", "no-such-ipam"))
                .error(CniException.PLUGIN_NOT_AVAILABLE);
        cni.ours(host, e, conf("1.0.0", "conformance", "")).error(CniException.INCOMPATIBLE_VERSION);
    }

    @Test
    void addCheckDelAndDelAgain() throws Exception {
        String host = namespaces.createWithIp("cni-host");
        String cont = namespaces.createWithIp("cni-c");
        String contBefore = Cni.state(cont);
        String conf = conf();
        JsonNode result = cni.ours(host, "ADD", "c1", cont, conf).ok();
        assertEquals("10.88.0.2/24", result.at("/ips/0/address").asText());
        assertEquals(Cni.netnsPath(cont), result.at("/interfaces/2/sandbox").asText());

        String withPrev = conf.strip().replaceFirst("}$", ", \"prevResult\": " + result + "}");
        cni.ours(host, "CHECK", "c1", cont, withPrev).ok();
        // CHECK without prevResult is refused; CHECK after the address vanished fails.
        assertEquals("Required prevResult missing", cni.ours(host, "CHECK", "c1", cont, conf)
                .error(CniException.INTERNAL).path("msg").asText());
        Sh.ip(cont, "addr", "del", "10.88.0.2/24", "dev", "eth0");
        JsonNode failed = cni.ours(host, "CHECK", "c1", cont, withPrev).error(CniException.INTERNAL);
        assertTrue(failed.path("msg").asText().contains("10.88.0.2/24"), failed.toString());

        cni.ours(host, "DEL", "c1", cont, conf).ok();
        cni.ours(host, "DEL", "c1", cont, conf).ok();
        // DEL of a namespace that is gone, and without CNI_NETNS, succeed too.
        Map<String, String> gone = cni.env("DEL", "c1", "/run/netns/jnl-t-no-such-namespace", "eth0");
        cni.ours(host, gone, conf).ok();
        Map<String, String> none = cni.env("DEL", "c1", "", "eth0");
        cni.ours(host, none, conf).ok();

        // The container is as before; the host keeps the bridge with its gateway (as the reference).
        assertEquals(contBefore, Cni.state(cont), "DEL left something in the container");
        assertEquals(List.of("lo"), linkNames(cont));
        assertEquals(List.of("lo", "cnitest0"), linkNames(host));
        assertFalse(Sh.inNs(host, "nft", "list", "ruleset").ok().out().contains("masquerade"));
        assertFalse(Files.list(cni.ipamData.resolve("conformance")).anyMatch(p -> p.getFileName().toString()
                .startsWith("10.")), "host-local still holds a lease");
    }

    @Test
    void failedAddRollsBackAndLeavesNoDebris() {
        String host = namespaces.createWithIp("cni-host");
        String c1 = namespaces.createWithIp("cni-c");
        String c2 = namespaces.createWithIp("cni-c");
        // A range of one address: the second ADD fails in IPAM, after its bridge port and veth exist.
        String conf = conf().replace("\"subnet\": \"10.88.0.0/24\"",
                "\"subnet\": \"10.88.0.0/24\", \"rangeStart\": \"10.88.0.9\", \"rangeEnd\": \"10.88.0.9\"");
        cni.ours(host, "ADD", "c1", c1, conf).ok();
        Cni.settle(host, c1);
        String hostAfterFirst = Cni.state(host);
        String c2Before = Cni.state(c2);
        JsonNode err = cni.ours(host, "ADD", "c2", c2, conf).error(CniException.INTERNAL);
        assertTrue(err.path("msg").asText().contains("no IP addresses available"), err.toString());
        assertEquals(c2Before, Cni.state(c2), "the failed ADD left something in the container");
        assertEquals(linkNames(hostAfterFirst), linkNames(Cni.state(host)));
        assertEquals(hostAfterFirst, Cni.state(host), "the failed ADD left something on the host");
        // Free the address; the same ADD now succeeds, nothing left over from the failed one in its way.
        cni.ours(host, "DEL", "c1", c1, conf).ok();
        assertEquals("10.88.0.9/24", cni.ours(host, "ADD", "c2", c2, conf).ok().at("/ips/0/address").asText());
        cni.ours(host, "DEL", "c2", c2, conf).ok();
    }

    @Test
    void gcRemovesOnlyStateOfAttachmentsNotListed() {
        String host = namespaces.createWithIp("cni-host");
        String c1 = namespaces.createWithIp("cni-c");
        String c2 = namespaces.createWithIp("cni-c");
        // Debian's host-local speaks up to 1.0.0: attach with 1.0.0, collect with a 1.1.0 configuration.
        String conf = conf();
        cni.ours(host, "ADD", "c1", c1, conf).ok();
        cni.ours(host, "ADD", "c2", c2, conf).ok();
        String ruleset = Sh.inNs(host, "nft", "list", "ruleset").ok().out();
        assertTrue(ruleset.contains("masq/conformance/c1/eth0") && ruleset.contains("masq/conformance/c2/eth0"));
        String gc = conf("1.1.0", "conformance", "").strip().replaceFirst("}$",
                ", \"cni.dev/valid-attachments\": [{\"containerID\": \"c1\", \"ifname\": \"eth0\"}]}");
        cni.ours(host, Map.of("CNI_COMMAND", "GC", "CNI_PATH", cni.bin + ":" + Cni.REFERENCE_DIR), gc).ok();
        ruleset = Sh.inNs(host, "nft", "list", "ruleset").ok().out();
        assertTrue(ruleset.contains("masq/conformance/c1/eth0"), ruleset);
        assertFalse(ruleset.contains("masq/conformance/c2/eth0"), ruleset);
        cni.ours(host, "DEL", "c1", c1, conf).ok();
        cni.ours(host, "DEL", "c2", c2, conf).ok();
    }

    static List<String> linkNames(String nsOrState) {
        String json = nsOrState.startsWith("jnl-t-") ? Sh.ip(nsOrState, "-j", "link", "show") : nsOrState.lines()
                .findFirst().orElseThrow();
        List<String> names = new ArrayList<>();
        try {
            Cni.JSON.readTree(json).forEach(l -> names.add(l.path("ifname").asText()));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return names;
    }
}
