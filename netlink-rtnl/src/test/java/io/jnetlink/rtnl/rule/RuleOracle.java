package io.jnetlink.rtnl.rule;

import io.jnetlink.core.testing.Sh;
import io.jnetlink.rtnl.Oracle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code ip -j rule show} and the library's rules as the same one-line keys. */
final class RuleOracle {
    private RuleOracle() {}

    /** Keys of {@code ip -j [-6] rule show} in namespace {@code ns}. */
    static List<String> rules(String ns, boolean ipv6) {
        List<Object> json = ipv6 ? Sh.ipJson(ns, "-6", "rule", "show") : Sh.ipJson(ns, "rule", "show");
        List<String> out = new ArrayList<>();
        for (Map<String, Object> r : Oracle.objects(json)) {
            String action = r.containsKey("action") ? (String) r.get("action")
                    : r.containsKey("goto") ? "goto " + r.get("goto") : r.containsKey("nop") ? "nop" : "lookup";
            out.add(String.join("|", String.valueOf(r.get("priority")), prefix(r, "src", "srclen"),
                    prefix(r, "dst", "dstlen"), String.valueOf(r.get("iif")), String.valueOf(r.get("oif")),
                    r.containsKey("fwmark") ? r.get("fwmark") + "/" + r.getOrDefault("fwmask", "0xffffffff") : "-",
                    action, String.valueOf(r.getOrDefault("table", "-")),
                    String.valueOf(r.getOrDefault("suppress_prefixlen", "-")), String.valueOf(r.containsKey("l3mdev")),
                    r.containsKey("uid_start") ? r.get("uid_start") + "-" + r.get("uid_end") : "-",
                    String.valueOf(r.getOrDefault("ipproto", "-")), ports(r, "sport"), ports(r, "dport")));
        }
        return out;
    }

    /** The same keys for the library's records. */
    static List<String> keys(List<RuleInfo> rules) {
        List<String> out = new ArrayList<>();
        for (RuleInfo r : rules) {
            String action = switch (r.action()) {
                case GOTO -> "goto " + r.gotoPriority();
                default -> r.action().label();
            };
            out.add(String.join("|", String.valueOf(r.priority()), r.from() == null ? "all" : r.from().toString(),
                    r.to() == null ? "all" : r.to().toString(), String.valueOf(r.iif()), String.valueOf(r.oif()),
                    r.fwmark() == -1 ? "-" : "0x" + Long.toHexString(r.fwmark()) + "/0x" + Long.toHexString(r.fwmask()),
                    action, r.table() == 0 ? "-" : table(r.tableId()),
                    r.suppressPrefixLength() == -1 ? "-" : String.valueOf(r.suppressPrefixLength()),
                    String.valueOf(r.l3mdev()), r.uidRange() == null ? "-" : r.uidRange().toString(),
                    r.ipProto() == 0 ? "-" : r.ipProto() == 6 ? "tcp" : r.ipProto() == 17 ? "udp" : "ipproto-" + r.ipProto(),
                    r.sourcePorts() == null ? "-" : r.sourcePorts().toString(),
                    r.destinationPorts() == null ? "-" : r.destinationPorts().toString()));
        }
        return out;
    }

    private static String table(long id) {
        return id == 255 ? "local" : id == 254 ? "main" : id == 253 ? "default" : Long.toString(id);
    }

    private static String prefix(Map<String, Object> r, String addr, String len) {
        Object a = r.get(addr);
        if (a == null || "all".equals(a)) {
            return "all";
        }
        return a + "/" + r.get(len);
    }

    private static String ports(Map<String, Object> r, String key) {
        if (r.containsKey(key)) {
            return String.valueOf(r.get(key));
        }
        if (r.containsKey(key + "_start")) {
            return r.get(key + "_start") + "-" + r.get(key + "_end");
        }
        return "-";
    }
}
