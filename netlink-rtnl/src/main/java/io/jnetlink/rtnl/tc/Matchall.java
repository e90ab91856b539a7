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

    /**
     * {@return a matchall running {@code actions}}
     *
     * @param actions the actions, in order
     */
    public static Matchall of(Action... actions) {
        Builder b = builder();
        for (Action a : actions) {
            b.action(a);
        }
        return b.build();
    }

    /**
     * {@return a builder of matchalls, starting as one with no class and no actions}
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this matchall's values, to change and {@link Builder#build()} into a new one} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The same putting packets in class {@code classid}.
     *
     * @param classid the class
     * @return a copy with it
     */
    public Matchall flowid(Handle classid) {
        return toBuilder().flowid(classid).build();
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

    /**
     * Builds a {@link Matchall}; {@link #build()} checks the values (the record's constructor). A
     * builder is not thread-safe; the filters it builds are immutable.
     */
    public static final class Builder {
        private Handle classid;
        private final List<Action> actions = new ArrayList<>();

        private Builder() {
        }

        private Builder(Matchall m) {
            classid = m.classid;
            actions.addAll(m.actions);
        }

        /**
         * Puts packets in class {@code classid}.
         *
         * @param classid the class, or null for none
         * @return this builder
         */
        public Builder flowid(Handle classid) {
            this.classid = classid;
            return this;
        }

        /**
         * Runs {@code action} too, after the actions added before.
         *
         * @param action the action
         * @return this builder
         */
        public Builder action(Action action) {
            actions.add(action);
            return this;
        }

        /** {@return the matchall these values make, checked} */
        public Matchall build() {
            return new Matchall(classid, actions);
        }
    }
}
