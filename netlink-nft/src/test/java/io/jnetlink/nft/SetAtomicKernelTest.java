package io.jnetlink.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A set of 10,000 addresses (IPv4, and IPv6) replaced by 10,000 others in one transaction changes
 * what passes at once. Namespace {@code b} drops what comes from an address in set {@code blocked}; namespace
 * {@code a} streams UDP to {@code b} from six sources, round after round: three in the old set
 * (first, middle, last) and three in the new one. Every datagram tells which state the set was in
 * when it passed {@code b}'s filter: one from an old-set source arrives only under the new state,
 * one from a new-set source only under the old state. Read in sending order, the states must run
 * old, ..., old, new, ..., new: a single switch. A half-applied set (old elements gone before the
 * new ones are in, or the reverse) shows as datagrams of one round disagreeing, which a control
 * run proves by replacing the set in two steps.
 */
@KernelTest
class SetAtomicKernelTest {
    private static final int SIZE = 10_000;
    private static final int PORT = 7601;

    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    private NetworkNamespace a;
    private NetworkNamespace b;
    private SetSpec blocked;
    private List<SetElement> oldSet;
    private List<SetElement> newSet;
    private final List<String> oldProbes = new ArrayList<>();
    private final List<String> newProbes = new ArrayList<>();

    private boolean v6;

    /** The i-th address of a set whose addresses start after 10.{@code base}.0.0 (fd{@code base}:: for IPv6). */
    private String address(int base, int i) {
        int n = i + 1;
        return v6 ? "fd" + base + "::" + Integer.toHexString(n) : "10." + base + "." + (n >> 8) + "." + (n & 0xFF);
    }

    /** b's address, which a streams to. */
    private String target() {
        return v6 ? "fd09::2" : "10.9.0.2";
    }

    /** Namespaces a and b joined by a veth pair; b drops what comes from the old set ({@code ip|ip6 saddr @blocked drop}). */
    private void twoNamespacesAndTheOldSet(boolean ipv6) {
        v6 = ipv6;
        a = namespaces.create("atom-a");
        b = namespaces.create("atom-b");
        Sh.ip(a.name(), "link", "add", "veth-a", "type", "veth", "peer", "name", "veth-b", "netns", b.name());
        if (v6) {
            Sh.ip(a.name(), "addr", "add", "fd09::1/64", "dev", "veth-a", "nodad");
            Sh.ip(b.name(), "addr", "add", "fd09::2/64", "dev", "veth-b", "nodad");
        } else {
            Sh.ip(a.name(), "addr", "add", "10.9.0.1/24", "dev", "veth-a");
            Sh.ip(b.name(), "addr", "add", "10.9.0.2/24", "dev", "veth-b");
        }
        oldSet = new ArrayList<>();
        newSet = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            oldSet.add(SetElement.of(address(20, i)));
            newSet.add(SetElement.of(address(21, i)));
        }
        for (int i : new int[] {0, SIZE / 2, SIZE - 1}) {
            oldProbes.add(address(20, i));
            newProbes.add(address(21, i));
        }
        for (String p : concat(oldProbes, newProbes)) {
            if (v6) {
                Sh.ip(a.name(), "addr", "add", p + "/128", "dev", "veth-a", "nodad");
            } else {
                Sh.ip(a.name(), "addr", "add", p + "/32", "dev", "veth-a");
            }
        }
        Sh.ip(a.name(), "link", "set", "veth-a", "up");
        Sh.ip(b.name(), "link", "set", "veth-b", "up");
        // a route back to the sources: reverse-path filtering passes them
        Sh.ip(b.name(), "route", "add", v6 ? "fd20::/15" : "10.20.0.0/15", "dev", "veth-b");
        // b's link address known in advance: a's neighbour solicitation from a blocked source would
        // itself be dropped by b's filter (ARP is not, neighbour discovery is IPv6)
        @SuppressWarnings("unchecked")
        String mac = (String) ((Map<String, Object>) Sh.ipJson(b.name(), "link", "show", "veth-b").getFirst())
                .get("address");
        Sh.ip(a.name(), "neigh", "replace", target(), "lladdr", mac, "dev", "veth-a", "nud", "permanent");

        NfTables nft = NfTables.in(b);
        blocked = SetSpec.set(Family.INET, "t", "blocked",
                SetKeyType.of(v6 ? SetDataType.IPV6_ADDR : SetDataType.IPV4_ADDR)).elements(oldSet);
        nft.transaction()
                .createTable(Table.of(Family.INET, "t"))
                .createChain(Chain.base(Family.INET, "t", "in", ChainType.FILTER, Hook.INPUT, 0))
                .addSet(blocked)
                .addRule(RuleSpec.of(Match.inSet("blocked", v6 ? SetField.IP6_SADDR : SetField.IP_SADDR),
                        Statement.drop()).in(Family.INET, "t", "in"))
                .commit();
        assertEquals(SIZE, setSize(), "nft -j lists the old set");
    }

    private static List<String> concat(List<String> x, List<String> y) {
        List<String> all = new ArrayList<>(x);
        all.addAll(y);
        return all;
    }

    @SuppressWarnings("unchecked")
    private int setSize() {
        Map<String, Object> set = NftOracle.objects(b.name(), "set").getFirst();
        Object elem = set.get("elem");
        return elem == null ? 0 : ((List<Object>) elem).size();
    }

    @ParameterizedTest(name = "IPv6 {0}")
    @ValueSource(booleans = {false, true})
    void oneTransactionSwitchesEveryPacketAtOnce(boolean ipv6) throws Exception {
        twoNamespacesAndTheOldSet(ipv6);
        Stream run = stream(() -> NfTables.in(b).transaction().deleteElements(blocked, oldSet)
                .addElements(blocked, newSet).commit());
        List<Boolean> states = run.states();
        int switches = switches(states);
        assertEquals(1, switches, "old, ..., old, new, ..., new in sending order (" + run + ")");
        assertTrue(states.getFirst() == Boolean.FALSE && states.getLast() == Boolean.TRUE, run.toString());

        assertEquals(SIZE, setSize(), "nft -j lists the new set, whole");
        String listed = NftOracle.rulesetText(b.name());
        assertTrue(listed.contains("\"" + newProbes.get(2) + "\""), "a new address is in the set");
        assertFalse(listed.contains("\"" + oldProbes.get(0) + "\""), "an old address is gone");
    }

    /** The control: replacing the set in two steps is seen by the stream (so the check above can fail). */
    @Test
    void twoStepsAreSeen() throws Exception {
        twoNamespacesAndTheOldSet(false);
        Stream run = stream(() -> {
            NfTables nft = NfTables.in(b);
            nft.transaction().deleteElements(blocked, oldSet).commit();
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            nft.transaction().addElements(blocked, newSet).commit();
        });
        assertTrue(switches(run.states()) > 1, "a half-applied set between the steps shows: " + run);
    }

    /** How often consecutive packets disagree on the state. */
    private static int switches(List<Boolean> states) {
        int n = 0;
        for (int i = 1; i < states.size(); i++) {
            if (!states.get(i).equals(states.get(i - 1))) {
                n++;
            }
        }
        return n;
    }

    /**
     * What a stream saw: per datagram in sending order, the set state it passed under (false: old,
     * true: new), and the round the update was made in.
     */
    private record Stream(List<Boolean> states, int rounds, int updateRound, int received) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(rounds + " rounds of 6, update in round " + updateRound + ", received "
                    + received + "; states around the switches: ");
            for (int i = 1; i < states.size(); i++) {
                if (!states.get(i).equals(states.get(i - 1))) {
                    sb.append(" #").append(i).append(':').append(states.get(i - 1) ? 'N' : 'O')
                            .append(states.get(i) ? 'N' : 'O');
                    if (sb.length() > 600) {
                        break;
                    }
                }
            }
            return sb.toString();
        }
    }

    /** Streams rounds from every probe for about 1.2 s, running {@code update} after 0.4 s. */
    private Stream stream(Runnable update) throws Exception {
        List<String> probes = concat(oldProbes, newProbes);
        DatagramSocket rx = b.run(() -> {
            DatagramSocket s = new DatagramSocket(null);
            s.setReceiveBufferSize(8 << 20);
            s.bind(new InetSocketAddress(InetAddress.ofLiteral(target()), PORT));
            s.setSoTimeout(1000);
            return s;
        });
        BitSet seen = new BitSet();
        AtomicInteger received = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean sent = new java.util.concurrent.atomic.AtomicBoolean();
        // own threads: the common pool may have a single thread on a small machine
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        CompletableFuture<Void> receiver = CompletableFuture.runAsync(() -> {
            byte[] buf = new byte[16];
            while (true) {
                try {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    rx.receive(p);
                    seen.set(ByteBuffer.wrap(buf).getInt());
                    received.incrementAndGet();
                } catch (SocketTimeoutException e) {
                    if (sent.get()) {
                        return; // quiet for a second after the last datagram: all are in
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }, pool);
        AtomicInteger updateRound = new AtomicInteger(-1);
        AtomicInteger round = new AtomicInteger();
        int rounds;
        try (rx) {

            CompletableFuture<Integer> sender = CompletableFuture.supplyAsync(() -> a.run(() -> {
                List<DatagramSocket> tx = new ArrayList<>();
                try {
                    for (String p : probes) {
                        DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.ofLiteral(p), 0));
                        tx.add(s);
                    }
                    InetSocketAddress to = new InetSocketAddress(InetAddress.ofLiteral(target()), PORT);
                    long end = System.nanoTime() + 1_200_000_000L;
                    int r = 0;
                    while (System.nanoTime() < end) {
                        for (int i = 0; i < tx.size(); i++) {
                            byte[] msg = ByteBuffer.allocate(4).putInt(r * tx.size() + i).array();
                            tx.get(i).send(new DatagramPacket(msg, msg.length, to));
                        }
                        round.set(++r);
                        long due = System.nanoTime() + 150_000;
                        while (System.nanoTime() < due) {
                            Thread.onSpinWait();
                        }
                    }
                    return r;
                } finally {
                    tx.forEach(DatagramSocket::close);
                }
            }), pool);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (round.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5); // the sender's thread in a is up
            }
            Thread.sleep(400);
            updateRound.set(round.get());
            update.run();
            try {
                rounds = sender.get(30, TimeUnit.SECONDS);
            } finally {
                sent.set(true);
            }
            receiver.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        List<Boolean> states = new ArrayList<>(rounds * probes.size());
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < probes.size(); i++) {
                boolean arrived = seen.get(r * probes.size() + i);
                boolean oldSource = i < oldProbes.size();
                // an old-set source passes only under the new state; a new-set source only under the old
                states.add(oldSource == arrived);
            }
        }
        Stream st = new Stream(states, rounds, updateRound.get(), received.get());
        // half of the datagrams pass under either state; far fewer means the path itself lost some
        assertTrue(received.get() >= rounds * probes.size() / 2 - probes.size(), "datagrams lost on the way: " + st);
        return st;
    }
}
