package io.jnetlink.rtnl.tc;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.Netlink;
import java.util.ArrayList;
import java.util.List;

/**
 * A filter's action ({@code linux/tc_act/}): {@link Gact} (pass, drop), {@link Mirred} (redirect or
 * mirror to a link), {@link Police} (rate limit), or {@link OtherAction} for kinds the library does
 * not model. Actions of a filter run in order; each is written as tc writes it: a nest numbered
 * from 1 holding TCA_ACT_KIND and TCA_ACT_OPTIONS.
 */
public sealed interface Action permits Gact, Mirred, Police, OtherAction {
    /** TC_ACT_OK: accept the packet. */
    int TC_ACT_OK = 0;
    /** TC_ACT_RECLASSIFY. */
    int TC_ACT_RECLASSIFY = 1;
    /** TC_ACT_SHOT: drop the packet. */
    int TC_ACT_SHOT = 2;
    /** TC_ACT_PIPE: go on with the next action. */
    int TC_ACT_PIPE = 3;
    /** TC_ACT_STOLEN: the action consumed the packet. */
    int TC_ACT_STOLEN = 4;

    /** {@return the action's kind as the kernel knows it (TCA_ACT_KIND): {@code "gact"}} */
    String kind();

    /** Writes the action's options (the content of TCA_ACT_OPTIONS). */
    void writeOptions(MessageWriter w);

    /** TCA_ACT_KIND. */
    int TCA_ACT_KIND = 1;
    /** TCA_ACT_OPTIONS. */
    int TCA_ACT_OPTIONS = 2;

    /** Names of the attributes of one action, for error paths. */
    AttrNames NAMES = AttrNames.table("TCA_ACT", "TCA_ACT_UNSPEC", "TCA_ACT_KIND", "TCA_ACT_OPTIONS",
            "TCA_ACT_INDEX", "TCA_ACT_STATS", "TCA_ACT_PAD", "TCA_ACT_COOKIE", "TCA_ACT_FLAGS", "TCA_ACT_HW_STATS",
            "TCA_ACT_USED_HW_STATS", "TCA_ACT_IN_HW_COUNT");

    /** Writes {@code actions} as the content of a classifier's *_ACT attribute. */
    static void writeAll(MessageWriter w, int type, List<Action> actions) {
        w.nest(type, all -> {
            int prio = 1;
            for (Action a : actions) {
                all.nest(prio++, one -> {
                    one.attrString(TCA_ACT_KIND, a.kind());
                    one.nest(TCA_ACT_OPTIONS | Netlink.NLA_F_NESTED, a::writeOptions);
                });
            }
        });
    }

    /** Reads a classifier's *_ACT attribute (the cursor is on it): every action, in order. */
    static List<Action> readAll(AttributeCursor act) {
        List<Action> out = new ArrayList<>();
        AttributeCursor each = act.nested(AttrNames.numbered("TCA_ACT_PRIO"));
        while (each.next()) {
            String kind = null;
            AttributeCursor a = each.nested(NAMES);
            while (a.next()) {
                if (a.type() == TCA_ACT_KIND) {
                    kind = a.string();
                }
            }
            if (kind == null) {
                throw each.malformed("action without TCA_ACT_KIND");
            }
            AttributeCursor options = null;
            a = each.nested(NAMES);
            while (a.next()) {
                if (a.type() == TCA_ACT_OPTIONS) {
                    options = a;
                    break;
                }
            }
            out.add(switch (kind) {
                case Gact.KIND -> Gact.decode(options);
                case Mirred.KIND -> Mirred.decode(options);
                case Police.KIND -> Police.decode(options);
                default -> new OtherAction(kind, options == null ? null : options.bytes());
            });
        }
        return out;
    }
}
