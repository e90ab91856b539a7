package io.jnetlink.rtnl.route;

import io.jnetlink.core.codec.AttrNames;

/** Numbers of {@code linux/rtnetlink.h} for routes. */
final class Rt {
    private Rt() {}

    static final int RTM_NEWROUTE = 24;
    static final int RTM_DELROUTE = 25;
    static final int RTM_GETROUTE = 26;

    /** RTNLGRP_IPV4_ROUTE, RTNLGRP_IPV6_ROUTE: the multicast groups of route changes. */
    static final int RTNLGRP_IPV4_ROUTE = 7;
    static final int RTNLGRP_IPV6_ROUTE = 11;

    /** sizeof(struct rtmsg): family, dst_len, src_len, tos, table, protocol, scope, type (u8), flags (u32). */
    static final int RTMSG_LEN = 12;

    static final int RTA_DST = 1;
    static final int RTA_SRC = 2;
    static final int RTA_IIF = 3;
    static final int RTA_OIF = 4;
    static final int RTA_GATEWAY = 5;
    static final int RTA_PRIORITY = 6;
    static final int RTA_PREFSRC = 7;
    static final int RTA_METRICS = 8;
    static final int RTA_MULTIPATH = 9;
    static final int RTA_FLOW = 11;
    static final int RTA_CACHEINFO = 12;
    static final int RTA_TABLE = 15;
    static final int RTA_MARK = 16;
    static final int RTA_VIA = 18;
    static final int RTA_PREF = 20;
    static final int RTA_EXPIRES = 23;
    static final int RTA_UID = 25;
    static final int RTA_NH_ID = 30;

    /** sizeof(struct rtnexthop): len (u16), flags, hops (u8), ifindex (s32). */
    static final int RTNH_LEN = 8;

    static final int RTM_F_CLONED = 0x200;
    static final int RTNH_F_ONLINK = 4;

    static final AttrNames NAMES = AttrNames.table("RTA", "RTA_UNSPEC", "RTA_DST", "RTA_SRC", "RTA_IIF", "RTA_OIF",
            "RTA_GATEWAY", "RTA_PRIORITY", "RTA_PREFSRC", "RTA_METRICS", "RTA_MULTIPATH", "RTA_PROTOINFO", "RTA_FLOW",
            "RTA_CACHEINFO", "RTA_SESSION", "RTA_MP_ALGO", "RTA_TABLE", "RTA_MARK", "RTA_MFC_STATS", "RTA_VIA",
            "RTA_NEWDST", "RTA_PREF", "RTA_ENCAP_TYPE", "RTA_ENCAP", "RTA_EXPIRES", "RTA_PAD", "RTA_UID",
            "RTA_TTL_PROPAGATE", "RTA_IP_PROTO", "RTA_SPORT", "RTA_DPORT", "RTA_NH_ID");
}
