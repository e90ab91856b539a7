package io.jnetlink.rtnl.tc;

import java.util.Objects;

/**
 * A qdisc to add, replace or change on a link: where it hangs ({@code parent}), its id
 * ({@code handle}) and its kind with options.
 *
 * <pre>{@code
 * QdiscSpec.of(Tbf.rate(Rate.mbit(20)).burst(32 * 1024).latency(Duration.ofMillis(50)))  // tc ... root tbf ...
 * QdiscSpec.of(Htb.defaultClass(0x20)).handle("1:")                                      // tc ... root handle 1: htb default 20
 * QdiscSpec.of(new Clsact())                                                             // tc ... clsact
 * }</pre>
 *
 * @param parent the parent: {@link Handle#ROOT}, {@link Handle#INGRESS}, or a class such as {@code 1:10}
 * @param handle the qdisc's own handle ({@code 1:}), or {@link Handle#NONE} to let the kernel pick
 * @param kind   the kind and its options
 */
public record QdiscSpec(Handle parent, Handle handle, QdiscKind kind) {
    /** Checks the handle is a qdisc handle (minor 0). */
    public QdiscSpec {
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(kind, "kind");
        if (handle.minorNumber() != 0) {
            throw new IllegalArgumentException("a qdisc handle has minor 0 (such as 1:), got " + handle);
        }
    }

    /**
     * {@return a qdisc of {@code kind} where that kind goes by default: the root, or ingress for ingress/clsact}
     *
     * @param kind the qdisc kind
     */
    public static QdiscSpec of(QdiscKind kind) {
        return builder(kind).build();
    }

    /**
     * {@return a builder of qdiscs of {@code kind}, starting as {@link #of(QdiscKind)}}
     *
     * @param kind the qdisc kind
     */
    public static Builder builder(QdiscKind kind) {
        return new Builder(Objects.requireNonNull(kind, "kind"));
    }

    /** {@return a builder holding this spec's values, to change and {@link Builder#build()} into a new one} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The same with handle {@code handle}.
     *
     * @param handle the handle
     * @return a copy with it
     */
    public QdiscSpec handle(Handle handle) {
        return toBuilder().handle(handle).build();
    }

    /**
     * The same with handle {@code handle} in tc's notation ({@code "1:"}).
     *
     * @param handle the handle
     * @return a copy with it
     */
    public QdiscSpec handle(String handle) {
        return handle(Handle.parse(handle));
    }

    /**
     * The same under {@code parent} (a class such as {@code 1:10}, for a qdisc inside a class).
     *
     * @param parent the parent
     * @return a copy with it
     */
    public QdiscSpec parent(Handle parent) {
        return toBuilder().parent(parent).build();
    }

    /**
     * The same under {@code parent} in tc's notation.
     *
     * @param parent the parent
     * @return a copy with it
     */
    public QdiscSpec parent(String parent) {
        return parent(Handle.parse(parent));
    }

    @Override
    public String toString() {
        return kind.kind() + " qdisc " + (handle.value() != 0 ? handle + " " : "")
                + (parent.isRoot() ? "root" : "parent " + parent);
    }

    /**
     * Builds a {@link QdiscSpec}; {@link #build()} checks the values (the record's constructor). A
     * builder is not thread-safe; the specs it builds are immutable.
     */
    public static final class Builder {
        private Handle parent;
        private Handle handle;
        private final QdiscKind kind;

        private Builder(QdiscKind kind) {
            this.parent = kind.defaultParent();
            this.handle = kind.defaultHandle();
            this.kind = kind;
        }

        private Builder(QdiscSpec q) {
            parent = q.parent;
            handle = q.handle;
            kind = q.kind;
        }

        /**
         * Handle {@code handle}.
         *
         * @param handle the handle
         * @return this builder
         */
        public Builder handle(Handle handle) {
            this.handle = handle;
            return this;
        }

        /**
         * Handle {@code handle} in tc's notation ({@code "1:"}).
         *
         * @param handle the handle
         * @return this builder
         */
        public Builder handle(String handle) {
            return handle(Handle.parse(handle));
        }

        /**
         * Parent {@code parent} (a class such as {@code 1:10}, for a qdisc inside a class).
         *
         * @param parent the parent
         * @return this builder
         */
        public Builder parent(Handle parent) {
            this.parent = parent;
            return this;
        }

        /**
         * Parent {@code parent} in tc's notation.
         *
         * @param parent the parent
         * @return this builder
         */
        public Builder parent(String parent) {
            return parent(Handle.parse(parent));
        }

        /** {@return the qdisc spec these values make, checked} */
        public QdiscSpec build() {
            return new QdiscSpec(parent, handle, kind);
        }
    }
}
