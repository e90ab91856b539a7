package io.jnetlink.rtnl.tc;

import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A qdisc kind the library does not model (such as {@code cake} or {@code fq}), with its
 * TCA_OPTIONS payload kept exactly as the kernel sent it; writing it sends those bytes back, so a
 * qdisc read from one link can be recreated on another.
 *
 * @param kind    the kind's name
 * @param options the TCA_OPTIONS payload, or null when there was none
 */
public record OtherQdisc(String kind, byte[] options) implements QdiscKind {
    /** Copies the options. */
    public OtherQdisc {
        Objects.requireNonNull(kind, "kind");
        if (kind.isEmpty()) {
            throw new IllegalArgumentException("a qdisc kind must not be empty");
        }
        options = options == null ? null : options.clone();
    }

    /** {@return the options (a copy), or null} */
    @Override
    public byte[] options() {
        return options == null ? null : options.clone();
    }

    @Override
    public void writeOptions(MessageWriter w) {
        if (options != null) {
            w.attrBytes(Tca.TCA_OPTIONS, options);
        }
    }

    static OtherQdisc decode(String kind, AttributeCursor a) {
        return new OtherQdisc(kind, a == null ? null : a.bytes());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OtherQdisc q && q.kind.equals(kind) && Arrays.equals(q.options, options);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Arrays.hashCode(options);
    }

    @Override
    public String toString() {
        return "OtherQdisc[" + kind + (options == null ? "" : " options " + HexFormat.of().formatHex(options)) + "]";
    }
}
