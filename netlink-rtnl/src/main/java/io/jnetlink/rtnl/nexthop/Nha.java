package io.jnetlink.rtnl.nexthop;

import io.jnetlink.core.codec.AttrNames;

/** Numbers of {@code linux/nexthop.h} (and the nexthop message types of {@code linux/rtnetlink.h}). */
final class Nha {
    private Nha() {}

    static final int RTM_NEWNEXTHOP = 104;
    static final int RTM_DELNEXTHOP = 105;
    static final int RTM_GETNEXTHOP = 106;

    /** RTNLGRP_NEXTHOP of linux/rtnetlink.h (past 31: joined with NETLINK_ADD_MEMBERSHIP). */
    static final int RTNLGRP_NEXTHOP = 32;

    /** sizeof(struct nhmsg): family, scope, protocol, resvd (u8), flags (u32). */
    static final int NHMSG_LEN = 8;
    /** sizeof(struct nexthop_grp): id (u32), weight - 1 (u8), resvd1 (u8), resvd2 (u16). */
    static final int GRP_LEN = 8;

    static final int NHA_ID = 1;
    static final int NHA_GROUP = 2;
    static final int NHA_GROUP_TYPE = 3;
    static final int NHA_BLACKHOLE = 4;
    static final int NHA_OIF = 5;
    static final int NHA_GATEWAY = 6;
    static final int NHA_FDB = 11;
    static final int NHA_RES_GROUP = 12;

    static final int NHA_RES_GROUP_BUCKETS = 1;
    static final int NHA_RES_GROUP_IDLE_TIMER = 2;
    static final int NHA_RES_GROUP_UNBALANCED_TIMER = 3;
    static final int NHA_RES_GROUP_UNBALANCED_TIME = 4;

    static final int NEXTHOP_GRP_TYPE_MPATH = 0;
    static final int NEXTHOP_GRP_TYPE_RES = 1;

    /** RTNH_F_ONLINK of linux/rtnetlink.h: the gateway is on the link even without a matching prefix. */
    static final int RTNH_F_ONLINK = 4;

    /** The resilient group's timers travel in clock_t, USER_HZ (100) ticks a second. */
    static final int USER_HZ = 100;

    static final AttrNames NAMES = AttrNames.table("NHA", "NHA_UNSPEC", "NHA_ID", "NHA_GROUP", "NHA_GROUP_TYPE",
            "NHA_BLACKHOLE", "NHA_OIF", "NHA_GATEWAY", "NHA_ENCAP_TYPE", "NHA_ENCAP", "NHA_GROUPS", "NHA_MASTER",
            "NHA_FDB", "NHA_RES_GROUP", "NHA_RES_BUCKET");
    static final AttrNames RES_NAMES = AttrNames.table("NHA_RES_GROUP", "NHA_RES_GROUP_PAD",
            "NHA_RES_GROUP_BUCKETS", "NHA_RES_GROUP_IDLE_TIMER", "NHA_RES_GROUP_UNBALANCED_TIMER",
            "NHA_RES_GROUP_UNBALANCED_TIME");
}
