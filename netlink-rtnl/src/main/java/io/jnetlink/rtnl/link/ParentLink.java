package io.jnetlink.rtnl.link;

import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.net.Interfaces;
import io.jnetlink.core.socket.NetlinkSocket;

/**
 * The link a stacked kind sits on (macvlan, macvtap, vlan), given by name or by index: resolved to
 * an index before the create, and sent as the top-level IFLA_LINK.
 */
final class ParentLink {
    private final String name;
    private int index;

    private ParentLink(String name, int index) {
        this.name = name;
        this.index = index;
    }

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

    /** Looks the name up (once a create is under way). */
    void resolve(NetlinkSocket rtnl) {
        if (name != null) {
            index = Links.indexOf(rtnl, name);
        }
    }

    /** IFLA_LINK. */
    void write(MessageWriter w) {
        w.attrU32(Ifla.IFLA_LINK, index);
    }
}
