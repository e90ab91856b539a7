package io.jnetlink.rtnl.link;

import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.net.Interfaces;
import io.jnetlink.core.socket.NetlinkSocket;

/**
 * The link a stacked kind sits on (macvlan, macvtap, vlan, ipvlan), given by name or by index:
 * resolved to an index before the create, and sent as the top-level IFLA_LINK. Immutable.
 *
 * @param name  the link's name, or null when given by index
 * @param index the link's index, or 0 while only the name is known
 */
record ParentLink(String name, int index) {
    /** The link named {@code name}. */
    static ParentLink named(String name) {
        Interfaces.validateName(name);
        return new ParentLink(name, 0);
    }

    /** The link with index {@code index}. */
    static ParentLink index(int index) {
        if (index <= 0) {
            throw new IllegalArgumentException("parent link index must be positive, got " + index);
        }
        return new ParentLink(null, index);
    }

    /** Whether the index is known. */
    boolean isResolved() {
        return index > 0;
    }

    /** The same link by index, its name looked up (once a create is under way). */
    ParentLink resolve(NetlinkSocket rtnl) {
        return isResolved() ? this : new ParentLink(name, Links.indexOf(rtnl, name));
    }

    /** IFLA_LINK. */
    void write(MessageWriter w) {
        w.attrU32(Ifla.IFLA_LINK, index);
    }
}
