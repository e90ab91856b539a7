package io.jnetlink.rtnl.rule;

import io.jnetlink.core.codec.AttrNames;

/** Numbers of {@code linux/fib_rules.h} (and the rule message types of {@code linux/rtnetlink.h}). */
final class Fra {
    private Fra() {}

    static final int RTM_NEWRULE = 32;
    static final int RTM_DELRULE = 33;
    static final int RTM_GETRULE = 34;

    /** RTNLGRP_IPV4_RULE and RTNLGRP_IPV6_RULE of linux/rtnetlink.h. */
    static final int RTNLGRP_IPV4_RULE = 8;
    static final int RTNLGRP_IPV6_RULE = 19;

    /** sizeof(struct fib_rule_hdr): family, dst_len, src_len, tos, table, res1, res2, action (u8), flags (u32). */
    static final int HEADER_LEN = 12;

    static final int FRA_DST = 1;
    static final int FRA_SRC = 2;
    static final int FRA_IIFNAME = 3;
    static final int FRA_GOTO = 4;
    static final int FRA_PRIORITY = 6;
    static final int FRA_FWMARK = 10;
    static final int FRA_SUPPRESS_PREFIXLEN = 14;
    static final int FRA_TABLE = 15;
    static final int FRA_FWMASK = 16;
    static final int FRA_OIFNAME = 17;
    static final int FRA_L3MDEV = 19;
    static final int FRA_UID_RANGE = 20;
    static final int FRA_PROTOCOL = 21;
    static final int FRA_IP_PROTO = 22;
    static final int FRA_SPORT_RANGE = 23;
    static final int FRA_DPORT_RANGE = 24;

    static final AttrNames NAMES = AttrNames.table("FRA", "FRA_UNSPEC", "FRA_DST", "FRA_SRC", "FRA_IIFNAME",
            "FRA_GOTO", "FRA_UNUSED2", "FRA_PRIORITY", "FRA_UNUSED3", "FRA_UNUSED4", "FRA_UNUSED5", "FRA_FWMARK",
            "FRA_FLOW", "FRA_TUN_ID", "FRA_SUPPRESS_IFGROUP", "FRA_SUPPRESS_PREFIXLEN", "FRA_TABLE", "FRA_FWMASK",
            "FRA_OIFNAME", "FRA_PAD", "FRA_L3MDEV", "FRA_UID_RANGE", "FRA_PROTOCOL", "FRA_IP_PROTO",
            "FRA_SPORT_RANGE", "FRA_DPORT_RANGE");
}
