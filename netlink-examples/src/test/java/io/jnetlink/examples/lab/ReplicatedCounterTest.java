package io.jnetlink.examples.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jnetlink.examples.counter.Client;
import io.jnetlink.examples.counter.Replica;
import io.jnetlink.testing.Fault;
import io.jnetlink.testing.Lab;
import io.jnetlink.testing.Node;
import io.jnetlink.testing.WithLab;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A three-replica counter (leader-based, over TCP) under real network faults, one node per
 * replica, in one JVM: the replicas are the example service in {@code io.jnetlink.examples.counter};
 * the lab, the nodes and the faults come from netlink-testing's public API only.
 */
@WithLab
class ReplicatedCounterTest {
    static final int PORT = 7100;

    /** Starts a replica in each node, serving on PORT; returns once all listen. */
    static void startCluster(List<Node> nodes, Replica.Timing timing) {
        List<InetSocketAddress> members = Replica.members(nodes.stream().map(Node::address).toList(), PORT);
        for (int i = 0; i < nodes.size(); i++) {
            int id = i;
            nodes.get(i).start("replica", ctx -> {
                ServerSocket server = ctx.closeOnStop(new ServerSocket(PORT));
                ctx.ready();
                new Replica(id, members, timing).serve(server, (name, body) -> ctx.thread(name, body::run));
            }).awaitReady(Duration.ofSeconds(5));
        }
    }

    /** The state of the replica in {@code node}, asked over the node's own loopback (no fault touches it). */
    static Replica.State state(Node node) {
        return node.run(() -> Client.state(new InetSocketAddress(InetAddress.getLoopbackAddress(), PORT),
                Duration.ofSeconds(2)));
    }

    /** An increment from a client in {@code node} through its own replica: the new value, or -1. */
    static long increment(Node node, Duration timeout) {
        return node.run(() -> Client.increment(new InetSocketAddress(InetAddress.getLoopbackAddress(), PORT), timeout));
    }

    /** Waits until one of {@code nodes} leads and the others follow it, in a term after {@code afterTerm}. */
    static Node awaitLeader(List<Node> nodes, long afterTerm, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<Replica.State> s = nodes.stream().map(ReplicatedCounterTest::state).toList();
            for (int i = 0; i < s.size(); i++) {
                Replica.State st = s.get(i);
                if (st != null && st.role().equals("LEADER") && st.term() > afterTerm && st.commit() == st.version()) {
                    Node leader = nodes.get(i);
                    int leaderId = st.leader();
                    if (s.stream().allMatch(o -> o != null && o.leader() == leaderId && o.term() == st.term())) {
                        return leader;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no leader among " + nodes.stream().map(Node::name).toList() + " after " + timeout);
    }

    /** Waits until every replica holds the same version and value; returns that state. */
    static Replica.State awaitConverged(List<Node> nodes, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Replica.State> s = List.of();
        while (System.nanoTime() < deadline) {
            s = nodes.stream().map(ReplicatedCounterTest::state).toList();
            Replica.State first = s.getFirst();
            if (s.stream().allMatch(Objects::nonNull) && s.stream().allMatch(
                    o -> o.version() == first.version() && o.value() == first.value() && o.commit() == o.version())) {
                return first;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("replicas did not converge within " + timeout + ": " + s);
    }

    @Test
    @Timeout(90)
    void leaderInTheMinorityMajorityProgressesMinorityTimesOutThenAllConverge(Lab lab) throws Exception {
        List<Node> nodes = lab.nodes("n1", "n2", "n3");
        startCluster(nodes, Replica.Timing.FAST);
        Node oldLeader = awaitLeader(nodes, 0, Duration.ofSeconds(20));
        long oldTerm = state(oldLeader).term();
        int acked = 0;
        for (Node n : nodes) {
            assertNotEquals(-1, increment(n, Duration.ofSeconds(5)), "healthy cluster: " + n.name());
            acked++;
        }

        // The leader alone on one side, the two others together on the other.
        Fault split = lab.isolate(oldLeader);
        List<Node> majority = nodes.stream().filter(n -> n != oldLeader).toList();
        Node newLeader = awaitLeader(majority, oldTerm, Duration.ofSeconds(20));
        assertNotEquals(oldLeader, newLeader);
        for (int round = 0; round < 3; round++) {
            for (Node n : majority) {
                assertNotEquals(-1, increment(n, Duration.ofSeconds(5)), "majority client in " + n.name() + " progresses");
                acked++;
            }
        }
        // The old leader still thinks it leads, but cannot reach a majority: its clients time out.
        for (int i = 0; i < 2; i++) {
            assertEquals(-1, increment(oldLeader, Duration.ofSeconds(3)), "minority client times out");
        }
        assertEquals("LEADER", state(oldLeader).role(), "the old leader never heard of the new term");

        lab.heal();
        assertTrue(!split.isActive());
        Replica.State end = awaitConverged(nodes, Duration.ofSeconds(20));
        // Every acknowledged increment is there, and the minority's unacknowledged ones are not.
        assertEquals(acked, end.value(), "value after heal: " + end);
        assertEquals("FOLLOWER", state(oldLeader).role());
    }

    @Test
    @Timeout(120)
    void convergesUnderThirtyPercentLoss(Lab lab) throws Exception {
        List<Node> nodes = lab.nodes("n1", "n2", "n3");
        startCluster(nodes, Replica.Timing.LOSSY);
        awaitLeader(nodes, 0, Duration.ofSeconds(30));

        // 30% of the frames crossing the switch are dropped, whoever sends them.
        try (Fault loss = lab.loss(lab.network(Lab.DEFAULT_NETWORK), 30)) {
            int acked = 0;
            int attempts = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            List<Long> values = new ArrayList<>();
            while (acked < 5) {
                if (System.nanoTime() > deadline) {
                    fail("only " + acked + " of 5 increments acknowledged under loss in 60 s (" + attempts + " tries)");
                }
                Node client = nodes.get(attempts % nodes.size());
                attempts++;
                long v = increment(client, Duration.ofSeconds(8));
                if (v != -1) {
                    acked++;
                    values.add(v);
                }
            }
            Replica.State end = awaitConverged(nodes, Duration.ofSeconds(40));
            // An increment that timed out may still have committed; none can have been lost.
            assertTrue(end.value() >= acked && end.value() <= attempts, end + " after " + acked + " acknowledged of "
                    + attempts + " tried");
            assertEquals(values, values.stream().sorted().distinct().toList(), "acknowledged values only grow");
            assertTrue(loss.isActive(), "converged with the loss still in force");
        }
    }
}
