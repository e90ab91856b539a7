package io.jnetlink.cni;

import static io.jnetlink.core.codec.Netlink.NLA_F_NESTED;
import static io.jnetlink.core.codec.Netlink.NLM_F_ACK;
import static io.jnetlink.core.codec.Netlink.NLM_F_REQUEST;

import io.jnetlink.core.socket.NetlinkSocket;

/**
 * The link settings of the bridge plugin that the fluent API does not have (yet): a bridge port's
 * hairpin mode, a link's promiscuous flag and transmit queue length, each one rtnetlink request, as
 * {@code bridge link set dev X hairpin on}, {@code ip link set X promisc on} and
 * {@code ip link set X txqueuelen N} send them.
 */
final class PortFlags {
    private PortFlags() {}

    // linux/rtnetlink.h
    private static final int RTM_NEWLINK = 16;
    private static final int RTM_SETLINK = 19;
    // linux/socket.h
    private static final int AF_UNSPEC = 0;
    private static final int AF_BRIDGE = 7;
    // linux/if_link.h
    private static final int IFLA_PROTINFO = 12;
    private static final int IFLA_BRPORT_MODE = 4;
    private static final int IFLA_TXQLEN = 13;
    // linux/if.h
    private static final int IFF_PROMISC = 0x100;

    /** RTM_SETLINK (AF_BRIDGE) with IFLA_PROTINFO { IFLA_BRPORT_MODE 1 } on bridge port {@code index}. */
    static void hairpinOn(NetlinkSocket rtnl, int index) {
        rtnl.request("set hairpin mode on bridge port " + index, w -> {
            w.begin(RTM_SETLINK, NLM_F_REQUEST | NLM_F_ACK);
            ifinfomsg(w, AF_BRIDGE, index, 0, 0);
            w.nest(IFLA_PROTINFO | NLA_F_NESTED, p -> p.attrU8(IFLA_BRPORT_MODE, 1));
            w.end();
        });
    }

    /** RTM_NEWLINK with IFF_PROMISC in ifi_flags and ifi_change. */
    static void promiscOn(NetlinkSocket rtnl, int index) {
        rtnl.request("set promisc on link " + index, w -> {
            w.begin(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK);
            ifinfomsg(w, AF_UNSPEC, index, IFF_PROMISC, IFF_PROMISC);
            w.end();
        });
    }

    /**
     * RTM_NEWLINK with IFLA_TXQLEN: the reference plugin's veths are created with a transmit queue
     * length of 0 (its netlink library sends the zero value), and a veth's qdisc is noqueue anyway.
     */
    static void txQueueLength(NetlinkSocket rtnl, int index, int length) {
        rtnl.request("set txqueuelen of link " + index, w -> {
            w.begin(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK);
            ifinfomsg(w, AF_UNSPEC, index, 0, 0);
            w.attrU32(IFLA_TXQLEN, length);
            w.end();
        });
    }

    /** struct ifinfomsg: family, pad, type, index, flags, change. */
    private static void ifinfomsg(io.jnetlink.core.codec.MessageWriter w, int family, int index, int flags, int change) {
        w.u8(family).u8(0).u16(0).s32(index).u32(flags).u32(change);
    }
}
