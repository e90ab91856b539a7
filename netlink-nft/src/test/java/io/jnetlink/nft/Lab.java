package io.jnetlink.nft;

import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The walkthrough's topology, built with iproute2 inside the test's own namespaces:
 * <pre>
 *   wan (10.200.0.2, fd00:200::2) --veth-- up0 host (10.200.0.1, fd00:200::1)
 *   host bridge br0 (192.168.15.5, fd00:15::5) -- red (192.168.15.1, fd00:15::1)
 *                                              -- blue (192.168.15.2, fd00:15::2)
 * </pre>
 * red and blue route by default through the host; wan has no route back to 192.168.15.0/24.
 * Forwarding is on in host. All traffic stays in these namespaces.
 */
final class Lab {
    final NetworkNamespace host;
    final NetworkNamespace wan;
    final NetworkNamespace red;
    final NetworkNamespace blue;

    Lab(TestNamespaces namespaces) {
        host = namespaces.create("host");
        wan = namespaces.create("wan");
        red = namespaces.create("red");
        blue = namespaces.create("blue");
        String h = host.name();
        for (NetworkNamespace n : new NetworkNamespace[] {host, wan, red, blue}) {
            Sh.ip(n.name(), "link", "set", "lo", "up");
        }
        Sh.ip(h, "link", "add", "up0", "type", "veth", "peer", "name", "down0", "netns", wan.name());
        Sh.ip(h, "addr", "add", "10.200.0.1/24", "dev", "up0");
        Sh.ip(h, "addr", "add", "fd00:200::1/64", "dev", "up0", "nodad");
        Sh.ip(h, "link", "set", "up0", "up");
        Sh.ip(wan.name(), "addr", "add", "10.200.0.2/24", "dev", "down0");
        Sh.ip(wan.name(), "addr", "add", "fd00:200::2/64", "dev", "down0", "nodad");
        Sh.ip(wan.name(), "link", "set", "down0", "up");
        Sh.ip(h, "link", "add", "br0", "type", "bridge");
        Sh.ip(h, "addr", "add", "192.168.15.5/24", "dev", "br0");
        Sh.ip(h, "addr", "add", "fd00:15::5/64", "dev", "br0", "nodad");
        Sh.ip(h, "link", "set", "br0", "up");
        attach(red, "red", "192.168.15.1", "fd00:15::1");
        attach(blue, "blue", "192.168.15.2", "fd00:15::2");
        host.sysctl("net.ipv4.ip_forward", "1");
        host.sysctl("net.ipv6.conf.all.forwarding", "1");
    }

    private void attach(NetworkNamespace ns, String tag, String v4, String v6) {
        String h = host.name();
        Sh.ip(h, "link", "add", "veth-" + tag + "-br", "type", "veth", "peer", "name", "veth-" + tag, "netns",
                ns.name());
        Sh.ip(h, "link", "set", "veth-" + tag + "-br", "master", "br0");
        Sh.ip(h, "link", "set", "veth-" + tag + "-br", "up");
        Sh.ip(ns.name(), "addr", "add", v4 + "/24", "dev", "veth-" + tag);
        Sh.ip(ns.name(), "addr", "add", v6 + "/64", "dev", "veth-" + tag, "nodad");
        Sh.ip(ns.name(), "link", "set", "veth-" + tag, "up");
        Sh.ip(ns.name(), "route", "add", "default", "via", "192.168.15.5");
        Sh.ip(ns.name(), "-6", "route", "add", "default", "via", "fd00:15::5");
    }

    /** A TCP server in {@code ns} on {@code address}:{@code port} that reports its first peer. */
    static Server serve(NetworkNamespace ns, String address, int port) {
        ServerSocket ss = ns.run(() -> {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.ofLiteral(address), port));
            return s;
        });
        return new Server(ss);
    }

    /** A listening socket; {@link #peer} waits for one connection and returns its remote address. */
    record Server(ServerSocket socket) implements AutoCloseable {
        CompletableFuture<InetAddress> acceptOne() {
            return CompletableFuture.supplyAsync(() -> {
                try (Socket s = socket.accept()) {
                    return s.getInetAddress();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }

        InetAddress peer(CompletableFuture<InetAddress> f) throws Exception {
            return f.get(5, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Source ports for test clients: each connection gets a fresh one (see {@link #connects}). */
    private static final java.util.concurrent.atomic.AtomicInteger SOURCE_PORT =
            new java.util.concurrent.atomic.AtomicInteger(40000 + new java.util.Random().nextInt(10000));

    /**
     * Connects from {@code ns} to {@code address}:{@code port}; true if the TCP handshake completed.
     * Every attempt uses a source port of its own: an earlier attempt made before a NAT rule existed
     * leaves a conntrack entry without NAT for its 4-tuple, and a later attempt that happened to
     * reuse that ephemeral port would match it and bypass the new rule.
     */
    static boolean connects(NetworkNamespace ns, String address, int port, int timeoutMillis) {
        int sourcePort = SOURCE_PORT.getAndIncrement();
        return ns.run(() -> {
            try (Socket s = new Socket()) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(sourcePort));
                s.connect(new InetSocketAddress(InetAddress.ofLiteral(address), port), timeoutMillis);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }
}
