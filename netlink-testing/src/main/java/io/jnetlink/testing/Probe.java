package io.jnetlink.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Small echo servers and reachability probes over real TCP and UDP, for checking what a fault
 * does: {@code Probe.tcp(a, b.address(), 7000, Duration.ofMillis(300))} is true when a TCP
 * connection from node a to b's echo server on port 7000 works and echoes within the time.
 *
 * <pre>{@code
 * Probe.tcpEcho(b, 7000);
 * assertTrue(Probe.tcp(a, b.address(), 7000, Duration.ofMillis(300)));
 * lab.partition(List.of(a));
 * assertFalse(Probe.tcp(a, b.address(), 7000, Duration.ofMillis(300)));
 * }</pre>
 */
public final class Probe {
    private Probe() {}

    /**
     * Starts a TCP echo server on {@code port} (all addresses, IPv4 and IPv6) in {@code node}; returns once it listens.
     *
     * @param node the node to serve in
     * @param port the TCP port to listen on
     * @return the running server; close it to stop it
     */
    public static RunningService tcpEcho(Node node, int port) {
        return node.start("tcp-echo-" + port, ctx -> {
            ServerSocket server = ctx.closeOnStop(new ServerSocket());
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(port));
            ctx.ready();
            while (!ctx.stopping()) {
                Socket s = ctx.closeOnStop(server.accept());
                ctx.thread("conn", () -> {
                    try (s) {
                        s.getInputStream().transferTo(s.getOutputStream());
                    }
                });
            }
        }).awaitReady(Duration.ofSeconds(5));
    }

    /**
     * Starts a UDP echo server on {@code port} (all addresses) in {@code node}; returns once it is bound.
     *
     * @param node the node to serve in
     * @param port the UDP port to bind
     * @return the running server; close it to stop it
     */
    public static RunningService udpEcho(Node node, int port) {
        return node.start("udp-echo-" + port, ctx -> {
            DatagramSocket socket = ctx.closeOnStop(new DatagramSocket(port));
            ctx.ready();
            byte[] buf = new byte[2048];
            while (!ctx.stopping()) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);
                socket.send(new DatagramPacket(p.getData(), p.getLength(), p.getSocketAddress()));
            }
        }).awaitReady(Duration.ofSeconds(5));
    }

    /**
     * {@return whether a TCP connection from {@code from} to {@code to}:{@code port} opens and echoes a line
     * within {@code timeout} (connect and reply together)}
     *
     * @param from the node to connect from
     * @param to the address to connect to
     * @param port the port to connect to
     * @param timeout how long to try, connect and reply together
     */
    public static boolean tcp(Node from, InetAddress to, int port, Duration timeout) {
        return from.run(() -> {
            long deadline = System.nanoTime() + timeout.toNanos();
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(to, port), millisLeft(deadline));
                s.setSoTimeout(millisLeft(deadline));
                OutputStream out = s.getOutputStream();
                out.write("probe\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String reply = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                        .readLine();
                return "probe".equals(reply);
            } catch (IOException e) {
                return false;
            }
        });
    }

    /**
     * {@return whether a UDP datagram from {@code from} to {@code to}:{@code port} comes back from the echo
     * server within {@code timeout}}
     *
     * @param from the node to send from
     * @param to the address to send to
     * @param port the port to send to
     * @param timeout how long to wait for the echo
     */
    public static boolean udp(Node from, InetAddress to, int port, Duration timeout) {
        return from.run(() -> {
            try (DatagramSocket s = new DatagramSocket()) {
                byte[] msg = "probe".getBytes(StandardCharsets.US_ASCII);
                s.setSoTimeout(Math.max(1, (int) timeout.toMillis()));
                s.send(new DatagramPacket(msg, msg.length, new InetSocketAddress(to, port)));
                byte[] buf = new byte[64];
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                s.receive(p);
                return new String(buf, 0, p.getLength(), StandardCharsets.US_ASCII).equals("probe");
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return false; // refused (ICMP port unreachable) or unreachable network
            }
        });
    }

    private static int millisLeft(long deadline) throws SocketTimeoutException {
        long ms = (deadline - System.nanoTime()) / 1_000_000;
        if (ms <= 0) {
            throw new SocketTimeoutException("probe timed out");
        }
        return (int) ms;
    }
}
