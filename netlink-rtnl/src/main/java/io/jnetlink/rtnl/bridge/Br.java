package io.jnetlink.rtnl.bridge;

import io.jnetlink.core.codec.AttrNames;

/**
 * Numbers for the bridge's rtnetlink objects: FDB entries (RTM_*NEIGH with family AF_BRIDGE,
 * {@code linux/neighbour.h}), port options (IFLA_PROTINFO, {@code linux/if_link.h}) and port VLANs
 * (IFLA_AF_SPEC, {@code linux/if_bridge.h}).
 */
final class Br {
    private Br() {}

    /** AF_BRIDGE (PF_BRIDGE) of linux/socket.h. */
    static final int AF_BRIDGE = 7;

    static final int RTM_NEWLINK = 16;
    static final int RTM_DELLINK = 17;
    static final int RTM_GETLINK = 18;
    static final int RTM_SETLINK = 19;
    static final int RTM_NEWNEIGH = 28;
    static final int RTM_DELNEIGH = 29;
    static final int RTM_GETNEIGH = 30;

    /** RTNLGRP_LINK and RTNLGRP_NEIGH of linux/rtnetlink.h. */
    static final int RTNLGRP_LINK = 1;
    static final int RTNLGRP_NEIGH = 3;

    /** sizeof(struct ndmsg): family, pad1 (u8), pad2 (u16), ifindex (s32), state (u16), flags, type (u8). */
    static final int NDMSG_LEN = 12;
    /** sizeof(struct ifinfomsg): family, pad (u8), type (u16), index (s32), flags, change (u32). */
    static final int IFINFOMSG_LEN = 16;

    static final int NDA_DST = 1;
    static final int NDA_LLADDR = 2;
    static final int NDA_VLAN = 5;
    static final int NDA_PORT = 6;
    static final int NDA_VNI = 7;
    static final int NDA_IFINDEX = 8;
    static final int NDA_MASTER = 9;
    static final int NDA_SRC_VNI = 11;

    static final int NTF_SELF = 1 << 1;
    static final int NTF_MASTER = 1 << 2;

    static final int NUD_REACHABLE = 0x02;
    static final int NUD_NOARP = 0x40;
    static final int NUD_PERMANENT = 0x80;

    static final int IFLA_IFNAME = 3;
    static final int IFLA_MASTER = 10;
    static final int IFLA_PROTINFO = 12;
    static final int IFLA_EXT_MASK = 29;
    static final int IFLA_AF_SPEC = 26;

    static final int IFLA_BRPORT_STATE = 1;
    static final int IFLA_BRPORT_PRIORITY = 2;
    static final int IFLA_BRPORT_COST = 3;
    static final int IFLA_BRPORT_MODE = 4;
    static final int IFLA_BRPORT_LEARNING = 8;
    static final int IFLA_BRPORT_UNICAST_FLOOD = 9;
    static final int IFLA_BRPORT_ISOLATED = 33;

    static final int IFLA_BRIDGE_FLAGS = 0;
    static final int IFLA_BRIDGE_VLAN_INFO = 2;
    /** sizeof(struct bridge_vlan_info): flags (u16), vid (u16). */
    static final int VLAN_INFO_LEN = 4;
    static final int BRIDGE_VLAN_INFO_PVID = 1 << 1;
    static final int BRIDGE_VLAN_INFO_UNTAGGED = 1 << 2;
    static final int BRIDGE_VLAN_INFO_RANGE_BEGIN = 1 << 3;
    static final int BRIDGE_VLAN_INFO_RANGE_END = 1 << 4;

    static final int RTEXT_FILTER_BRVLAN = 1 << 1;

    static final AttrNames NDA_NAMES = AttrNames.table("NDA", "NDA_UNSPEC", "NDA_DST", "NDA_LLADDR",
            "NDA_CACHEINFO", "NDA_PROBES", "NDA_VLAN", "NDA_PORT", "NDA_VNI", "NDA_IFINDEX", "NDA_MASTER",
            "NDA_LINK_NETNSID", "NDA_SRC_VNI", "NDA_PROTOCOL", "NDA_NH_ID", "NDA_FDB_EXT_ATTRS", "NDA_FLAGS_EXT");
    static final AttrNames IFLA_NAMES = type -> switch (type) {
        case IFLA_IFNAME -> "IFLA_IFNAME";
        case IFLA_MASTER -> "IFLA_MASTER";
        case IFLA_PROTINFO -> "IFLA_PROTINFO";
        case IFLA_AF_SPEC -> "IFLA_AF_SPEC";
        default -> "IFLA#" + type;
    };
    static final AttrNames BRPORT_NAMES = AttrNames.table("IFLA_BRPORT", "IFLA_BRPORT_UNSPEC", "IFLA_BRPORT_STATE",
            "IFLA_BRPORT_PRIORITY", "IFLA_BRPORT_COST", "IFLA_BRPORT_MODE", "IFLA_BRPORT_GUARD",
            "IFLA_BRPORT_PROTECT", "IFLA_BRPORT_FAST_LEAVE", "IFLA_BRPORT_LEARNING", "IFLA_BRPORT_UNICAST_FLOOD");
    static final AttrNames BRIDGE_NAMES = AttrNames.table("IFLA_BRIDGE", "IFLA_BRIDGE_FLAGS", "IFLA_BRIDGE_MODE",
            "IFLA_BRIDGE_VLAN_INFO", "IFLA_BRIDGE_VLAN_TUNNEL_INFO");
}
