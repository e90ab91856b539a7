package io.jnetlink.rtnl.tc;

import io.jnetlink.core.MalformedMessageException;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;

/**
 * {@code mirred}: redirect or mirror packets to a link, onto its egress or ingress ({@code tc ...
 * action mirred egress redirect dev gx1}). TCA_MIRRED_PARMS is {@code struct tc_mirred}
 * ({@code linux/tc_act/tc_mirred.h}): a redirect stops the packet here (TC_ACT_STOLEN), a mirror
 * lets it go on (TC_ACT_PIPE), as tc writes them.
 *
 * @param ingress  whether the copy enters the target link's ingress (else leaves by its egress)
 * @param redirect whether the packet is moved (redirect) rather than copied (mirror)
 * @param ifindex  the target link's index
 * @param verdict  what happens to the packet afterwards (TC_ACT_*)
 */
public record Mirred(boolean ingress, boolean redirect, int ifindex, int verdict) implements Action {
    static final String KIND = "mirred";
    static final int TCA_MIRRED_PARMS = 2;
    static final int TCA_EGRESS_REDIR = 1;
    static final int TCA_EGRESS_MIRROR = 2;
    static final int TCA_INGRESS_REDIR = 3;
    static final int TCA_INGRESS_MIRROR = 4;

    /**
     * {@code mirred egress redirect dev X}.
     *
     * @param ifindex the target link's index
     * @return the action
     */
    public static Mirred redirectTo(int ifindex) {
        return new Mirred(false, true, ifindex, TC_ACT_STOLEN);
    }

    /**
     * {@code mirred egress mirror dev X}.
     *
     * @param ifindex the target link's index
     * @return the action
     */
    public static Mirred mirrorTo(int ifindex) {
        return new Mirred(false, false, ifindex, TC_ACT_PIPE);
    }

    /**
     * {@code mirred ingress redirect dev X}.
     *
     * @param ifindex the target link's index
     * @return the action
     */
    public static Mirred redirectToIngress(int ifindex) {
        return new Mirred(true, true, ifindex, TC_ACT_STOLEN);
    }

    /**
     * {@code mirred ingress mirror dev X}.
     *
     * @param ifindex the target link's index
     * @return the action
     */
    public static Mirred mirrorToIngress(int ifindex) {
        return new Mirred(true, false, ifindex, TC_ACT_PIPE);
    }

    @Override
    public String kind() {
        return KIND;
    }

    private int eaction() {
        return ingress ? (redirect ? TCA_INGRESS_REDIR : TCA_INGRESS_MIRROR)
                : (redirect ? TCA_EGRESS_REDIR : TCA_EGRESS_MIRROR);
    }

    @Override
    public void writeOptions(MessageWriter w) {
        w.nest(TCA_MIRRED_PARMS, p -> p.u32(0).u32(0).u32(verdict).u32(0).u32(0).u32(eaction()).u32(ifindex));
    }

    static Mirred decode(AttributeCursor options) {
        if (options != null) {
            AttributeCursor a = options.nested(Tca.optionNames(KIND));
            while (a.next()) {
                if (a.type() == TCA_MIRRED_PARMS) {
                    Struct s = Struct.of(a, 28, "struct tc_mirred");
                    int e = s.s32(20);
                    if (e < TCA_EGRESS_REDIR || e > TCA_INGRESS_MIRROR) {
                        throw a.malformed("mirred eaction " + e + " is none of egress/ingress redirect/mirror");
                    }
                    return new Mirred(e >= TCA_INGRESS_REDIR, e == TCA_EGRESS_REDIR || e == TCA_INGRESS_REDIR,
                            s.s32(24), s.s32(8));
                }
            }
        }
        throw new MalformedMessageException("TCA_ACT_OPTIONS", options == null ? 0 : options.payloadOffset(),
                "mirred without TCA_MIRRED_PARMS");
    }
}
