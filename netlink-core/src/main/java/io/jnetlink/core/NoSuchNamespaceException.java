package io.jnetlink.core;

/** The named network namespace does not exist (or was deleted while a handle to it was open). */
public class NoSuchNamespaceException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    /**
     * A namespace the library looked for was not there.
     *
     * @param operation what was being done
     * @param detail the library's explanation, kept in {@link #detail()}
     */
    public NoSuchNamespaceException(String operation, String detail) {
        super(operation, Errno.ENOENT.value(), null, -1, 0, detail);
    }
}
