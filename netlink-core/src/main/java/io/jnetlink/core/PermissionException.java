package io.jnetlink.core;

/**
 * The process lacks a capability the operation needs (EPERM or EACCES). The message names it:
 * CAP_NET_ADMIN for changing links, addresses, routes and firewall rules; CAP_SYS_ADMIN for
 * creating, entering and deleting network namespaces.
 */
public class PermissionException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    /** The capability that network configuration needs. */
    public static final String NET_ADMIN = "CAP_NET_ADMIN";
    /** The capability that namespace switching and mounting need. */
    public static final String SYS_ADMIN = "CAP_SYS_ADMIN";

    /** The capability the operation needs. */
    private final String capability;

    /**
     * The kernel's refusal of an operation that needs {@code capability}.
     *
     * @param operation what was being done
     * @param errno the positive errno (EPERM or EACCES)
     * @param extAckMessage the kernel's extended-ACK text, or null
     * @param extAckOffset byte offset of the offending attribute in the request, or -1
     * @param sequence the request's sequence number
     * @param capability the capability the operation needs, {@link #NET_ADMIN} or {@link #SYS_ADMIN}
     */
    public PermissionException(String operation, int errno, String extAckMessage, int extAckOffset, int sequence,
                               String capability) {
        this(operation, errno, extAckMessage, extAckOffset, sequence, capability, null);
    }

    /** The full form: {@code detail} replaces the standard "this needs CAPABILITY" text when not null. */
    PermissionException(String operation, int errno, String extAckMessage, int extAckOffset, int sequence,
                        String capability, String detail) {
        super(operation, errno, extAckMessage, extAckOffset, sequence,
                detail != null ? detail : "this needs " + capability + " (run as root or grant the capability)");
        this.capability = capability;
    }

    @Override
    public NetlinkException withOperation(String operation) {
        PermissionException e = new PermissionException(operation, errnoValue(), extAckMessage(), extAckOffset(),
                sequence(), capability, detail());
        e.initCause(this);
        return e;
    }

    /** {@return the capability the operation needs, such as {@code CAP_NET_ADMIN}} */
    public String capability() {
        return capability;
    }
}
