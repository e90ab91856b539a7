package io.jnetlink.nft;

import java.util.List;

/**
 * What one nf_tables transaction changed in the watched tables, delivered by a
 * {@link RulesetWatch} once the kernel's NEWGEN message closed the transaction; or, marked
 * {@code synthetic}, the difference found by re-reading the ruleset (the first listing, and after
 * lost events).
 *
 * @param generation the generation the transaction made (or the re-read was made at)
 * @param pid        the process that committed it (NFTA_GEN_PROC_PID), 0 for a synthetic change
 * @param process    that process's name ("nft", "java", ...), null for a synthetic change
 * @param events     the changes to the watched tables, in the kernel's order
 * @param synthetic  true when derived from a re-read, not announced by the kernel
 */
public record RulesetChange(long generation, int pid, String process, List<RulesetEvent> events,
                            boolean synthetic) {
    /** Keeps copies of the mutable components. */
    public RulesetChange {
        events = List.copyOf(events);
    }

    /**
     * {@return the events of one type ({@code RulesetEvent.RuleEvent.class}, ...), in order}
     *
     * @param <E> the event type
     * @param type the event type's class
     */
    public <E extends RulesetEvent> List<E> events(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
