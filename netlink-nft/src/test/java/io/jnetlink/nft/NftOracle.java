package io.jnetlink.nft;

import io.jnetlink.core.testing.Json;
import io.jnetlink.core.testing.Sh;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code nft -j list ruleset} in a test namespace, parsed: the independent oracle. */
final class NftOracle {
    private NftOracle() {}

    /** The raw JSON text of the namespace's ruleset. */
    static String rulesetText(String ns) {
        Sh.Result r = Sh.inNs(ns, "nft", "-j", "list", "ruleset").ok();
        return r.out();
    }

    /** Every object of the ruleset of one kind ("table", "chain", "rule", "set", "map"). */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> objects(String ns, String kind) {
        Map<String, Object> root = (Map<String, Object>) Json.parse(rulesetText(ns));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : (List<Object>) root.get("nftables")) {
            Map<String, Object> m = (Map<String, Object>) o;
            if (m.containsKey(kind)) {
                out.add((Map<String, Object>) m.get(kind));
            }
        }
        return out;
    }

    /** The rules of one table, in listing order. */
    static List<Map<String, Object>> rules(String ns, String family, String table) {
        return objects(ns, "rule").stream()
                .filter(r -> family.equals(r.get("family")) && table.equals(r.get("table"))).toList();
    }

    /** The ruleset without the metainfo object (which carries nothing about the rules). */
    @SuppressWarnings("unchecked")
    static List<Object> ruleset(String ns) {
        Map<String, Object> root = (Map<String, Object>) Json.parse(rulesetText(ns));
        List<Object> out = new ArrayList<>((List<Object>) root.get("nftables"));
        out.removeIf(o -> ((Map<String, Object>) o).containsKey("metainfo"));
        return out;
    }

    /** Loads a ruleset with {@code nft -f -} in the namespace. */
    static void load(String ns, String ruleset) {
        try {
            Process p = new ProcessBuilder("ip", "netns", "exec", ns, "nft", "-f", "-").redirectErrorStream(true)
                    .start();
            try (var out = p.getOutputStream()) {
                out.write(ruleset.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new AssertionError("nft -f failed: " + text + "\n" + ruleset);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
