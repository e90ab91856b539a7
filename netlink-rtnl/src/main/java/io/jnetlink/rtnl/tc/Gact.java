package io.jnetlink.rtnl.tc;

import io.jnetlink.core.MalformedMessageException;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;

/**
 * {@code gact}, the generic action: what {@code tc ... action pass|drop|pipe|reclassify} writes
 * (TCA_GACT_PARMS, {@code struct tc_gact}, {@code linux/tc_act/tc_gact.h}).
 *
 * @param verdict the TC_ACT_* verdict ({@link Action#TC_ACT_OK} for pass, {@link Action#TC_ACT_SHOT} for drop)
 */
public record Gact(int verdict) implements Action {
    static final String KIND = "gact";
    static final int TCA_GACT_PARMS = 2;
    /** sizeof(struct tc_gen): index, capab, action, refcnt, bindcnt. */
    static final int TC_GEN_LEN = 20;

    /**
     * {@code action pass}.
     *
     * @return the action
     */
    public static Gact pass() {
        return new Gact(TC_ACT_OK);
    }

    /**
     * {@code action drop}.
     *
     * @return the action
     */
    public static Gact drop() {
        return new Gact(TC_ACT_SHOT);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void writeOptions(MessageWriter w) {
        w.nest(TCA_GACT_PARMS, p -> p.u32(0).u32(0).u32(verdict).u32(0).u32(0));
    }

    static Gact decode(AttributeCursor options) {
        if (options != null) {
            AttributeCursor a = options.nested(Tca.optionNames(KIND));
            while (a.next()) {
                if (a.type() == TCA_GACT_PARMS) {
                    return new Gact(Struct.of(a, TC_GEN_LEN, "struct tc_gact").s32(8));
                }
            }
        }
        throw new MalformedMessageException("TCA_ACT_OPTIONS", options == null ? 0 : options.payloadOffset(),
                "gact without TCA_GACT_PARMS");
    }
}
