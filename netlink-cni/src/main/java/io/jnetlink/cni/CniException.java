package io.jnetlink.cni;

/**
 * A CNI error: what the plugin prints as the spec's error object ({@code code}, {@code msg},
 * {@code details}) before exiting with status 1.
 *
 * <p>Codes 1-99 are the spec's (section "Error"), 100 and up a plugin's own; the reference plugins
 * (libcni's skel) report everything that is not a protocol error as 999, {@link #INTERNAL}, and so does this one, with
 * the kernel's text in {@code details}.
 */
public final class CniException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Incompatible CNI version. */
    public static final int INCOMPATIBLE_VERSION = 1;
    /** Unsupported field in the network configuration (msg names the key and value). */
    public static final int UNSUPPORTED_FIELD = 2;
    /** Container unknown or does not exist. */
    public static final int UNKNOWN_CONTAINER = 3;
    /** Invalid necessary environment variables, like CNI_COMMAND, CNI_CONTAINERID. */
    public static final int INVALID_ENVIRONMENT = 4;
    /** I/O failure, e.g. reading the network configuration from stdin. */
    public static final int IO_FAILURE = 5;
    /** Failed to decode content (the network configuration is not valid JSON). */
    public static final int DECODING_FAILURE = 6;
    /** Invalid network configuration. */
    public static final int INVALID_NETWORK_CONFIG = 7;
    /** The network namespace (CNI_NETNS) is not valid. */
    public static final int INVALID_NETNS = 8;
    /** Try again later: a resource is temporarily busy. */
    public static final int TRY_AGAIN_LATER = 11;
    /** STATUS: the plugin cannot serve ADD requests. */
    public static final int PLUGIN_NOT_AVAILABLE = 50;
    /** STATUS: the plugin can serve ADD, but with limited connectivity. */
    public static final int LIMITED_CONNECTIVITY = 51;
    /** Anything else (the reference plugins' ErrInternal). */
    public static final int INTERNAL = 999;

    /** The CNI error code. */
    private final int code;
    /** The error's {@code details} ("" when none). */
    private final String details;

    /**
     * An error with {@code code} and message {@code msg}.
     *
     * @param code the CNI error code (one of the constants here, or a plugin-specific one >= 100)
     * @param msg the error's {@code msg}: a short description
     */
    public CniException(int code, String msg) {
        this(code, msg, "", null);
    }

    /**
     * An error with {@code code}, message and details.
     *
     * @param code the CNI error code
     * @param msg the error's {@code msg}: a short description
     * @param details the error's {@code details}: a longer explanation ("" or null for none)
     */
    public CniException(int code, String msg, String details) {
        this(code, msg, details, null);
    }

    /**
     * An error with {@code code}, message and details, caused by {@code cause}.
     *
     * @param code the CNI error code
     * @param msg the error's {@code msg}: a short description
     * @param details the error's {@code details}: a longer explanation ("" or null for none)
     * @param cause the exception that led to this error, or null
     */
    public CniException(int code, String msg, String details, Throwable cause) {
        super(msg, cause);
        this.code = code;
        this.details = details == null ? "" : details;
    }

    /** {@return the CNI error code} */
    public int code() {
        return code;
    }

    /** {@return the {@code details} field ("" when none)} */
    public String details() {
        return details;
    }
}
