package io.jnetlink.rtnl.neigh;

import io.jnetlink.core.codec.AttrNames;

/** Numbers of {@code linux/neighbour.h} and {@code linux/rtnetlink.h} for neighbours. */
final class Nd {
    private Nd() {}

    static final int RTM_NEWNEIGH = 28;
    static final int RTM_DELNEIGH = 29;
    static final int RTM_GETNEIGH = 30;

    /** RTNLGRP_NEIGH: the multicast group of neighbour changes. */
    static final int RTNLGRP_NEIGH = 3;

    /** sizeof(struct ndmsg): family, pad1 (u8), pad2 (u16), ifindex (s32), state (u16), flags, type (u8). */
    static final int NDMSG_LEN = 12;

    static final int NDA_DST = 1;
    static final int NDA_LLADDR = 2;
    static final int NDA_CACHEINFO = 3;
    static final int NDA_PROBES = 4;
    static final int NDA_IFINDEX = 8;
    static final int NDA_MASTER = 9;
    static final int NDA_PROTOCOL = 12;
    static final int NDA_FLAGS_EXT = 15;

    static final int NTF_PROXY = 1 << 3;

    static final AttrNames NAMES = AttrNames.table("NDA", "NDA_UNSPEC", "NDA_DST", "NDA_LLADDR", "NDA_CACHEINFO",
            "NDA_PROBES", "NDA_VLAN", "NDA_PORT", "NDA_VNI", "NDA_IFINDEX", "NDA_MASTER", "NDA_LINK_NETNSID",
            "NDA_SRC_VNI", "NDA_PROTOCOL", "NDA_NH_ID", "NDA_FDB_EXT_ATTRS", "NDA_FLAGS_EXT", "NDA_NDM_STATE_MASK",
            "NDA_NDM_FLAGS_MASK");
}
