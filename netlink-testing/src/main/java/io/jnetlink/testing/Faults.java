package io.jnetlink.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A seeded schedule of faults for soak tests: one fault after another, each held for a while and
 * then removed, drawn at random from the kinds chosen, reproducibly. The same seed over a lab of
 * the same node names gives the same sequence of steps (the timing is the wall clock's).
 *
 * <pre>{@code
 * Faults chaos = Faults.seeded(42).partitions().blocks().loss(5, 30).disconnects()
 *         .hold(Duration.ofMillis(200), Duration.ofMillis(800));
 * try (Faults.Run run = chaos.start(lab)) {      // a background thread applies the steps
 *     ... drive the system under test ...
 * }                                              // stops, and removes the fault in force
 * // on failure, log run.steps() (and the seed) to replay the same sequence
 * }</pre>
 *
 * <p>Immutable: each setter returns a new schedule.
 */
public final class Faults {
    private static final Logger LOG = LoggerFactory.getLogger(Faults.class);

    /** The kinds of fault a schedule draws from. */
    public enum Kind {
        /** {@link Lab#partition}: a random minority cut off from the rest. */
        PARTITION,
        /** {@link Lab#block}: a random one-way block between two nodes. */
        BLOCK,
        /** {@link Lab#loss(Node, double)}: random loss at one node. */
        LOSS,
        /** {@link Lab#disconnect}: one node unplugged. */
        DISCONNECT
    }

    /**
     * One step of a schedule.
     *
     * @param number  its place in the sequence, from 1
     * @param kind    the fault
     * @param nodes   the nodes it names: the minority of a partition, from and to of a block, the
     *                node of a loss or disconnection
     * @param percent the loss percentage (LOSS only, else 0)
     * @param hold    how long the fault stays
     * @param calm    how long the lab stays without a fault afterwards
     */
    public record Step(int number, Kind kind, List<String> nodes, double percent, Duration hold, Duration calm) {
        /**
         * A step; {@code nodes} is copied.
         *
         * @param number  its place in the schedule, from 1
         * @param kind    the fault
         * @param nodes   the nodes it names
         * @param percent the loss percentage (LOSS only, else 0)
         * @param hold    how long the fault stays
         * @param calm    how long the lab stays without a fault afterwards
         */
        public Step {
            nodes = List.copyOf(nodes);
        }

        /** {@return the step in words: {@code "#3 partition [n2] for 250 ms"}} */
        public String description() {
            String what = switch (kind) {
                case PARTITION -> "partition " + nodes + " | rest";
                case BLOCK -> "block " + nodes.get(0) + " -> " + nodes.get(1);
                case LOSS -> "loss " + percent + "% at " + nodes.getFirst();
                case DISCONNECT -> "disconnect " + nodes.getFirst();
            };
            return "#" + number + " " + what + " for " + hold.toMillis() + " ms, then " + calm.toMillis() + " ms calm";
        }

        /**
         * Applies the step's fault to {@code lab} (not waiting its hold time).
         *
         * @param lab the lab whose nodes the step names
         * @return the fault in force, to remove with {@link Fault#remove()}
         */
        public Fault apply(Lab lab) {
            return switch (kind) {
                case PARTITION -> lab.partition(nodes.stream().map(lab::node).toList());
                case BLOCK -> lab.block(lab.node(nodes.get(0)), lab.node(nodes.get(1)));
                case LOSS -> lab.loss(lab.node(nodes.getFirst()), percent);
                case DISCONNECT -> lab.disconnect(lab.node(nodes.getFirst()));
            };
        }

        @Override
        public String toString() {
            return description();
        }
    }

    private final long seed;
    private final EnumSet<Kind> kinds;
    private final double lossMin;
    private final double lossMax;
    private final Duration holdMin;
    private final Duration holdMax;
    private final Duration calmMin;
    private final Duration calmMax;

    private Faults(long seed, EnumSet<Kind> kinds, double lossMin, double lossMax, Duration holdMin,
                   Duration holdMax, Duration calmMin, Duration calmMax) {
        this.seed = seed;
        this.kinds = kinds;
        this.lossMin = lossMin;
        this.lossMax = lossMax;
        this.holdMin = holdMin;
        this.holdMax = holdMax;
        this.calmMin = calmMin;
        this.calmMax = calmMax;
    }

    /**
     * A schedule drawing from {@code seed}; choose its kinds of fault next. Holds 100-500 ms, calm 50-200 ms.
     *
     * @param seed the seed of the random choices: the same seed, settings and nodes give the same steps
     * @return a schedule that draws no fault yet
     */
    public static Faults seeded(long seed) {
        return new Faults(seed, EnumSet.noneOf(Kind.class), 10, 30, Duration.ofMillis(100), Duration.ofMillis(500),
                Duration.ofMillis(50), Duration.ofMillis(200));
    }

    /** {@return the seed} */
    public long seed() {
        return seed;
    }

    /**
     * Adds partitions: a random minority (at most half the nodes, less one) against the rest.
     *
     * @return a copy of this schedule that also draws partitions
     */
    public Faults partitions() {
        return with(Kind.PARTITION);
    }

    /**
     * Adds one-way blocks between two random nodes.
     *
     * @return a copy of this schedule that also draws one-way blocks
     */
    public Faults blocks() {
        return with(Kind.BLOCK);
    }

    /**
     * Adds loss of {@code minPercent}..{@code maxPercent} at a random node.
     *
     * @param minPercent the least loss drawn, in percent
     * @param maxPercent the most loss drawn, in percent
     * @return a copy of this schedule that also draws loss
     */
    public Faults loss(double minPercent, double maxPercent) {
        if (!(minPercent > 0 && minPercent <= maxPercent && maxPercent <= 100)) {
            throw new IllegalArgumentException("loss range must satisfy 0 < min <= max <= 100, got " + minPercent
                    + ".." + maxPercent);
        }
        EnumSet<Kind> k = EnumSet.copyOf(kinds.isEmpty() ? EnumSet.of(Kind.LOSS) : kinds);
        k.add(Kind.LOSS);
        return new Faults(seed, k, minPercent, maxPercent, holdMin, holdMax, calmMin, calmMax);
    }

    /**
     * Adds disconnections of a random node.
     *
     * @return a copy of this schedule that also draws disconnections
     */
    public Faults disconnects() {
        return with(Kind.DISCONNECT);
    }

    /**
     * How long each fault stays: uniformly between {@code min} and {@code max}.
     *
     * @param min the shortest hold
     * @param max the longest hold
     * @return a copy of this schedule with these hold times
     */
    public Faults hold(Duration min, Duration max) {
        checkRange("hold", min, max);
        return new Faults(seed, kinds, lossMin, lossMax, min, max, calmMin, calmMax);
    }

    /**
     * How long the lab stays without a fault between two: uniformly between {@code min} and {@code max}.
     *
     * @param min the shortest calm
     * @param max the longest calm
     * @return a copy of this schedule with these calm times
     */
    public Faults calm(Duration min, Duration max) {
        checkRange("calm", min, max);
        return new Faults(seed, kinds, lossMin, lossMax, holdMin, holdMax, min, max);
    }

    /**
     * The first {@code steps} steps over {@code lab}'s nodes (those plugged into a switch), without
     * applying any: the same for the same seed, settings and node names.
     *
     * @param lab the lab whose nodes the steps name
     * @param steps how many steps
     * @return the steps, in order
     */
    public List<Step> plan(Lab lab, int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        Planner p = planner(lab);
        List<Step> out = new ArrayList<>(steps);
        for (int i = 0; i < steps; i++) {
            out.add(p.next());
        }
        return out;
    }

    /**
     * Applies the first {@code steps} steps on this thread, each held and followed by its calm,
     * and returns them. Every fault is removed before this returns, also on failure.
     *
     * @param lab the lab to apply the faults to
     * @param steps how many steps
     * @return the steps applied, in order
     */
    public List<Step> run(Lab lab, int steps) {
        List<Step> plan = plan(lab, steps);
        for (Step s : plan) {
            Fault f = s.apply(lab);
            try {
                sleep(s.hold());
            } finally {
                f.remove();
            }
            sleep(s.calm());
        }
        return plan;
    }

    /**
     * Starts applying steps on a background thread until the returned run is closed.
     *
     * @param lab the lab to apply the faults to
     * @return the running schedule; close it to stop it and remove its fault
     */
    public Run start(Lab lab) {
        Run r = new Run(lab, planner(lab));
        r.thread.start();
        return r;
    }

    /** A schedule running in the background (see {@link #start}). */
    public final class Run implements AutoCloseable {
        private final Lab lab;
        private final Planner planner;
        private final List<Step> steps = Collections.synchronizedList(new ArrayList<>());
        private final CountDownLatch stop = new CountDownLatch(1);
        private final Thread thread;
        private volatile Throwable failure;

        private Run(Lab lab, Planner planner) {
            this.lab = lab;
            this.planner = planner;
            this.thread = Thread.ofPlatform().daemon().name("faults-" + seed).unstarted(this::loop);
        }

        private void loop() {
            try {
                while (stop.getCount() > 0) {
                    Step s = planner.next();
                    Fault f = s.apply(lab);
                    steps.add(s);
                    LOG.info("faults seed {}: {}", seed, s.description());
                    try {
                        stop.await(s.hold().toNanos(), TimeUnit.NANOSECONDS);
                    } finally {
                        f.remove();
                    }
                    stop.await(s.calm().toNanos(), TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                // closed
            } catch (Throwable t) {
                if (!lab.isClosed()) {
                    failure = t;
                    LOG.warn("faults seed {} stopped", seed, t);
                }
            }
        }

        /** {@return the steps applied so far} */
        public List<Step> steps() {
            synchronized (steps) {
                return List.copyOf(steps);
            }
        }

        /** {@return what stopped the schedule early, or null} */
        public Throwable failure() {
            return failure;
        }

        /** Stops the schedule and removes the fault in force; returns once that is done. */
        @Override
        public void close() {
            stop.countDown();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Draws steps from the seed, over the lab's node names. */
    private final class Planner {
        private final Random random = new Random(seed);
        private final List<String> names;
        private final List<Kind> order;
        private int number;

        Planner(List<String> names) {
            this.names = names;
            this.order = List.copyOf(kinds);
        }

        Step next() {
            Kind k = order.get(random.nextInt(order.size()));
            List<String> shuffled = new ArrayList<>(names);
            Collections.shuffle(shuffled, random);
            List<String> nodes = switch (k) {
                case PARTITION -> shuffled.subList(0, 1 + random.nextInt(Math.max(1, (names.size() - 1) / 2)));
                case BLOCK -> shuffled.subList(0, 2);
                case LOSS, DISCONNECT -> shuffled.subList(0, 1);
            };
            double pct = k == Kind.LOSS ? Math.round((lossMin + random.nextDouble() * (lossMax - lossMin)) * 10) / 10.0 : 0;
            return new Step(++number, k, nodes, pct, between(holdMin, holdMax), between(calmMin, calmMax));
        }

        private Duration between(Duration min, Duration max) {
            long span = max.toMillis() - min.toMillis();
            return min.plusMillis(span == 0 ? 0 : (long) (random.nextDouble() * (span + 1)));
        }
    }

    private Planner planner(Lab lab) {
        Objects.requireNonNull(lab, "lab");
        if (kinds.isEmpty()) {
            throw new IllegalStateException("the schedule has no kind of fault: call partitions(), blocks(), "
                    + "loss(min, max) or disconnects() first");
        }
        List<String> names = lab.nodes().stream().filter(n -> !n.interfaces().isEmpty()).map(Node::name).toList();
        if (names.size() < 2) {
            throw new IllegalStateException("a fault schedule needs two nodes plugged into switches, the lab has "
                    + names.size());
        }
        return new Planner(names);
    }

    private Faults with(Kind k) {
        EnumSet<Kind> n = kinds.isEmpty() ? EnumSet.noneOf(Kind.class) : EnumSet.copyOf(kinds);
        n.add(k);
        return new Faults(seed, n, lossMin, lossMax, holdMin, holdMax, calmMin, calmMax);
    }

    private static void checkRange(String what, Duration min, Duration max) {
        if (min == null || max == null || min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException(what + " range must satisfy 0 <= min <= max, got " + min + ".." + max);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a fault schedule", e);
        }
    }

    @Override
    public String toString() {
        return "Faults[seed " + seed + ", " + kinds + "]";
    }
}
