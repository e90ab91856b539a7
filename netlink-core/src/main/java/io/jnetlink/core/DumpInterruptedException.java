package io.jnetlink.core;

/**
 * A dump kept being interrupted (NLM_F_DUMP_INTR: the kernel's table changed while it was being
 * read) after the library retried it the allowed number of times. The result would have been
 * inconsistent, so none is returned.
 */
public class DumpInterruptedException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    private final int attempts;

    public DumpInterruptedException(String operation, int attempts, int sequence) {
        super(operation, Errno.EINTR.value(), null, -1, sequence,
                "dump interrupted by concurrent changes " + attempts + " times in a row");
        this.attempts = attempts;
    }

    /** How many times the dump was tried. */
    public int attempts() {
        return attempts;
    }
}
