package io.jnetlink.examples.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jnetlink.nft.Nat;
import io.jnetlink.nft.Protocol;
import io.jnetlink.testing.Lab;
import io.jnetlink.testing.Network;
import io.jnetlink.testing.Node;
import io.jnetlink.testing.WithLab;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The seed walkthrough (red and blue behind a host that masquerades and forwards a port) as a lab. */
@WithLab
class WalkthroughAsATest {
    @Test
    void redGoesOutMasqueradedAndTheWorldReachesBlueThroughTheHost(Lab lab) throws Exception {
        Network vnet = lab.network("v_net_0");                     // the host's bridge
        Node red = vnet.nodes("red").getFirst(), blue = vnet.nodes("blue").getFirst();
        Node host = lab.router("host", vnet, lab.network("outside")); // forwards, like ip_forward=1
        Node wan = lab.network("outside").nodes("wan").getFirst();
        Nat.in(host.netns()).ownedBySocket().masquerade(vnet.subnet());
        Nat.in(host.netns()).ownedBySocket().forward(Protocol.TCP, 8080).to(blue.address().getHostAddress(), 80);

        // Who does wan see when red connects? The host's outside address: masquerade.
        wan.start("who", ctx -> {
            ServerSocket s = ctx.closeOnStop(new ServerSocket(9000));
            ctx.ready();
            while (!ctx.stopping()) {
                try (Socket c = s.accept()) {
                    c.getOutputStream().write((c.getInetAddress().getHostAddress() + "\n").getBytes());
                }
            }
        }).awaitReady(Duration.ofSeconds(5));
        assertEquals(host.address(lab.network("outside")).getHostAddress(), red.run(() -> read(wan, 9000)));

        // And wan reaches blue's port 80 through the host's port 8080: DNAT.
        blue.start("web", ctx -> {
            ServerSocket s = ctx.closeOnStop(new ServerSocket(80));
            ctx.ready();
            while (!ctx.stopping()) {
                try (Socket c = s.accept()) {
                    c.getOutputStream().write("hello from blue\n".getBytes());
                }
            }
        }).awaitReady(Duration.ofSeconds(5));
        assertEquals("hello from blue", wan.run(() -> read(host, lab.network("outside"), 8080)));
    }

    static String read(Node to, int port) throws Exception {
        return read(to, null, port);
    }

    static String read(Node to, Network on, int port) throws Exception {
        try (Socket s = new Socket(on == null ? to.address() : to.address(on), port); InputStream in = s.getInputStream()) {
            return new String(in.readAllBytes()).strip();
        }
    }
}
