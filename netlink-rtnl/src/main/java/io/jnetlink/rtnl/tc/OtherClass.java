package io.jnetlink.rtnl.tc;

import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The options of a class whose qdisc kind the library does not model, kept exactly as the kernel
 * sent them (and written back as they are).
 *
 * @param kind    the qdisc kind
 * @param options the TCA_OPTIONS payload
 */
public record OtherClass(String kind, byte[] options) implements ClassKind {
    /** Copies the options. */
    public OtherClass {
        Objects.requireNonNull(kind, "kind");
        options = options.clone();
    }

    /** {@return the options (a copy)} */
    @Override
    public byte[] options() {
        return options.clone();
    }

    @Override
    public void writeOptions(MessageWriter w) {
        w.attrBytes(Tca.TCA_OPTIONS, options);
    }

    static OtherClass decode(String kind, AttributeCursor a) {
        return new OtherClass(kind, a.bytes());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OtherClass c && c.kind.equals(kind) && Arrays.equals(c.options, options);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Arrays.hashCode(options);
    }

    @Override
    public String toString() {
        return "OtherClass[" + kind + " options " + HexFormat.of().formatHex(options) + "]";
    }
}
