package io.jnetlink.rtnl.addr;

import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.core.net.Interfaces;
import io.jnetlink.rtnl.family.Scope;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What to put on a link: the request side of {@code ip addr add|replace}. Built with
 * {@link #builder()}; checked when built, so a bad combination fails before anything is sent.
 *
 * <pre>{@code
 * AddressSpec.builder().link("veth-red").prefix("192.168.15.1/24").broadcastDerived().build();
 * }</pre>
 */
public final class AddressSpec {
    private final int ifindex;
    private final String linkName;
    private final IpPrefix prefix;
    private final InetAddress peer;
    private final InetAddress broadcast;
    private final boolean broadcastDerived;
    private final String label;
    private final Scope scope;
    private final int flags;
    private final long metric;
    private final long validLifetime;
    private final long preferredLifetime;

    private AddressSpec(Builder b) {
        this.ifindex = b.ifindex;
        this.linkName = b.linkName;
        this.prefix = b.prefix;
        this.peer = b.peer;
        this.broadcast = b.broadcast;
        this.broadcastDerived = b.broadcastDerived;
        this.label = b.label;
        this.scope = b.scope;
        this.flags = b.flags;
        this.metric = b.metric;
        this.validLifetime = b.validLifetime;
        this.preferredLifetime = b.preferredLifetime;
    }

    /**
     * A new builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@code prefix} on link {@code ifindex}, everything else default.
     *
     * @param ifindex the link's index
     * @param prefix the address and prefix length
     * @return the spec
     */
    public static AddressSpec of(int ifindex, IpPrefix prefix) {
        return builder().link(ifindex).prefix(prefix).build();
    }

    /**
     * {@code prefix} (CIDR text) on the link named {@code linkName}, everything else default.
     *
     * @param linkName the link's name
     * @param prefix the address and prefix length, as CIDR text
     * @return the spec
     */
    public static AddressSpec of(String linkName, String prefix) {
        return builder().link(linkName).prefix(prefix).build();
    }

    /** {@return the link index, or 0 when the link is given by name} */
    public int ifindex() {
        return ifindex;
    }

    /** {@return the link name, or null when the link is given by index} */
    public String linkName() {
        return linkName;
    }

    /** {@return the address and prefix length} */
    public IpPrefix prefix() {
        return prefix;
    }

    /** {@return the peer of a point-to-point address (sent as IFA_ADDRESS), or null} */
    public InetAddress peer() {
        return peer;
    }

    /**
     * {@return the broadcast address to send: the explicit one, or the derived one (host bits set, as
     * iproute2's {@code brd +}; none for /31 and /32), or null}
     */
    public InetAddress broadcast() {
        if (broadcast != null) {
            return broadcast;
        }
        if (broadcastDerived && prefix.length() <= 30) {
            return prefix.broadcast();
        }
        return null;
    }

    /** {@return whether the broadcast address is derived from the prefix ({@code brd +})} */
    public boolean broadcastDerived() {
        return broadcastDerived;
    }

    /** {@return the label (IPv4 only), or null} */
    public String label() {
        return label;
    }

    /**
     * {@return the scope to send: the one given, else what iproute2 picks ({@code host} for 127.0.0.0/8,
     * {@code global} otherwise)}
     */
    public Scope scope() {
        if (scope != null) {
            return scope;
        }
        byte[] b = prefix.address().getAddress();
        return b.length == 4 && (b[0] & 0xFF) == 127 ? Scope.HOST : Scope.UNIVERSE;
    }

    /** {@return the {@code IFA_F_*} flags to set} */
    public int flags() {
        return flags;
    }

    /** {@return the metric of the prefix route (IFA_RT_PRIORITY), 0 for the default} */
    public long metric() {
        return metric;
    }

    /** {@return the valid lifetime in seconds, {@link AddressInfo#FOREVER} by default} */
    public long validLifetime() {
        return validLifetime;
    }

    /** {@return the preferred lifetime in seconds, {@link AddressInfo#FOREVER} by default} */
    public long preferredLifetime() {
        return preferredLifetime;
    }

    /** {@return whether a lifetime was given (then IFA_CACHEINFO is sent)} */
    public boolean hasLifetimes() {
        return validLifetime != AddressInfo.FOREVER || preferredLifetime != AddressInfo.FOREVER;
    }

    /** The link as words for messages: "veth0" or "5". */
    String linkText() {
        return linkName != null ? linkName : Integer.toString(ifindex);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(prefix.toString());
        if (peer != null) {
            sb.append(" peer ").append(IpPrefix.format(peer));
        }
        if (broadcast != null) {
            sb.append(" brd ").append(IpPrefix.format(broadcast));
        } else if (broadcastDerived) {
            sb.append(" brd +");
        }
        if (label != null) {
            sb.append(" label ").append(label);
        }
        if (scope != null) {
            sb.append(" scope ").append(scope);
        }
        if (hasLifetimes()) {
            sb.append(" valid_lft ").append(validLifetime).append(" preferred_lft ").append(preferredLifetime);
        }
        return sb.append(" dev ").append(linkText()).toString();
    }

    /** Builds an {@link AddressSpec}; {@link #build()} checks the combination. */
    public static final class Builder {
        private int ifindex;
        private String linkName;
        private IpPrefix prefix;
        private InetAddress peer;
        private InetAddress broadcast;
        private boolean broadcastDerived;
        private String label;
        private Scope scope;
        private int flags;
        private long metric;
        private long validLifetime = AddressInfo.FOREVER;
        private long preferredLifetime = AddressInfo.FOREVER;

        private Builder() {}

        /**
         * The link by index.
         *
         * @param ifindex the link's index
         * @return this builder
         */
        public Builder link(int ifindex) {
            Interfaces.requireIndex(ifindex);
            this.ifindex = ifindex;
            this.linkName = null;
            return this;
        }

        /**
         * The link by name (looked up when the address is added).
         *
         * @param name the link's name
         * @return this builder
         */
        public Builder link(String name) {
            Interfaces.validateName(name);
            this.linkName = name;
            this.ifindex = 0;
            return this;
        }

        /**
         * The address and prefix length.
         *
         * @param prefix the address and prefix length
         * @return this builder
         */
        public Builder prefix(IpPrefix prefix) {
            this.prefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /**
         * The address and prefix length in CIDR notation ("192.168.15.1/24", "fd00::1/64").
         *
         * @param cidr the address and prefix length, as CIDR text
         * @return this builder
         */
        public Builder prefix(String cidr) {
            return prefix(IpPrefix.parse(cidr));
        }

        /**
         * The peer address of a point-to-point link.
         *
         * @param address the peer's address literal
         * @return this builder
         */
        public Builder peer(String address) {
            this.peer = IpPrefix.parseAddress(address);
            return this;
        }

        /**
         * An explicit IPv4 broadcast address.
         *
         * @param address the broadcast address literal
         * @return this builder
         */
        public Builder broadcast(String address) {
            this.broadcast = IpPrefix.parseAddress(address);
            return this;
        }

        /**
         * The IPv4 broadcast address derived from the prefix (host bits set): iproute2's {@code brd +}.
         *
         * @return this builder
         */
        public Builder broadcastDerived() {
            this.broadcastDerived = true;
            return this;
        }

        /**
         * An IPv4 label (at most 15 bytes; iproute2 insists it starts with the link name, the kernel does not).
         *
         * @param label the label
         * @return this builder
         */
        public Builder label(String label) {
            Objects.requireNonNull(label, "label");
            int n = label.getBytes(StandardCharsets.UTF_8).length;
            if (n == 0 || n > Interfaces.MAX_NAME_BYTES) {
                throw new IllegalArgumentException("address label \"" + label + "\" must be 1.." + Interfaces.MAX_NAME_BYTES
                        + " bytes, is " + n);
            }
            this.label = label;
            return this;
        }

        /**
         * The scope (default: host for 127.0.0.0/8, global otherwise).
         *
         * @param scope the scope
         * @return this builder
         */
        public Builder scope(Scope scope) {
            this.scope = Objects.requireNonNull(scope, "scope");
            return this;
        }

        /**
         * Sets a flag (such as {@link AddressFlag#NODAD}).
         *
         * @param flag the flag
         * @return this builder
         */
        public Builder flag(AddressFlag flag) {
            this.flags |= flag.bit();
            return this;
        }

        /**
         * IPv6: skip duplicate address detection, so the address is usable at once.
         *
         * @return this builder
         */
        public Builder noDad() {
            return flag(AddressFlag.NODAD);
        }

        /**
         * Do not add a route for the address's subnet.
         *
         * @return this builder
         */
        public Builder noPrefixRoute() {
            return flag(AddressFlag.NOPREFIXROUTE);
        }

        /**
         * The metric of the prefix route the kernel adds (0..2^32-1).
         *
         * @param metric the metric
         * @return this builder
         */
        public Builder metric(long metric) {
            if (metric < 0 || metric > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("metric " + metric + " is out of range 0..4294967295");
            }
            this.metric = metric;
            return this;
        }

        /**
         * How long the address stays (seconds, 1..2^32-1; {@link AddressInfo#FOREVER} is the
         * default): the kernel removes it afterwards ({@code valid_lft}).
         *
         * @param seconds the valid lifetime
         * @return this builder
         */
        public Builder validLifetime(long seconds) {
            if (seconds <= 0 || seconds > AddressInfo.FOREVER) {
                throw new IllegalArgumentException("valid lifetime " + seconds + " is out of range 1..4294967295");
            }
            this.validLifetime = seconds;
            return this;
        }

        /**
         * How long the address is preferred for new connections (seconds, 0..2^32-1, at most the
         * valid lifetime; {@code preferred_lft}). 0 makes it deprecated at once.
         *
         * @param seconds the preferred lifetime
         * @return this builder
         */
        public Builder preferredLifetime(long seconds) {
            if (seconds < 0 || seconds > AddressInfo.FOREVER) {
                throw new IllegalArgumentException("preferred lifetime " + seconds + " is out of range 0..4294967295");
            }
            this.preferredLifetime = seconds;
            return this;
        }

        /**
         * {@return the spec}
         *
         * @throws IllegalArgumentException if the link or prefix is missing, or an option does not
         *                                  fit the prefix's family
         */
        public AddressSpec build() {
            if (prefix == null) {
                throw new IllegalArgumentException("address spec without a prefix");
            }
            if (ifindex == 0 && linkName == null) {
                throw new IllegalArgumentException("address " + prefix + ": no link given");
            }
            boolean v4 = prefix.isIpv4();
            if (peer != null && (peer instanceof Inet4Address) != v4) {
                throw new IllegalArgumentException("address " + prefix + ": peer " + IpPrefix.format(peer)
                        + " is of the other address family");
            }
            if (!v4 && (broadcast != null || broadcastDerived)) {
                throw new IllegalArgumentException("address " + prefix + ": a broadcast address is IPv4 only");
            }
            if (broadcast != null && !(broadcast instanceof Inet4Address)) {
                throw new IllegalArgumentException("address " + prefix + ": broadcast " + IpPrefix.format(broadcast)
                        + " is not an IPv4 address");
            }
            if (broadcast != null && broadcastDerived) {
                throw new IllegalArgumentException("address " + prefix + ": give an explicit broadcast or a derived one, not both");
            }
            if (preferredLifetime > validLifetime) {
                throw new IllegalArgumentException("address " + prefix + ": preferred lifetime " + preferredLifetime
                        + " is longer than the valid lifetime " + validLifetime);
            }
            if (!v4 && label != null) {
                throw new IllegalArgumentException("address " + prefix + ": labels are IPv4 only");
            }
            return new AddressSpec(this);
        }
    }
}
