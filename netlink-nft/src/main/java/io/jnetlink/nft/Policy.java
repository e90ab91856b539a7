package io.jnetlink.nft;

/** A base chain's policy: the verdict for packets no rule decided on. */
public enum Policy {
    DROP(0), ACCEPT(1);

    /** The kernel's verdict number (NF_DROP, NF_ACCEPT). */
    public final int code;

    Policy(int code) {
        this.code = code;
    }

    static Policy of(int code) {
        return code == 0 ? DROP : code == 1 ? ACCEPT : null;
    }
}
