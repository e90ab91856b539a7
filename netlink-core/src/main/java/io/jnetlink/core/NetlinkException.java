package io.jnetlink.core;

/**
 * A request the kernel (or the operating system) refused.
 *
 * <p>Carries what was being done ({@link #operation()}), the {@link Errno}, the kernel's
 * extended-ACK text and the offset of the offending attribute inside the request when the kernel
 * gave them ({@link #extAckMessage()}, {@link #extAckOffset()}), the library's own explanation when
 * it has one ({@link #detail()}: "no link named eth9", "this needs CAP_NET_ADMIN"), and the netlink
 * sequence number of the request. The two texts are kept apart so that a caller can tell what the
 * kernel said from what the library added. Subclasses exist only where a caller
 * is expected to branch: {@link AlreadyExistsException}, {@link NoSuchDeviceException},
 * {@link PermissionException}, {@link DumpInterruptedException}, {@link NetlinkTimeoutException},
 * {@link OverrunException}. Use {@link #of} to get the right one for an errno.
 *
 * <p>A message from the kernel that cannot be parsed is not a refusal: it raises
 * {@link MalformedMessageException} instead.
 */
public class NetlinkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What was being done, in the user's words. */
    private final String operation;
    /** The positive errno. */
    private final int errnoValue;
    /** The kernel's extended-ACK text, or null. */
    private final String extAckMessage;
    /** Byte offset of the offending attribute in the request, or -1. */
    private final int extAckOffset;
    /** The library's own explanation, or null. */
    private final String detail;
    /** The request's sequence number, or 0. */
    private final int sequence;

    /**
     * A refusal without the library's own explanation.
     *
     * @param operation     what was being done, in the user's words ("create veth veth-red")
     * @param errnoValue    the positive errno
     * @param extAckMessage the kernel's extended-ACK text, or null
     * @param extAckOffset  byte offset of the offending attribute in the request, or -1
     * @param sequence      the request's sequence number, or 0 when not a netlink request
     */
    public NetlinkException(String operation, int errnoValue, String extAckMessage, int extAckOffset, int sequence) {
        this(operation, errnoValue, extAckMessage, extAckOffset, sequence, null);
    }

    /**
     * A refusal the library found or explains itself, with no kernel text: a name that resolves to
     * nothing, a reply that lacks what the request asked for.
     *
     * @param operation what was being done, in the user's words
     * @param errno     the errno that fits the refusal (ENODEV for a missing link, ...)
     * @param detail    the library's explanation ("no link named \"eth9\""), not null
     */
    public NetlinkException(String operation, Errno errno, String detail) {
        this(operation, errno.value(), null, -1, 0, java.util.Objects.requireNonNull(detail, "detail"));
    }

    /**
     * The full form, for subclasses.
     *
     * @param detail the library's own explanation, or null; never the kernel's text
     * @param operation what was being done, in the user's words
     * @param errnoValue the positive errno
     * @param extAckMessage the kernel's extended-ACK text, or null
     * @param extAckOffset byte offset of the offending attribute in the request, or -1
     * @param sequence the request's sequence number, or 0 when not a netlink request
     */
    protected NetlinkException(String operation, int errnoValue, String extAckMessage, int extAckOffset,
                               int sequence, String detail) {
        super(format(operation, errnoValue, extAckMessage, extAckOffset, sequence, detail));
        this.operation = operation;
        this.errnoValue = errnoValue == Integer.MIN_VALUE ? Integer.MAX_VALUE : Math.abs(errnoValue);
        this.extAckMessage = extAckMessage == null || extAckMessage.isEmpty() ? null : extAckMessage;
        this.extAckOffset = extAckOffset;
        this.detail = detail == null || detail.isEmpty() ? null : detail;
        this.sequence = sequence;
    }

    /**
     * {@return the exception class that fits {@code errno}: callers branch on these types}
     *
     * @param operation what was being done, in the user's words
     * @param errno the errno, positive or negative
     * @param extAckMessage the kernel's extended-ACK text, or null
     * @param extAckOffset byte offset of the offending attribute in the request, or -1
     * @param sequence the request's sequence number, or 0 when not a netlink request
     */
    public static NetlinkException of(String operation, int errno, String extAckMessage, int extAckOffset, int sequence) {
        return of(operation, errno, extAckMessage, extAckOffset, sequence, null);
    }

    /**
     * {@return the exception class that fits {@code errno}, with the library's own explanation too}
     *
     * @param detail the library's explanation, or null (a {@link PermissionException} then names
     *               the capability {@link PermissionException#NET_ADMIN}); never the kernel's text
     * @param operation what was being done, in the user's words
     * @param errno the errno, positive or negative
     * @param extAckMessage the kernel's extended-ACK text, or null
     * @param extAckOffset byte offset of the offending attribute in the request, or -1
     * @param sequence the request's sequence number, or 0 when not a netlink request
     */
    public static NetlinkException of(String operation, int errno, String extAckMessage, int extAckOffset, int sequence,
                                      String detail) {
        return switch (Errno.of(errno)) {
            case EEXIST -> new AlreadyExistsException(operation, errno, extAckMessage, extAckOffset, sequence, detail);
            case ENODEV -> new NoSuchDeviceException(operation, errno, extAckMessage, extAckOffset, sequence, detail);
            case EPERM, EACCES -> new PermissionException(operation, errno, extAckMessage, extAckOffset, sequence,
                    PermissionException.NET_ADMIN, detail);
            default -> new NetlinkException(operation, errno, extAckMessage, extAckOffset, sequence, detail);
        };
    }

    /**
     * {@return the same refusal reported as part of another operation ("flush addresses of link 3: delete
     * 10.0.0.1/24"): the errno, the kernel's text and offset, the sequence number and the library's
     * {@link #detail()} are kept, the class is the one {@link #of} picks for the errno (a
     * {@link PermissionException} keeps its capability), and this exception is the cause}
     *
     * @param operation the operation the refusal is reported as part of
     */
    public NetlinkException withOperation(String operation) {
        NetlinkException e = of(operation, errnoValue, extAckMessage, extAckOffset, sequence, detail);
        e.initCause(this);
        return e;
    }

    /**
     * {@return the same as {@link #of(String, int, String, int, int)} for a failed system call}
     *
     * @param operation the system call and what it was for ("setns into red")
     * @param errno the errno the call set
     */
    public static NetlinkException ofSyscall(String operation, int errno) {
        return of(operation, errno, null, -1, 0);
    }

    private static String format(String op, int errno, String ext, int offset, int seq, String detail) {
        Errno e = Errno.of(errno);
        StringBuilder sb = new StringBuilder();
        sb.append(op).append(": ");
        sb.append(e == Errno.UNKNOWN ? "error " + Math.abs(errno) : e.message() + " (" + e.name() + ")");
        if (ext != null && !ext.isEmpty()) {
            sb.append("; kernel says: ").append(ext);
        }
        if (offset >= 0) {
            sb.append(" [attribute at byte ").append(offset).append(" of the request]");
        }
        if (detail != null && !detail.isEmpty()) {
            sb.append("; ").append(detail);
        }
        if (seq != 0) {
            sb.append(" (seq ").append(Integer.toUnsignedString(seq)).append(')');
        }
        return sb.toString();
    }

    /** {@return what was being done, such as "create veth veth-red"} */
    public String operation() {
        return operation;
    }

    /** {@return the errno as a constant ({@link Errno#UNKNOWN} for a number the table lacks)} */
    public Errno errno() {
        return Errno.of(errnoValue);
    }

    /** {@return the positive errno number} */
    public int errnoValue() {
        return errnoValue;
    }

    /** {@return the kernel's extended-ACK message ("Unknown device type"), or null when it gave none} */
    public String extAckMessage() {
        return extAckMessage;
    }

    /**
     * {@return the library's own explanation ("no link named \"eth9\"", "no reply within the receive
     * timeout", "this needs CAP_NET_ADMIN ..."), or null when it added none} Never the kernel's
     * text: that is {@link #extAckMessage()}.
     */
    public String detail() {
        return detail;
    }

    /**
     * {@return the byte offset, from the start of the request's netlink header, of the attribute the kernel
     * objected to, or -1}
     */
    public int extAckOffset() {
        return extAckOffset;
    }

    /** {@return the netlink sequence number of the request, or 0 for a failed system call} */
    public int sequence() {
        return sequence;
    }
}
