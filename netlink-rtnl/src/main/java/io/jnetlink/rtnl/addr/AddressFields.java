package io.jnetlink.rtnl.addr;

import static io.jnetlink.rtnl.addr.IfAddr.*;

import io.jnetlink.core.MalformedMessageException;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.rtnl.family.Attributes;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.rtnl.family.Scope;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The fields of an {@link AddressInfo}, read from its retained message the first time one is asked
 * for (the message was checked whole when it was decoded, so reading it cannot fail). Equality and
 * text are {@link AddressInfo}'s.
 */
final class AddressFields {
    /** The attributes decoded into fields; the others are {@link #unknown()}. */
    static final long MODELED = Attributes.mask(IFA_ADDRESS, IFA_LOCAL, IFA_BROADCAST, IFA_LABEL, IFA_FLAGS,
            IFA_RT_PRIORITY, IFA_PROTO, IFA_CACHEINFO);

    private final int family;
    private final int prefixLength;
    private final int flags;
    private final Scope scope;
    private final int ifindex;
    private final long metric;
    private final int protocol;
    private final long preferredLifetime;
    private final long validLifetime;
    /** The retained datagram the message is in. */
    private final MemorySegment data;
    // where the payloads are in data (-1: absent), and the attribute run
    private final int addressAt;
    private final int localAt;
    private final int broadcastAt;
    private final int labelAt;
    private final int labelLength;
    private final int attributesAt;
    private final int attributesEnd;
    private final boolean hasUnknown;
    // Made on first use; immutable values, so a race at worst makes one twice (no lock needed).
    private InetAddress address;
    private InetAddress local;
    private InetAddress broadcast;
    private String label;
    private List<RawAttribute> unknown;

    private AddressFields(int family, int prefixLength, int flags, Scope scope, int ifindex, long metric, int protocol,
                        long preferredLifetime, long validLifetime, MemorySegment data, int addressAt, int localAt,
                        int broadcastAt, int labelAt, int labelLength, int attributesAt, int attributesEnd,
                        boolean hasUnknown) {
        this.family = family;
        this.prefixLength = prefixLength;
        this.flags = flags;
        this.scope = scope;
        this.ifindex = ifindex;
        this.metric = metric;
        this.protocol = protocol;
        this.preferredLifetime = preferredLifetime;
        this.validLifetime = validLifetime;
        this.data = data;
        this.addressAt = addressAt;
        this.localAt = localAt;
        this.broadcastAt = broadcastAt;
        this.labelAt = labelAt;
        this.labelLength = labelLength;
        this.attributesAt = attributesAt;
        this.attributesEnd = attributesEnd;
        this.hasUnknown = hasUnknown;
    }

    /**
     * {@link IpPrefix#AF_INET} or {@link IpPrefix#AF_INET6}.
     *
     * @return the address family
     */
    public int family() {
        return family;
    }

    /** {@return the prefix length} */
    public int prefixLength() {
        return prefixLength;
    }

    /** {@return the {@code IFA_F_*} bits (from IFA_FLAGS when present, which holds all 32)} */
    public int flags() {
        return flags;
    }

    /** {@return the scope} */
    public Scope scope() {
        return scope;
    }

    /** {@return the link's index} */
    public int ifindex() {
        return ifindex;
    }

    /**
     * IFA_ADDRESS: the prefix address (for point-to-point links the peer), or null.
     *
     * @return the address, or null
     */
    public InetAddress address() {
        InetAddress a = address;
        if (a == null && addressAt >= 0) {
            address = a = Attributes.address(data, addressAt, addressLength());
        }
        return a;
    }

    /**
     * IFA_LOCAL: the local address (IPv4), or null (IPv6 sends only IFA_ADDRESS).
     *
     * @return the local address, or null
     */
    public InetAddress local() {
        InetAddress a = local;
        if (a == null && localAt >= 0) {
            local = a = Attributes.address(data, localAt, addressLength());
        }
        return a;
    }

    /**
     * IFA_BROADCAST, or null.
     *
     * @return the broadcast address, or null
     */
    public InetAddress broadcast() {
        InetAddress a = broadcast;
        if (a == null && broadcastAt >= 0) {
            broadcast = a = Attributes.address(data, broadcastAt, addressLength());
        }
        return a;
    }

    /**
     * IFA_LABEL (IPv4), or null.
     *
     * @return the label, or null
     */
    public String label() {
        String l = label;
        if (l == null && labelAt >= 0) {
            label = l = AttributeCursor.string(data, labelAt, labelLength);
        }
        return l;
    }

    /**
     * IFA_RT_PRIORITY, the metric of the prefix route, 0 when absent.
     *
     * @return the metric
     */
    public long metric() {
        return metric;
    }

    /**
     * IFA_PROTO (who added it: 0 unspecified, 1 loopback, 2 router advert, 3 link-local), 0 when absent.
     *
     * @return the protocol number
     */
    public int protocol() {
        return protocol;
    }

    /**
     * Preferred lifetime in seconds from IFA_CACHEINFO, 0xFFFFFFFF = forever, -1 when absent.
     *
     * @return the lifetime in seconds
     */
    public long preferredLifetime() {
        return preferredLifetime;
    }

    /**
     * Valid lifetime in seconds from IFA_CACHEINFO, 0xFFFFFFFF = forever, -1 when absent.
     *
     * @return the lifetime in seconds
     */
    public long validLifetime() {
        return validLifetime;
    }

    /**
     * Attributes this record does not model, kept as received.
     *
     * @return the attributes, in the order received
     */
    public List<RawAttribute> unknown() {
        List<RawAttribute> u = unknown;
        if (u == null) {
            u = hasUnknown ? Attributes.unmodeled(data, attributesAt, attributesEnd, MODELED, NAMES) : List.of();
            unknown = u;
        }
        return u;
    }

    private int addressLength() {
        return family == IpPrefix.AF_INET ? 4 : 16;
    }


    /**
     * {@return the address as a prefix: the local address (IFA_LOCAL, else IFA_ADDRESS) with the prefix
     * length, such as {@code 192.168.15.1/24}}
     */
    public IpPrefix prefix() {
        InetAddress l = local();
        return new IpPrefix(l != null ? l : address(), prefixLength);
    }

    /** {@return whether this is an IPv4 address} */
    public boolean isIpv4() {
        return family == IpPrefix.AF_INET;
    }

    /** {@return the flags as a set} */
    public Set<AddressFlag> flagSet() {
        return AddressFlag.fromBits(flags);
    }

    /**
     * {@return whether flag {@code f} is set}
     *
     * @param f the flag
     */
    public boolean has(AddressFlag f) {
        return (flags & f.bit()) != 0;
    }

    /** Reads the address message at {@code at} of {@code data} (a retained datagram it was decoded from). */
    static AddressFields read(MemorySegment data, int at) {
        Message m = Message.at(data, at);
        int family = m.u8(0);
        int addrLen = family == IpPrefix.AF_INET ? 4 : 16;
        int prefixLength = m.u8(1);
        if (prefixLength > addrLen * 8) {
            throw new MalformedMessageException("ifaddrmsg.ifa_prefixlen", m.payloadOffset() + 1,
                    "prefix length " + prefixLength + " too long for family " + family);
        }
        int flags = m.u8(2);
        Scope scope = Scope.of(m.u8(3));
        int ifindex = m.u32(4);
        int address = -1;
        int local = -1;
        int broadcast = -1;
        int label = -1;
        int labelLength = 0;
        long metric = 0;
        int protocol = 0;
        long preferred = -1;
        long valid = -1;
        boolean unknown = false;
        AttributeCursor a = Addresses.FAMILY.scan(m); // the view's own cursor: one pass, nothing allocated
        while (a.next()) {
            switch (a.type()) {
                case IFA_ADDRESS -> address = Attributes.checkAddress(a, addrLen);
                case IFA_LOCAL -> local = Attributes.checkAddress(a, addrLen);
                case IFA_BROADCAST -> broadcast = Attributes.checkAddress(a, addrLen);
                case IFA_LABEL -> {
                    label = Math.toIntExact(a.payloadOffset());
                    labelLength = a.length();
                }
                case IFA_FLAGS -> flags = a.u32();
                case IFA_RT_PRIORITY -> metric = Integer.toUnsignedLong(a.u32());
                case IFA_PROTO -> protocol = a.u8();
                case IFA_CACHEINFO -> {
                    if (a.length() != 16) {
                        throw a.malformed("struct ifa_cacheinfo (16 bytes) expected, got " + a.length() + " bytes");
                    }
                    preferred = Integer.toUnsignedLong(a.segment().get(ValueLayout.JAVA_INT_UNALIGNED, a.payloadOffset()));
                    valid = Integer.toUnsignedLong(a.segment().get(ValueLayout.JAVA_INT_UNALIGNED, a.payloadOffset() + 4));
                }
                default -> unknown = true;
            }
        }
        if (address < 0 && local < 0) {
            throw new MalformedMessageException("", m.payloadOffset(), "address message without IFA_ADDRESS or IFA_LOCAL");
        }
        return new AddressFields(family, prefixLength, flags, scope, ifindex, metric, protocol, preferred, valid,
                data, address, local, broadcast, label, labelLength,
                Math.toIntExact(m.payloadOffset() + io.jnetlink.core.codec.Netlink.align(IFADDRMSG_LEN)),
                Math.toIntExact(m.offset() + m.length()), unknown);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof AddressFields x && family == x.family && prefixLength == x.prefixLength
                && flags == x.flags && scope == x.scope && ifindex == x.ifindex && metric == x.metric
                && protocol == x.protocol && preferredLifetime == x.preferredLifetime
                && validLifetime == x.validLifetime && Objects.equals(address(), x.address())
                && Objects.equals(local(), x.local()) && Objects.equals(broadcast(), x.broadcast())
                && Objects.equals(label(), x.label()) && unknown().equals(x.unknown());
    }

    @Override
    public int hashCode() {
        return Objects.hash(family, prefixLength, flags, scope, ifindex, address(), local(), broadcast(), label(),
                metric, protocol, preferredLifetime, validLifetime, unknown());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("AddressInfo[");
        sb.append(prefix()).append(" link ").append(ifindex).append(" scope ").append(scope);
        if (local() != null && address() != null && !local().equals(address())) {
            sb.append(" peer ").append(IpPrefix.format(address()));
        }
        if (broadcast() != null) {
            sb.append(" brd ").append(IpPrefix.format(broadcast()));
        }
        if (label() != null) {
            sb.append(" label ").append(label());
        }
        sb.append(" flags ").append(flagSet());
        if (!unknown().isEmpty()) {
            sb.append(" unknown ").append(unknown());
        }
        return sb.append(']').toString();
    }
}
