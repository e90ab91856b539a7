package io.jnetlink.rtnl.rule;

/**
 * A TCP/UDP port range a rule matches ({@code struct fib_rule_port_range}): one port when
 * {@code start == end}.
 *
 * @param start the first port, 1..65535
 * @param end   the last port, start..65535
 */
public record PortRange(int start, int end) {
    /** Checks the bounds. */
    public PortRange {
        if (start < 1 || start > 65535 || end < start || end > 65535) {
            throw new IllegalArgumentException("port range " + start + "-" + end + " is not within 1..65535 in order");
        }
    }

    /**
     * {@return one port}
     *
     * @param port the port
     */
    public static PortRange of(int port) {
        return new PortRange(port, port);
    }

    @Override
    public String toString() {
        return start == end ? Integer.toString(start) : start + "-" + end;
    }
}
