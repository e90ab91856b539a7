package io.jnetlink.rtnl.tc;

import io.jnetlink.core.MalformedMessageException;
import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.rtnl.family.Attributes;
import java.util.List;

/**
 * One traffic class as the kernel reports it (an RTM_NEWTCLASS message): what {@code tc -s -d
 * class show} prints.
 *
 * @param ifindex the link's index
 * @param handle  the class id ({@code 1:10})
 * @param parent  its parent (the qdisc {@code 1:}, a class, or {@link Handle#ROOT})
 * @param leaf    the handle of the qdisc inside the class (tcm_info), or {@link Handle#NONE}
 * @param kind    the kind of the qdisc the class belongs to
 * @param options the options ({@link HtbClass}, {@link OtherClass}), or null for a class without any
 * @param stats   TCA_STATS2, or {@link TcStats#NONE}
 * @param unknown attributes this record does not model (TCA_XSTATS, ...), kept as received
 */
public record ClassInfo(int ifindex, Handle handle, Handle parent, Handle leaf, String kind, ClassKind options,
                        TcStats stats, List<RawAttribute> unknown) {
    /** Copies the list (one the decoder made is kept as it is: immutable, copied out when first read). */
    public ClassInfo {
        unknown = Attributes.keep(unknown);
    }

    /**
     * What identifies a class in a namespace: its link and class id.
     *
     * @param handle the handle
     * @param ifindex the link's index
     */
    public record Key(int ifindex, Handle handle) {}

    /** {@return this class's identity, for watches} */
    public Key key() {
        return new Key(ifindex, handle);
    }

    /**
     * Decodes an RTM_NEWTCLASS (or RTM_DELTCLASS) message.
     *
     * @param m the message
     * @return the class, or null for a message of another type
     * @throws MalformedMessageException if the message breaks the format
     */
    public static ClassInfo decode(Message m) {
        if (m.type() != Tca.RTM_NEWTCLASS && m.type() != Tca.RTM_DELTCLASS) {
            return null;
        }
        TcMessages.Common c = TcMessages.common(TcClasses.FAMILY, m);
        if (c.kind() == null) {
            throw new MalformedMessageException("TCA_KIND", m.payloadOffset(), "class message without a kind");
        }
        ClassKind options = ClassKind.decode(c.kind(), TcMessages.options(TcClasses.FAMILY, m));
        TcMessages.Header h = c.header();
        return new ClassInfo(h.ifindex(), new Handle(h.handle()), new Handle(h.parent()), new Handle(h.info()),
                c.kind(), options, c.stats(), c.unknown());
    }

    @Override
    public String toString() {
        return "class " + kind + " " + handle + " parent " + parent + " dev " + ifindex
                + (leaf.value() != 0 ? " leaf " + leaf : "") + (options != null ? " " + options : "")
                + (stats.equals(TcStats.NONE) ? "" : " " + stats);
    }
}
