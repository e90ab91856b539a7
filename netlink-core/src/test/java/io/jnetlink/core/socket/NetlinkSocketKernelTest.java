package io.jnetlink.core.socket;

import static io.jnetlink.core.codec.Netlink.NETLINK_ROUTE;
import static io.jnetlink.core.codec.Netlink.NLM_F_ACK;
import static io.jnetlink.core.codec.Netlink.NLM_F_DUMP;
import static io.jnetlink.core.codec.Netlink.NLM_F_REQUEST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.NetlinkException;
import io.jnetlink.core.NoSuchDeviceException;
import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The socket against the real kernel, in namespaces of the test's own, using raw rtnetlink
 * messages (the typed layer lives in netlink-rtnl) and iproute2 as the oracle.
 */
@KernelTest
class NetlinkSocketKernelTest {
    private static final int RTM_NEWLINK = 16;
    private static final int RTM_GETLINK = 18;
    private static final int IFLA_IFNAME = 3;
    private static final int IFLA_LINKINFO = 18;
    private static final int IFLA_INFO_KIND = 1;
    private static final int IFLA_INFO_DATA = 2;

    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    private static void ifinfomsg(MessageWriter w, int index) {
        w.u8(0).u8(0).u16(0).s32(index).u32(0).u32(0);
    }

    private static Map<Integer, String> dumpLinks(NetlinkSocket s) {
        Map<Integer, String> links = new TreeMap<>();
        s.dump("dump links", w -> {
            w.begin(RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP);
            ifinfomsg(w, 0);
            w.end();
        }, m -> {
            int index = m.u32(4);
            AttributeCursor a = m.attributes(16, AttrNames.numbered("IFLA"));
            while (a.next()) {
                if (a.type() == IFLA_IFNAME) {
                    links.put(index, a.string());
                }
            }
        });
        return links;
    }

    @Test
    void dumpMatchesIproute2() {
        NetworkNamespace ns = namespaces.create("dump");
        for (int i = 0; i < 20; i++) {
            Sh.ip(ns.name(), "link", "add", "va" + i, "type", "veth", "peer", "name", "vb" + i);
        }
        Map<Integer, String> mine = dumpLinks(ns.socket(NETLINK_ROUTE));
        Map<Integer, String> oracle = new TreeMap<>();
        for (Object o : Sh.ipJson(ns.name(), "link", "show")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) o;
            oracle.put(((Long) m.get("ifindex")).intValue(), (String) m.get("ifname"));
        }
        assertEquals(oracle, mine);
        assertEquals(41, mine.size()); // lo + 40 veth ends
    }

    @Test
    void errorCarriesErrnoAndExtendedAck() {
        NetworkNamespace ns = namespaces.create("err");
        NetlinkSocket s = ns.socket(NETLINK_ROUTE);
        NetlinkException e = assertThrows(NetlinkException.class, () -> s.request("create link of kind nosuchkind",
                w -> {
                    w.begin(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK | 0x400 | 0x200);
                    ifinfomsg(w, 0);
                    w.attrString(IFLA_IFNAME, "x0");
                    w.nest(IFLA_LINKINFO, li -> li.attrString(IFLA_INFO_KIND, "nosuchkind"));
                    w.end();
                }));
        assertEquals("create link of kind nosuchkind", e.operation());
        assertNotNull(e.extAckMessage(), "kernel sends an extended ACK message: " + e.getMessage());
        assertTrue(e.getMessage().contains("kernel says"), e.getMessage());

        NoSuchDeviceException nd = assertThrows(NoSuchDeviceException.class, () -> s.query("get link 9999",
                w -> {
                    w.begin(RTM_GETLINK, NLM_F_REQUEST | NLM_F_ACK);
                    ifinfomsg(w, 9999);
                    w.end();
                }, Message::type));
        assertEquals(io.jnetlink.core.Errno.ENODEV, nd.errno());
    }

    @Test
    void pipelineGetsOneResultPerRequest() {
        NetworkNamespace ns = namespaces.create("pipe");
        Sh.ip(ns.name(), "link", "add", "pa", "type", "veth", "peer", "name", "pb");
        NetlinkSocket s = ns.socket(NETLINK_ROUTE);
        Map<Integer, String> links = dumpLinks(s);
        List<Integer> indexes = new ArrayList<>(links.keySet());
        indexes.add(7777); // does not exist
        String[] names = new String[indexes.size()];
        NetlinkException[] errs = s.pipeline("get links", w -> {
            for (int idx : indexes) {
                w.begin(RTM_GETLINK, NLM_F_REQUEST | NLM_F_ACK);
                ifinfomsg(w, idx);
                w.end();
            }
        }, (i, m) -> {
            AttributeCursor a = m.attributes(16, AttrNames.numbered("IFLA"));
            while (a.next()) {
                if (a.type() == IFLA_IFNAME) {
                    names[i] = a.string();
                }
            }
        });
        for (int i = 0; i < links.size(); i++) {
            assertEquals(links.get(indexes.get(i)), names[i]);
            assertEquals(null, errs[i]);
        }
        assertTrue(errs[indexes.size() - 1] instanceof NoSuchDeviceException);
    }
}
