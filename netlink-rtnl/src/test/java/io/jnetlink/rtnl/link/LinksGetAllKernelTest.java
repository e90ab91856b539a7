package io.jnetlink.rtnl.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jnetlink.core.NoSuchDeviceException;
import io.jnetlink.core.codec.Netlink;
import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import io.jnetlink.rtnl.Oracle;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link Links#getAll(int[])}: pipelined lookups, checked against {@code ip -j link}. */
@KernelTest
class LinksGetAllKernelTest {
    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    @Test
    void returnsEachIndexInOrderWithRepeats() {
        NetworkNamespace ns = namespaces.create("getall");
        Links l = new Links(ns.socket(Netlink.NETLINK_ROUTE));
        l.create(Veth.named("ga").peer("gb"));
        l.create(Bridge.named("gbr"));
        int[] idx = new int[70]; // more than one receive's worth of replies, names repeated
        String[] names = {"ga", "gb", "gbr", "lo"};
        for (int i = 0; i < idx.length; i++) {
            idx[i] = index(ns.name(), names[i % names.length]);
        }
        LinkInfo[] got = l.getAll(idx);
        assertEquals(idx.length, got.length);
        for (int i = 0; i < idx.length; i++) {
            assertEquals(idx[i], got[i].index());
            assertEquals(names[i % names.length], got[i].name());
            LinkInfo one = l.get(idx[i]);
            assertEquals(one.kind(), got[i].kind());
            assertEquals(one.mtu(), got[i].mtu());
            assertEquals(one.mac(), got[i].mac());
        }
        assertEquals(0, l.getAll(new int[0]).length);
    }

    @Test
    void missingIndexThrowsNoSuchDevice() {
        NetworkNamespace ns = namespaces.create("getall-miss");
        Links l = new Links(ns.socket(Netlink.NETLINK_ROUTE));
        int lo = index(ns.name(), "lo");
        assertThrows(NoSuchDeviceException.class, () -> l.getAll(new int[] {lo, 999_999, lo}));
        assertThrows(IllegalArgumentException.class, () -> l.getAll(new int[] {lo, 0}));
    }

    private static int index(String ns, String name) {
        Map<String, Object> m = Oracle.objects(Sh.ipJson(ns, "link", "show", "dev", name)).get(0);
        return ((Long) m.get("ifindex")).intValue();
    }
}
