package io.jnetlink.nft;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * An anonymous set or verdict map written inside a rule: {@code tcp dport { 22, 80 }},
 * {@code ip saddr . tcp dport { 10.0.0.1 . 22 }}, {@code ip saddr vmap { 10.0.0.1 : accept }}. The
 * transaction that adds the rule creates it first, as nft does: a constant set named
 * {@code __set%d} ({@code __map%d} for a map) that the kernel numbers and deletes with the rule. It
 * is an interval set when an element is a prefix or a range.
 *
 * @param fields     the fields looked up (their types are the key type)
 * @param verdictMap true for a verdict map (elements map to verdicts)
 * @param elements   the elements, normalized and in nft's order
 */
public record SetLiteral(List<SetField> fields, boolean verdictMap, List<SetElement> elements) {
    /** Checks the components and keeps copies of the mutable ones. */
    public SetLiteral {
        if (fields == null || fields.isEmpty() || fields.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("an anonymous set needs the fields it is looked up by");
        }
        fields = List.copyOf(fields);
        if (elements == null || elements.isEmpty()) {
            throw new IllegalArgumentException(SetField.text(fields) + " { }: an anonymous set needs elements");
        }
        SetKeyType key = SetField.keyType(fields);
        boolean interval = false;
        for (SetElement e : elements) {
            if (e == null) {
                throw new IllegalArgumentException(SetField.text(fields) + ": null element");
            }
            if (e.timeout() != null || e.comment() != null) {
                throw new IllegalArgumentException(SetField.text(fields) + ": element " + e.key()
                        + " of an anonymous set takes no timeout or comment");
            }
            byte[][] r = key.parseRange(e.key(), true);
            interval |= !java.util.Arrays.equals(r[0], r[1]);
        }
        if (interval && key.isConcat()) {
            throw new IllegalArgumentException(SetField.text(fields) + ": ranges in an anonymous concatenation are not "
                    + "supported by the builder; use a named set with the interval flag");
        }
        List<SetElement> norm = new ArrayList<>();
        Set<SetSpec.Flag> flags = interval ? Set.of(SetSpec.Flag.INTERVAL) : Set.of();
        for (SetElement e : elements) {
            norm.add(SetSpec.normalize("{ }", key, null, verdictMap, flags, e));
        }
        elements = SetText.ordered(key, interval, norm);
    }

    /** {@return the key type} */
    public SetKeyType key() {
        return SetField.keyType(fields);
    }

    /** {@return whether an element is a prefix or range} */
    public boolean isInterval() {
        SetKeyType k = key();
        return elements.stream().anyMatch(e -> {
            byte[][] r = k.parseRange(e.key(), true);
            return !java.util.Arrays.equals(r[0], r[1]);
        });
    }

    /** The name nft gives the set for the kernel to number. */
    String wireName() {
        return verdictMap ? "__map%d" : "__set%d";
    }

    /** The set as the transaction creates it (named by {@link #wireName()}). */
    SetSpec asSet(Family family, String table) {
        SetSpec s = verdictMap ? SetSpec.verdictMap(family, table, wireName(), key())
                : SetSpec.set(family, table, wireName(), key());
        return (isInterval() ? s.flags(SetSpec.Flag.INTERVAL) : s).elements(elements);
    }

    /** {@code { a, b }} or {@code { k : v, ... }} as nft prints it in a rule. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "{ ", " }");
        for (SetElement e : elements) {
            j.add(e.value() != null ? e.key() + " : " + e.value() : e.key());
        }
        return j.toString();
    }
}
