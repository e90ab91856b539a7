package io.jnetlink.rtnl.tc;

import io.jnetlink.core.codec.MessageWriter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A filter whose classifier the library does not model, its TCA_OPTIONS kept as received (and
 * written back as they are).
 *
 * @param kind    the classifier
 * @param options the TCA_OPTIONS payload, or null
 */
public record OtherFilter(String kind, byte[] options) implements FilterKind {
    /** Copies the options. */
    public OtherFilter {
        Objects.requireNonNull(kind, "kind");
        options = options == null ? null : options.clone();
    }

    /** {@return the options (a copy), or null} */
    @Override
    public byte[] options() {
        return options == null ? null : options.clone();
    }

    @Override
    public java.util.List<Action> actions() {
        return java.util.List.of();
    }

    @Override
    public void writeOptions(MessageWriter w) {
        if (options != null) {
            w.attrBytes(Tca.TCA_OPTIONS, options);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OtherFilter f && f.kind.equals(kind) && Arrays.equals(f.options, options);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Arrays.hashCode(options);
    }

    @Override
    public String toString() {
        return "OtherFilter[" + kind + (options == null ? "" : " " + HexFormat.of().formatHex(options)) + "]";
    }
}
