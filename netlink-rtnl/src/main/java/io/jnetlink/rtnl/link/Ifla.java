package io.jnetlink.rtnl.link;

import io.jnetlink.core.codec.AttrNames;

/** Link message constants from {@code linux/rtnetlink.h}, {@code linux/if_link.h}, {@code linux/veth.h}. */
final class Ifla {
    private Ifla() {}

    static final int RTM_NEWLINK = 16;
    static final int RTM_DELLINK = 17;
    static final int RTM_GETLINK = 18;
    static final int RTM_SETLINK = 19;
    /** RTNLGRP_LINK: the multicast group of link changes. */
    static final int RTNLGRP_LINK = 1;
    /** sizeof(struct ifinfomsg) */
    static final int IFINFOMSG_LEN = 16;

    static final int IFLA_ADDRESS = 1;
    static final int IFLA_BROADCAST = 2;
    static final int IFLA_IFNAME = 3;
    static final int IFLA_MTU = 4;
    static final int IFLA_LINK = 5;
    static final int IFLA_QDISC = 6;
    static final int IFLA_STATS = 7;
    static final int IFLA_MASTER = 10;
    static final int IFLA_TXQLEN = 13;
    static final int IFLA_OPERSTATE = 16;
    static final int IFLA_LINKMODE = 17;
    static final int IFLA_LINKINFO = 18;
    static final int IFLA_NET_NS_PID = 19;
    static final int IFLA_IFALIAS = 20;
    static final int IFLA_STATS64 = 23;
    static final int IFLA_AF_SPEC = 26;
    static final int IFLA_GROUP = 27;
    static final int IFLA_NET_NS_FD = 28;
    static final int IFLA_EXT_MASK = 29;
    static final int IFLA_PROMISCUITY = 30;
    static final int IFLA_NUM_TX_QUEUES = 31;
    static final int IFLA_NUM_RX_QUEUES = 32;
    static final int IFLA_CARRIER = 33;
    static final int IFLA_LINK_NETNSID = 37;
    static final int IFLA_MIN_MTU = 50;
    static final int IFLA_MAX_MTU = 51;

    static final int IFLA_INFO_KIND = 1;
    static final int IFLA_INFO_DATA = 2;
    static final int IFLA_INFO_SLAVE_KIND = 4;


    static final int IFF_UP = 0x1;
    static final int IFF_NOARP = 0x80;
    static final int IFF_PROMISC = 0x100;
    static final int IFF_ALLMULTI = 0x200;
    static final int IFF_LOWER_UP = 0x10000;

    static final int RTEXT_FILTER_SKIP_STATS = 1 << 3;

    static final AttrNames NAMES = AttrNames.table("IFLA", null, "IFLA_ADDRESS", "IFLA_BROADCAST", "IFLA_IFNAME",
            "IFLA_MTU", "IFLA_LINK", "IFLA_QDISC", "IFLA_STATS", "IFLA_COST", "IFLA_PRIORITY", "IFLA_MASTER",
            "IFLA_WIRELESS", "IFLA_PROTINFO", "IFLA_TXQLEN", "IFLA_MAP", "IFLA_WEIGHT", "IFLA_OPERSTATE",
            "IFLA_LINKMODE", "IFLA_LINKINFO", "IFLA_NET_NS_PID", "IFLA_IFALIAS", "IFLA_NUM_VF", "IFLA_VFINFO_LIST",
            "IFLA_STATS64", "IFLA_VF_PORTS", "IFLA_PORT_SELF", "IFLA_AF_SPEC", "IFLA_GROUP", "IFLA_NET_NS_FD",
            "IFLA_EXT_MASK", "IFLA_PROMISCUITY", "IFLA_NUM_TX_QUEUES", "IFLA_NUM_RX_QUEUES", "IFLA_CARRIER",
            "IFLA_PHYS_PORT_ID", "IFLA_CARRIER_CHANGES", "IFLA_PHYS_SWITCH_ID", "IFLA_LINK_NETNSID");
    static final AttrNames INFO_NAMES = AttrNames.table("IFLA_INFO", null, "IFLA_INFO_KIND", "IFLA_INFO_DATA",
            "IFLA_INFO_XSTATS", "IFLA_INFO_SLAVE_KIND", "IFLA_INFO_SLAVE_DATA");
}
