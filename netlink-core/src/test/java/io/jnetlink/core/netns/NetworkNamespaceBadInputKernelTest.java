package io.jnetlink.core.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.AlreadyExistsException;
import io.jnetlink.core.NoSuchNamespaceException;
import io.jnetlink.core.testing.KernelTest;
import io.jnetlink.core.testing.ProcSelf;
import io.jnetlink.core.testing.Sh;
import io.jnetlink.core.testing.TestNamespaces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad names, existing and missing names, and missing privileges: each gives a clear exception
 * and leaves nothing behind in /run/netns (no file, no mount).
 */
@KernelTest
class NetworkNamespaceBadInputKernelTest {
    @RegisterExtension
    final TestNamespaces namespaces = new TestNamespaces();

    /** Mount points under /run/netns, from /proc/self/mountinfo. */
    static List<String> netnsMounts() {
        List<String> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String mountPoint = line.split(" ")[4];
                if (mountPoint.startsWith("/run/netns/")) {
                    out.add(mountPoint);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static String refusal(String name) {
        return assertThrows(IllegalArgumentException.class, () -> NetworkNamespace.validateName(name)).getMessage();
    }

    @Test
    void invalidNamesAreRefusedBeforeAnyFileIsTouched() {
        String tooLong = "n".repeat(256);
        List<String> bad = List.of("", "/", "a/b", ".", "..", tooLong, "tab\there", "nl\nx", "nul\0x", "del\u007fx",
                "c1\u0085x", "\uD800lone", "../../etc");
        Set<String> filesBefore = Set.copyOf(NetworkNamespace.list());
        List<String> mountsBefore = netnsMounts();
        for (String name : bad) {
            String shown = name.replace("\n", "\\n").replace("\0", "\\0");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> NetworkNamespace.create(name), "create \"" + shown + "\"");
            assertTrue(e.getMessage().startsWith("namespace name"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> NetworkNamespace.open(name), shown);
            assertThrows(IllegalArgumentException.class, () -> NetworkNamespace.delete(name), shown);
            assertThrows(IllegalArgumentException.class, () -> NetworkNamespace.exists(name), shown);
        }
        assertThrows(IllegalArgumentException.class, () -> NetworkNamespace.create(null));
        assertTrue(refusal(tooLong).contains("256 bytes"));
        assertTrue(refusal("a/b").contains("'/'"));
        assertTrue(refusal("tab\there").contains("control character 0x9"));
        // A name of exactly 255 bytes is fine as far as validation goes.
        NetworkNamespace.validateName("n".repeat(255));

        assertFalse(Files.exists(Path.of("/run/netns/a")), "no directory a/ for \"a/b\"");
        assertFalse(Files.exists(Path.of("/run/netns/" + "n".repeat(255))));
        for (String name : NetworkNamespace.list()) {
            assertFalse(name.startsWith("tab") || name.startsWith("nl") || name.startsWith("nul")
                    || name.startsWith("del") || name.startsWith("c1") || name.endsWith("lone")
                    || name.equals("?lone") || name.startsWith("nnnn"), "left behind: " + name);
        }
        Set<String> newFiles = new java.util.TreeSet<>(NetworkNamespace.list());
        newFiles.removeAll(filesBefore);
        newFiles.removeIf(n -> !n.startsWith(TestNamespaces.PREFIX) || !n.contains("-" + ProcessHandle.current().pid() + "-"));
        assertEquals(Set.of(), newFiles, "nothing of this JVM's appeared in /run/netns");
        for (String m : netnsMounts()) {
            assertTrue(mountsBefore.contains(m) || !m.contains("-" + ProcessHandle.current().pid() + "-"), m);
        }
    }

    @Test
    void existingNameIsRefusedAndTheExistingNamespaceSurvivesIntact() {
        NetworkNamespace first = namespaces.create("dup");
        String name = first.name();
        String identity = ProcSelf.netnsOf(Path.of("/run/netns", name));
        AlreadyExistsException e = assertThrows(AlreadyExistsException.class, () -> NetworkNamespace.create(name));
        assertTrue(e.getMessage().contains(name), e.getMessage());
        // the library found the name taken, the kernel said nothing: the text is a detail, not an ext-ack
        assertNull(e.extAckMessage(), e.getMessage());
        assertTrue(e.detail().startsWith("a namespace named \"" + name + "\" exists already in "), e.detail());
        // the failed create neither unmounted nor replaced the existing one, nor mounted twice
        assertEquals(identity, ProcSelf.netnsOf(Path.of("/run/netns", name)));
        assertEquals(1, netnsMounts().stream().filter(m -> m.equals("/run/netns/" + name)).count());
        first.ensureAlive();
        assertEquals(0, Sh.exec("ip", "netns", "exec", name, "true").exit());

        String byIp = namespaces.createWithIp("dupip");
        assertThrows(AlreadyExistsException.class, () -> NetworkNamespace.create(byIp));
        assertEquals(0, Sh.exec("ip", "netns", "exec", byIp, "true").exit(), "ip's namespace still works");
        assertEquals(1, netnsMounts().stream().filter(m -> m.equals("/run/netns/" + byIp)).count());
    }

    @Test
    void missingNameIsReportedOnOpenAndDelete() throws IOException {
        String name = namespaces.name("missing");
        NoSuchNamespaceException o = assertThrows(NoSuchNamespaceException.class, () -> NetworkNamespace.open(name));
        assertTrue(o.getMessage().contains(name), o.getMessage());
        NoSuchNamespaceException d = assertThrows(NoSuchNamespaceException.class, () -> NetworkNamespace.delete(name));
        assertTrue(d.getMessage().contains(name), d.getMessage());
        assertFalse(NetworkNamespace.exists(name));
        assertFalse(Files.exists(Path.of("/run/netns", name)));

        // A bare file (what a crash between create and mount would leave) is no namespace.
        String bare = namespaces.name("bare");
        Path file = Path.of("/run/netns", bare);
        Files.createFile(file);
        try {
            NoSuchNamespaceException b = assertThrows(NoSuchNamespaceException.class, () -> NetworkNamespace.open(bare));
            assertTrue(b.getMessage().contains("not a mounted network namespace"), b.getMessage());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void withoutPrivilegesEveryOperationSaysItNeedsCapSysAdmin() {
        String existing = namespaces.createWithIp("priv");
        try (ChildJvm child = new ChildJvm()) {
            // 1. the unprivileged user nobody; 2. root without any capability. Rootless the user
            // namespace maps root only, so there is no nobody to become: only the second there.
            List<String> rootWithout = List.of("setpriv", "--inh-caps=-all", "--bounding-set=-all");
            List<List<String>> wrappers = Rootless.active() ? List.of(rootWithout)
                    : List.of(ChildJvm.unprivileged(), rootWithout);
            for (List<String> wrapper : wrappers) {
                String fresh = namespaces.name("unpriv");
                Sh.Result r = Sh.exec(child.command(wrapper, UnprivilegedMain.class, fresh, existing)
                        .toArray(String[]::new));
                String out = r.out();
                assertEquals(0, r.exit(), wrapper + ": " + r.err() + out);
                List<String> lines = out.lines().filter(l -> l.startsWith("OK ") || l.startsWith("BAD ")).toList();
                assertEquals(3, lines.size(), wrapper + ": " + out + r.err());
                for (String line : lines) {
                    assertTrue(line.startsWith("OK ") && line.contains("CAP_SYS_ADMIN"), wrapper + ": " + line);
                }
                assertFalse(Files.exists(Path.of("/run/netns", fresh)), "nothing left by the refused create");
                assertFalse(netnsMounts().contains("/run/netns/" + fresh));
                assertEquals(0, Sh.exec("ip", "netns", "exec", existing, "true").exit(), "the refused delete did nothing");
            }
        }
    }
}
