package io.jnetlink.cni;

import io.jnetlink.rtnl.Netns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Real traffic between sandbox namespaces: a server bound inside one (through {@link Netns#run}),
 * a client inside another; each probe answers the source address the server saw, or null if
 * nothing got through.
 */
final class Probes {
    private Probes() {}

    /** A TCP connection from {@code from} to {@code to:port}, accepted on {@code listenPort} in {@code server}. */
    static String tcp(Netns from, Netns server, String to, int port, int listenPort) {
        ServerSocket listener = server.run(() -> {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(listenPort));
            s.setSoTimeout(4_000);
            return s;
        });
        try (listener) {
            CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> {
                try (Socket a = listener.accept()) {
                    return a.getInetAddress().getHostAddress();
                } catch (IOException e) {
                    return null;
                }
            });
            boolean connected = from.run(() -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(to, port), 3_000);
                    s.getOutputStream().write(1);
                    return true;
                } catch (IOException e) {
                    return false;
                }
            });
            String source = seen.get(10, TimeUnit.SECONDS);
            return connected ? source : null;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A UDP datagram from {@code from} to {@code to:port}, received on {@code listenPort} in {@code server}. */
    static String udp(Netns from, Netns server, String to, int port, int listenPort) {
        DatagramSocket receiver = server.run(() -> {
            DatagramSocket s = new DatagramSocket(listenPort);
            s.setSoTimeout(4_000);
            return s;
        });
        try (receiver) {
            from.run(() -> {
                try (DatagramSocket s = new DatagramSocket()) {
                    s.send(new DatagramPacket(new byte[] {1}, 1, new InetSocketAddress(to, port)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            DatagramPacket p = new DatagramPacket(new byte[16], 16);
            receiver.receive(p);
            return p.getAddress().getHostAddress();
        } catch (java.net.SocketTimeoutException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
