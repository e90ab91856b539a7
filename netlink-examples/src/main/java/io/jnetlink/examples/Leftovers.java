package io.jnetlink.examples;

import io.jnetlink.core.netns.NetworkNamespace;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Removing what an example run made: its namespaces by name, whichever of them exist. */
final class Leftovers {
    private Leftovers() {}

    /** Deletes those of {@code names} that exist, saying on {@code out} which could not go; returns the deleted. */
    static List<String> delete(List<String> names, PrintStream out) {
        List<String> gone = new ArrayList<>();
        List<String> existing = NetworkNamespace.list();
        for (String n : names) {
            if (existing.contains(n)) {
                try {
                    NetworkNamespace.delete(n);
                    gone.add(n);
                } catch (RuntimeException e) {
                    out.println("could not delete " + n + ": " + e.getMessage());
                }
            }
        }
        return gone;
    }
}
