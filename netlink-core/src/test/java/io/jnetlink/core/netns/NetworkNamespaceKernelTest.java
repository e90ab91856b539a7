package io.jnetlink.core.netns;

import static io.jnetlink.core.codec.Netlink.NETLINK_ROUTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.NoSuchNamespaceException;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.ProcSelf;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Network namespaces against the real kernel, with iproute2, ss and sysctl(8) as the oracles.
 * Only namespaces of the test's own are touched; the JVM's own namespace is only read.
 */
@KernelTest
class NetworkNamespaceKernelTest {
    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    /** The names {@code ip netns list} shows. */
    static List<String> ipNetnsList() {
        List<String> names = new ArrayList<>();
        for (String line : Sh.run("ip", "netns", "list").split("\n")) {
            if (!line.isBlank()) {
                names.add(line.strip().split(" ")[0]);
            }
        }
        return names;
    }

    /** Whether {@code ss -ltnH} output has a listener on addr:port (IPv4-mapped and bracketed forms too). */
    static boolean listens(String ssOutput, String addr, int port) {
        for (String line : ssOutput.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 4 && f[3].endsWith(":" + port) && (f[3].startsWith(addr + ":")
                    || f[3].equals("[" + addr + "]:" + port) || f[3].equals("[::ffff:" + addr + "]:" + port))) {
                return true;
            }
        }
        return false;
    }

    // ---- iproute2 compatibility, both ways ------------------------------------------------------

    @Test
    void namespaceMadeByTheLibraryIsUsableByIproute2AndDeletedByIt() {
        NetworkNamespace ns = namespaces.create("lib");
        assertTrue(ns.isOwned());
        assertTrue(ipNetnsList().contains(ns.name()), "ip netns list shows " + ns.name());
        assertTrue(NetworkNamespace.list().contains(ns.name()));

        Sh.ip(ns.name(), "link", "add", "v-lib0", "type", "veth", "peer", "name", "v-lib1");
        assertEquals(Set.of("lo", "v-lib0", "v-lib1"), NetlinkLinks.ip(ns.name()));
        assertEquals(NetlinkLinks.ip(ns.name()), NetlinkLinks.dump(ns.socket(NETLINK_ROUTE)));

        Sh.run("ip", "netns", "del", ns.name());
        assertFalse(NetworkNamespace.list().contains(ns.name()));
        assertFalse(NetworkNamespace.exists(ns.name()));
        // The handle's descriptor keeps the namespace alive, but it is unreachable for everyone
        // else now: using it must fail, also through the socket opened before.
        NoSuchNamespaceException e = assertThrows(NoSuchNamespaceException.class, () -> ns.socket(NETLINK_ROUTE));
        assertTrue(e.getMessage().contains(ns.name()) && e.getMessage().contains("deleted"), e.getMessage());
        assertThrows(NoSuchNamespaceException.class, () -> ns.run(() -> 1));
        assertThrows(NoSuchNamespaceException.class, () -> ns.sysctl("net.ipv4.ip_forward"));
        assertThrows(NoSuchNamespaceException.class, () -> ns.exec("true"));
        assertThrows(NoSuchNamespaceException.class, ns::ensureAlive);
        assertThrows(NoSuchNamespaceException.class, ns::delete);
        assertThrows(NoSuchNamespaceException.class, () -> NetworkNamespace.open(ns.name()));
        ns.close(); // owned, gone already: nothing to do, no exception
    }

    @Test
    void namespaceMadeByIproute2OpensInTheLibraryAndIsDeletedByIt() {
        String name = namespaces.createWithIp("ip");
        Sh.ip(name, "link", "add", "v-ip0", "type", "veth", "peer", "name", "v-ip1");
        assertTrue(NetworkNamespace.list().contains(name));
        try (NetworkNamespace ns = NetworkNamespace.open(name)) {
            assertFalse(ns.isOwned());
            Set<String> links = NetlinkLinks.dump(ns.socket(NETLINK_ROUTE));
            assertEquals(Set.of("lo", "v-ip0", "v-ip1"), links);
            assertEquals(NetlinkLinks.ip(name), links);
            // the thread that ran the code really was in that namespace
            assertEquals(ProcSelf.netnsOf(Path.of("/run/netns", name)), ns.run(ProcSelf::threadNetns));

            NetworkNamespace.delete(name);
            assertFalse(ipNetnsList().contains(name), "ip netns list no longer shows " + name);
            assertFalse(Files.exists(Path.of("/run/netns", name)));
            assertThrows(NoSuchNamespaceException.class, () -> ns.run(() -> 1));
            assertThrows(NoSuchNamespaceException.class, () -> ns.socket(NETLINK_ROUTE));
        }
        assertNotEquals(0, Sh.exec("ip", "netns", "exec", name, "true").exit(), "ip cannot enter it any more");
    }

    @Test
    void handleToANameThatWasDeletedAndMadeAgainRefusesAndDoesNotDeleteTheNewOne() {
        NetworkNamespace ns = namespaces.create("again");
        Sh.run("ip", "netns", "del", ns.name());
        TestNamespaces.ipNetnsAdd(ns.name());
        Sh.ip(ns.name(), "link", "add", "v-new0", "type", "veth", "peer", "name", "v-new1");
        NoSuchNamespaceException e = assertThrows(NoSuchNamespaceException.class, () -> ns.run(() -> 1));
        assertTrue(e.getMessage().contains("another namespace"), e.getMessage());
        ns.close(); // owned, but the name now belongs to another namespace: it must survive
        assertTrue(ipNetnsList().contains(ns.name()));
        assertEquals(Set.of("lo", "v-new0", "v-new1"), NetlinkLinks.ip(ns.name()));
    }

    // ---- handle semantics -----------------------------------------------------------------------

    @Test
    void closeDeletesOwnedKeepPreventsItOpenedHandlesNeverDelete() {
        String owned = namespaces.name("own");
        NetworkNamespace a = NetworkNamespace.create(owned);
        a.socket(NETLINK_ROUTE);
        a.close();
        assertFalse(ipNetnsList().contains(owned), "close() of the creating handle deletes");
        a.close(); // idempotent

        String kept = namespaces.name("kept");
        try (NetworkNamespace b = NetworkNamespace.create(kept)) {
            assertSame(b, b.keep());
            assertFalse(b.isOwned());
        }
        assertTrue(ipNetnsList().contains(kept), "keep() leaves it in place");

        NetworkNamespace c = NetworkNamespace.open(kept);
        c.run(() -> 1);
        c.close();
        c.close();
        assertTrue(ipNetnsList().contains(kept), "close() of an opened handle does not delete");

        try (NetworkNamespace d = NetworkNamespace.open(kept)) {
            d.delete();
            assertFalse(ipNetnsList().contains(kept), "delete() deletes an opened one");
            IllegalStateException e = assertThrows(IllegalStateException.class, d::delete);
            assertTrue(e.getMessage().contains(kept), e.getMessage());
        }
    }

    @Test
    void closeWhileCodeRunsInsideKeepsTheDescriptorUntilItEnds() throws Exception {
        String name = namespaces.createWithIp("busy");
        String identity = ProcSelf.netnsOf(Path.of("/run/netns", name));
        NetworkNamespace ns = NetworkNamespace.open(name);
        Path fdLink = Path.of("/proc/self/fd/" + ns.fd());
        java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CompletableFuture<String> ran = new java.util.concurrent.CompletableFuture<>();
        Thread.ofPlatform().start(() -> {
            try {
                ran.complete(ns.run(() -> {
                    inside.countDown();
                    release.await();
                    return ProcSelf.threadNetns();
                }));
            } catch (Throwable e) {
                ran.completeExceptionally(e);
            }
        });
        try {
            assertTrue(inside.await(10, TimeUnit.SECONDS));
            ns.close();
            assertThrows(IllegalStateException.class, () -> ns.run(() -> 1), "closed for new calls");
            assertEquals(identity, ProcSelf.netnsOf(fdLink), "the descriptor stays open while in use");
        } finally {
            release.countDown();
        }
        assertEquals(identity, ran.get(10, TimeUnit.SECONDS));
        assertFalse(Files.exists(fdLink) && ProcSelf.netnsOf(fdLink).equals(identity), "closed after the last use");
        assertTrue(ipNetnsList().contains(name), "an opened handle's close() does not delete");

        // withFd: the same for requests that name the namespace by descriptor
        NetworkNamespace again = NetworkNamespace.open(name);
        String seen = again.withFd(fd -> {
            again.close();
            return ProcSelf.netnsOf(Path.of("/proc/self/fd/" + fd));
        });
        assertEquals(identity, seen);
        assertThrows(IllegalStateException.class, () -> again.withFd(fd -> fd));
    }

    @Test
    void codeRunsOnAFreshPlatformThreadThatEndsNeverOnTheCallerOrAPooledOne() throws Exception {
        NetworkNamespace ns = namespaces.create("fresh");
        List<Thread> ran = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> callers = new ArrayList<>();
        Runnable caller = () -> {
            for (int i = 0; i < 10; i++) {
                Thread me = Thread.currentThread();
                Thread t = ns.run(Thread::currentThread);
                assertNotEquals(me, t);
                ran.add(t);
            }
        };
        callers.add(Thread.ofVirtual().start(caller));
        callers.add(Thread.ofPlatform().start(caller));
        for (Thread c : callers) {
            c.join();
        }
        assertEquals(20, ran.size());
        assertEquals(20, new java.util.HashSet<>(ran).size(), "a new thread for every call");
        for (Thread t : ran) {
            assertFalse(t.isVirtual(), t + " is a platform thread");
            t.join(5000);
            assertFalse(t.isAlive(), t + " ended after its call");
        }
    }

    @Test
    void everyOperationAfterCloseIsRefusedNamingTheNamespace() {
        NetworkNamespace ns = namespaces.create("closed");
        String name = ns.name();
        ns.keep().close();
        List<org.junit.jupiter.api.function.Executable> ops = List.of(
                () -> ns.socket(NETLINK_ROUTE), () -> ns.openSocket(NETLINK_ROUTE), () -> ns.run(() -> 1),
                () -> ns.run(() -> { }), () -> ns.exec("true"), () -> ns.start(new ProcessBuilder("true")),
                () -> ns.sysctl("net.ipv4.ip_forward"), () -> ns.sysctl("net.ipv4.ip_forward", "1"),
                ns::fd, ns::ensureAlive, ns::delete);
        for (var op : ops) {
            IllegalStateException e = assertThrows(IllegalStateException.class, op);
            assertTrue(e.getMessage().contains(name) && e.getMessage().contains("closed"), e.getMessage());
        }
        assertTrue(ipNetnsList().contains(name), "closing a kept handle left it in place");
        assertEquals("0", Sh.inNs(name, "sysctl", "-n", "net.ipv4.ip_forward").ok().out().strip(),
                "the refused write did not happen");
    }

    @Test
    void selfMeansTheOriginalNamespaceEvenFromInsideAnother() {
        String original = ProcSelf.netns();
        NetworkNamespace ns = namespaces.create("selfish");
        String inside = ns.run(() -> NetworkNamespace.self().run(ProcSelf::threadNetns));
        assertEquals(original, inside);
        assertEquals(ProcSelf.netnsOf(Path.of("/run/netns", ns.name())), ns.run(ProcSelf::threadNetns));
        assertNotEquals(original, ns.run(ProcSelf::threadNetns));
        assertTrue(NetworkNamespace.self().isSelf());
        assertThrows(UnsupportedOperationException.class, () -> NetworkNamespace.self().delete());
        NetworkNamespace.self().close(); // does nothing
        assertEquals(original, NetworkNamespace.self().run(ProcSelf::threadNetns));
    }

    @Test
    void theLibrarysOwnHopsReuseAFewWorkersThatWaitAtHome() {
        String original = ProcSelf.netns();
        NetworkNamespace outer = namespaces.create("outer");
        // Made from a thread inside another namespace: the new one is new, not that one nor ours,
        // and its socket and sysctls (opened and read by the workers) are its own.
        NetworkNamespace inner = outer.run(() -> namespaces.create("inner"));
        String innerId = ProcSelf.netnsOf(Path.of("/run/netns", inner.name()));
        assertNotEquals(original, innerId);
        assertNotEquals(ProcSelf.netnsOf(Path.of("/run/netns", outer.name())), innerId);
        Sh.exec("ip", "netns", "exec", inner.name(), "sh", "-c", "echo 77 > /proc/sys/net/ipv4/ip_default_ttl");
        assertEquals("77", outer.run(() -> inner.sysctl("net.ipv4.ip_default_ttl")));
        assertEquals("64", outer.sysctl("net.ipv4.ip_default_ttl"));
        for (int i = 0; i < 12; i++) {
            namespaces.create("w" + i).sysctl("net.ipv4.ip_forward");
        }
        java.util.Map<String, String> workers = new java.util.TreeMap<>();
        ProcSelf.allThreadsNetns(true).forEach((thread, ns) -> {
            if (thread.contains("netns-worker")) {
                workers.put(thread, ns);
            }
        });
        if (NamespaceThreads.ONE_WAY) {
            // Rootless no thread can come back, so none is reused: each hop's thread has ended.
            assertEquals(java.util.Map.of(), workers, "rootless hops keep no workers");
        } else {
            assertTrue(!workers.isEmpty() && workers.size() <= NamespaceThreads.WORKER_COUNT,
                    "14 creates and 14 sysctl reads reuse at most " + NamespaceThreads.WORKER_COUNT + " workers: "
                            + workers);
        }
        // Either way no thread of the JVM is left in a foreign namespace.
        ProcSelf.allThreadsNetns(true).forEach((thread, ns) ->
                assertEquals(original, ns, thread + " is outside the JVM's namespace"));
    }

    // ---- code and programs inside -----------------------------------------------------------------

    @Test
    void tcpBetweenTwoNamespacesOverVethUnreachableFromTheJvmsOwn() throws Exception {
        NetworkNamespace server = namespaces.create("srv");
        NetworkNamespace client = namespaces.create("cli");
        String s = server.name();
        String c = client.name();
        Sh.ip(s, "link", "add", "v-srv", "type", "veth", "peer", "name", "v-cli", "netns", c);
        Sh.ip(s, "addr", "add", "10.77.0.1/24", "dev", "v-srv");
        Sh.ip(s, "addr", "add", "fd77::1/64", "dev", "v-srv", "nodad");
        Sh.ip(c, "addr", "add", "10.77.0.2/24", "dev", "v-cli");
        Sh.ip(c, "addr", "add", "fd77::2/64", "dev", "v-cli", "nodad");
        for (String[] nsDev : new String[][] {{s, "v-srv"}, {s, "lo"}, {c, "v-cli"}, {c, "lo"}}) {
            Sh.ip(nsDev[0], "link", "set", nsDev[1], "up");
        }

        for (String[] pair : new String[][] {{"10.77.0.1", "10.77.0.2"}, {"fd77::1", "fd77::2"}}) {
            InetAddress listenOn = InetAddress.getByName(pair[0]);
            try (ServerSocket listener = server.run(() -> new ServerSocket(0, 50, listenOn))) {
                int port = listener.getLocalPort();
                String local = pair[0] + " port " + port;

                // Listening there, and only there: ss in each namespace, no traffic from the JVM's.
                String ssThere = Sh.inNs(s, "ss", "-ltnH").ok().out();
                assertTrue(listens(ssThere, pair[0], port), "ss in " + s + " shows " + local + ":\n" + ssThere);
                String ssHere = Sh.run("ss", "-ltnH");
                assertFalse(listens(ssHere, pair[0], port), "the JVM's namespace has no listener " + local);
                assertFalse(listens(Sh.inNs(c, "ss", "-ltnH").ok().out(), pair[0], port));

                try (Socket out = client.run(() -> {
                        Socket sock = new Socket();
                        sock.connect(new InetSocketAddress(listenOn, port), 5000);
                        return sock;
                    });
                     Socket in = listener.accept()) {
                    assertEquals(InetAddress.getByName(pair[1]), in.getInetAddress(), "the peer is the client namespace");
                    OutputStream o = out.getOutputStream();
                    o.write("ping".getBytes(StandardCharsets.US_ASCII));
                    o.flush();
                    InputStream i = in.getInputStream();
                    assertEquals("ping", new String(i.readNBytes(4), StandardCharsets.US_ASCII));
                    in.getOutputStream().write("pong".getBytes(StandardCharsets.US_ASCII));
                    assertEquals("pong", new String(out.getInputStream().readNBytes(4), StandardCharsets.US_ASCII));
                }
            }
        }

        // The JVM's namespace has no address or route in the test networks (read only).
        String addrs = Sh.run("ip", "-j", "addr");
        String routes = Sh.run("ip", "-j", "route") + Sh.run("ip", "-j", "-6", "route");
        for (String prefix : List.of("\"10.77.0.", "\"fd77:")) {
            assertFalse(addrs.contains(prefix), "no " + prefix + " address in the JVM's namespace");
            assertFalse(routes.contains(prefix), "no " + prefix + " route in the JVM's namespace");
        }
    }

    @Test
    void execRunsAProgramThatSeesOnlyThatNamespacesLinks() throws Exception {
        NetworkNamespace ns = namespaces.create("exec");
        Sh.ip(ns.name(), "link", "add", "only-here0", "type", "veth", "peer", "name", "only-here1");
        Process p = ns.exec("ip", "-j", "link");
        p.getOutputStream().close();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        Set<String> seen = NetlinkLinks.names(out);
        assertEquals(Set.of("lo", "only-here0", "only-here1"), seen);
        assertEquals(NetlinkLinks.ip(ns.name()), seen);
        Set<String> hostLinks = NetlinkLinks.names(Sh.run("ip", "-j", "link"));
        for (String h : hostLinks) {
            assertTrue(h.equals("lo") || !seen.contains(h), "the JVM's link " + h + " is not seen inside");
        }
        assertFalse(hostLinks.contains("only-here0"));

        // start(ProcessBuilder) keeps the builder's settings (here: merged stderr)
        Process q = ns.start(new ProcessBuilder("sh", "-c", "readlink /proc/self/ns/net; echo err >&2")
                .redirectErrorStream(true));
        String qOut = new String(q.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, q.waitFor());
        assertEquals(ProcSelf.netnsOf(Path.of("/run/netns", ns.name())) + "\nerr\n", qOut);

        // Directory and environment of the builder are kept.
        ProcessBuilder env = new ProcessBuilder("sh", "-c", "echo $JNL_MARK; pwd").directory(new java.io.File("/tmp"));
        env.environment().put("JNL_MARK", "marked");
        assertEquals("marked\n/tmp\n", new String(ns.start(env).getInputStream().readAllBytes(), StandardCharsets.UTF_8));

        java.io.UncheckedIOException missing = assertThrows(java.io.UncheckedIOException.class,
                () -> ns.exec("no-such-program-jnl"));
        assertTrue(missing.getMessage().contains("no-such-program-jnl"), missing.getMessage());
    }

    @Test
    void startingProgramsLeavesNoJvmThreadInTheNamespace() throws Exception {
        // The JDK starts a pooled "process reaper" thread from the thread that starts a process;
        // it must not be a thread inside the namespace. Waiting from virtual threads too: their
        // wake-up comes from that reaper.
        String original = ProcSelf.netns();
        NetworkNamespace ns = namespaces.create("reaper");
        List<Thread> waiters = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            waiters.add(Thread.ofVirtual().start(() -> {
                try {
                    Process p = ns.exec("sleep", "0.2");
                    assertEquals(0, p.waitFor());
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }));
        }
        Thread.sleep(100);
        assertEquals(java.util.Map.of(), foreignThreads(original), "while the programs run");
        for (Thread t : waiters) {
            t.join();
        }
        assertEquals(java.util.Map.of(), foreignThreads(original), "after they ended");
    }

    static java.util.Map<String, String> foreignThreads(String original) {
        java.util.Map<String, String> foreign = new java.util.TreeMap<>();
        ProcSelf.allThreadsNetns(true).forEach((thread, ns) -> {
            if (!ns.equals(original)) {
                foreign.put(thread, ns);
            }
        });
        return foreign;
    }

    // ---- sysctl ---------------------------------------------------------------------------------

    /** A procfs file read to EOF (Files.readString can stop after one byte there). */
    private static String readProc(Path p) throws java.io.IOException {
        try (java.io.InputStream in = Files.newInputStream(p)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).strip();
        }
    }

    @Test
    void sysctlWritesInTheNamespaceOnly() throws Exception {
        Path hostV4 = Path.of("/proc/sys/net/ipv4/ip_forward");
        Path hostV6 = Path.of("/proc/sys/net/ipv6/conf/all/forwarding");
        String v4Before = readProc(hostV4); // read only: never written here
        String v6Before = readProc(hostV6);
        NetworkNamespace a = namespaces.create("fwd");
        NetworkNamespace b = namespaces.create("nofwd");
        assertEquals("0", a.sysctl("net.ipv4.ip_forward"));

        a.sysctl("net.ipv4.ip_forward", "1");
        a.sysctl("net/ipv6/conf/all/forwarding", "1");
        assertEquals("1", Sh.inNs(a.name(), "sysctl", "-n", "net.ipv4.ip_forward").ok().out().strip());
        assertEquals("1", Sh.inNs(a.name(), "sysctl", "-n", "net.ipv6.conf.all.forwarding").ok().out().strip());
        assertEquals("1", a.sysctl("net.ipv4.ip_forward"));
        assertEquals("1", a.sysctl("net.ipv6.conf.all.forwarding"));
        assertEquals("0", Sh.inNs(b.name(), "sysctl", "-n", "net.ipv4.ip_forward").ok().out().strip());
        assertEquals("0", b.sysctl("net.ipv6.conf.all.forwarding"));
        assertEquals(v4Before, readProc(hostV4), "the JVM's own ip_forward is unchanged");
        assertEquals(v6Before, readProc(hostV6), "the JVM's own IPv6 forwarding is unchanged");
        // values longer than one byte come back whole (procfs reports size 0)
        a.sysctl("net.ipv4.ip_default_ttl", "123");
        assertEquals("123", Sh.inNs(a.name(), "sysctl", "-n", "net.ipv4.ip_default_ttl").ok().out().strip());
        assertEquals("123", a.sysctl("net.ipv4.ip_default_ttl"));

        // Keys outside net.* are machine-wide: refused before anything is touched.
        String hostname = readProc(Path.of("/proc/sys/kernel/hostname"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> a.sysctl("kernel.hostname", "pwned"));
        assertTrue(e.getMessage().contains("kernel.hostname") && e.getMessage().contains("net."), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.sysctl("kernel.hostname"));
        assertThrows(IllegalArgumentException.class, () -> a.sysctl("net/../kernel/hostname", "pwned"));
        assertThrows(IllegalArgumentException.class, () -> a.sysctl("vm.swappiness", "1"));
        assertThrows(IllegalArgumentException.class, () -> a.sysctl("", "1"));
        assertThrows(IllegalArgumentException.class, () -> a.sysctl("net.ipv4.no_such_key"));
        assertThrows(IllegalArgumentException.class, () -> a.sysctl("net.ipv4.ip_forward", "1\n0"));
        assertEquals(hostname, readProc(Path.of("/proc/sys/kernel/hostname")));
    }

    @Test
    void aDirectoryIsNoSysctlKey() {
        NetworkNamespace a = namespaces.create("sysdir");
        // A missing key and a directory of keys fail alike: IllegalArgumentException naming the
        // key and the namespace, for reading and for writing (not "UncheckedIOException: Is a directory").
        for (String key : new String[] {"net.ipv4", "net/ipv4/conf", "net.ipv4.no_such_key"}) {
            IllegalArgumentException read = assertThrows(IllegalArgumentException.class, () -> a.sysctl(key));
            assertTrue(read.getMessage().startsWith("no sysctl " + key + " in network namespace " + a.name()),
                    read.getMessage());
            IllegalArgumentException write = assertThrows(IllegalArgumentException.class, () -> a.sysctl(key, "1"));
            assertTrue(write.getMessage().startsWith("no sysctl " + key + " in network namespace " + a.name()),
                    write.getMessage());
        }
        assertEquals("0", Sh.inNs(a.name(), "sysctl", "-n", "net.ipv4.ip_forward").ok().out().strip(),
                "nothing was written");
    }

    // ---- many at once ---------------------------------------------------------------------------

    @Test
    void createAllMakesEveryNamespaceWithItsSysctlsAlreadyWritten() {
        List<String> names = List.of(namespaces.name("all"), namespaces.name("all"), namespaces.name("all"),
                namespaces.name("all"), namespaces.name("all"), namespaces.name("all"));
        java.util.Map<String, String> sysctls = new java.util.LinkedHashMap<>();
        sysctls.put("net.ipv6.conf.default.accept_dad", "0");
        sysctls.put("net.ipv4.ip_forward", "1");
        List<NetworkNamespace> made = NetworkNamespace.createAll(names, sysctls);
        try {
            assertEquals(names, made.stream().map(NetworkNamespace::name).toList());
            List<String> listed = ipNetnsList();
            Set<Object> ids = new java.util.HashSet<>();
            for (NetworkNamespace ns : made) {
                assertTrue(ns.isOwned());
                assertTrue(listed.contains(ns.name()), "ip netns list shows " + ns.name());
                assertEquals("0", Sh.inNs(ns.name(), "sysctl", "-n", "net.ipv6.conf.default.accept_dad").ok().out().strip());
                assertEquals("1", Sh.inNs(ns.name(), "sysctl", "-n", "net.ipv4.ip_forward").ok().out().strip());
                // each its own namespace, and its socket really in it
                assertTrue(ids.add(Sh.run("stat", "-L", "-c", "%i", "/run/netns/" + ns.name()).strip()));
                Sh.ip(ns.name(), "link", "add", "v-all0", "type", "veth", "peer", "name", "v-all1");
                assertEquals(Set.of("lo", "v-all0", "v-all1"), NetlinkLinks.dump(ns.socket(NETLINK_ROUTE)));
            }
        } finally {
            made.forEach(NetworkNamespace::close);
        }
        List<String> after = ipNetnsList();
        for (String n : names) {
            assertFalse(after.contains(n), n + " deleted");
        }
    }

    @Test
    void createAllIsAllOrNothing() {
        String taken = namespaces.createWithIp("taken");
        String inode = Sh.run("stat", "-L", "-c", "%i", "/run/netns/" + taken).strip();
        List<String> names = List.of(namespaces.name("aon"), taken, namespaces.name("aon"));
        assertThrows(io.jnetlink.core.AlreadyExistsException.class, () -> NetworkNamespace.createAll(names, java.util.Map.of()));
        assertFalse(ipNetnsList().contains(names.get(0)));
        assertFalse(ipNetnsList().contains(names.get(2)));
        assertEquals(inode, Sh.run("stat", "-L", "-c", "%i", "/run/netns/" + taken).strip(), "the existing one is untouched");

        // A sysctl that cannot be written (no such key) is found inside each new namespace: none stays.
        List<String> fresh = List.of(namespaces.name("aon"), namespaces.name("aon"), namespaces.name("aon"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetworkNamespace.createAll(fresh, java.util.Map.of("net.ipv4.no_such_key", "1")));
        assertTrue(e.getMessage().contains("net.ipv4.no_such_key"), e.getMessage());
        List<String> listed = ipNetnsList();
        for (String n : fresh) {
            assertFalse(listed.contains(n), n + " was removed again");
            assertFalse(Files.exists(NetworkNamespace.RUN_NETNS.resolve(n)), "no file left for " + n);
        }
        // Bad input is refused before anything is made.
        assertThrows(IllegalArgumentException.class, () -> NetworkNamespace.createAll(List.of(fresh.get(0), fresh.get(0)),
                java.util.Map.of()));
        assertThrows(IllegalArgumentException.class, () -> NetworkNamespace.createAll(List.of(fresh.get(0)),
                java.util.Map.of("kernel.hostname", "x")));
        assertFalse(ipNetnsList().contains(fresh.get(0)));
    }
}
