package io.jnetlink.rtnl.tc;

import io.jnetlink.core.netns.NetworkNamespace;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The tests' own TCP sender and receiver: one connection from a namespace to another, sending as
 * fast as it can for a bounded time; the receiver measures the payload rate after a warm-up (so
 * the bucket's initial burst and slow start do not count).
 */
final class Throughput {
    private Throughput() {}

    /** Payload bits per second received at {@code to} (in {@code receiver}) from {@code sender}. */
    static double measure(NetworkNamespace sender, NetworkNamespace receiver, InetAddress to, int port,
                          Duration warmup, Duration window) throws Exception {
        try (ServerSocket server = receiver.run(() -> new ServerSocket(port, 1, to))) {
            server.setSoTimeout(10_000);
            // the receiver on a thread of its own: the common pool can be one thread on 2 CPUs, which
            // would run two measurements one after the other instead of at once
            CompletableFuture<Double> rate = new CompletableFuture<>();
            Thread receiver0 = new Thread(() -> {
                try {
                    rate.complete(receive(server, warmup, window));
                } catch (RuntimeException e) {
                    rate.completeExceptionally(e);
                }
            }, "throughput-receiver-" + port);
            receiver0.setDaemon(true);
            receiver0.start();
            long sendFor = warmup.plus(window).plusMillis(300).toNanos();
            sender.run(() -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(to, port), 10_000);
                    OutputStream out = s.getOutputStream();
                    byte[] chunk = new byte[64 * 1024];
                    long end = System.nanoTime() + sendFor;
                    while (System.nanoTime() < end) {
                        out.write(chunk);
                    }
                } catch (IOException e) {
                    // the receiver closes when its window is over; a write may see the reset
                }
                return null;
            });
            return rate.get(30, TimeUnit.SECONDS);
        }
    }

    private static double receive(ServerSocket server, Duration warmup, Duration window) {
        try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
            byte[] buf = new byte[256 * 1024];
            int n = in.read(buf);
            if (n < 0) {
                throw new IOException("sender closed before sending");
            }
            long start = System.nanoTime() + warmup.toNanos();
            long end = start + window.toNanos();
            while (System.nanoTime() < start) {
                if (in.read(buf) < 0) {
                    throw new IOException("sender closed during the warm-up");
                }
            }
            long bytes = 0;
            long t0 = System.nanoTime();
            long now = t0;
            while (now < end) {
                n = in.read(buf);
                if (n < 0) {
                    break;
                }
                bytes += n;
                now = System.nanoTime();
            }
            return bytes * 8.0 / ((now - t0) / 1e9);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
