package io.jnetlink.nft;

/** A base chain's policy: the verdict for packets no rule decided on. */
public enum Policy {
    /** The base chain's policy: {@code drop} what no rule decided. */
    DROP(0),
    /** The base chain's policy: {@code accept} what no rule decided. */
    ACCEPT(1);

    /** The kernel's verdict number (NF_DROP, NF_ACCEPT). */
    public final int code;

    Policy(int code) {
        this.code = code;
    }

    static Policy of(int code) {
        return code == 0 ? DROP : code == 1 ? ACCEPT : null;
    }
}
