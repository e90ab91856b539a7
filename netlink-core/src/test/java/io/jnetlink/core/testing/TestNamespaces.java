package io.jnetlink.core.testing;

import io.jnetlink.core.netns.NetworkNamespace;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Hands out names (and namespaces) with the project's test prefix {@value #PREFIX} and deletes
 * every one of them after each test, whether the test passed or not, and whoever created it (the
 * library or {@code ip netns add}).
 *
 * <pre>{@code
 * @RegisterExtension final TestNamespaces ns = new TestNamespaces();
 * ...
 * NetworkNamespace red = ns.create("red");        // jnl-t-red-1234-1
 * String blue = ns.name("blue");                  // a name only; cleaned up if it comes to exist
 * }</pre>
 */
public final class TestNamespaces implements AfterEachCallback, AfterAllCallback {
    /** Every namespace a test makes starts with this. */
    public static final String PREFIX = "jnl-t-";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final List<String> names = new ArrayList<>();
    private final List<NetworkNamespace> handles = new ArrayList<>();

    /** A fresh unique name with the test prefix, to be cleaned up after the test. */
    public synchronized String name(String tag) {
        String n = PREFIX + tag + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
        names.add(n);
        return n;
    }

    /** Creates a namespace through the library under a fresh test name. */
    public NetworkNamespace create(String tag) {
        NetworkNamespace n = NetworkNamespace.create(name(tag));
        synchronized (this) {
            handles.add(n);
        }
        return n;
    }

    /** Creates a namespace with {@code ip netns add} under a fresh test name and returns the name. */
    public String createWithIp(String tag) {
        String n = name(tag);
        ipNetnsAdd(n);
        return n;
    }

    /**
     * Runs {@code ip netns add name}. Rootless, from a scratch network namespace of its own
     * ({@code unshare --net}): iproute2 switches back to the namespace it started in after making
     * the new one, and a rootless process may not enter the host's, which it starts in otherwise.
     */
    public static void ipNetnsAdd(String name) {
        if (io.jnetlink.core.netns.Rootless.active()) {
            Sh.run("unshare", "--net", "ip", "netns", "add", name);
        } else {
            Sh.run("ip", "netns", "add", name);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        cleanup();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        cleanup();
    }

    /** Deletes everything handed out so far. */
    public synchronized void cleanup() {
        for (NetworkNamespace h : handles) {
            try {
                h.close();
            } catch (RuntimeException ignored) {
                // deleted below by name if still there
            }
        }
        handles.clear();
        for (String n : names) {
            if (NetworkNamespace.list().contains(n)) {
                Sh.exec("ip", "netns", "del", n);
            }
        }
        names.clear();
    }
}
