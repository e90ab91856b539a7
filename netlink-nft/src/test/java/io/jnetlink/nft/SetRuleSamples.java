package io.jnetlink.nft;

import static io.jnetlink.nft.SetDataType.IFNAME;
import static io.jnetlink.nft.SetDataType.INET_SERVICE;
import static io.jnetlink.nft.SetDataType.IPV4_ADDR;
import static io.jnetlink.nft.SetDataType.IPV6_ADDR;
import static io.jnetlink.nft.SetField.IIFNAME;
import static io.jnetlink.nft.SetField.IP6_DADDR;
import static io.jnetlink.nft.SetField.IP6_SADDR;
import static io.jnetlink.nft.SetField.IP_DADDR;
import static io.jnetlink.nft.SetField.IP_SADDR;
import static io.jnetlink.nft.SetField.L4PROTO;
import static io.jnetlink.nft.SetField.TCP_DPORT;
import static io.jnetlink.nft.SetField.UDP_SPORT;
import static io.jnetlink.nft.SetElement.mapping;
import static io.jnetlink.nft.SetElement.of;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rules that look up sets and maps, built with the builder, each named: lookups in named sets
 * (plain, negated, concatenated), anonymous sets (plain, interval, concatenated, negated), named and
 * anonymous verdict maps, and data maps for dnat. A sample with a named set creates it in the same
 * transaction. The golden fixtures {@code golden/set-rules/NAME.hex} are nft's batches for the same
 * text (see golden/README.md).
 */
final class SetRuleSamples {
    private SetRuleSamples() {}

    /** A sample: the chain of table {@code inet t}, the named set it needs (or null), the rule. */
    record Sample(String chain, SetSpec set, RuleSpec spec) {}

    static final Map<String, Sample> ALL = new LinkedHashMap<>();

    private static SetSpec set(String name, SetDataType... key) {
        return SetSpec.set(Family.INET, "t", name, SetKeyType.of(key));
    }

    private static void add(String name, String chain, SetSpec set, Statement... s) {
        ALL.put(name, new Sample(chain, set, RuleSpec.of(s)));
    }

    static {
        SetSpec s4 = set("s4", IPV4_ADDR).elements(of("10.0.0.1"));
        add("lookup", "c", s4, Match.inSet("s4", IP_SADDR), Statement.accept());
        add("lookup-not", "c", s4, Match.inSet("s4", IP_DADDR).not(), Statement.drop());
        add("lookup6", "c", set("s6", IPV6_ADDR), Match.inSet("s6", IP6_SADDR), Statement.counter(),
                Statement.drop());
        add("lookup-concat", "c", set("sc", IPV4_ADDR, INET_SERVICE).elements(of("10.0.0.1 . 22")),
                Match.inSet("sc", IP_SADDR, TCP_DPORT), Statement.accept());
        add("lookup-ifname", "c", set("ifs", IFNAME), Match.inSet("ifs", IIFNAME), Statement.accept());
        add("vmap", "c", SetSpec.verdictMap(Family.INET, "t", "vm", SetKeyType.of(IPV4_ADDR))
                .elements(mapping("10.0.0.1", "accept"), mapping("10.0.0.2", "jump x")),
                Statement.vmap("vm", IP_SADDR));
        add("vmap-concat", "c", SetSpec.verdictMap(Family.INET, "t", "svc", SetKeyType.of(IPV4_ADDR, INET_SERVICE))
                .elements(mapping("10.0.0.1 . 80", "goto x")), Statement.vmap("svc", IP_DADDR, TCP_DPORT));
        add("dnat-map", "pre", SetSpec.map(Family.INET, "t", "m", SetKeyType.of(IPV4_ADDR), SetKeyType.of(IPV4_ADDR))
                .elements(mapping("10.0.0.1", "192.168.0.1")), Statement.dnatMap(false, "m", false, IP_DADDR));
        add("dnat-map-port", "pre", SetSpec.map(Family.INET, "t", "mp", SetKeyType.of(IPV4_ADDR, INET_SERVICE),
                SetKeyType.of(IPV4_ADDR, INET_SERVICE)).elements(mapping("10.0.0.1 . 80", "192.168.0.1 . 8080")),
                Statement.dnatMap(false, "mp", true, IP_DADDR, TCP_DPORT));
        add("anon-ports", "c", null, Match.inValues(List.of("80", "22"), TCP_DPORT), Statement.accept());
        add("anon-udp", "c", null, Match.inValues(List.of("53", "123"), UDP_SPORT), Statement.accept());
        add("anon-not", "c", null, Match.inValues(List.of("10.0.0.1", "10.0.0.2"), IP_SADDR).not(),
                Statement.drop());
        add("anon-interval", "c", null, Match.inValues(List.of("10.1.0.1", "10.0.0.0/24"), IP_SADDR),
                Statement.accept());
        add("anon-concat", "c", null, Match.inValues(List.of("10.0.0.1 . 22", "10.0.0.2 . 80"), IP_SADDR, TCP_DPORT),
                Statement.accept());
        add("anon-ip6", "c", null, Match.inValues(List.of("fd00::1", "fd00::2"), IP6_DADDR), Statement.accept());
        add("anon-l4proto", "c", null, Match.inValues(List.of("tcp", "udp"), L4PROTO), Statement.accept());
        add("anon-ifname", "c", null, Match.inValues(List.of("veth0", "veth1"), IIFNAME), Statement.accept());
        Map<String, String> verdicts = new LinkedHashMap<>();
        verdicts.put("10.0.0.2", "drop");
        verdicts.put("10.0.0.1", "accept");
        add("anon-vmap", "c", null, Statement.vmap(verdicts, IP_SADDR));
    }

    /** The table the samples go in: chains c, x and a NAT prerouting chain pre. */
    static final String TABLE = """
            table inet t {
             chain c {
             }
             chain x {
             }
             chain pre {
              type nat hook prerouting priority dstnat; policy accept;
             }
            }
            """;

    /** The nft script of a sample: its set's declaration (if any), then the rule. */
    static String script(Sample s) {
        return (s.set() != null ? SetGoldenTest.command(s.set()) + "\n" : "") + "add rule inet t " + s.chain() + " "
                + s.spec() + "\n";
    }
}
