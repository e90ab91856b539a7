package io.jnetlink.rtnl.tc;

import io.jnetlink.core.MalformedMessageException;
import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.rtnl.family.Attributes;
import java.util.List;
import java.util.Objects;

/**
 * One qdisc as the kernel reports it (an RTM_NEWQDISC message): what {@code tc -s -d qdisc show}
 * prints.
 *
 * @param ifindex the link's index
 * @param handle  the qdisc's handle
 * @param parent  its parent ({@link Handle#ROOT}, {@link Handle#INGRESS} or a class)
 * @param refcnt  the kernel's reference count (tcm_info)
 * @param options the kind with its options; {@link OtherQdisc} for kinds the library does not model
 * @param stats   TCA_STATS2, or {@link TcStats#NONE}
 * @param unknown attributes this record does not model (TCA_STATS, TCA_XSTATS, ...), kept as received
 */
public record QdiscInfo(int ifindex, Handle handle, Handle parent, int refcnt, QdiscKind options, TcStats stats,
                        List<RawAttribute> unknown) {
    /** Copies the list (one the decoder made is kept as it is: immutable, copied out when first read). */
    public QdiscInfo {
        Objects.requireNonNull(options, "options");
        unknown = Attributes.keep(unknown);
    }

    /** {@return the kind's name ({@code "tbf"})} */
    public String kind() {
        return options.kind();
    }

    /**
     * What identifies a qdisc in a namespace: its link, parent and handle.
     *
     * @param handle the handle
     * @param ifindex the link's index
     * @param parent the parent
     */
    public record Key(int ifindex, Handle parent, Handle handle) {}

    /** {@return this qdisc's identity, for watches} */
    public Key key() {
        return new Key(ifindex, parent, handle);
    }

    /** {@return whether this is the link's root qdisc} */
    public boolean isRoot() {
        return parent.isRoot();
    }

    /**
     * Decodes an RTM_NEWQDISC (or RTM_DELQDISC) message.
     *
     * @param m the message
     * @return the qdisc, or null for a message of another type
     * @throws MalformedMessageException if the message breaks the format
     */
    public static QdiscInfo decode(Message m) {
        if (m.type() != Tca.RTM_NEWQDISC && m.type() != Tca.RTM_DELQDISC) {
            return null;
        }
        TcMessages.Common c = TcMessages.common(Qdiscs.FAMILY, m);
        if (c.kind() == null) {
            throw new MalformedMessageException("TCA_KIND", m.payloadOffset(), "qdisc message without a kind");
        }
        QdiscKind options = QdiscKind.decode(c.kind(), TcMessages.options(Qdiscs.FAMILY, m));
        TcMessages.Header h = c.header();
        return new QdiscInfo(h.ifindex(), new Handle(h.handle()), new Handle(h.parent()), h.info(), options, c.stats(),
                c.unknown());
    }

    @Override
    public String toString() {
        return "qdisc " + kind() + " " + handle + " " + (isRoot() ? "root" : "parent " + parent) + " dev " + ifindex
                + " " + options + (stats.equals(TcStats.NONE) ? "" : " " + stats);
    }
}
