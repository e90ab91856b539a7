package io.jnetlink.examples.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.testing.Fault;
import io.jnetlink.testing.Lab;
import io.jnetlink.testing.Node;
import io.jnetlink.testing.WithLab;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A bandwidth limit: 1 MB over TCP into a node limited to 4 Mbit/s takes 2 s, give or take 20%. */
@WithLab
class RateLimitTest {
    @Test
    void oneMegabyteAtFourMegabitTakesTwoSeconds(Lab lab) throws Exception {
        List<Node> n = lab.nodes("client", "server");
        Node client = n.get(0);
        Node server = n.get(1);
        int bytes = 1_000_000;

        // The server counts the bytes and times them, first to last.
        CompletableFuture<Double> seconds = new CompletableFuture<>();
        server.start("sink", ctx -> {
            ServerSocket s = ctx.closeOnStop(new ServerSocket(9000));
            ctx.ready();
            try (Socket c = s.accept(); InputStream in = c.getInputStream()) {
                byte[] buf = new byte[65536];
                long first = 0;
                long total = 0;
                for (int r; (r = in.read(buf)) > 0; total += r) {
                    first = total == 0 ? System.nanoTime() : first;
                }
                assertEquals(bytes, total);
                seconds.complete((System.nanoTime() - first) / 1e9);
            }
        }).awaitReady(Duration.ofSeconds(5));

        try (Fault limit = lab.rate(server, 4_000_000)) {
            client.run(() -> {
                try (Socket s = new Socket(server.address(), 9000)) {
                    s.getOutputStream().write(new byte[bytes]);
                }
                return null;
            });
            double took = seconds.get(30, TimeUnit.SECONDS);
            System.out.printf("1 MB at 4 Mbit/s took %.3f s%n", took);
            assertTrue(took >= 1.6 && took <= 2.4, "1 MB at 4 Mbit/s took " + took + " s, expected 2 s +- 20%");
        }
    }
}
