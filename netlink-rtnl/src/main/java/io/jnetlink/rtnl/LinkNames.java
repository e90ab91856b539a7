package io.jnetlink.rtnl;

import io.jnetlink.core.NoSuchDeviceException;
import io.jnetlink.core.net.Interfaces;
import io.jnetlink.core.socket.NetlinkSocket;
import io.jnetlink.rtnl.link.Links;

/**
 * Link names: the kernel's rules for them, and lookups from name to index and back (each one
 * RTM_GETLINK, done by {@link Links}).
 */
public final class LinkNames {
    private LinkNames() {}

    /** IFNAMSIZ - 1: the longest link name. */
    public static final int MAX_NAME_BYTES = Interfaces.MAX_NAME_BYTES;

    /**
     * {@return the index of the link named {@code name} in the namespace of {@code rtnl} (one RTM_GETLINK;
     * see {@link Links#indexOf(NetlinkSocket, String)})}
     *
     * @param name the link's name
     * @param rtnl a NETLINK_ROUTE socket of the namespace
     * @throws IllegalArgumentException if the name is empty, too long or contains '/' or whitespace
     * @throws NoSuchDeviceException    if no link has that name
     */
    public static int indexOf(NetlinkSocket rtnl, String name) {
        return Links.indexOf(rtnl, name);
    }

    /**
     * {@return the name of link {@code index} in the namespace of {@code rtnl} (one RTM_GETLINK; see
     * {@link Links#nameOf})}
     *
     * @param index the link's index
     * @param rtnl a NETLINK_ROUTE socket of the namespace
     * @throws NoSuchDeviceException if no link has that index
     */
    public static String nameOf(NetlinkSocket rtnl, int index) {
        return Links.nameOf(rtnl, index);
    }

    /**
     * Checks a link name as the kernel will ({@code dev_valid_name}): 1..15 bytes, not "." or "..",
     * no '/', ':' or whitespace. The same rule as {@link Interfaces#validateName}, which it calls.
     *
     * @param name the link's name
     * @throws IllegalArgumentException naming the problem
     */
    public static void validateName(String name) {
        Interfaces.validateName(name);
    }
}
