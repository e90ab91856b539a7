package io.jnetlink.core.codec;

import java.util.Arrays;
import java.util.Objects;

/**
 * The payload sizes a decoder requires of the attributes it models, checked by
 * {@link Message#index(int, AttributePolicy, boolean)} in the same pass that finds them (as the
 * kernel's {@code nla_policy} checks what it receives): a decoder then reads a modeled attribute
 * without checking its size again. An attribute of a type the policy does not name may have any
 * size. Immutable; make one per family (and per address family where sizes differ) and keep it in
 * a constant.
 *
 * <pre>{@code
 * static final AttributePolicy V4 = AttributePolicy.builder(RtaNames.NAMES)
 *         .exact(RTA_DST, 4, "IPv4 address (4 bytes)")
 *         .exact(RTA_OIF, 4, "u32")
 *         .build();
 * }</pre>
 */
public final class AttributePolicy {
    private final AttrNames names;
    /** Per type below {@link AttributeIndex#TYPES}: the exact payload size, or -1 for any. */
    private final int[] exact;
    /** Per type: the least payload size, or 0. */
    private final int[] least;
    private final String[] what;

    private AttributePolicy(Builder b) {
        this.names = b.names;
        this.exact = b.exact.clone();
        this.least = b.least.clone();
        this.what = b.what.clone();
    }

    /**
     * {@return a builder of a policy for attributes named by {@code names}}
     *
     * @param names the attribute names, for error messages
     */
    public static Builder builder(AttrNames names) {
        return new Builder(names);
    }

    /** {@return the attribute names, for error messages} */
    public AttrNames names() {
        return names;
    }

    /** Throws unless a {@code length}-byte payload of {@code type} (below TYPES) is allowed; called per attribute. */
    void check(int type, int length, int headerOffset) {
        int want = exact[type];
        if (want >= 0 ? length != want : length < least[type]) {
            throw AttributeCursor.malformedRun(names, type, headerOffset, want >= 0
                    ? what[type] + " expected, got " + length + " bytes"
                    : what[type] + " needs at least " + least[type] + " bytes, got " + length);
        }
    }

    /** Builds an {@link AttributePolicy}. */
    public static final class Builder {
        private final AttrNames names;
        private final int[] exact = new int[AttributeIndex.TYPES];
        private final int[] least = new int[AttributeIndex.TYPES];
        private final String[] what = new String[AttributeIndex.TYPES];

        private Builder(AttrNames names) {
            this.names = Objects.requireNonNull(names, "names");
            Arrays.fill(exact, -1);
        }

        /**
         * Requires the payload of {@code type} to be exactly {@code size} bytes.
         *
         * @param type the attribute type, below {@link AttributeIndex#TYPES}
         * @param size the payload size
         * @param what what the payload is, for the error ("u32", "IPv4 address (4 bytes)")
         * @return this builder
         */
        public Builder exact(int type, int size, String what) {
            check(type, size);
            exact[type] = size;
            least[type] = 0;
            this.what[type] = Objects.requireNonNull(what, "what");
            return this;
        }

        /**
         * Requires the payload of {@code type} to be at least {@code size} bytes (a struct the kernel
         * may grow).
         *
         * @param type the attribute type, below {@link AttributeIndex#TYPES}
         * @param size the least payload size
         * @param what what the payload is, for the error ("rtnl_link_stats64")
         * @return this builder
         */
        public Builder atLeast(int type, int size, String what) {
            check(type, size);
            exact[type] = -1;
            least[type] = size;
            this.what[type] = Objects.requireNonNull(what, "what");
            return this;
        }

        private static void check(int type, int size) {
            if (type < 0 || type >= AttributeIndex.TYPES) {
                throw new IllegalArgumentException("attribute type " + type + " outside 0.." + (AttributeIndex.TYPES - 1));
            }
            if (size < 0 || size > 0xFFFF - Netlink.NLA_HDRLEN) {
                throw new IllegalArgumentException("payload size " + size + " impossible");
            }
        }

        /** {@return the policy} */
        public AttributePolicy build() {
            return new AttributePolicy(this);
        }
    }
}
