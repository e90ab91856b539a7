package io.jnetlink.rtnl.tc;

import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;

/**
 * A queueing discipline's kind and options: one file per kind ({@link Fifo} (pfifo and bfifo),
 * {@link Tbf}, {@link Htb}, {@link Ingress}, {@link Clsact}, {@link Netem}, {@link FqCodel},
 * {@link Prio}, {@link Sfq}), each writing and reading its own TCA_OPTIONS; a kind the library
 * does not model reads back as {@link OtherQdisc} with its options kept as received.
 */
public sealed interface QdiscKind permits Fifo, Tbf, Htb, HookQdisc, Netem, FqCodel, Prio,
        Sfq, OtherQdisc {

    /** {@return the kind's name as the kernel knows it (TCA_KIND): {@code "tbf"}} */
    String kind();

    /** Writes this kind's TCA_OPTIONS attribute (nothing for kinds without options). */
    void writeOptions(MessageWriter w);

    /** {@return the parent a qdisc of this kind gets when none is given: the root, or ingress for ingress/clsact} */
    default Handle defaultParent() {
        return Handle.ROOT;
    }

    /** {@return the handle a qdisc of this kind gets when none is given: none (the kernel picks), ffff: for ingress/clsact} */
    default Handle defaultHandle() {
        return Handle.NONE;
    }

    /**
     * Reads the options of a qdisc of kind {@code kind}: the one registry from kind name to file.
     *
     * @param options a cursor on TCA_OPTIONS, or null when the message had none
     */
    static QdiscKind decode(String kind, AttributeCursor options) {
        return switch (kind) {
            case Fifo.PFIFO -> Fifo.decode(false, options);
            case Fifo.BFIFO -> Fifo.decode(true, options);
            case Tbf.KIND -> Tbf.decode(options);
            case Htb.KIND -> Htb.decode(options);
            case Ingress.KIND -> new Ingress(); // the kernel sends an empty TCA_OPTIONS
            case Clsact.KIND -> new Clsact();
            case Netem.KIND -> Netem.decode(options);
            case FqCodel.KIND -> FqCodel.decode(options);
            case Prio.KIND -> Prio.decode(options);
            case Sfq.KIND -> Sfq.decode(options);
            default -> OtherQdisc.decode(kind, options);
        };
    }
}
