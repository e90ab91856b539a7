package io.jnetlink.rtnl.tc;

import io.jnetlink.core.NetlinkException;

/**
 * The running kernel has no module for a traffic-control kind the request named: a qdisc
 * ({@code sch_netem}), a classifier ({@code cls_flower}) or an action ({@code act_gact}). The
 * kernel answers such a request with ENOENT and a generic text; this says which module is missing,
 * so a caller can branch (fall back, or skip a lab that needs netem).
 */
public class KindNotSupportedException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    private final String module;

    KindNotSupportedException(NetlinkException cause, String module) {
        super(cause.operation(), cause.errnoValue(), cause.extAckMessage(), cause.extAckOffset(), cause.sequence(),
                "this kernel has no " + module);
        this.module = module;
        initCause(cause);
    }

    /** {@return the missing kernel module, such as {@code sch_netem}, {@code cls_matchall} or {@code act_gact}} */
    public String module() {
        return module;
    }
}
