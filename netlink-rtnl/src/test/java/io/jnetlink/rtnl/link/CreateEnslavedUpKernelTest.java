package io.jnetlink.rtnl.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.codec.Netlink;
import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import io.jnetlink.rtnl.Oracle;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A link created with {@link LinkSpec#master} and {@link LinkSpec#up} is, by {@code ip -j -d link},
 * a port of its bridge and administratively up right after the one create request (also in a
 * pipelined {@link Links#createAllReturning}, with the veth's peer in another namespace); the
 * peer end stays down.
 */
@KernelTest
class CreateEnslavedUpKernelTest {
    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    private static Map<String, Object> link(String ns, String name) {
        return Oracle.objects(Sh.ipJson(ns, "-d", "link", "show", "dev", name)).get(0);
    }

    @SuppressWarnings("unchecked")
    private static boolean up(Map<String, Object> l) {
        return ((List<Object>) l.get("flags")).contains("UP");
    }

    @Test
    void vethCreatedEnslavedToABridgeAndUp() {
        NetworkNamespace ns = namespaces.create("mup");
        NetworkNamespace other = namespaces.create("mup2");
        Links links = new Links(ns.socket(Netlink.NETLINK_ROUTE));
        links.create(Bridge.named("br0"));
        int br = links.indexOf("br0");

        links.create(Veth.named("va").peer("vb").master(br).up());
        Map<String, Object> va = link(ns.name(), "va");
        assertEquals("br0", va.get("master"));
        assertTrue(up(va), "va is up: " + va.get("flags"));
        assertFalse(up(link(ns.name(), "vb")), "the peer is not raised with it");
        assertEquals(null, link(ns.name(), "vb").get("master"));

        List<LinkInfo> made = links.createAllReturning(List.of(
                Veth.named("p0").peer("e0", other).master(br).up(),
                Veth.named("p1").peer("e1", other).master(br).up(),
                Veth.named("p2").peer("e2", other)));
        for (String p : List.of("p0", "p1")) {
            Map<String, Object> l = link(ns.name(), p);
            assertEquals("br0", l.get("master"), p);
            assertTrue(up(l), p + " is up");
        }
        assertFalse(up(link(ns.name(), "p2")));
        assertEquals(null, link(ns.name(), "p2").get("master"));
        assertEquals(made.get(0).index(), ((Number) link(ns.name(), "p0").get("ifindex")).intValue());
        for (String e : List.of("e0", "e1", "e2")) {
            assertFalse(up(link(other.name(), e)), e + " in the other namespace stays down");
        }

        // a creation setting only
        assertThrows(IllegalArgumentException.class, () -> links.change(Veth.named("va").up()));
        assertThrows(IllegalArgumentException.class, () -> Veth.named("vx").master(0));
    }
}
