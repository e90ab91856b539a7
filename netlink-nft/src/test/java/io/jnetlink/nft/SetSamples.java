package io.jnetlink.nft;

import static io.jnetlink.nft.SetDataType.ETHER_ADDR;
import static io.jnetlink.nft.SetDataType.IFNAME;
import static io.jnetlink.nft.SetDataType.INET_PROTO;
import static io.jnetlink.nft.SetDataType.INET_SERVICE;
import static io.jnetlink.nft.SetDataType.IPV4_ADDR;
import static io.jnetlink.nft.SetDataType.IPV6_ADDR;
import static io.jnetlink.nft.SetDataType.MARK;
import static io.jnetlink.nft.SetElement.mapping;
import static io.jnetlink.nft.SetElement.of;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sets and maps built with {@link SetSpec}, each named, in table {@code inet t} (which has chains
 * {@code c} and {@code x}). Their text ({@link SetSpec#toString()}) is what nft prints for them;
 * the golden fixtures {@code golden/sets/NAME.hex} are nft's batches for {@code nft add set|map inet
 * t ...} of the same declaration (see golden/README.md), so one table drives the golden and kernel tests.
 */
final class SetSamples {
    private SetSamples() {}

    static final Map<String, SetSpec> ALL = new LinkedHashMap<>();

    private static SetSpec set(String name, SetKeyType key) {
        return SetSpec.set(Family.INET, "t", name, key);
    }

    private static void add(SetSpec s) {
        ALL.put(s.name(), s);
    }

    static {
        add(set("plain4", SetKeyType.of(IPV4_ADDR)).elements(of("10.0.0.1"), of("10.0.0.2"), of("10.0.0.3"),
                of("10.0.0.10"), of("10.0.0.9")));
        add(set("plain6", SetKeyType.of(IPV6_ADDR)).elements(of("fd00::1"), of("fd00:0:0::2")));
        List<SetElement> ports = new ArrayList<>();
        for (int p = 20; p < 33; p++) {
            ports.add(of(Integer.toString(p)));
        }
        add(set("ports", SetKeyType.of(INET_SERVICE)).elements(ports));
        add(set("ifnames", SetKeyType.of(IFNAME)).elements(of("veth0"), of("\"eth0\"")));
        add(set("macs", SetKeyType.of(ETHER_ADDR)).elements(of("02:00:00:00:00:01"), of("02:00:00:00:00:0A")));
        add(set("marks", SetKeyType.of(MARK)).elements(of("0x10"), of("2")));
        add(set("concat", SetKeyType.of(IPV4_ADDR, INET_SERVICE)).elements(of("10.0.0.1 . 22"),
                of("10.0.0.2 . 80").comment("web")));
        add(set("concat3", SetKeyType.of(IPV4_ADDR, INET_PROTO, INET_SERVICE)).elements(of("10.0.0.1 . tcp . 22"),
                of("10.0.0.2 . udp . 53")));
        add(set("ranges", SetKeyType.of(IPV4_ADDR)).flags(SetSpec.Flag.INTERVAL).elements(of("10.0.0.0/24"),
                of("10.1.0.1-10.1.0.9"), of("10.2.0.1"), of("192.168.0.0/16").comment("lan")));
        add(set("ranges6", SetKeyType.of(IPV6_ADDR)).flags(SetSpec.Flag.INTERVAL).elements(of("fd00::/64"),
                of("fd01::1-fd01::5"), of("fd02::1")));
        add(set("concat-ranges", SetKeyType.of(IPV4_ADDR, INET_SERVICE)).flags(SetSpec.Flag.INTERVAL)
                .elements(of("10.0.0.0/24 . 22-25"), of("10.1.0.1 . 80")));
        add(set("timeouts", SetKeyType.of(IPV4_ADDR)).flags(SetSpec.Flag.TIMEOUT).timeout(Duration.ofMinutes(10))
                .elements(of("10.0.0.1").timeout(Duration.ofHours(1)).comment("an hour"), of("10.0.0.2")));
        add(set("learned", SetKeyType.of(IPV4_ADDR)).flags(SetSpec.Flag.DYNAMIC, SetSpec.Flag.TIMEOUT)
                .timeout(Duration.ofSeconds(90)).gcInterval(Duration.ofSeconds(10)).size(65535));
        add(set("fixed", SetKeyType.of(IPV4_ADDR)).flags(SetSpec.Flag.CONSTANT).elements(of("1.2.3.4")));
        add(set("counted", SetKeyType.of(IPV4_ADDR)).withCounters().elements(of("10.0.0.1"), of("10.0.0.2")));
        add(set("described", SetKeyType.of(INET_SERVICE)).size(100).policyMemory().comment("web ports"));
        add(SetSpec.verdictMap(Family.INET, "t", "verdicts", SetKeyType.of(IPV4_ADDR)).elements(
                mapping("10.0.0.1", "accept"), mapping("10.0.0.2", "drop"), mapping("10.0.0.3", "jump x")));
        add(SetSpec.verdictMap(Family.INET, "t", "verdict-ranges", SetKeyType.of(IPV4_ADDR))
                .flags(SetSpec.Flag.INTERVAL).elements(mapping("10.0.0.0/8", "goto x"), mapping("192.168.0.1",
                        "return")));
        add(SetSpec.map(Family.INET, "t", "nat-map", SetKeyType.of(IPV4_ADDR, INET_SERVICE),
                SetKeyType.of(IPV4_ADDR, INET_SERVICE)).comment("nat").elements(
                mapping("10.0.0.1 . 80", "192.168.1.1 . 8080")));
        add(SetSpec.map(Family.INET, "t", "addrmap", SetKeyType.of(IPV4_ADDR), SetKeyType.of(IPV4_ADDR))
                .elements(mapping("10.0.0.1", "192.168.0.1"), mapping("10.0.0.2", "192.168.0.2")));
        add(SetSpec.map(Family.INET, "t", "marks-by-if", SetKeyType.of(IFNAME), SetKeyType.of(MARK))
                .elements(mapping("veth0", "0x1")));
    }

    /** The table with chains {@code c} and {@code x} that the samples live in. */
    static final String TABLE = """
            table inet t {
             chain c {
             }
             chain x {
             }
            }
            """;
}
