package io.jnetlink.rtnl.addr;

import io.jnetlink.core.codec.AttrNames;

/** Numbers of {@code linux/if_addr.h} and {@code linux/rtnetlink.h} for addresses. */
final class IfAddr {
    private IfAddr() {}

    static final int RTM_NEWADDR = 20;
    static final int RTM_DELADDR = 21;
    static final int RTM_GETADDR = 22;

    /** RTNLGRP_IPV4_IFADDR, RTNLGRP_IPV6_IFADDR: the multicast groups of address changes. */
    static final int RTNLGRP_IPV4_IFADDR = 5;
    static final int RTNLGRP_IPV6_IFADDR = 9;

    /** sizeof(struct ifaddrmsg): family, prefixlen, flags, scope (u8 each), index (u32). */
    static final int IFADDRMSG_LEN = 8;

    static final int IFA_ADDRESS = 1;
    static final int IFA_LOCAL = 2;
    static final int IFA_LABEL = 3;
    static final int IFA_BROADCAST = 4;
    static final int IFA_ANYCAST = 5;
    static final int IFA_CACHEINFO = 6;
    static final int IFA_MULTICAST = 7;
    static final int IFA_FLAGS = 8;
    static final int IFA_RT_PRIORITY = 9;
    static final int IFA_TARGET_NETNSID = 10;
    static final int IFA_PROTO = 11;

    static final AttrNames NAMES = AttrNames.table("IFA", "IFA_UNSPEC", "IFA_ADDRESS", "IFA_LOCAL", "IFA_LABEL",
            "IFA_BROADCAST", "IFA_ANYCAST", "IFA_CACHEINFO", "IFA_MULTICAST", "IFA_FLAGS", "IFA_RT_PRIORITY",
            "IFA_TARGET_NETNSID", "IFA_PROTO");
}
