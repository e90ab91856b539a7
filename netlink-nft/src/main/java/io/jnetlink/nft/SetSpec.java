package io.jnetlink.nft;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A named set or map to create, as nft declares it:
 *
 * <pre>{@code
 * SetSpec blocked = SetSpec.set(Family.INET, "fw", "blocked", SetKeyType.of(SetDataType.IPV4_ADDR))
 *         .flags(SetSpec.Flag.INTERVAL)
 *         .elements(SetElement.of("10.0.0.0/24"), SetElement.of("10.1.0.1").comment("one host"));
 * nft.transaction().addSet(blocked).commit();
 * }</pre>
 *
 * <p>Its {@link #toString()} is the block {@code nft -s list ruleset} prints for it. Elements are
 * kept normalized: keys and values as nft prints them, in the order nft lists them (by key), so a
 * set read back ({@link SetInfo#spec()}) equals the spec that made it.
 *
 * @param family     the table's family
 * @param table      the table
 * @param name       the set's name
 * @param key        the key type
 * @param data       the value type of a data map, else null
 * @param verdictMap true for a verdict map ({@code type K : verdict})
 * @param flags      the flags
 * @param timeout    the default timeout of elements, or null
 * @param gcInterval the garbage collection interval of a timeout set, or null
 * @param size       the maximum number of elements, 0 for the kernel's default
 * @param memory     true for {@code policy memory} (default: performance)
 * @param counter    true to give every element a counter ({@code counter} in the declaration)
 * @param comment    the set's comment, or null
 * @param elements   the elements to add with the set
 */
public record SetSpec(Family family, String table, String name, SetKeyType key, SetKeyType data, boolean verdictMap,
                      Set<Flag> flags, Duration timeout, Duration gcInterval, long size, boolean memory,
                      boolean counter, String comment, List<SetElement> elements) {

    /** The flags of a set that a user chooses (NFT_SET_*). */
    public enum Flag {
        /** Contents may not change once bound to a rule. */
        CONSTANT(0x2),
        /** Rules may add elements ({@code add @s}, {@code update @s}). */
        DYNAMIC(0x20),
        /** Keys are ranges and prefixes. */
        INTERVAL(0x4),
        /** Elements expire. */
        TIMEOUT(0x10);

        /** The kernel's bit. */
        public final int bit;

        Flag(int bit) {
            this.bit = bit;
        }
    }

    static final int NFT_SET_ANONYMOUS = 0x1;
    static final int NFT_SET_MAP = 0x8;
    static final int NFT_SET_OBJECT = 0x40;
    static final int NFT_SET_CONCAT = 0x80;

    /** Checks the components and keeps copies of the mutable ones. */
    public SetSpec {
        if (family == null) {
            throw new IllegalArgumentException("set family is null");
        }
        Names.object("table", table);
        Names.object("set", name);
        if (key == null) {
            throw new IllegalArgumentException("set " + name + " needs a key type");
        }
        if (verdictMap && data != null) {
            throw new IllegalArgumentException("set " + name + ": a verdict map has no data type");
        }
        flags = flags == null || flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
        checkTime(name, "timeout", timeout);
        checkTime(name, "gc-interval", gcInterval);
        if (timeout != null && !flags.contains(Flag.TIMEOUT)) {
            throw new IllegalArgumentException("set " + name + ": a default timeout needs the timeout flag");
        }
        if (size < 0 || size > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("set " + name + ": size " + size + " out of range 0..2^32-1");
        }
        try {
            checkComment(comment);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("set " + name + ": " + e.getMessage(), e);
        }
        elements = elements == null ? List.of() : List.copyOf(elements);
        List<SetElement> norm = new ArrayList<>(elements.size());
        for (SetElement e : elements) {
            norm.add(normalize(name, key, data, verdictMap, flags, e));
        }
        elements = SetText.ordered(key, flags.contains(Flag.INTERVAL), norm);
    }

    /** A comment nft can print back: at most {@link SetElement#MAX_COMMENT} bytes, no '"' or NUL. */
    static void checkComment(String comment) {
        if (comment != null && (comment.indexOf('"') >= 0 || comment.indexOf('\0') >= 0
                || comment.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > SetElement.MAX_COMMENT)) {
            throw new IllegalArgumentException("comment must be at most " + SetElement.MAX_COMMENT
                    + " bytes without '\"' or NUL");
        }
    }

    private static void checkTime(String set, String what, Duration d) {
        if (d != null && (d.isNegative() || d.toMillis() == 0)) {
            throw new IllegalArgumentException("set " + set + ": " + what + " must be at least 1ms, got " + d);
        }
    }

    /** The element with key and value as nft prints them; checks that the set can hold it. */
    static SetElement normalize(String set, SetKeyType key, SetKeyType data, boolean verdictMap, Set<Flag> flags,
                                SetElement e) {
        if (e == null) {
            throw new IllegalArgumentException("set " + set + ": null element");
        }
        String where = "set " + set + " element " + e.key();
        try {
            byte[][] r = key.parseRange(e.key(), flags.contains(Flag.INTERVAL));
            String k = key.formatRange(r[0], r[1]);
            String v = null;
            boolean map = verdictMap || data != null;
            if (map != (e.value() != null)) {
                throw new IllegalArgumentException(map ? "a map element needs a value (key : value)"
                        : "a set element has no value");
            }
            if (verdictMap) {
                v = SetWire.verdictText(SetWire.verdict(e.value()));
            } else if (data != null) {
                byte[][] d = data.parseRange(e.value(), false);
                v = data.format(d[0]);
            }
            if (e.timeout() != null && !flags.contains(Flag.TIMEOUT)) {
                throw new IllegalArgumentException("an element timeout needs the set's timeout flag");
            }
            checkComment(e.comment());
            return e.withKey(k, v);
        } catch (IllegalArgumentException x) {
            throw new IllegalArgumentException(where + ": " + x.getMessage(), x);
        }
    }

    // ---- factories and withers ---------------------------------------------------------------

    /**
     * {@return a set of keys of type {@code key}}
     *
     * @param family the table's family
     * @param table the table's name
     * @param name the set's name
     * @param key the key type
     */
    public static SetSpec set(Family family, String table, String name, SetKeyType key) {
        return new SetSpec(family, table, name, key, null, false, Set.of(), null, null, 0, false, false, null,
                List.of());
    }

    /**
     * {@return a data map from {@code key} to values of type {@code data} ({@code type K : D})}
     *
     * @param family the table's family
     * @param table the table's name
     * @param name the map's name
     * @param key the key type
     * @param data the value type
     */
    public static SetSpec map(Family family, String table, String name, SetKeyType key, SetKeyType data) {
        if (data == null) {
            throw new IllegalArgumentException("map " + name + " needs a data type");
        }
        return new SetSpec(family, table, name, key, data, false, Set.of(), null, null, 0, false, false, null,
                List.of());
    }

    /**
     * {@return a verdict map from {@code key} to verdicts ({@code type K : verdict})}
     *
     * @param family the table's family
     * @param table the table's name
     * @param name the map's name
     * @param key the key type
     */
    public static SetSpec verdictMap(Family family, String table, String name, SetKeyType key) {
        return new SetSpec(family, table, name, key, null, true, Set.of(), null, null, 0, false, false, null,
                List.of());
    }

    /**
     * {@return the same set with these flags (replacing any before)}
     *
     * @param f the flags
     */
    public SetSpec flags(Flag... f) {
        return new SetSpec(family, table, name, key, data, verdictMap, f.length == 0 ? Set.of() : EnumSet.copyOf(
                Arrays.asList(f)), timeout, gcInterval, size, memory, counter, comment, elements);
    }

    /**
     * {@return the same set with a default element timeout (needs {@link Flag#TIMEOUT})}
     *
     * @param t the timeout
     */
    public SetSpec timeout(Duration t) {
        return new SetSpec(family, table, name, key, data, verdictMap, flags, t, gcInterval, size, memory, counter,
                comment, elements);
    }

    /**
     * {@return the same set with a garbage collection interval}
     *
     * @param t the interval
     */
    public SetSpec gcInterval(Duration t) {
        return new SetSpec(family, table, name, key, data, verdictMap, flags, timeout, t, size, memory, counter,
                comment, elements);
    }

    /**
     * {@return the same set with a maximum size}
     *
     * @param max the most elements
     */
    public SetSpec size(long max) {
        return new SetSpec(family, table, name, key, data, verdictMap, flags, timeout, gcInterval, max, memory,
                counter, comment, elements);
    }

    /** {@return the same set preferring low memory use ({@code policy memory})} */
    public SetSpec policyMemory() {
        return new SetSpec(family, table, name, key, data, verdictMap, flags, timeout, gcInterval, size, true,
                counter, comment, elements);
    }

    /** {@return the same set with a counter on every element} */
    public SetSpec withCounters() {
        return new SetSpec(family, table, name, key, data, verdictMap, flags, timeout, gcInterval, size, memory,
                true, comment, elements);
    }

    /**
     * {@return the same set with a comment}
     *
     * @param text the comment
     */
    public SetSpec comment(String text) {
        return new SetSpec(family, table, name, key, data, verdictMap, flags, timeout, gcInterval, size, memory,
                counter, text, elements);
    }

    /**
     * {@return the same set with these elements (replacing any before)}
     *
     * @param e the elements
     */
    public SetSpec elements(SetElement... e) {
        return elements(List.of(e));
    }

    /**
     * {@return the same set with these elements (replacing any before)}
     *
     * @param e the elements
     */
    public SetSpec elements(Collection<SetElement> e) {
        return new SetSpec(family, table, name, key, data, verdictMap, flags, timeout, gcInterval, size, memory,
                counter, comment, List.copyOf(e));
    }

    /** {@return whether this is a map (data or verdict)} */
    public boolean isMap() {
        return verdictMap || data != null;
    }

    /** {@return the NFT_SET_* flags the kernel gets: the chosen ones, MAP for a map, CONCAT for a concatenated interval set} */
    public int kernelFlags() {
        int f = 0;
        for (Flag x : flags) {
            f |= x.bit;
        }
        if (isMap()) {
            f |= NFT_SET_MAP;
        }
        if (key.isConcat() && flags.contains(Flag.INTERVAL)) {
            f |= NFT_SET_CONCAT;
        }
        return f;
    }

    /** {@code type K}, {@code type K : D} or {@code type K : verdict}, as nft declares it. */
    String typeText() {
        return "type " + key + (verdictMap ? " : verdict" : data != null ? " : " + data : "");
    }

    // ---- text --------------------------------------------------------------------------------

    /** A duration as nft prints it: {@code 1d2h3m4s5ms}, leaving out zero parts. */
    static String time(Duration d) {
        long ms = d.toMillis();
        StringBuilder sb = new StringBuilder();
        long[] div = {86_400_000, 3_600_000, 60_000, 1000, 1};
        String[] unit = {"d", "h", "m", "s", "ms"};
        for (int i = 0; i < div.length; i++) {
            long n = ms / div[i];
            ms %= div[i];
            if (n > 0) {
                sb.append(n).append(unit[i]);
            }
        }
        return sb.toString();
    }

    /** The flags line's words in nft's order. */
    static String flagWords(int kernelFlags) {
        StringJoiner j = new StringJoiner(",");
        if ((kernelFlags & Flag.CONSTANT.bit) != 0) {
            j.add("constant");
        }
        if ((kernelFlags & Flag.DYNAMIC.bit) != 0) {
            j.add("dynamic");
        }
        if ((kernelFlags & Flag.INTERVAL.bit) != 0) {
            j.add("interval");
        }
        if ((kernelFlags & Flag.TIMEOUT.bit) != 0) {
            j.add("timeout");
        }
        return j.toString();
    }

    /**
     * The set as {@code nft -s list ruleset} prints it inside its table (one tab of indentation;
     * stateless: element counters as {@code counter}, no expiry).
     */
    @Override
    public String toString() {
        return SetText.block(isMap() ? "map" : "set", name, typeText(), kernelFlags(), memory, size, counter, false,
                timeout, gcInterval, comment, key.perLine(), elements, true);
    }
}
