package io.jnetlink.nft;

/** The netfilter hooks of the ip, ip6, inet and bridge families (enum nf_inet_hooks). */
public enum Hook {
    /** The PREROUTING hook (NF_INET_PREROUTING). */
    PREROUTING(0),
    /** The INPUT hook (NF_INET_INPUT). */
    INPUT(1),
    /** The FORWARD hook (NF_INET_FORWARD). */
    FORWARD(2),
    /** The OUTPUT hook (NF_INET_OUTPUT). */
    OUTPUT(3),
    /** The POSTROUTING hook (NF_INET_POSTROUTING). */
    POSTROUTING(4);

    /** The kernel's hook number. */
    public final int number;

    Hook(int number) {
        this.number = number;
    }

    static Hook of(int number) {
        for (Hook h : values()) {
            if (h.number == number) {
                return h;
            }
        }
        return null;
    }
}
