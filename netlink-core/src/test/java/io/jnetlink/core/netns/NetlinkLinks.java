package io.jnetlink.core.netns;

import static io.jnetlink.core.codec.Netlink.NLM_F_DUMP;
import static io.jnetlink.core.codec.Netlink.NLM_F_REQUEST;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.socket.NetlinkSocket;
import io.jnetlink.core.testing.Json;
import io.jnetlink.core.testing.Sh;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Raw RTM_GETLINK dumps (the typed layer lives in netlink-rtnl) and the ip(8) oracle for them. */
final class NetlinkLinks {
    private static final int RTM_GETLINK = 18;
    private static final int IFLA_IFNAME = 3;

    private NetlinkLinks() {}

    /** The link names a dump through {@code s} returns. */
    static Set<String> dump(NetlinkSocket s) {
        Set<String> names = new TreeSet<>();
        s.dump("dump links", w -> {
            w.begin(RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP);
            w.u8(0).u8(0).u16(0).s32(0).u32(0).u32(0); // struct ifinfomsg
            w.end();
        }, m -> {
            AttributeCursor a = m.attributes(16, AttrNames.numbered("IFLA"));
            while (a.next()) {
                if (a.type() == IFLA_IFNAME) {
                    names.add(a.string());
                }
            }
        });
        return names;
    }

    /** The link names {@code ip -j -n NS link} shows. */
    static Set<String> ip(String ns) {
        return names(Sh.ipJson(ns, "link", "show"));
    }

    /** The "ifname" of each object of parsed {@code ip -j link} output. */
    @SuppressWarnings("unchecked")
    static Set<String> names(List<Object> json) {
        Set<String> names = new TreeSet<>();
        for (Object o : json) {
            names.add((String) ((Map<String, Object>) o).get("ifname"));
        }
        return names;
    }

    /** Parses the output of {@code ip -j link}. */
    @SuppressWarnings("unchecked")
    static Set<String> names(String ipJsonOutput) {
        String s = ipJsonOutput.strip();
        return s.isEmpty() ? Set.of() : names((List<Object>) Json.parse(s));
    }
}
