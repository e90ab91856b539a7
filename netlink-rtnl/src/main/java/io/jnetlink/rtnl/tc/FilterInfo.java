package io.jnetlink.rtnl.tc;

import io.jnetlink.core.MalformedMessageException;
import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.rtnl.family.Attributes;
import java.util.List;

/**
 * One filter as the kernel reports it (an RTM_NEWTFILTER message): what {@code tc -d filter show}
 * prints, one line per filter handle (for u32 that includes the hash-table nodes).
 *
 * @param ifindex  the link's index
 * @param handle   the filter's handle ({@code 0x80000800} for u32's {@code 800::800})
 * @param parent   the qdisc, class or hook it hangs on
 * @param prio     its priority
 * @param protocol its Ethernet type
 * @param chain    its chain (TCA_CHAIN), 0 when absent
 * @param options  the classifier and its options; {@link OtherFilter} for classifiers the library does not model
 * @param unknown  attributes this record does not model, kept as received
 */
public record FilterInfo(int ifindex, int handle, Handle parent, int prio, int protocol, int chain,
                         FilterKind options, List<RawAttribute> unknown) {
    /** Copies the list (one the decoder made is kept as it is: immutable, copied out when first read). */
    public FilterInfo {
        unknown = Attributes.keep(unknown);
    }

    /**
     * What identifies a filter in a namespace.
     *
     * @param handle the handle
     * @param ifindex the link's index
     * @param parent the parent
     * @param prio the priority
     * @param protocol the Ethernet type
     */
    public record Key(int ifindex, Handle parent, int prio, int protocol, int handle) {}

    /** {@return this filter's identity, for watches} */
    public Key key() {
        return new Key(ifindex, parent, prio, protocol, handle);
    }

    /** {@return the classifier's name ({@code "u32"})} */
    public String kind() {
        return options.kind();
    }

    /**
     * Decodes an RTM_NEWTFILTER (or RTM_DELTFILTER) message.
     *
     * @param m the message
     * @return the filter, or null for a message of another type (or a chain-only message without a kind)
     * @throws MalformedMessageException if the message breaks the format
     */
    public static FilterInfo decode(Message m) {
        if (m.type() != Tca.RTM_NEWTFILTER && m.type() != Tca.RTM_DELTFILTER) {
            return null;
        }
        TcMessages.Common c = TcMessages.common(Filters.FAMILY, m);
        if (c.kind() == null) {
            return null; // a deleted priority or chain, no filter of its own
        }
        FilterKind options = FilterKind.decode(c.kind(), TcMessages.options(Filters.FAMILY, m));
        TcMessages.Header h = c.header();
        return new FilterInfo(h.ifindex(), h.handle(), new Handle(h.parent()), h.info() >>> 16,
                FilterSpec.protocolOf(h.info()), c.chain(), options, c.unknown());
    }

    @Override
    public String toString() {
        return "filter parent " + parent + " protocol 0x" + Integer.toHexString(protocol) + " pref " + prio + " "
                + kind() + " chain " + chain + " handle 0x" + Integer.toHexString(handle) + " dev " + ifindex + " "
                + options;
    }
}
