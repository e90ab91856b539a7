package io.jnetlink.rtnl;

import io.jnetlink.core.testing.Sh;
import io.jnetlink.rtnl.addr.AddressFlag;
import io.jnetlink.rtnl.addr.AddressInfo;
import io.jnetlink.rtnl.neigh.NeighbourInfo;
import io.jnetlink.rtnl.neigh.NeighbourState;
import io.jnetlink.rtnl.route.RouteInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import io.jnetlink.core.net.IpPrefix;

/**
 * iproute2 as the independent oracle: turns {@code ip -j} output and the library's records into
 * the same one-line keys (every field the library models), so lists compare with equals.
 */
public final class Oracle {
    private Oracle() {}

    /** ifindex to name, from {@code ip -j link show}. */
    public static Map<Integer, String> linkNames(String ns) {
        Map<Integer, String> m = new HashMap<>();
        for (Map<String, Object> l : objects(Sh.ipJson(ns, "link", "show"))) {
            m.put(((Long) l.get("ifindex")).intValue(), (String) l.get("ifname"));
        }
        return m;
    }

    /** ifindex of {@code name}, from {@code ip -j link show}. */
    public static int ifindex(String ns, String name) {
        return ((Long) objects(Sh.ipJson(ns, "link", "show", "dev", name)).get(0).get("ifindex")).intValue();
    }

    /** The MAC address of link {@code name}, from {@code ip -j link show}. */
    public static String mac(String ns, String name) {
        return (String) objects(Sh.ipJson(ns, "link", "show", "dev", name)).get(0).get("address");
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> objects(List<Object> json) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : json) {
            out.add((Map<String, Object>) o);
        }
        return out;
    }

    // ---- addresses ------------------------------------------------------------------------

    /** Keys of {@code ip -j addr show [args]}. */
    @SuppressWarnings("unchecked")
    public static List<String> addresses(String ns, String... args) {
        List<String> c = new ArrayList<>(List.of("addr", "show"));
        c.addAll(List.of(args));
        List<String> keys = new ArrayList<>();
        for (Map<String, Object> link : objects(Sh.ipJson(ns, c.toArray(String[]::new)))) {
            String dev = (String) link.get("ifname");
            for (Object o : (List<Object>) link.getOrDefault("addr_info", List.of())) {
                Map<String, Object> a = (Map<String, Object>) o;
                TreeSet<String> flags = new TreeSet<>();
                a.forEach((k, v) -> {
                    if (Boolean.TRUE.equals(v)) {
                        flags.add(k);
                    }
                });
                keys.add(String.join("|", dev, (String) a.get("family"), (String) a.get("local"),
                        String.valueOf(a.get("prefixlen")), String.valueOf(a.get("address")),
                        String.valueOf(a.get("broadcast")), (String) a.get("scope"), String.valueOf(a.get("label")),
                        flags.toString(), String.valueOf(a.get("metric")), String.valueOf(a.get("valid_life_time")),
                        String.valueOf(a.get("preferred_life_time"))));
            }
        }
        keys.sort(null);
        return keys;
    }

    /** The same keys for the library's records. */
    public static List<String> addressKeys(List<AddressInfo> list, Map<Integer, String> names) {
        List<String> keys = new ArrayList<>();
        for (AddressInfo a : list) {
            boolean v4 = a.isIpv4();
            TreeSet<String> flags = new TreeSet<>();
            for (AddressFlag f : a.flagSet()) {
                if (f == AddressFlag.PERMANENT) {
                    continue;
                }
                flags.add(f == AddressFlag.SECONDARY && !v4 ? "temporary" : f.label());
            }
            if (!a.has(AddressFlag.PERMANENT)) {
                flags.add("dynamic");
            }
            String local = IpPrefix.format(a.local() != null ? a.local() : a.address());
            // iproute2 prints "address" only for a peer (IFA_ADDRESS different from IFA_LOCAL)
            String peer = a.local() != null && a.address() != null && !a.local().equals(a.address())
                    ? IpPrefix.format(a.address()) : "null";
            keys.add(String.join("|", names.get(a.ifindex()), v4 ? "inet" : "inet6", local,
                    String.valueOf(a.prefixLength()), peer,
                    a.broadcast() == null ? "null" : IpPrefix.format(a.broadcast()), a.scope().label(),
                    String.valueOf(a.label()), flags.toString(), a.metric() == 0 ? "null" : String.valueOf(a.metric()),
                    String.valueOf(a.validLifetime()),
                    String.valueOf(a.preferredLifetime())));
        }
        keys.sort(null);
        return keys;
    }

    // ---- routes ---------------------------------------------------------------------------

    /** Keys of {@code ip -j <familyFlag> route show [args]}; familyFlag is "-4" or "-6". */
    @SuppressWarnings("unchecked")
    public static List<String> routes(String ns, String familyFlag, String... args) {
        List<String> c = new ArrayList<>(List.of(familyFlag, "route", "show"));
        c.addAll(List.of(args));
        // iproute2 leaves "table" out for main, and for every route when one table is shown
        String shown = "main";
        int t = c.indexOf("table");
        if (t >= 0 && t + 1 < c.size() && !c.get(t + 1).equals("all")) {
            shown = tableName(Long.parseLong(c.get(t + 1)));
        }
        List<String> keys = new ArrayList<>();
        for (Map<String, Object> r : objects(Sh.ipJson(ns, c.toArray(String[]::new)))) {
            keys.add(routeKey((String) r.getOrDefault("type", "unicast"), (String) r.get("dst"),
                    (String) r.get("gateway"), (String) r.get("dev"), (String) r.get("prefsrc"),
                    r.containsKey("metric") ? String.valueOf(r.get("metric")) : "-",
                    (String) r.getOrDefault("table", shown), (String) r.getOrDefault("protocol", "boot"),
                    (String) r.getOrDefault("scope", "global"),
                    new TreeSet<>((List<String>) r.getOrDefault("flags", List.of())).toString(),
                    nexthops((List<Object>) r.getOrDefault("nexthops", List.of()))));
        }
        keys.sort(null);
        return keys;
    }

    /** The same keys for the library's records. */
    public static List<String> routeKeys(List<RouteInfo> list, Map<Integer, String> names) {
        List<String> keys = new ArrayList<>();
        for (RouteInfo r : list) {
            keys.add(routeKey(r.type().label(), dst(r), r.gateway() == null ? null : IpPrefix.format(r.gateway()),
                    r.oif() == 0 ? null : names.get(r.oif()),
                    r.prefsrc() == null ? null : IpPrefix.format(r.prefsrc()),
                    // the kernel sends no RTA_PRIORITY for an IPv4 metric of 0; IPv6 always has one
                    r.isIpv4() && r.priority() == 0 ? "-" : String.valueOf(r.priority()),
                    tableName(r.tableId()), r.protocol().label(), r.scope().label(), routeFlags(r.flags()),
                    nexthopKeys(r.nexthops(), names)));
        }
        keys.sort(null);
        return keys;
    }

    /** What {@code ip route} prints as dst: "default", a host address alone, or a prefix. */
    public static String dst(RouteInfo r) {
        if (r.isDefault()) {
            return "default";
        }
        IpPrefix p = r.destinationPrefix();
        return p.length() == p.maxLength() ? IpPrefix.format(p.address()) : p.toString();
    }

    private static String tableName(long t) {
        return t == 254 ? "main" : t == 255 ? "local" : t == 253 ? "default" : Long.toString(t);
    }

    private static String routeFlags(int flags) {
        TreeSet<String> s = new TreeSet<>();
        String[] names = {"dead", "pervasive", "onlink", "offload", "linkdown", "unresolved", "trap"};
        for (int i = 0; i < names.length; i++) {
            if ((flags & (1 << i)) != 0) {
                s.add(names[i]);
            }
        }
        return s.toString();
    }

    private static String routeKey(String type, String dst, String gw, String dev, String prefsrc, String metric,
                                   String table, String proto, String scope, String flags, String nexthops) {
        return String.join("|", type, dst, String.valueOf(gw), String.valueOf(dev), String.valueOf(prefsrc), metric,
                table, proto, scope, flags, nexthops);
    }

    @SuppressWarnings("unchecked")
    private static String nexthops(List<Object> hops) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> h : objects(hops)) {
            out.add(h.get("gateway") + "/" + h.get("dev") + "/" + h.get("weight") + "/"
                    + new TreeSet<>((List<String>) h.getOrDefault("flags", List.of())));
        }
        return out.toString();
    }

    private static String nexthopKeys(List<io.jnetlink.rtnl.route.NextHop> hops, Map<Integer, String> names) {
        List<String> out = new ArrayList<>();
        for (var h : hops) {
            out.add((h.gateway() == null ? "null" : IpPrefix.format(h.gateway())) + "/" + names.get(h.ifindex()) + "/"
                    + h.weight() + "/" + routeFlags(h.flags()));
        }
        return out.toString();
    }

    // ---- neighbours -----------------------------------------------------------------------

    /** Keys of {@code ip -j neigh show nud all [args]}. */
    @SuppressWarnings("unchecked")
    public static List<String> neighbours(String ns, String... args) {
        List<String> c = new ArrayList<>(List.of("neigh", "show", "nud", "all"));
        c.addAll(List.of(args));
        List<String> keys = new ArrayList<>();
        for (Map<String, Object> n : objects(Sh.ipJson(ns, c.toArray(String[]::new)))) {
            keys.add(String.join("|", (String) n.get("dst"), (String) n.get("dev"), String.valueOf(n.get("lladdr")),
                    new TreeSet<>((List<String>) n.getOrDefault("state", List.of())).toString(),
                    String.valueOf(Boolean.TRUE.equals(n.get("router")))));
        }
        keys.sort(null);
        return keys;
    }

    /** The same keys for the library's records. */
    public static List<String> neighbourKeys(List<NeighbourInfo> list, Map<Integer, String> names) {
        List<String> keys = new ArrayList<>();
        for (NeighbourInfo n : list) {
            TreeSet<String> states = new TreeSet<>();
            for (NeighbourState s : n.states()) {
                states.add(s.label());
            }
            keys.add(String.join("|", IpPrefix.format(n.address()), names.get(n.ifindex()), String.valueOf(n.mac()),
                    states.toString(), String.valueOf((n.flags() & NeighbourInfo.NTF_ROUTER) != 0)));
        }
        keys.sort(null);
        return keys;
    }

    /**
     * Runs {@code check} until it passes, up to 5 times 200 ms apart: the kernel's state may move
     * between the library's reading and iproute2's (DAD, neighbour timers); equality must hold at
     * one moment, never be approximated.
     */
    public static void eventually(Runnable check) {
        AssertionError last = null;
        for (int i = 0; i < 5; i++) {
            try {
                check.run();
                return;
            } catch (AssertionError e) {
                last = e;
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
        throw last;
    }
}
