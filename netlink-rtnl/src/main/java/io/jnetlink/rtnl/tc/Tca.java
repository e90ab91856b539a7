package io.jnetlink.rtnl.tc;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.MessageWriter;

/**
 * Numbers of {@code linux/rtnetlink.h} for traffic control: message types, {@code struct tcmsg}
 * and the TCA_* attributes every qdisc, class and filter message carries.
 */
final class Tca {
    private Tca() {}

    static final int RTM_NEWQDISC = 36;
    static final int RTM_DELQDISC = 37;
    static final int RTM_GETQDISC = 38;
    static final int RTM_NEWTCLASS = 40;
    static final int RTM_DELTCLASS = 41;
    static final int RTM_GETTCLASS = 42;
    static final int RTM_NEWTFILTER = 44;
    static final int RTM_DELTFILTER = 45;
    static final int RTM_GETTFILTER = 46;

    /** RTNLGRP_TC: where qdisc, class and filter changes are announced. */
    static final int RTNLGRP_TC = 4;

    /** sizeof(struct tcmsg): family (u8), 3 pad bytes, ifindex (s32), handle, parent, info (u32 each). */
    static final int TCMSG_LEN = 20;

    static final int TCA_KIND = 1;
    static final int TCA_OPTIONS = 2;
    static final int TCA_STATS = 3;
    static final int TCA_XSTATS = 4;
    static final int TCA_RATE = 5;
    static final int TCA_FCNT = 6;
    static final int TCA_STATS2 = 7;
    static final int TCA_STAB = 8;
    static final int TCA_PAD = 9;
    static final int TCA_DUMP_INVISIBLE = 10;
    static final int TCA_CHAIN = 11;
    static final int TCA_HW_OFFLOAD = 12;
    static final int TCA_INGRESS_BLOCK = 13;
    static final int TCA_EGRESS_BLOCK = 14;
    static final int TCA_DUMP_FLAGS = 15;
    static final int TCA_EXT_WARN_MSG = 16;

    static final AttrNames NAMES = AttrNames.table("TCA", "TCA_UNSPEC", "TCA_KIND", "TCA_OPTIONS", "TCA_STATS",
            "TCA_XSTATS", "TCA_RATE", "TCA_FCNT", "TCA_STATS2", "TCA_STAB", "TCA_PAD", "TCA_DUMP_INVISIBLE",
            "TCA_CHAIN", "TCA_HW_OFFLOAD", "TCA_INGRESS_BLOCK", "TCA_EGRESS_BLOCK", "TCA_DUMP_FLAGS",
            "TCA_EXT_WARN_MSG");

    /** Names inside TCA_OPTIONS, where every kind has its own space: numbered, under the kind's name. */
    static AttrNames optionNames(String kind) {
        return AttrNames.numbered("TCA_" + kind.toUpperCase(java.util.Locale.ROOT));
    }

    /** Writes {@code struct tcmsg} (AF_UNSPEC). */
    static void tcmsg(MessageWriter w, int ifindex, int handle, int parent, int info) {
        w.u8(0).u8(0).u16(0).u32(ifindex).u32(handle).u32(parent).u32(info);
    }
}
