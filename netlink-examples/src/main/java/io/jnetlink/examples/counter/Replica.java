package io.jnetlink.examples.counter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One replica of a small replicated counter: a leader-based protocol in the manner of Raft, over
 * TCP, written for the fault-testing examples (not for production).
 *
 * <p>The replicated state is one number, {@code value}, at a {@code version} (how many changes
 * made it) written in term {@code versionTerm}. A replica that hears no leader for an election
 * timeout becomes a candidate for the next term and asks the others for votes; a voter grants one
 * vote per term, and only to a candidate whose {@code (versionTerm, version)} is at least its own,
 * so a new leader holds every committed change. The leader sends its whole state to each follower
 * every heartbeat (state transfer instead of a log: the state is one number), counts a version
 * committed once a majority holds it and it was written in the leader's own term (Raft's rule;
 * a new leader writes a no-op version first), and answers a client's increment only then. A
 * follower forwards a client's increment to the leader it knows.
 *
 * <p>Wire protocol, one line per message, one connection per peer kept open:
 * <pre>
 * VOTE term candidate versionTerm version         -> VOTED term granted(0|1)
 * STATE term leader version versionTerm value commit -> ACK term version
 * INC                                             -> OK value | FAIL reason
 * GET                                             -> AT term role leader version value commit
 * </pre>
 *
 * <p>Every thread comes from the given {@link Threads} (in a lab: the node's service context), so
 * the replica's sockets live wherever its threads do.
 */
public final class Replica {
    /** Starts threads that belong to the replica (in a lab: inside its node). */
    @FunctionalInterface
    public interface Threads {
        /** Starts {@code body} on a new thread named {@code name}. */
        void start(String name, Runnable body);
    }

    /**
     * Timing.
     *
     * @param heartbeat       how often the leader sends its state
     * @param electionMin     the shortest election timeout (each wait draws between min and max)
     * @param electionMax     the longest
     * @param rpcTimeout      how long a peer's reply may take before its connection is dropped
     * @param clientTimeout   how long an increment may wait for its commit
     */
    public record Timing(Duration heartbeat, Duration electionMin, Duration electionMax, Duration rpcTimeout,
                         Duration clientTimeout) {
        /** For a healthy network: leaders fail over in about a second. */
        public static final Timing FAST = new Timing(Duration.ofMillis(50), Duration.ofMillis(400),
                Duration.ofMillis(800), Duration.ofMillis(250), Duration.ofSeconds(1));
        /** For a lossy network, where TCP retransmits (200 ms and more) hold messages up. */
        public static final Timing LOSSY = new Timing(Duration.ofMillis(100), Duration.ofMillis(2500),
                Duration.ofMillis(5000), Duration.ofMillis(1500), Duration.ofSeconds(6));
    }

    /** What {@code GET} reports. */
    public record State(long term, String role, int leader, long version, long value, long commit) {
        static State parse(String line) {
            String[] f = line.split(" ");
            if (f.length != 7 || !f[0].equals("AT")) {
                throw new IllegalArgumentException("not a state: " + line);
            }
            return new State(Long.parseLong(f[1]), f[2], Integer.parseInt(f[3]), Long.parseLong(f[4]),
                    Long.parseLong(f[5]), Long.parseLong(f[6]));
        }
    }

    private enum Role { FOLLOWER, CANDIDATE, LEADER }

    private final int id;
    private final List<InetSocketAddress> members;
    private final Timing timing;
    private final Object lock = new Object();
    /** Connections accepted, closed when serving ends (a blocked read ignores interruption). */
    private final java.util.Set<Socket> accepted = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    // Raft state, guarded by lock.
    private long term;
    private int votedFor = -1;
    private Role role = Role.FOLLOWER;
    private int leader = -1;
    private long version;
    private long versionTerm;
    private long value;
    private long commit;
    /** The no-op version this replica wrote when it last became leader. */
    private long termStart;
    private long lastHeard = System.nanoTime();
    private long electionTimeout;
    private final boolean[] votes;
    private final long[] matched;

    /**
     * A replica.
     *
     * @param id      its index in {@code members}
     * @param members every replica's address, this one's included, the same list on every replica
     */
    public Replica(int id, List<InetSocketAddress> members, Timing timing) {
        if (id < 0 || id >= members.size()) {
            throw new IllegalArgumentException("replica id " + id + " outside 0.." + (members.size() - 1));
        }
        this.id = id;
        this.members = List.copyOf(members);
        this.timing = timing;
        this.votes = new boolean[members.size()];
        this.matched = new long[members.size()];
        this.electionTimeout = drawTimeout();
    }

    /**
     * Serves on {@code server} (bound by the caller) until it is closed: accepts clients and peers,
     * and runs the election timer and one sender per peer on threads from {@code threads}.
     */
    public void serve(ServerSocket server, Threads threads) throws IOException {
        threads.start("timer", this::timerLoop);
        for (int p = 0; p < members.size(); p++) {
            if (p != id) {
                int peer = p;
                threads.start("peer" + p, () -> peerLoop(peer));
            }
        }
        try {
            while (true) {
                Socket s = server.accept();
                accepted.add(s);
                threads.start("conn", () -> handle(s));
            }
        } finally {
            stopped = true;
            synchronized (lock) {
                lock.notifyAll();
            }
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    /** The replica's state now. */
    public State state() {
        synchronized (lock) {
            return new State(term, role.name(), leader, version, value, commit);
        }
    }

    // ---- election ------------------------------------------------------------------------------

    private long drawTimeout() {
        long min = timing.electionMin().toNanos();
        return min + ThreadLocalRandom.current().nextLong(timing.electionMax().toNanos() - min + 1);
    }

    private void timerLoop() {
        while (!stopped) {
            synchronized (lock) {
                if (role != Role.LEADER && System.nanoTime() - lastHeard > electionTimeout) {
                    term++;
                    role = Role.CANDIDATE;
                    votedFor = id;
                    leader = -1;
                    java.util.Arrays.fill(votes, false);
                    votes[id] = true;
                    lastHeard = System.nanoTime();
                    electionTimeout = drawTimeout();
                    lock.notifyAll(); // wakes the peer senders to ask for votes
                }
            }
            if (!pause(10)) {
                return;
            }
        }
    }

    /** Call with the lock held: a message of a later term makes this replica a follower of it. */
    private void observe(long otherTerm) {
        if (otherTerm > term) {
            term = otherTerm;
            votedFor = -1;
            role = Role.FOLLOWER;
            leader = -1;
            lock.notifyAll();
        }
    }

    private int majority() {
        return members.size() / 2 + 1;
    }

    // ---- the sender to one peer ----------------------------------------------------------------

    private void peerLoop(int peer) {
        Link link = new Link(members.get(peer));
        try {
            while (!stopped) {
                String request;
                long sentTerm;
                synchronized (lock) {
                    while (!stopped && !(role == Role.LEADER || role == Role.CANDIDATE && !votes[peer])) {
                        waitLock(timing.heartbeat().toMillis());
                    }
                    if (stopped) {
                        return;
                    }
                    sentTerm = term;
                    request = role == Role.LEADER
                            ? "STATE " + term + " " + id + " " + version + " " + versionTerm + " " + value + " " + commit
                            : "VOTE " + term + " " + id + " " + versionTerm + " " + version;
                }
                String reply = link.call(request);
                synchronized (lock) {
                    if (reply != null) {
                        onReply(peer, sentTerm, reply);
                    }
                    if (role == Role.LEADER && !stopped) {
                        waitLock(timing.heartbeat().toMillis());
                    }
                }
                if (reply == null && !pause(timing.heartbeat().toMillis())) {
                    return; // unreachable: try again a heartbeat later
                }
            }
        } finally {
            link.close();
        }
    }

    /** Call with the lock held. */
    private void onReply(int peer, long sentTerm, String reply) {
        String[] f = reply.split(" ");
        long t = Long.parseLong(f[1]);
        observe(t);
        if (term != sentTerm) {
            return; // an answer to an older term's question
        }
        if (f[0].equals("VOTED") && role == Role.CANDIDATE && f[2].equals("1")) {
            votes[peer] = true;
            int n = 0;
            for (boolean v : votes) {
                n += v ? 1 : 0;
            }
            if (n >= majority()) {
                role = Role.LEADER;
                leader = id;
                java.util.Arrays.fill(matched, 0);
                // A no-op version of this term: only a version of its own term may be counted
                // committed by replication (Raft's rule), and this one carries all before it.
                version++;
                versionTerm = term;
                termStart = version;
                matched[id] = version;
                lock.notifyAll();
            }
        } else if (f[0].equals("ACK") && role == Role.LEADER) {
            matched[peer] = Math.max(matched[peer], Long.parseLong(f[2]));
            advanceCommit();
        }
    }

    /**
     * Call with the lock held: commits the highest version a majority holds, if this leader wrote
     * it (every version from {@link #termStart} on is the leader's own, of this term).
     */
    private void advanceCommit() {
        long[] m = matched.clone();
        m[id] = version;
        java.util.Arrays.sort(m);
        long held = m[m.length - majority()];
        if (held > commit && held >= termStart) {
            commit = held;
            lock.notifyAll();
        }
    }

    // ---- the server side -----------------------------------------------------------------------

    private void handle(Socket s) {
        try (s) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            Writer out = new OutputStreamWriter(s.getOutputStream(), StandardCharsets.US_ASCII);
            String line;
            while ((line = in.readLine()) != null) {
                out.write(answer(line) + "\n");
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            // the peer or client went away; it reconnects if it wants more
        } finally {
            accepted.remove(s);
        }
    }

    private String answer(String line) {
        String[] f = line.split(" ");
        switch (f[0]) {
            case "VOTE" -> {
                synchronized (lock) {
                    long t = Long.parseLong(f[1]);
                    int candidate = Integer.parseInt(f[2]);
                    observe(t);
                    long cTerm = Long.parseLong(f[3]);
                    long cVersion = Long.parseLong(f[4]);
                    boolean upToDate = cTerm > versionTerm || cTerm == versionTerm && cVersion >= version;
                    boolean grant = t == term && (votedFor == -1 || votedFor == candidate) && upToDate;
                    if (grant) {
                        votedFor = candidate;
                        lastHeard = System.nanoTime();
                    }
                    return "VOTED " + term + " " + (grant ? 1 : 0);
                }
            }
            case "STATE" -> {
                synchronized (lock) {
                    long t = Long.parseLong(f[1]);
                    observe(t);
                    if (t < term) {
                        return "ACK " + term + " 0"; // a deposed leader: it learns the term from this
                    }
                    role = Role.FOLLOWER;
                    leader = Integer.parseInt(f[2]);
                    lastHeard = System.nanoTime();
                    version = Long.parseLong(f[3]);
                    versionTerm = Long.parseLong(f[4]);
                    value = Long.parseLong(f[5]);
                    commit = Math.min(version, Math.max(commit, Long.parseLong(f[6])));
                    return "ACK " + term + " " + version;
                }
            }
            case "INC" -> {
                return increment();
            }
            case "GET" -> {
                State st = state();
                return "AT " + st.term() + " " + st.role() + " " + st.leader() + " " + st.version() + " " + st.value()
                        + " " + st.commit();
            }
            default -> {
                return "FAIL unknown request " + f[0];
            }
        }
    }

    private String increment() {
        long deadline = System.nanoTime() + timing.clientTimeout().toNanos();
        int forwardTo;
        synchronized (lock) {
            if (role == Role.LEADER) {
                version++;
                versionTerm = term;
                value++;
                long mine = version;
                long myTerm = term;
                lock.notifyAll(); // the senders carry it at once
                while (commit < mine) {
                    if (term != myTerm || role != Role.LEADER) {
                        return "FAIL lost leadership";
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || stopped) {
                        return "FAIL timeout";
                    }
                    waitLock(Math.max(1, left / 1_000_000));
                }
                return "OK " + value;
            }
            forwardTo = leader;
        }
        if (forwardTo < 0) {
            return "FAIL no leader";
        }
        String reply = Client.call(members.get(forwardTo), "INC", Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        return reply == null ? "FAIL leader unreachable" : reply;
    }

    // ---- small helpers -------------------------------------------------------------------------

    private void waitLock(long millis) {
        try {
            lock.wait(Math.max(1, millis));
        } catch (InterruptedException e) {
            stopped = true;
            Thread.currentThread().interrupt();
        }
    }

    private boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return !stopped;
        } catch (InterruptedException e) {
            stopped = true;
            return false;
        }
    }

    /** A kept-open connection to one peer: a request line out, a reply line back, or null. */
    private final class Link {
        private final InetSocketAddress to;
        private Socket socket;
        private BufferedReader in;
        private Writer out;

        Link(InetSocketAddress to) {
            this.to = to;
        }

        String call(String request) {
            try {
                if (socket == null) {
                    socket = new Socket();
                    socket.setTcpNoDelay(true);
                    socket.connect(to, (int) timing.rpcTimeout().toMillis());
                    socket.setSoTimeout((int) timing.rpcTimeout().toMillis());
                    in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                    out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII);
                }
                out.write(request + "\n");
                out.flush();
                String reply = in.readLine();
                if (reply == null) {
                    close();
                }
                return reply;
            } catch (IOException e) {
                close(); // a reply that comes later would answer the wrong request: start afresh
                return null;
            }
        }

        void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // going anyway
                }
                socket = null;
            }
        }
    }

    @Override
    public String toString() {
        return "Replica[" + id + " " + state() + "]";
    }

    /** The replicas' addresses as a list, for {@link #Replica}. */
    public static List<InetSocketAddress> members(List<java.net.InetAddress> addresses, int port) {
        List<InetSocketAddress> m = new ArrayList<>();
        for (java.net.InetAddress a : addresses) {
            m.add(new InetSocketAddress(a, port));
        }
        return m;
    }
}
