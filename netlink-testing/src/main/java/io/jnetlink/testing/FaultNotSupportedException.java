package io.jnetlink.testing;

/**
 * A fault the running kernel cannot produce: delay and jitter need the netem qdisc
 * ({@code sch_netem}), which not every kernel has. Nothing of the fault was applied.
 */
public class FaultNotSupportedException extends UnsupportedOperationException {
    private static final long serialVersionUID = 1L;

    FaultNotSupportedException(String message, Throwable cause) {
        super(message, cause);
    }
}
