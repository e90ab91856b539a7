package io.jnetlink.rtnl.tc;

import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;

/**
 * The options of a traffic class, by its qdisc's kind: {@link HtbClass}, or {@link OtherClass}
 * (options kept as received) for classes of kinds the library does not model.
 */
public sealed interface ClassKind permits HtbClass, OtherClass {
    /** {@return the kind of the qdisc the class belongs to (TCA_KIND): {@code "htb"}} */
    String kind();

    /** Writes the class's TCA_OPTIONS. */
    void writeOptions(MessageWriter w);

    /**
     * Reads the options of a class of kind {@code kind}: the one registry from kind name to file.
     *
     * @param options a cursor on TCA_OPTIONS, or null when the message had none
     * @return the options, or null for a class without options (the kernel's own root classes)
     */
    static ClassKind decode(String kind, AttributeCursor options) {
        return switch (kind) {
            case Htb.KIND -> HtbClass.decode(options);
            default -> options == null ? null : OtherClass.decode(kind, options);
        };
    }
}
