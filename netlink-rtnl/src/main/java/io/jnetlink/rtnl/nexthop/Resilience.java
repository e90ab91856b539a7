package io.jnetlink.rtnl.nexthop;

import java.time.Duration;
import java.util.Objects;

/**
 * What makes a nexthop group resilient ({@code type resilient}, NHA_RES_GROUP): flows are hashed
 * into a fixed table of buckets, and a bucket moves to another member only after it has been idle,
 * so existing flows keep their path when members come and go.
 *
 * @param buckets          the number of buckets, 1..65535
 * @param idleTimer        how long a bucket must be idle before it may move (whole hundredths of a second)
 * @param unbalancedTimer  how long the group may stay unbalanced before busy buckets move too (zero: forever)
 * @param unbalancedTime   (read only) how long the group has been unbalanced, zero in requests
 */
public record Resilience(int buckets, Duration idleTimer, Duration unbalancedTimer, Duration unbalancedTime) {
    /** Checks the ranges. */
    public Resilience {
        if (buckets < 1 || buckets > 65535) {
            throw new IllegalArgumentException("bucket count " + buckets + " is out of range 1..65535");
        }
        Objects.requireNonNull(idleTimer, "idleTimer");
        Objects.requireNonNull(unbalancedTimer, "unbalancedTimer");
        Objects.requireNonNull(unbalancedTime, "unbalancedTime");
        for (Duration d : new Duration[] {idleTimer, unbalancedTimer, unbalancedTime}) {
            if (d.isNegative() || ticks(d) > 0xFFFF_FFFFL || d.toNanos() % 10_000_000L != 0) {
                throw new IllegalArgumentException("resilient group timer " + d
                        + " is not a whole number of hundredths of a second within 32 bits of them");
            }
        }
    }

    /**
     * {@return a request's resilience: {@code buckets}, the idle timer and unbalanced timer, in seconds}
     *
     * @param buckets the number of buckets
     * @param idleSeconds the idle timer, in seconds
     * @param unbalancedSeconds the unbalanced timer, in seconds
     */
    public static Resilience of(int buckets, long idleSeconds, long unbalancedSeconds) {
        return new Resilience(buckets, Duration.ofSeconds(idleSeconds), Duration.ofSeconds(unbalancedSeconds),
                Duration.ZERO);
    }

    /** {@code d} in clock_t ticks. */
    static long ticks(Duration d) {
        return d.toMillis() / (1000 / Nha.USER_HZ);
    }

    /** {@code ticks} clock_t ticks as a duration. */
    static Duration ofTicks(long ticks) {
        return Duration.ofMillis(ticks * (1000 / Nha.USER_HZ));
    }
}
