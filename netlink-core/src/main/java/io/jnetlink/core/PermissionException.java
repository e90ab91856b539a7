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

    private final String capability;

    public PermissionException(String operation, int errno, String extAckMessage, int extAckOffset, int sequence,
                               String capability) {
        super(operation, errno, extAckMessage, extAckOffset, sequence,
                "this needs " + capability + " (run as root or grant the capability)");
        this.capability = capability;
    }

    /** The capability the operation needs, such as {@code CAP_NET_ADMIN}. */
    public String capability() {
        return capability;
    }
}
