package io.jnetlink.nft;

import io.jnetlink.core.NetlinkException;
import java.util.List;

/**
 * An nf_tables transaction the kernel refused. Nothing of it was applied. Names the call that
 * failed (as the caller queued it: "add rule in inet jnetlink postrouting (masquerade ...)"), the
 * errno, the kernel's extended-ACK text and, where the kernel pointed at an attribute, which one.
 * The kernel's text stays in {@link #extAckMessage()}; the library's explanation of the first
 * refusal (its {@code detail()}), the attribute and the other refused calls are in {@link #detail()}.
 */
public final class TransactionException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    /**
     * One refused call.
     *
     * @param index       the call's position in the transaction (0-based, in queue order), or -1
     *                    for the batch as a whole (the commit)
     * @param call        the call, as queued
     * @param error       the kernel's error
     * @param attribute   the attribute the kernel pointed at, such as "NFTA_RULE_CHAIN", or null
     */
    public record Failure(int index, String call, NetlinkException error, String attribute) {}

    private final transient List<Failure> failures;

    TransactionException(Failure first, List<Failure> all, int calls) {
        super(operation(first, calls), first.error().errnoValue(), first.error().extAckMessage(),
                first.error().extAckOffset(), first.error().sequence(), hint(first, all));
        this.failures = List.copyOf(all);
    }

    private static String operation(Failure f, int calls) {
        String which = f.index() < 0 ? "the batch commit" : "call #" + (f.index() + 1) + " of " + calls;
        return "nf_tables transaction refused, nothing applied; " + which + ": " + f.call();
    }

    /** The first error's own detail (the library's explanation, if any), then where the kernel pointed, then the rest. */
    private static String hint(Failure first, List<Failure> all) {
        StringBuilder sb = new StringBuilder();
        if (first.error().detail() != null) {
            sb.append(first.error().detail());
        }
        if (first.attribute() != null) {
            if (!sb.isEmpty()) {
                sb.append("; ");
            }
            sb.append("the kernel points at ").append(first.attribute());
        }
        if (all.size() > 1) {
            if (!sb.isEmpty()) {
                sb.append("; ");
            }
            sb.append(all.size() - 1).append(" more call(s) refused:");
            for (Failure f : all.subList(1, all.size())) {
                sb.append(" [#").append(f.index() + 1).append(' ').append(f.call()).append(": ")
                        .append(f.error().errno()).append(']');
            }
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    /** {@return every refused call, the first one first} */
    public List<Failure> failures() {
        return failures;
    }

    /** {@return the first refused call, as queued} */
    public String failedCall() {
        return failures.getFirst().call();
    }

    /**
     * Position of the first refused call in the transaction (0-based), or -1 for the commit.
     *
     * @return the position, or -1
     */
    public int failedIndex() {
        return failures.getFirst().index();
    }
}
