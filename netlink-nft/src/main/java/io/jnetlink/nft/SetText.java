package io.jnetlink.nft;

import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A set's or map's block as nft 1.0.x prints it in {@code nft list ruleset}: the declaration lines
 * in nft's order ({@code type}, {@code policy}, {@code size}, {@code flags}, {@code counter},
 * {@code auto-merge}, {@code timeout}, {@code gc-interval}, {@code comment}) and the elements,
 * several to a line for some key types as nft groups them (two addresses, five ports or marks),
 * one to a line for the others.
 */
final class SetText {
    private SetText() {}

    private static final String NEWLINE = ",\n\t\t\t     ";

    static String block(String kind, String name, String typeLine, int flags, boolean memory, long size,
                        boolean counter, boolean autoMerge, Duration timeout, Duration gcInterval, String comment,
                        int perLine, List<SetElement> elements, boolean stateless) {
        StringBuilder sb = new StringBuilder();
        sb.append('\t').append(kind).append(' ').append(name).append(" {\n");
        sb.append("\t\t").append(typeLine).append('\n');
        if ((flags & SetSpec.Flag.CONSTANT.bit) == 0) {
            if (memory) {
                sb.append("\t\tpolicy memory\n");
            }
            if (size > 0) {
                sb.append("\t\tsize ").append(size).append('\n');
            }
        }
        // nft leaves the flags line out when timeout is the only flag and a default timeout is
        // printed anyway; when it prints the line, it names every flag
        String words = SetSpec.flagWords(flags);
        int shown = timeout != null ? flags & ~SetSpec.Flag.TIMEOUT.bit : flags;
        if (!SetSpec.flagWords(shown).isEmpty()) {
            sb.append("\t\tflags ").append(words).append('\n');
        }
        if (counter) {
            sb.append("\t\tcounter\n");
        }
        if (autoMerge) {
            sb.append("\t\tauto-merge\n");
        }
        if (timeout != null) {
            sb.append("\t\ttimeout ").append(SetSpec.time(timeout)).append('\n');
        }
        if (gcInterval != null) {
            sb.append("\t\tgc-interval ").append(SetSpec.time(gcInterval)).append('\n');
        }
        if (comment != null) {
            sb.append("\t\tcomment \"").append(comment).append("\"\n");
        }
        if (!elements.isEmpty()) {
            sb.append("\t\telements = ").append(elements(elements, perLine, counter, stateless)).append('\n');
        }
        return sb.append("\t}\n").toString();
    }

    /** {@code { a, b,\n c }} with nft's line breaks for a named set. */
    static String elements(List<SetElement> elements, int perLine, boolean counter, boolean stateless) {
        StringBuilder sb = new StringBuilder("{ ");
        int count = 0;
        String delim = "";
        for (SetElement e : elements) {
            sb.append(delim);
            element(sb, e, counter, stateless);
            count++;
            if (perLine > 0 && count < perLine) {
                delim = ", ";
            } else {
                count = 0;
                delim = NEWLINE;
            }
        }
        return sb.append(" }").toString();
    }

    /**
     * One element: key, counter, timeout, expiry, comment, then {@code : value} for a map. Stateless
     * ({@code nft -s}) leaves out the expiry and the counter's values.
     */
    static StringBuilder element(StringBuilder sb, SetElement e, boolean counter, boolean stateless) {
        sb.append(e.key());
        if (e.hasCounter() && !stateless) {
            sb.append(" counter packets ").append(e.packets()).append(" bytes ").append(e.bytes());
        } else if (e.hasCounter() || counter) {
            sb.append(" counter");
        }
        if (e.timeout() != null) {
            sb.append(" timeout ").append(SetSpec.time(e.timeout()));
        }
        if (e.expires() != null && !stateless) {
            sb.append(" expires ").append(SetSpec.time(e.expires()));
        }
        if (e.comment() != null) {
            sb.append(" comment \"").append(e.comment()).append('"');
        }
        if (e.value() != null) {
            sb.append(" : ").append(e.value());
        }
        return sb;
    }

    /** Elements (normalized) in the order nft lists them: by key, an interval by its start. */
    static List<SetElement> ordered(SetKeyType key, boolean interval, List<SetElement> elements) {
        Comparator<SetElement> byKey = Comparator.comparing(
                e -> key.sortable(key.parseRange(e.key(), interval)[0]), Arrays::compareUnsigned);
        return elements.stream().sorted(byKey).toList();
    }
}
