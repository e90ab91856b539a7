package io.jnetlink.core.netns;

import io.jnetlink.core.PermissionException;

/**
 * Run by {@link NetworkNamespaceBadInputKernelTest} in a child JVM without privileges: tries to
 * create, enter and delete namespaces and prints one line per attempt, "OK op capability message"
 * when a {@link PermissionException} naming CAP_SYS_ADMIN came out, "BAD op ..." otherwise.
 * Arguments: a fresh name to create, and the name of an existing namespace to enter and delete.
 */
public final class UnprivilegedMain {
    private UnprivilegedMain() {}

    public static void main(String[] args) {
        String fresh = args[0];
        String existing = args[1];
        attempt("create", () -> NetworkNamespace.create(fresh).keep());
        attempt("run", () -> {
            try (NetworkNamespace ns = NetworkNamespace.open(existing)) {
                ns.run(() -> 1);
            }
        });
        attempt("delete", () -> NetworkNamespace.delete(existing));
    }

    private static void attempt(String op, Runnable r) {
        try {
            r.run();
            System.out.println("BAD " + op + " succeeded");
        } catch (PermissionException e) {
            String ok = PermissionException.SYS_ADMIN.equals(e.capability())
                    && e.getMessage().contains("CAP_SYS_ADMIN") ? "OK" : "BAD";
            System.out.println(ok + " " + op + " " + e.capability() + " " + e.getMessage().replace('\n', ' '));
        } catch (Throwable e) {
            System.out.println("BAD " + op + " " + e);
        }
    }
}
