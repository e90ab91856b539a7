package io.jnetlink.rtnl.tc;

import io.jnetlink.core.Errno;
import io.jnetlink.core.NetlinkException;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.core.codec.Netlink;
import io.jnetlink.rtnl.family.Attributes;
import io.jnetlink.rtnl.family.RtnlFamily;
import java.util.List;

/** What qdisc, class and filter messages share: {@code struct tcmsg}, TCA_OPTIONS, the "no such kind" errors. */
final class TcMessages {
    private TcMessages() {}

    /** The fields of {@code struct tcmsg}. */
    record Header(int ifindex, int handle, int parent, int info) {}

    static Header header(RtnlFamily<?> family, Message m) {
        family.scan(m); // checks the header is there (the view's own cursor: nothing allocated)
        return new Header(m.u32(4), m.u32(8), m.u32(12), m.u32(16));
    }

    /** What every tc message carries besides its kind's options. */
    record Common(Header header, String kind, TcStats stats, int chain, List<RawAttribute> unknown) {}

    /**
     * Reads the header and the attributes qdisc, class and filter messages share: TCA_KIND,
     * TCA_STATS2, TCA_CHAIN; TCA_OPTIONS is left to the kind ({@link #options}); the rest is kept.
     */
    static Common common(RtnlFamily<?> family, Message m) {
        Header h = header(family, m);
        String kind = null;
        TcStats stats = TcStats.NONE;
        int chain = 0;
        boolean unknown = false;
        AttributeCursor a = family.scan(m); // the view's own cursor: one pass, nothing allocated
        while (a.next()) {
            switch (a.type()) {
                case Tca.TCA_KIND -> kind = a.string();
                case Tca.TCA_OPTIONS -> { } // read by the kind
                case Tca.TCA_STATS2 -> stats = TcStats.decode(a);
                case Tca.TCA_CHAIN -> chain = a.u32();
                default -> unknown = true;
            }
        }
        // the rest is checked whole now: copied out of the retained datagram when first read
        List<RawAttribute> rest = unknown
                ? Attributes.unmodeledLater(m.retained(), m.payloadOffset() + Netlink.align(Tca.TCMSG_LEN),
                        m.offset() + m.length(), MODELED, Tca.NAMES)
                : List.of();
        return new Common(h, kind == null || kind.isEmpty() ? null : kind, stats, chain, rest);
    }

    /** The attributes {@link #common} and the kinds read; the others are kept. */
    private static final long MODELED = Attributes.mask(Tca.TCA_KIND, Tca.TCA_OPTIONS, Tca.TCA_STATS2, Tca.TCA_CHAIN);

    /**
     * A cursor on the message's TCA_OPTIONS, or null when it has none: the view's own cursor
     * ({@link Message#scan}), valid until the next scan of {@code m}.
     */
    static AttributeCursor options(RtnlFamily<?> family, Message m) {
        AttributeCursor a = family.scan(m);
        while (a.next()) {
            if (a.type() == Tca.TCA_OPTIONS) {
                return a;
            }
        }
        return null;
    }

    /**
     * Turns the kernel's ENOENT for a kind it has no module for into {@link
     * KindNotSupportedException}; anything else is returned as it is. The kernel's texts
     * ({@code net/sched/sch_api.c}, {@code cls_api.c}, {@code act_api.c}) tell the cases apart from
     * other ENOENTs ("parent qdisc not found").
     *
     * @param modules the modules the request needed: {@code sch_X}, {@code cls_X}, {@code act_X}
     */
    static NetlinkException explain(NetlinkException e, String qdiscModule, String classifierModule,
                                    List<String> actionModules) {
        if (e.errno() != Errno.ENOENT || e.extAckMessage() == null) {
            return e;
        }
        String ext = e.extAckMessage();
        if (qdiscModule != null && ext.contains("qdisc kind is unknown")) {
            return new KindNotSupportedException(e, qdiscModule);
        }
        if (classifierModule != null && ext.contains("TC classifier not found")) {
            return new KindNotSupportedException(e, classifierModule);
        }
        if (!actionModules.isEmpty() && ext.contains("Failed to load TC action module")) {
            return new KindNotSupportedException(e, actionModules.size() == 1 ? actionModules.get(0)
                    : "one of " + String.join(", ", actionModules));
        }
        return e;
    }
}
