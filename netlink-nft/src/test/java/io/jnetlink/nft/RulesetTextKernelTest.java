package io.jnetlink.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the library's own recipes put in the kernel (firewall and NAT tables, plain and owned by
 * the library's socket, IPv4 and IPv6, a named counter) prints as {@code nft list ruleset} prints it.
 */
@KernelTest
class RulesetTextKernelTest {
    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    private static List<String> lines(String text) {
        return Arrays.stream(text.split("\n", -1)).map(String::strip).toList();
    }

    @Test
    void theRecipesTablesPrintAsNftListsThem() {
        NetworkNamespace ns = namespaces.create("text");
        Sh.ip(ns.name(), "link", "add", "v0", "type", "veth", "peer", "name", "v1");
        Firewall fw = Firewall.in(ns);
        fw.block(List.of("10.9.0.1", "fd09::1"), List.of("10.9.0.2/32", "fd09::2/128"));
        fw.isolate();
        fw.allow(Protocol.TCP, 22);
        fw.allow(Protocol.UDP, 53);
        fw.loss("v0", 12.5);
        fw.rateLimit("v0", 100, 20);
        Firewall.in(ns).table("owned-filter").ownedBySocket().allow(Protocol.TCP, 8080);
        Nat nat = Nat.in(ns);
        nat.masquerade("192.168.15.0/24", "v0");
        nat.masquerade("fd00:15::/64");
        nat.forward(Protocol.TCP, 8080).to("192.168.15.2", 80);
        nat.forward(Protocol.UDP, 5353).to("fd00:15::2", 53);
        NfTables nft = NfTables.in(ns);
        nft.transaction().createCounter(Family.INET, Firewall.DEFAULT_TABLE, "seen").commit();

        String expected = Sh.inNs(ns.name(), "nft", "list", "ruleset").ok().out();
        assertEquals(lines(expected), lines(nft.ruleset().text()));
    }
}
