package io.jnetlink.nft.expr;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;

/**
 * {@code notrack}: the packet skips connection tracking (it gets the untracked conntrack
 * template). The expression has no attributes.
 */
public record Notrack() implements Expression {
    static final AttrNames NAMES = AttrNames.table("NFTA_NOTRACK");
    static final Codec<Notrack> CODEC = Codec.of("notrack", Notrack.class, NAMES, Notrack::decode,
            Notrack::writeData);

    @Override
    public String kind() {
        return CODEC.kind;
    }

    void writeData(MessageWriter w) {
        // no attributes
    }

    static Notrack decode(AttributeCursor a) {
        if (a.next()) {
            throw Wire.NOT_MODELED;
        }
        return new Notrack();
    }
}
