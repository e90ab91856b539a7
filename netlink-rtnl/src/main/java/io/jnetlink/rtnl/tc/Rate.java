package io.jnetlink.rtnl.tc;

/**
 * A data rate, held as the kernel holds it: bytes per second. Written in {@code tc}'s units:
 * {@code Rate.mbit(20)} is tc's {@code 20mbit} (20,000,000 bits/s = 2,500,000 bytes/s); k, m and
 * g are powers of 1000, as in tc.
 *
 * @param bytesPerSecond the rate in bytes per second (positive)
 */
public record Rate(long bytesPerSecond) implements Comparable<Rate> {
    /** Checks the rate is positive. */
    public Rate {
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("a rate must be positive, got " + bytesPerSecond + " bytes/s");
        }
    }

    /** {@code n} bits per second (tc's {@code bit}); must be a multiple of 8. */
    public static Rate bits(long n) {
        if (n % 8 != 0) {
            throw new IllegalArgumentException("a rate in bits/s must be a whole number of bytes/s, got " + n);
        }
        return new Rate(n / 8);
    }

    /** {@code n} kilobits per second (tc's {@code kbit}: 1000 bits). */
    public static Rate kbit(long n) {
        return bits(Math.multiplyExact(n, 1000L));
    }

    /** {@code n} megabits per second (tc's {@code mbit}). */
    public static Rate mbit(long n) {
        return bits(Math.multiplyExact(n, 1_000_000L));
    }

    /** {@code n} gigabits per second (tc's {@code gbit}). */
    public static Rate gbit(long n) {
        return bits(Math.multiplyExact(n, 1_000_000_000L));
    }

    /** {@code n} bytes per second (tc's {@code bps}). */
    public static Rate bytesPerSecond(long n) {
        return new Rate(n);
    }

    /** {@return the rate in bits per second} */
    public long bitsPerSecond() {
        return Math.multiplyExact(bytesPerSecond, 8L);
    }

    @Override
    public int compareTo(Rate o) {
        return Long.compare(bytesPerSecond, o.bytesPerSecond);
    }

    /** As tc prints rates: {@code 20Mbit}, {@code 1500Kbit}, {@code 40Gbit}, {@code 800bit}. */
    @Override
    public String toString() {
        if (bytesPerSecond > Long.MAX_VALUE / 8) {
            return bytesPerSecond + "Bps"; // beyond any link, but a 64-bit rate attribute can say it
        }
        long bits = bitsPerSecond();
        if (bits >= 1_000_000_000L && bits % 1_000_000_000L == 0) {
            return bits / 1_000_000_000L + "Gbit";
        }
        if (bits >= 1_000_000L && bits % 1_000_000L == 0) {
            return bits / 1_000_000L + "Mbit";
        }
        if (bits >= 1000L && bits % 1000L == 0) {
            return bits / 1000L + "Kbit";
        }
        return bits + "bit";
    }
}
