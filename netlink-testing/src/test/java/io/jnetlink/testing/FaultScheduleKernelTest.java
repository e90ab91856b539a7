package io.jnetlink.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.testing.KernelTest;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seeded fault schedule: reproducible plans, faults applied for real and all removed afterwards. */
@KernelTest
@WithLab(prefix = LabKernelTest.PREFIX)
class FaultScheduleKernelTest {
    static final Duration SHORT = Duration.ofMillis(20);

    @Test
    void sameSeedSamePlan(Lab lab) {
        lab.nodes("n1", "n2", "n3", "n4", "n5");
        Faults f = Faults.seeded(7).partitions().blocks().loss(5, 30).disconnects();
        List<Faults.Step> a = f.plan(lab, 40);
        assertEquals(a, f.plan(lab, 40), "the same seed gives the same steps");
        assertNotEquals(a, Faults.seeded(8).partitions().blocks().loss(5, 30).disconnects().plan(lab, 40));
        assertEquals(EnumSet.allOf(Faults.Kind.class), EnumSet.copyOf(a.stream().map(Faults.Step::kind).toList()),
                "40 draws use every kind chosen");
        for (Faults.Step s : a) {
            switch (s.kind()) {
                case PARTITION -> assertTrue(s.nodes().size() >= 1 && s.nodes().size() <= 2, s.description());
                case BLOCK -> assertNotEquals(s.nodes().get(0), s.nodes().get(1));
                case LOSS -> assertTrue(s.percent() >= 5 && s.percent() <= 30, s.description());
                case DISCONNECT -> assertEquals(1, s.nodes().size());
            }
            assertTrue(s.hold().toMillis() >= 100 && s.hold().toMillis() <= 500, s.description());
        }
        assertThrows(IllegalStateException.class, () -> Faults.seeded(1).plan(lab, 1), "no kind chosen");
        assertThrows(IllegalArgumentException.class, () -> Faults.seeded(1).loss(30, 5));
    }

    @Test
    void runAppliesEachStepAndRemovesIt(Lab lab) {
        List<Node> n = lab.nodes("n1", "n2", "n3");
        Probe.tcpEcho(n.get(1), 7000);
        Faults f = Faults.seeded(3).partitions().blocks().loss(10, 20).disconnects().hold(SHORT, SHORT).calm(SHORT, SHORT);
        List<Faults.Step> done = f.run(lab, 8);
        assertEquals(f.plan(lab, 8), done);
        assertEquals(List.of(), lab.faults(), "every fault removed");
        assertEquals(0, FaultsKernelTest.nftRules(lab.fabric().name(), "bridge"));
        assertTrue(Probe.tcp(n.get(0), n.get(1).address(), 7000, FaultsKernelTest.T));
    }

    @Test
    void backgroundRunStopsCleanly(Lab lab) throws InterruptedException {
        List<Node> n = lab.nodes("n1", "n2", "n3");
        Probe.tcpEcho(n.get(2), 7000);
        Faults.Run run;
        try (Faults.Run r = Faults.seeded(11).partitions().disconnects().hold(SHORT, SHORT).calm(SHORT, SHORT)
                .start(lab)) {
            run = r;
            Thread.sleep(400);
        }
        assertNull(run.failure());
        assertFalse(run.steps().isEmpty());
        assertEquals(run.steps(), Faults.seeded(11).partitions().disconnects().hold(SHORT, SHORT).calm(SHORT, SHORT)
                .plan(lab, run.steps().size()));
        assertEquals(List.of(), lab.faults());
        assertTrue(Probe.tcp(n.get(0), n.get(2).address(), 7000, FaultsKernelTest.T));
    }
}
