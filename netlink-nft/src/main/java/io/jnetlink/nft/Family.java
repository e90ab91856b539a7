package io.jnetlink.nft;

import io.jnetlink.core.MalformedMessageException;

/** The nf_tables address families (NFPROTO_* of {@code linux/netfilter.h}), with nft's names. */
public enum Family {
    INET(1, "inet"), IP(2, "ip"), ARP(3, "arp"), NETDEV(5, "netdev"), BRIDGE(7, "bridge"), IP6(10, "ip6");

    /** The kernel's number (the nfgenmsg family). */
    public final int code;
    private final String nftName;

    Family(int code, String nftName) {
        this.code = code;
        this.nftName = nftName;
    }

    /** The family as nft spells it ("inet", "ip6"). */
    public String nftName() {
        return nftName;
    }

    /** The family of number {@code code}. */
    public static Family of(int code) {
        for (Family f : values()) {
            if (f.code == code) {
                return f;
            }
        }
        throw new MalformedMessageException("nfgenmsg", 0, "unknown nf_tables family " + code);
    }

    @Override
    public String toString() {
        return nftName;
    }
}
