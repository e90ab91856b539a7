package io.jnetlink.cni;

import java.util.List;

/**
 * The CNI spec versions this plugin speaks. Results are kept in the 1.x shape and converted for
 * older configurations as libcni converts them (0.3.x/0.4.0 add {@code "version"} to each IP).
 */
final class Versions {
    private Versions() {}

    /** The newest version, used for VERSION's own answer and errors without a configuration. */
    static final String CURRENT = "1.1.0";
    /** Every version a configuration may name (0.1.0 and 0.2.0 have another result shape). */
    static final List<String> SUPPORTED = List.of("0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0");

    /** {@code cniVersion} of a configuration; libcni reads a missing one as 0.1.0. */
    static String of(java.util.Map<String, Object> conf) {
        String v = Json.string(conf, "cniVersion", "");
        return v.isEmpty() ? "0.1.0" : v;
    }

    /** Refuses a version this plugin does not speak, with libcni's message and details. */
    static void check(String version) {
        if (!SUPPORTED.contains(version)) {
            StringBuilder s = new StringBuilder();
            for (String v : SUPPORTED) {
                s.append(s.isEmpty() ? "" : " ").append('"').append(v).append('"');
            }
            throw new CniException(CniException.INCOMPATIBLE_VERSION, "incompatible CNI versions",
                    "config is \"" + version + "\", plugin supports [" + s + "]");
        }
    }

    /** Whether {@code a} is at least {@code b} (both "X.Y.Z"). */
    static boolean atLeast(String a, String b) {
        return compare(a, b) >= 0;
    }

    static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int p = i < x.length ? parse(x[i]) : 0;
            int q = i < y.length ? parse(y[i]) : 0;
            if (p != q) {
                return Integer.compare(p, q);
            }
        }
        return 0;
    }

    private static int parse(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new CniException(CniException.INCOMPATIBLE_VERSION, "incompatible CNI versions",
                    "cannot parse version \"" + s + "\"");
        }
    }
}
