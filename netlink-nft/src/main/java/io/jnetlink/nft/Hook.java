package io.jnetlink.nft;

/** The netfilter hooks of the ip, ip6, inet and bridge families (enum nf_inet_hooks). */
public enum Hook {
    PREROUTING(0), INPUT(1), FORWARD(2), OUTPUT(3), POSTROUTING(4);

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
