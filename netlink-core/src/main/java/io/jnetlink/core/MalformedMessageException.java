package io.jnetlink.core;

/**
 * A message from the kernel (or from a test transport) that breaks the netlink format: a length
 * that runs past its container, an attribute of the wrong size, a header that is too short. The
 * message names the attribute path and the byte offset, such as
 * {@code "IFLA_LINKINFO/IFLA_INFO_KIND at offset 52: ..."}.
 */
public class MalformedMessageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The attribute path of the problem, or empty for the header. */
    private final String path;
    /** Byte offset of the problem inside the received buffer. */
    private final long offset;

    /**
     * A message that does not parse.
     *
     * @param path the attribute path, such as {@code IFLA_LINKINFO/IFLA_INFO_DATA}, or empty for the header
     * @param offset byte offset of the problem inside the received buffer
     * @param problem what is wrong, such as "u32 expected, got 3 bytes"
     */
    public MalformedMessageException(String path, long offset, String problem) {
        super((path == null || path.isEmpty() ? "message" : path) + " at offset " + offset + ": " + problem);
        this.path = path;
        this.offset = offset;
    }

    /** {@return the attribute path, such as {@code IFLA_LINKINFO/IFLA_INFO_DATA}, or empty for the header} */
    public String path() {
        return path;
    }

    /**
     * Byte offset of the problem inside the received buffer.
     *
     * @return the offset in bytes
     */
    public long offset() {
        return offset;
    }
}
