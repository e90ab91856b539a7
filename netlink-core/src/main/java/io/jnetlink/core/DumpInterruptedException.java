package io.jnetlink.core;

/**
 * A dump kept being interrupted (NLM_F_DUMP_INTR: the kernel's table changed while it was being
 * read) after the library retried it the allowed number of times. The result would have been
 * inconsistent, so none is returned.
 */
public class DumpInterruptedException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    /** How many times the dump was tried. */
    private final int attempts;

    /**
     * A dump that stayed inconsistent (NLM_F_DUMP_INTR) through {@code attempts} tries.
     *
     * @param operation the dump, in the user's words
     * @param attempts how many times it was tried
     * @param sequence the sequence number of the last try
     */
    public DumpInterruptedException(String operation, int attempts, int sequence) {
        super(operation, Errno.EINTR.value(), null, -1, sequence,
                "dump interrupted by concurrent changes " + attempts + " times in a row");
        this.attempts = attempts;
    }

    /** {@return how many times the dump was tried} */
    public int attempts() {
        return attempts;
    }
}
