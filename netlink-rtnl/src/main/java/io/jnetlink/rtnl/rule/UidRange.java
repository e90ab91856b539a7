package io.jnetlink.rtnl.rule;

/**
 * The socket owners' user ids a rule matches ({@code struct fib_rule_uid_range}), unsigned 32-bit.
 *
 * @param start the first uid
 * @param end   the last uid, not below start
 */
public record UidRange(long start, long end) {
    /** Checks the bounds. */
    public UidRange {
        if (start < 0 || end < start || end > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("uid range " + start + "-" + end + " is not within 0..4294967295 in order");
        }
    }

    @Override
    public String toString() {
        return start + "-" + end;
    }
}
