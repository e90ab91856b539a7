package io.jnetlink.nft;

import io.jnetlink.core.MalformedMessageException;

/** The nf_tables address families (NFPROTO_* of {@code linux/netfilter.h}), with nft's names. */
public enum Family {
    /** NFPROTO_INET: nft's {@code inet} family. */
    INET(1, "inet"),
    /** NFPROTO_IP: nft's {@code ip} family. */
    IP(2, "ip"),
    /** NFPROTO_ARP: nft's {@code arp} family. */
    ARP(3, "arp"),
    /** NFPROTO_NETDEV: nft's {@code netdev} family. */
    NETDEV(5, "netdev"),
    /** NFPROTO_BRIDGE: nft's {@code bridge} family. */
    BRIDGE(7, "bridge"),
    /** NFPROTO_IP6: nft's {@code ip6} family. */
    IP6(10, "ip6");

    /** The kernel's number (the nfgenmsg family). */
    public final int code;
    private final String nftName;

    Family(int code, String nftName) {
        this.code = code;
        this.nftName = nftName;
    }

    /** {@return the family as nft spells it ("inet", "ip6")} */
    public String nftName() {
        return nftName;
    }

    /**
     * {@return the family of number {@code code}}
     *
     * @param code the kernel's number (NFPROTO_*)
     */
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
