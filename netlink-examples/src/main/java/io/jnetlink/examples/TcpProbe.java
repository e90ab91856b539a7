package io.jnetlink.examples;

import io.jnetlink.rtnl.Netns;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Real traffic for the walkthrough's checks: a tiny TCP server opened inside a namespace that
 * answers each connection with who it is and which peer address it saw, and a client that
 * connects from inside another namespace.
 */
final class TcpProbe {
    private TcpProbe() {}

    /** A server listening inside a namespace; closing it stops it. */
    static final class Server implements AutoCloseable {
        private final ServerSocket socket;

        private Server(ServerSocket socket, String name) {
            this.socket = socket;
            Thread.ofPlatform().daemon(true).name("probe-" + name).start(() -> {
                while (!socket.isClosed()) {
                    try (Socket c = socket.accept()) {
                        Writer w = new java.io.OutputStreamWriter(c.getOutputStream(), StandardCharsets.UTF_8);
                        w.write(name + " saw " + c.getInetAddress().getHostAddress() + "\n");
                        w.flush();
                    } catch (IOException e) {
                        // closed, or the client went away: keep serving until closed
                    }
                }
            });
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }

    /** Opens a server on {@code port} (all addresses) inside {@code ns}; it answers as {@code name}. */
    static Server serve(Netns ns, int port, String name) {
        ServerSocket s = ns.run(() -> {
            ServerSocket ss = new ServerSocket();
            ss.setReuseAddress(true);
            ss.bind(new InetSocketAddress(port));
            return ss;
        });
        return new Server(s, name);
    }

    private static final java.util.concurrent.atomic.AtomicInteger SOURCE_PORT =
            new java.util.concurrent.atomic.AtomicInteger(40000 + new java.util.Random().nextInt(10000));

    /**
     * Connects from inside {@code ns} to {@code address:port} and returns the server's line. Each
     * connection uses a source port of its own: a connection tried before a NAT rule existed leaves
     * a conntrack entry without NAT, and a later one that reused its port would bypass the rule.
     *
     * @throws UncheckedIOException if the connection fails or times out
     */
    static String ask(Netns ns, String address, int port, int timeoutMs) {
        int sourcePort = SOURCE_PORT.getAndIncrement();
        return ns.run(() -> {
            try (Socket s = new Socket()) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(sourcePort));
                s.connect(new InetSocketAddress(InetAddress.getByName(address), port), timeoutMs);
                s.setSoTimeout(timeoutMs);
                BufferedReader r = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                String line = r.readLine();
                if (line == null) {
                    throw new IOException("connection closed without an answer");
                }
                return line;
            }
        });
    }
}
