/**
 * Netlink from Java through the Foreign Function &amp; Memory API: the message codec, sockets,
 * network namespaces and errors. The native bindings ({@code io.jnetlink.core.ffi}) stay inside
 * the library (exported only to {@code io.jnetlink.rtnl}, which opens /dev/net/tun through them).
 *
 * <p>Programs using this module must allow it native access:
 * {@code --enable-native-access=io.jnetlink.core} on the module path, or
 * {@code --enable-native-access=ALL-UNNAMED} on the class path.
 */
module io.jnetlink.core {
    requires org.slf4j;

    exports io.jnetlink.core;
    exports io.jnetlink.core.codec;
    exports io.jnetlink.core.socket;
    exports io.jnetlink.core.netns;
    exports io.jnetlink.core.events;
    exports io.jnetlink.core.net;
    // for the one rtnetlink kind the kernel will not make over netlink (tun/tap: /dev/net/tun ioctls)
    exports io.jnetlink.core.ffi to io.jnetlink.rtnl;
}
