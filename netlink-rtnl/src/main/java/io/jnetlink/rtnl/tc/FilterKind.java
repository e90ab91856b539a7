package io.jnetlink.rtnl.tc;

import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;
import java.util.List;

/**
 * A classifier's kind and options: one file per classifier ({@link U32}, {@link Matchall},
 * {@link Flower}, {@link Bpf}), each writing and reading its TCA_OPTIONS; a classifier the library
 * does not model reads back as {@link OtherFilter}, its options kept.
 */
public sealed interface FilterKind permits U32, Matchall, Flower, Bpf, OtherFilter {
    /** {@return the classifier's name (TCA_KIND): {@code "u32"}} */
    String kind();

    /** Writes this classifier's TCA_OPTIONS. */
    void writeOptions(MessageWriter w);

    /** {@return the protocol (Ethernet type) a filter of this kind gets when none is given: all} */
    default int defaultProtocol() {
        return FilterSpec.ETH_P_ALL;
    }

    /** {@return the actions this filter runs (for naming a missing act_* module)} */
    List<Action> actions();

    /**
     * Reads the options of a filter of kind {@code kind}: the one registry from classifier name to file.
     *
     * @param options a cursor on TCA_OPTIONS, or null when the message had none
     */
    static FilterKind decode(String kind, AttributeCursor options) {
        return switch (kind) {
            case U32.KIND -> U32.decode(options);
            case Matchall.KIND -> Matchall.decode(options);
            case Flower.KIND -> Flower.decode(options);
            case Bpf.KIND -> Bpf.decode(options);
            default -> new OtherFilter(kind, options == null ? null : options.bytes());
        };
    }
}
