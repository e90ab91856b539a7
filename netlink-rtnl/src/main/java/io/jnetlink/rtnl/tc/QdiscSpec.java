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

    /** {@return a qdisc of {@code kind} where that kind goes by default: the root, or ingress for ingress/clsact} */
    public static QdiscSpec of(QdiscKind kind) {
        return new QdiscSpec(kind.defaultParent(), kind.defaultHandle(), kind);
    }

    /** The same with handle {@code handle}. */
    public QdiscSpec handle(Handle handle) {
        return new QdiscSpec(parent, handle, kind);
    }

    /** The same with handle {@code handle} in tc's notation ({@code "1:"}). */
    public QdiscSpec handle(String handle) {
        return handle(Handle.parse(handle));
    }

    /** The same under {@code parent} (a class such as {@code 1:10}, for a qdisc inside a class). */
    public QdiscSpec parent(Handle parent) {
        return new QdiscSpec(parent, handle, kind);
    }

    /** The same under {@code parent} in tc's notation. */
    public QdiscSpec parent(String parent) {
        return parent(Handle.parse(parent));
    }

    @Override
    public String toString() {
        return kind.kind() + " qdisc " + (handle.value() != 0 ? handle + " " : "")
                + (parent.isRoot() ? "root" : "parent " + parent);
    }
}
