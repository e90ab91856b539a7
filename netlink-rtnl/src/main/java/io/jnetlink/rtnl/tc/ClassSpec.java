package io.jnetlink.rtnl.tc;

import java.util.Objects;

/**
 * A traffic class to add, replace or change: its qdisc's or parent class's handle, its own id
 * ({@code classid}, such as {@code 1:10}) and its kind's options.
 *
 * <pre>{@code
 * ClassSpec.of("1:", "1:10", HtbClass.rate(Rate.mbit(10)).ceil(Rate.mbit(20)))   // tc class add ... parent 1: classid 1:10 htb rate 10mbit ceil 20mbit
 * }</pre>
 *
 * @param parent  the qdisc ({@code 1:}) or parent class ({@code 1:1})
 * @param classid the class's id; its major must be the qdisc's
 * @param kind    the options, of the kind of the qdisc the class belongs to
 */
public record ClassSpec(Handle parent, Handle classid, ClassKind kind) {
    /** Checks the class id is a class (minor not 0) under its parent's qdisc. */
    public ClassSpec {
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(classid, "classid");
        Objects.requireNonNull(kind, "kind");
        if (classid.minorNumber() == 0 || classid.majorNumber() == 0) {
            throw new IllegalArgumentException("a class id is MAJOR:MINOR with both set (such as 1:10), got " + classid);
        }
        if (parent.majorNumber() != classid.majorNumber()) {
            throw new IllegalArgumentException("class " + classid + " must belong to the qdisc of its parent " + parent);
        }
    }

    /** {@return the class {@code classid} under {@code parent}, both in tc's notation} */
    public static ClassSpec of(String parent, String classid, ClassKind kind) {
        return new ClassSpec(Handle.parse(parent), Handle.parse(classid), kind);
    }

    @Override
    public String toString() {
        return kind.kind() + " class " + classid + " parent " + parent;
    }
}
