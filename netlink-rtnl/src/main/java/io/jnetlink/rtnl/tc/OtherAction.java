package io.jnetlink.rtnl.tc;

import io.jnetlink.core.codec.MessageWriter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An action of a kind the library does not model, its TCA_ACT_OPTIONS kept as received (and
 * written back as they are).
 *
 * @param kind    the action's kind
 * @param options the TCA_ACT_OPTIONS payload, or null
 */
public record OtherAction(String kind, byte[] options) implements Action {
    /** Copies the options. */
    public OtherAction {
        Objects.requireNonNull(kind, "kind");
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
            w.bytes(options);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OtherAction a && a.kind.equals(kind) && Arrays.equals(a.options, options);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Arrays.hashCode(options);
    }

    @Override
    public String toString() {
        return "OtherAction[" + kind + (options == null ? "" : " " + HexFormat.of().formatHex(options)) + "]";
    }
}
