package io.jnetlink.rtnl.link;

import io.jnetlink.core.testing.Sh;
import io.jnetlink.rtnl.Oracle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Links as {@code ip -j -d link show} sees them, in the same one-line form as the library's. */
public final class LinkOracle {
    private LinkOracle() {}

    /** name -> key, from iproute2. */
    @SuppressWarnings("unchecked")
    public static Map<String, String> ip(String ns) {
        Map<String, String> out = new TreeMap<>();
        for (Map<String, Object> l : Oracle.objects(Sh.ipJson(ns, "-d", "link", "show"))) {
            List<String> flags = (List<String>) l.get("flags");
            Map<String, Object> info = (Map<String, Object>) l.get("linkinfo");
            String peer = l.containsKey("link_index") ? "link_index=" + l.get("link_index")
                    : l.containsKey("link") ? "link=" + l.get("link") : "-";
            Object group = l.get("group");
            out.put((String) l.get("ifname"), String.join(" ",
                    "index=" + l.get("ifindex"),
                    "up=" + flags.contains("UP"),
                    "oper=" + l.get("operstate"),
                    "mtu=" + l.get("mtu"),
                    "mac=" + l.get("address"),
                    "master=" + l.getOrDefault("master", "-"),
                    "kind=" + (info == null ? "-" : info.getOrDefault("info_kind", "-")),
                    peer,
                    "netnsid=" + l.getOrDefault("link_netnsid", "-"),
                    "group=" + ("default".equals(group) ? "0" : group),
                    "txqlen=" + l.get("txqlen")));
        }
        return out;
    }

    /** name -> key, from the library's records. */
    public static Map<String, String> library(List<LinkInfo> links) {
        Map<Integer, String> names = new HashMap<>();
        for (LinkInfo l : links) {
            names.put(l.index(), l.name());
        }
        Map<String, String> out = new TreeMap<>();
        for (LinkInfo l : links) {
            String peer = l.peerIndex() == 0 ? "-"
                    : l.linkNetnsId() >= 0 ? "link_index=" + l.peerIndex() : "link=" + names.get(l.peerIndex());
            out.put(l.name(), String.join(" ",
                    "index=" + l.index(),
                    "up=" + l.isUp(),
                    "oper=" + l.operState(),
                    "mtu=" + l.mtu(),
                    "mac=" + l.mac(),
                    "master=" + (l.master() == 0 ? "-" : names.get(l.master())),
                    "kind=" + (l.kind() == null ? "-" : l.kind()),
                    peer,
                    "netnsid=" + (l.linkNetnsId() >= 0 ? l.linkNetnsId() : "-"),
                    "group=" + l.group(),
                    "txqlen=" + l.txQueueLen()));
        }
        return out;
    }

    /** name -> "rx_bytes rx_packets tx_bytes tx_packets" from {@code ip -j -s link}. */
    @SuppressWarnings("unchecked")
    public static Map<String, List<Long>> stats(String ns) {
        Map<String, List<Long>> out = new TreeMap<>();
        for (Map<String, Object> l : Oracle.objects(Sh.ipJson(ns, "-s", "link", "show"))) {
            Map<String, Object> s = (Map<String, Object>) l.get("stats64");
            Map<String, Object> rx = (Map<String, Object>) s.get("rx");
            Map<String, Object> tx = (Map<String, Object>) s.get("tx");
            List<Long> v = new ArrayList<>();
            for (String k : List.of("bytes", "packets", "errors", "dropped")) {
                v.add((Long) rx.get(k));
            }
            for (String k : List.of("bytes", "packets", "errors", "dropped")) {
                v.add((Long) tx.get(k));
            }
            out.put((String) l.get("ifname"), v);
        }
        return out;
    }

    public static Map<String, List<Long>> stats(List<LinkInfo> links) {
        Map<String, List<Long>> out = new TreeMap<>();
        for (LinkInfo l : links) {
            LinkStats s = l.stats();
            out.put(l.name(), List.of(s.rxBytes(), s.rxPackets(), s.rxErrors(), s.rxDropped(),
                    s.txBytes(), s.txPackets(), s.txErrors(), s.txDropped()));
        }
        return out;
    }
}
