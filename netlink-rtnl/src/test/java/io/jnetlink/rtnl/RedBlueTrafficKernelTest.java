package io.jnetlink.rtnl;

import static io.jnetlink.core.codec.Netlink.NETLINK_ROUTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import io.jnetlink.rtnl.addr.AddressSpec;
import io.jnetlink.rtnl.addr.Addresses;
import io.jnetlink.rtnl.neigh.NeighbourInfo;
import io.jnetlink.rtnl.neigh.Neighbours;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.jnetlink.core.net.IpPrefix;

/**
 * Real traffic: red and blue joined through a bridge in a third namespace (links made with
 * {@code ip}, addresses through the library). A TCP connection from red to blue over IPv4 and
 * over IPv6 carries a line; afterwards red's neighbour list holds blue's addresses with the MAC
 * that {@code ip -j neigh} shows, which is blue's own link address.
 */
@KernelTest
class RedBlueTrafficKernelTest {
    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    @Test
    void tcpFromRedToBlueThroughTheBridge() throws Exception {
        NetworkNamespace host = namespaces.create("host");
        NetworkNamespace red = namespaces.create("red");
        NetworkNamespace blue = namespaces.create("blue");
        String h = host.name();
        Sh.ip(h, "link", "add", "br0", "type", "bridge");
        Sh.ip(h, "link", "set", "br0", "up");
        for (NetworkNamespace ns : new NetworkNamespace[] {red, blue}) {
            String color = ns == red ? "red" : "blue";
            Sh.ip(h, "link", "add", "veth-" + color + "-br", "type", "veth", "peer", "name", "veth-" + color,
                    "netns", ns.name());
            Sh.ip(h, "link", "set", "veth-" + color + "-br", "master", "br0", "up");
            Sh.ip(ns.name(), "link", "set", "lo", "up");
            Sh.ip(ns.name(), "link", "set", "veth-" + color, "up");
        }
        new Addresses(red.socket(NETLINK_ROUTE)).add(
                AddressSpec.builder().link("veth-red").prefix("192.168.15.1/24").broadcastDerived().build());
        new Addresses(red.socket(NETLINK_ROUTE)).add(
                AddressSpec.builder().link("veth-red").prefix("fd00:15::1/64").noDad().build());
        new Addresses(blue.socket(NETLINK_ROUTE)).add(
                AddressSpec.builder().link("veth-blue").prefix("192.168.15.2/24").broadcastDerived().build());
        new Addresses(blue.socket(NETLINK_ROUTE)).add(
                AddressSpec.builder().link("veth-blue").prefix("fd00:15::2/64").noDad().build());

        String blueMac = Oracle.mac(blue.name(), "veth-blue");
        for (String blueAddress : new String[] {"192.168.15.2", "fd00:15::2"}) {
            InetAddress to = IpPrefix.parseAddress(blueAddress);
            assertEquals("hello from red over " + blueAddress, exchange(red, blue, to));

            Map<String, Object> seen = null;
            for (Map<String, Object> e : Oracle.objects(Sh.ipJson(red.name(), "neigh", "show", "nud", "all"))) {
                if (blueAddress.equals(e.get("dst"))) {
                    seen = e;
                }
            }
            assertNotNull(seen, "ip neigh in red shows " + blueAddress);
            assertEquals(blueMac, seen.get("lladdr"), "iproute2 has blue's MAC");
            NeighbourInfo mine = new Neighbours(red.socket(NETLINK_ROUTE)).list().stream()
                    .filter(x -> x.address().equals(to)).findFirst().orElse(null);
            assertNotNull(mine, "the library's neighbour list in red holds " + blueAddress);
            assertEquals(seen.get("lladdr"), mine.mac());
            assertEquals(Oracle.ifindex(red.name(), "veth-red"), mine.ifindex());
        }
    }

    /** Opens a server in blue, connects from red, sends a line; returns what blue read. */
    private static String exchange(NetworkNamespace red, NetworkNamespace blue, InetAddress to) throws Exception {
        try (ServerSocket server = blue.run(() -> new ServerSocket(0, 1, to))) {
            server.setSoTimeout(10_000);
            CompletableFuture<String> got = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept();
                     BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                             StandardCharsets.UTF_8))) {
                    return in.readLine();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            int port = server.getLocalPort();
            red.run(() -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(to, port), 10_000);
                    OutputStream out = s.getOutputStream();
                    out.write(("hello from red over " + IpPrefix.format(to) + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                return null;
            });
            return got.get(15, TimeUnit.SECONDS);
        }
    }
}
