package io.jnetlink.rtnl.family;

import io.jnetlink.core.NetlinkException;

/**
 * The running kernel lacks what a request needs: a link kind it has no driver for ("Unknown device
 * type"), or a feature left out of its build (bridge VLAN filtering). Callers branch on it to fall
 * back or to skip; the message names what is missing, beside the kernel's own errno and text.
 */
public class KernelLacksException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    /** What the kernel lacks, in words. */
    private final String missing;

    /**
     * The kernel's refusal, explained as something it lacks.
     *
     * @param cause   the kernel's refusal (EOPNOTSUPP and its extended-ACK text)
     * @param missing what the kernel lacks, in words ("the link kind \"dummy\"")
     */
    public KernelLacksException(NetlinkException cause, String missing) {
        super(cause.operation(), cause.errno().value(), cause.extAckMessage(), cause.extAckOffset(), cause.sequence(),
                "this kernel lacks " + missing);
        this.missing = missing;
        initCause(cause);
    }

    /** {@return what the kernel lacks, in words} */
    public String missing() {
        return missing;
    }
}
