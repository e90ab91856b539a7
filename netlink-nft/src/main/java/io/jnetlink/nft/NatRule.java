package io.jnetlink.nft;

import java.net.Inet4Address;
import java.net.InetAddress;

/** A NAT recipe as it lives in the library's table: a {@link Masquerade} or a {@link PortForward}. */
public sealed interface NatRule permits NatRule.Masquerade, NatRule.PortForward {

    /** {@return the rule's handle in its chain (for {@link Nat#remove(long)})} */
    long handle();

    /** {@return the chain the rule lives in} */
    String chain();

    /**
     * {@code [ip|ip6] saddr SOURCE [oifname OUT] masquerade} in the postrouting chain.
     *
     * @param handle       the rule's handle
     * @param source       the source prefix
     * @param outInterface the outgoing interface, or null for any
     */
    record Masquerade(long handle, Prefix source, String outInterface) implements NatRule {
        @Override
        public String chain() {
            return Nat.POSTROUTING;
        }

        @Override
        public String toString() {
            return (source.isIpv4() ? "ip" : "ip6") + " saddr " + source
                    + (outInterface != null ? " oifname \"" + outInterface + "\"" : "") + " masquerade # handle "
                    + handle;
        }
    }

    /**
     * {@code [iifname IN] [ip|ip6 daddr HOST] tcp|udp dport PORT dnat ip|ip6 to ADDRESS:TOPORT} in the
     * prerouting chain.
     *
     * @param handle      the rule's handle
     * @param protocol    TCP or UDP
     * @param port        the port arriving on the host
     * @param inInterface the incoming interface, or null for any
     * @param hostAddress the host address connections must be addressed to, or null for any
     * @param address     where connections go
     * @param toPort      the port they go to
     * @param fromHost    true for connections the host opens (output chain), false for arriving ones
     */
    record PortForward(long handle, Protocol protocol, int port, String inInterface, InetAddress hostAddress,
                       InetAddress address, int toPort, boolean fromHost)
            implements NatRule {
        @Override
        public String chain() {
            return fromHost ? Nat.OUTPUT : Nat.PREROUTING;
        }

        @Override
        public String toString() {
            boolean v4 = address instanceof Inet4Address;
            return (inInterface != null ? "iifname \"" + inInterface + "\" " : "")
                    + (hostAddress != null ? (v4 ? "ip" : "ip6") + " daddr " + hostAddress.getHostAddress() + " " : "")
                    + protocol.name().toLowerCase()
                    + " dport " + port + " dnat " + (v4 ? "ip" : "ip6") + " to "
                    + (v4 ? address.getHostAddress() : "[" + address.getHostAddress() + "]") + ":" + toPort
                    + (fromHost ? " (from the host)" : "") + " # handle " + handle;
        }
    }
}
