package io.jnetlink.core;

/** The object to be created exists already (EEXIST): a link, address, route or namespace name. */
public class AlreadyExistsException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    public AlreadyExistsException(String operation, int errno, String extAckMessage, int extAckOffset, int sequence) {
        super(operation, errno, extAckMessage, extAckOffset, sequence);
    }
}
