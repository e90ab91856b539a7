package io.jnetlink.rtnl.tc;

import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code matchall}: every packet matches ({@code tc filter add dev X ingress matchall action
 * drop}). TCA_OPTIONS holds TCA_MATCHALL_CLASSID and TCA_MATCHALL_ACT ({@code linux/pkt_cls.h}).
 *
 * @param classid the class to put packets in, or null
 * @param actions the actions to run
 */
public record Matchall(Handle classid, List<Action> actions) implements FilterKind {
    static final String KIND = "matchall";
    static final int TCA_MATCHALL_CLASSID = 1;
    static final int TCA_MATCHALL_ACT = 2;

    /** Copies the list. */
    public Matchall {
        actions = List.copyOf(actions);
    }

    /** {@return a matchall running {@code actions}} */
    public static Matchall of(Action... actions) {
        return new Matchall(null, List.of(actions));
    }

    /** The same putting packets in class {@code classid}. */
    public Matchall flowid(Handle classid) {
        return new Matchall(classid, actions);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void writeOptions(MessageWriter w) {
        w.nest(Tca.TCA_OPTIONS, o -> {
            if (classid != null) {
                o.attrU32(TCA_MATCHALL_CLASSID, classid.value());
            }
            if (!actions.isEmpty()) {
                Action.writeAll(o, TCA_MATCHALL_ACT, actions);
            }
        });
    }

    static Matchall decode(AttributeCursor options) {
        Handle classid = null;
        List<Action> actions = new ArrayList<>();
        if (options != null) {
            AttributeCursor a = options.nested(Tca.optionNames(KIND));
            while (a.next()) {
                switch (a.type()) {
                    case TCA_MATCHALL_CLASSID -> classid = new Handle(a.u32());
                    case TCA_MATCHALL_ACT -> actions = Action.readAll(a);
                    default -> { } // flags, counters
                }
            }
        }
        return new Matchall(classid, actions);
    }
}
