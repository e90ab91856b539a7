package io.jnetlink.examples.lab;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.testing.Fault;
import io.jnetlink.testing.Lab;
import io.jnetlink.testing.Node;
import io.jnetlink.testing.Probe;
import io.jnetlink.testing.WithLab;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A one-way block: A reaches B's servers, B cannot reach A's; TCP and UDP, IPv4 and IPv6. */
@WithLab
class OneWayBlockTest {
    static final Duration REACH = Duration.ofSeconds(5);
    static final Duration CUT = Duration.ofMillis(300);

    @Test
    void aReachesBButBCannotReachA(Lab lab) {
        List<Node> ab = lab.nodes("a", "b");
        Node a = ab.get(0);
        Node b = ab.get(1);
        for (Node n : ab) {
            Probe.tcpEcho(n, 8000);
            Probe.udpEcho(n, 8001);
        }
        try (Fault block = lab.block(b, a)) {     // b may no longer open anything towards a
            for (var to : List.of(b.address(), b.address6())) {
                assertTrue(Probe.tcp(a, to, 8000, REACH), "a -> b TCP " + to);
                assertTrue(Probe.udp(a, to, 8001, REACH), "a -> b UDP " + to);
            }
            for (var to : List.of(a.address(), a.address6())) {
                assertFalse(Probe.tcp(b, to, 8000, CUT), "b -> a TCP " + to);
                assertFalse(Probe.udp(b, to, 8001, CUT), "b -> a UDP " + to);
            }
        }
        assertTrue(Probe.tcp(b, a.address(), 8000, REACH), "after the block: b -> a TCP");
        assertTrue(Probe.udp(b, a.address(), 8001, REACH), "after the block: b -> a UDP");
    }
}
