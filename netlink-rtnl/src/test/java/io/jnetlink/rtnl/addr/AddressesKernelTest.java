package io.jnetlink.rtnl.addr;

import static io.jnetlink.core.codec.Netlink.NETLINK_ROUTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.AlreadyExistsException;
import io.jnetlink.core.Errno;
import io.jnetlink.core.NetlinkException;
import io.jnetlink.core.NoSuchDeviceException;
import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.socket.NetlinkSocket;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.rtnl.LinkNames;
import io.jnetlink.rtnl.Oracle;
import io.jnetlink.rtnl.family.Scope;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Addresses against the kernel, in a namespace of the test's own, checked with {@code ip -j addr}. */
@KernelTest
class AddressesKernelTest {
    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    private NetworkNamespace ns;
    private String n;
    private NetlinkSocket rtnl;
    private Addresses addresses;
    private int va;
    private int vb;

    @BeforeEach
    void veth() {
        ns = namespaces.create("addr");
        n = ns.name();
        ns.sysctl("net.ipv6.conf.default.accept_dad", "0"); // no tentative flags moving under the comparison
        Sh.ip(n, "link", "add", "va", "type", "veth", "peer", "name", "vb");
        Sh.ip(n, "link", "set", "va", "up");
        Sh.ip(n, "link", "set", "vb", "up");
        rtnl = ns.socket(NETLINK_ROUTE);
        addresses = new Addresses(rtnl);
        va = Oracle.ifindex(n, "va");
        vb = Oracle.ifindex(n, "vb");
    }

    private Map<String, Object> oracleAddr(String dev, String local) {
        for (Map<String, Object> link : Oracle.objects(Sh.ipJson(n, "addr", "show", "dev", dev))) {
            @SuppressWarnings("unchecked")
            List<Object> info = (List<Object>) link.get("addr_info");
            for (Map<String, Object> a : Oracle.objects(info)) {
                if (local.equals(a.get("local"))) {
                    return a;
                }
            }
        }
        return null;
    }

    private void assertSameAsIproute2(String dev, int ifindex) {
        Oracle.eventually(() -> assertEquals(Oracle.addresses(n, "dev", dev),
                Oracle.addressKeys(addresses.list(ifindex), Oracle.linkNames(n))));
    }

    @Test
    void linkNamesMatchIproute2() {
        assertEquals(va, LinkNames.indexOf(rtnl, "va"));
        assertEquals("vb", LinkNames.nameOf(rtnl, vb));
        NoSuchDeviceException e = assertThrows(NoSuchDeviceException.class, () -> LinkNames.indexOf(rtnl, "nosuch0"));
        assertTrue(e.getMessage().contains("nosuch0"), e.getMessage());
        assertThrows(NoSuchDeviceException.class, () -> LinkNames.nameOf(rtnl, 9999));
    }

    @Test
    void ipv4WithDerivedBroadcastAndLabel() {
        addresses.add(AddressSpec.builder().link("va").prefix("192.168.15.1/24").broadcastDerived().label("va:one").build());
        Map<String, Object> a = oracleAddr("va", "192.168.15.1");
        assertNotNull(a, "ip sees the address");
        assertEquals(24L, a.get("prefixlen"));
        assertEquals("192.168.15.255", a.get("broadcast"));
        assertEquals("va:one", a.get("label"));
        assertEquals("global", a.get("scope"));
        assertSameAsIproute2("va", va);
    }

    @Test
    void ipv6AndScopeAndByIndex() {
        addresses.add(va, IpPrefix.parse("fd00::1/64"));
        addresses.add(AddressSpec.builder().link(va).prefix("10.7.0.1/16").scope(Scope.LINK).noPrefixRoute().build());
        addresses.add(AddressSpec.builder().link(va).prefix("fd00:1::1/64").noDad().metric(300).build());
        Map<String, Object> six = oracleAddr("va", "fd00::1");
        assertNotNull(six);
        assertEquals("inet6", six.get("family"));
        assertEquals(64L, six.get("prefixlen"));
        Map<String, Object> link = oracleAddr("va", "10.7.0.1");
        assertEquals("link", link.get("scope"));
        assertEquals(Boolean.TRUE, link.get("noprefixroute"));
        assertEquals(Boolean.TRUE, oracleAddr("va", "fd00:1::1").get("nodad"));
        // the prefix route of fd00:1::/64 has the metric given
        assertTrue(Sh.ip(n, "-6", "route", "show", "fd00:1::/64").contains("metric 300"));
        assertSameAsIproute2("va", va);
    }

    @Test
    void lifetimes() {
        addresses.add(AddressSpec.builder().link(va).prefix("10.5.0.1/24").validLifetime(1000).preferredLifetime(500)
                .build());
        Map<String, Object> a = oracleAddr("va", "10.5.0.1");
        long valid = (Long) a.get("valid_life_time");
        long preferred = (Long) a.get("preferred_life_time");
        assertTrue(valid <= 1000 && valid > 990, a.toString());
        assertTrue(preferred <= 500 && preferred > 490, a.toString());
        AddressInfo mine = addresses.list(va).stream().filter(x -> x.prefix().equals(IpPrefix.parse("10.5.0.1/24")))
                .findFirst().orElseThrow();
        assertTrue(mine.validLifetime() <= 1000 && mine.validLifetime() > 990, mine.toString());
        assertTrue(mine.preferredLifetime() <= 500 && mine.preferredLifetime() > 490, mine.toString());
    }

    @Test
    void replaceUpdatesOrCreates() {
        addresses.add(AddressSpec.of("va", "192.168.15.1/24"));
        assertThrows(AlreadyExistsException.class, () -> addresses.add(AddressSpec.of("va", "192.168.15.1/24")));
        // The kernel updates an existing address's metric, flags and lifetimes (not its broadcast).
        addresses.replace(AddressSpec.builder().link("va").prefix("192.168.15.1/24").metric(77).build());
        assertEquals(77L, oracleAddr("va", "192.168.15.1").get("metric"));
        assertTrue(Sh.ip(n, "route", "show", "192.168.15.0/24").contains("metric 77"));
        addresses.replace(AddressSpec.of("va", "192.168.16.1/24")); // creates
        assertNotNull(oracleAddr("va", "192.168.16.1"));
        assertSameAsIproute2("va", va);
    }

    @Test
    void deleteAndTheErrorsAroundIt() {
        addresses.add(va, IpPrefix.parse("192.168.15.1/24"));
        AlreadyExistsException dup = assertThrows(AlreadyExistsException.class,
                () -> addresses.add(va, IpPrefix.parse("192.168.15.1/24")));
        assertEquals("add address 192.168.15.1/24 to link " + va, dup.operation());
        addresses.delete(va, IpPrefix.parse("192.168.15.1/24"));
        assertEquals(null, oracleAddr("va", "192.168.15.1"));
        NetlinkException gone = assertThrows(NetlinkException.class,
                () -> addresses.delete(va, IpPrefix.parse("192.168.15.1/24")));
        assertEquals(Errno.EADDRNOTAVAIL, gone.errno());
        assertTrue(gone.getMessage().startsWith("delete address 192.168.15.1/24 from link " + va), gone.getMessage());
    }

    @Test
    void missingDeviceIsNamed() {
        NoSuchDeviceException e = assertThrows(NoSuchDeviceException.class,
                () -> addresses.add(AddressSpec.of("nosuch0", "10.0.0.1/8")));
        assertEquals("add address 10.0.0.1/8 to link nosuch0", e.operation());
        assertTrue(e.getMessage().contains("nosuch0"), e.getMessage());
        assertThrows(NoSuchDeviceException.class, () -> addresses.add(9999, IpPrefix.parse("10.0.0.1/8")));
        assertThrows(IllegalArgumentException.class, () -> addresses.add(AddressSpec.of("va", "10.0.0.1/40")));
        assertEquals(List.of(), Oracle.addresses(n, "dev", "va").stream().filter(k -> k.contains("|inet|")).toList(),
                "nothing was added");
    }

    @Test
    void listsMatchIproute2() {
        Sh.ip(n, "addr", "add", "192.168.15.1/24", "brd", "+", "dev", "va");
        Sh.ip(n, "addr", "add", "192.168.15.2/24", "dev", "va"); // a secondary
        Sh.ip(n, "addr", "add", "10.1.0.1", "peer", "10.1.0.2", "dev", "vb");
        Sh.ip(n, "addr", "add", "fd00::2/64", "dev", "vb");
        List<AddressInfo> mine = addresses.list();
        assertTrue(mine.stream().anyMatch(a -> a.has(AddressFlag.SECONDARY)));
        Oracle.eventually(() -> assertEquals(Oracle.addresses(n), Oracle.addressKeys(addresses.list(), Oracle.linkNames(n))));
        assertSameAsIproute2("vb", vb);
        assertEquals(List.of(), addresses.list(IpPrefix.AF_INET6, va).stream()
                .filter(a -> !a.prefix().address().isLinkLocalAddress()).toList());
        assertEquals(3, addresses.list(IpPrefix.AF_INET, 0).stream().filter(a -> a.ifindex() != 1).count());
    }

    @Test
    void kernelHonoursTheStrictDumpFilter() {
        addresses.add(va, IpPrefix.parse("192.168.15.1/24"));
        addresses.add(vb, IpPrefix.parse("192.168.16.1/24"));
        addresses.add(vb, IpPrefix.parse("fd00:16::1/64"));
        java.util.List<Integer> seen = new java.util.ArrayList<>();
        rtnl.dump("raw filtered address dump", w -> Addresses.encodeDump(w, 0, vb), m -> {
            assertTrue((m.flags() & io.jnetlink.core.codec.Netlink.NLM_F_DUMP_FILTERED) != 0, "kernel filtered");
            seen.add(AddressInfo.decode(m).ifindex());
        });
        assertTrue(seen.size() >= 2, seen.toString());
        assertTrue(seen.stream().allMatch(i -> i == vb), seen.toString());
    }

    @Test
    void flushRemovesEverythingOfOneLinkOnly() {
        addresses.add(AddressSpec.builder().link(va).prefix("192.168.15.1/24").broadcastDerived().build());
        addresses.add(va, IpPrefix.parse("192.168.15.2/24"));
        addresses.add(va, IpPrefix.parse("10.7.0.1/16"));
        addresses.add(va, IpPrefix.parse("fd00::1/64"));
        addresses.add(vb, IpPrefix.parse("192.168.16.1/24"));
        addresses.flush(va);
        assertEquals(List.of(), Oracle.addresses(n, "dev", "va"));
        assertEquals(List.of(), addresses.list(va));
        assertNotNull(oracleAddr("vb", "192.168.16.1"), "the other link keeps its address");
        addresses.flush(va); // nothing left: no error
    }
}
