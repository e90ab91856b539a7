package io.jnetlink.rtnl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import io.jnetlink.rtnl.link.Bridge;
import io.jnetlink.rtnl.link.Veth;
import io.jnetlink.rtnl.route.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The link, address and route steps of the seed walkthrough, once with the seed's own {@code ip}
 * commands and once through the fluent API, in two separate sets of namespaces: {@code ip -j -d}
 * then shows the same links, addresses and routes, once indexes, MACs (and what derives from
 * them) and timers are masked.
 */
@KernelTest
class SeedWalkthroughParityKernelTest {
    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    private void withIp(String host, String red, String blue) {
        // The seed's commands; "the host" is a sandbox namespace, so each runs with -n host.
        Sh.ip(host, "link", "add", "v-net-0", "type", "bridge");
        Sh.ip(host, "link", "set", "dev", "v-net-0", "up");
        Sh.ip(host, "link", "add", "veth-red", "type", "veth", "peer", "name", "veth-red-br");
        Sh.ip(host, "link", "add", "veth-blue", "type", "veth", "peer", "name", "veth-blue-br");
        Sh.ip(host, "link", "set", "veth-red", "netns", red);
        Sh.ip(host, "link", "set", "veth-red-br", "master", "v-net-0");
        Sh.ip(host, "link", "set", "veth-blue", "netns", blue);
        Sh.ip(host, "link", "set", "veth-blue-br", "master", "v-net-0");
        Sh.ip(red, "addr", "add", "192.168.15.1/24", "dev", "veth-red");
        Sh.ip(blue, "addr", "add", "192.168.15.2/24", "dev", "veth-blue");
        Sh.ip(red, "link", "set", "veth-red", "up");
        Sh.ip(blue, "link", "set", "veth-blue", "up");
        Sh.ip(host, "link", "set", "veth-red-br", "up");
        Sh.ip(host, "link", "set", "veth-blue-br", "up");
        Sh.ip(host, "addr", "add", "192.168.15.5/24", "dev", "v-net-0");
        Sh.ip(blue, "route", "add", "192.168.1.0/24", "via", "192.168.15.5");
        Sh.ip(blue, "route", "add", "default", "via", "192.168.15.5");
        Sh.ip(red, "route", "add", "default", "via", "192.168.15.5");
    }

    private static void withApi(Netns host, Netns red, Netns blue) {
        Link bridge = host.link(Bridge.named("v-net-0")).up();
        red.link(Veth.named("veth-red").peer("veth-red-br", host)).address("192.168.15.1/24").up();
        blue.link(Veth.named("veth-blue").peer("veth-blue-br", host)).address("192.168.15.2/24").up();
        host.link("veth-red-br").master(bridge).up();
        host.link("veth-blue-br").master(bridge).up();
        bridge.address("192.168.15.5/24");
        blue.routes().add(Route.to("192.168.1.0/24").via("192.168.15.5"));
        blue.routes().add(Route.defaultVia("192.168.15.5"));
        red.routes().add(Route.defaultVia("192.168.15.5"));
    }

    /** The namespace's links, addresses and routes as iproute2 prints them, masked. */
    private static String view(String ns) {
        StringBuilder sb = new StringBuilder();
        Map<String, String> links = new TreeMap<>();
        for (Map<String, Object> l : Oracle.objects(Sh.ipJson(ns, "-d", "link", "show"))) {
            Map<String, Object> m = new TreeMap<>(l);
            for (String k : List.of("ifindex", "link_index", "address", "broadcast", "perm_address", "link_netnsid",
                    "stats64", "operstate", "flags")) {
                m.remove(k);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> info = (Map<String, Object>) m.get("linkinfo");
            if (info != null) {
                Map<String, Object> i = new TreeMap<>(info);
                i.remove("info_data"); // bridge ids and timers derive from MACs and clocks
                i.remove("info_slave_data");
                m.put("linkinfo", i);
            }
            @SuppressWarnings("unchecked")
            List<String> flags = (List<String>) l.get("flags");
            m.put("up", flags.contains("UP"));
            links.put((String) l.get("ifname"), m.toString());
        }
        sb.append("links ").append(links).append('\n');
        List<String> addrs = new ArrayList<>();
        for (Map<String, Object> l : Oracle.objects(Sh.ipJson(ns, "addr", "show"))) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> infos = (List<Map<String, Object>>) l.get("addr_info");
            for (Map<String, Object> a : infos) {
                if ("link".equals(a.get("scope")) && "inet6".equals(a.get("family"))) {
                    continue; // fe80:: addresses derive from the MAC
                }
                Map<String, Object> m = new TreeMap<>(a);
                m.remove("valid_life_time");
                m.remove("preferred_life_time");
                addrs.add(l.get("ifname") + " " + m);
            }
        }
        addrs.sort(null);
        sb.append("addrs ").append(addrs).append('\n');
        List<String> routes = new ArrayList<>();
        for (Map<String, Object> r : Oracle.objects(Sh.ipJson(ns, "route", "show", "table", "all"))) {
            if (String.valueOf(r.get("dst")).startsWith("fe80") || String.valueOf(r.get("dst")).startsWith("ff00")) {
                continue;
            }
            routes.add(new TreeMap<>(r).toString());
        }
        routes.sort(null);
        sb.append("routes ").append(routes).append('\n');
        return sb.toString();
    }

    @Test
    void apiAndSeedCommandsBuildTheSameNetwork() {
        String hostA = namespaces.createWithIp("host");
        String redA = namespaces.createWithIp("red");
        String blueA = namespaces.createWithIp("blue");
        withIp(hostA, redA, blueA);

        List<String> api = List.of(namespaces.name("host"), namespaces.name("red"), namespaces.name("blue"));
        try (Netns host = Netns.create(api.get(0));
             Netns red = Netns.create(api.get(1));
             Netns blue = Netns.create(api.get(2))) {
            withApi(host, red, blue);
            Oracle.eventually(() -> {
                assertEquals(view(hostA), view(host.name()), "host");
                assertEquals(view(redA), view(red.name()), "red");
                assertEquals(view(blueA), view(blue.name()), "blue");
            });
        }
        // only this test's own names: other test runs on the machine make namespaces of their own
        assertEquals(List.of(), Netns.list().stream().filter(api::contains).toList(),
                "closing the handles deleted the API's namespaces");
    }
}
