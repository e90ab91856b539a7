package io.jnetlink.rtnl;

import io.jnetlink.core.Errno;
import io.jnetlink.core.NoSuchDeviceException;
import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.Netlink;
import io.jnetlink.core.socket.NetlinkSocket;
import java.nio.charset.StandardCharsets;

/**
 * Link name to index and back, each one RTM_GETLINK request (with statistics left out of the
 * reply). For the typed link API see the {@code Links} class; this is the small lookup the address,
 * route and neighbour layers need.
 */
public final class LinkNames {
    private LinkNames() {}

    // linux/rtnetlink.h, linux/if_link.h
    private static final int RTM_NEWLINK = 16;
    private static final int RTM_GETLINK = 18;
    private static final int IFINFOMSG_LEN = 16;
    private static final int IFLA_IFNAME = 3;
    private static final int IFLA_EXT_MASK = 29;
    private static final int RTEXT_FILTER_SKIP_STATS = 1 << 3;
    /** IFNAMSIZ - 1: the longest link name. */
    public static final int MAX_NAME_BYTES = 15;
    private static final AttrNames NAMES = AttrNames.numbered("IFLA");

    /**
     * The index of the link named {@code name} in the namespace of {@code rtnl}.
     *
     * @throws IllegalArgumentException if the name is empty, too long or contains '/' or whitespace
     * @throws NoSuchDeviceException    if no link has that name
     */
    public static int indexOf(NetlinkSocket rtnl, String name) {
        validateName(name);
        String op = "look up link " + name;
        try {
            Integer index = rtnl.query(op, w -> {
                w.begin(RTM_GETLINK, Netlink.NLM_F_REQUEST); // no ACK: the reply ends the exchange
                ifinfomsg(w, 0);
                w.attrU32(IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
                w.attrString(IFLA_IFNAME, name);
                w.end();
            }, m -> m.type() == RTM_NEWLINK ? index(m) : null);
            if (index == null) {
                throw NoSuchDeviceException.named(op, name);
            }
            return index;
        } catch (NoSuchDeviceException e) {
            throw NoSuchDeviceException.named(op, name);
        }
    }

    /**
     * The name of link {@code index} in the namespace of {@code rtnl}.
     *
     * @throws NoSuchDeviceException if no link has that index
     */
    public static String nameOf(NetlinkSocket rtnl, int index) {
        if (index <= 0) {
            throw new IllegalArgumentException("link index must be positive, got " + index);
        }
        String op = "look up link " + index;
        String name = rtnl.query(op, w -> {
            w.begin(RTM_GETLINK, Netlink.NLM_F_REQUEST); // no ACK: the reply ends the exchange
            ifinfomsg(w, index);
            w.attrU32(IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
            w.end();
        }, m -> m.type() == RTM_NEWLINK ? name(m) : null);
        if (name == null) {
            throw new NoSuchDeviceException(op, Errno.ENODEV.value(), "no link with index " + index, -1, 0);
        }
        return name;
    }

    /**
     * Checks a link name as the kernel will ({@code dev_valid_name}): 1..15 bytes, not "." or "..",
     * no '/', ':' or whitespace.
     *
     * @throws IllegalArgumentException naming the problem
     */
    public static void validateName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("link name is empty");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("link name \"" + name + "\" is " + bytes + " bytes long; at most "
                    + MAX_NAME_BYTES + " are allowed");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("link name \"" + name + "\" is not allowed");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == ':' || Character.isWhitespace(c) || c == 0) {
                throw new IllegalArgumentException("link name \"" + name + "\" contains an illegal character '"
                        + c + "'");
            }
        }
    }

    private static void ifinfomsg(MessageWriter w, int index) {
        // struct ifinfomsg: family, pad, type, index, flags, change; all zero but the index, as the
        // kernel's strict check wants.
        w.u8(0).u8(0).u16(0).s32(index).u32(0).u32(0);
    }

    private static Integer index(Message m) {
        m.requirePayload(IFINFOMSG_LEN, "struct ifinfomsg");
        return m.u32(4);
    }

    private static String name(Message m) {
        m.requirePayload(IFINFOMSG_LEN, "struct ifinfomsg");
        AttributeCursor a = m.attributes(IFINFOMSG_LEN, NAMES);
        while (a.next()) {
            if (a.type() == IFLA_IFNAME) {
                return a.string();
            }
        }
        return null;
    }
}
