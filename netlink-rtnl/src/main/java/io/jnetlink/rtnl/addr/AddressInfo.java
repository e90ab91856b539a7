package io.jnetlink.rtnl.addr;

import static io.jnetlink.rtnl.addr.IfAddr.*;

import io.jnetlink.core.MalformedMessageException;
import io.jnetlink.core.codec.AttributeIndex;
import io.jnetlink.core.codec.AttributePolicy;
import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.rtnl.family.Scope;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;

/**
 * One address of a link, as the kernel reports it (an RTM_NEWADDR message).
 *
 * <p>Immutable and safe to hand to another thread. A decoded address keeps the bytes of its
 * message (the datagram it came in, received or copied once and shared with the other addresses of
 * the same datagram, never the socket's buffer). Decoding checks the message whole (every
 * attribute's length, the size of each modeled one, the prefix length) and keeps where the message
 * is, its family and link: the other fields are read from it when one is first asked for, all at
 * once. One record kept alone keeps its datagram (up to 32 KiB) alive.
 *
 * <p>The accessors are those of a record with these components, and equality is over all of them:
 *
 * <ul>
 *   <li>{@code family}: {@link IpPrefix#AF_INET} or {@link IpPrefix#AF_INET6}
 *   <li>{@code prefixLength}: the prefix length
 *   <li>{@code flags}: the {@code IFA_F_*} bits (from IFA_FLAGS when present, which holds all 32)
 *   <li>{@code scope}: the scope
 *   <li>{@code ifindex}: the link's index
 *   <li>{@code address}: IFA_ADDRESS: the prefix address (for point-to-point links the peer), or null
 *   <li>{@code local}: IFA_LOCAL: the local address (IPv4), or null (IPv6 sends only IFA_ADDRESS)
 *   <li>{@code broadcast}: IFA_BROADCAST, or null
 *   <li>{@code label}: IFA_LABEL (IPv4), or null
 *   <li>{@code metric}: IFA_RT_PRIORITY, the metric of the prefix route, 0 when absent
 *   <li>{@code protocol}: IFA_PROTO (who added it: 0 unspecified, 1 loopback, 2 router advert, 3 link-local), 0 when absent
 *   <li>{@code preferredLifetime}: preferred lifetime in seconds from IFA_CACHEINFO, 0xFFFFFFFF = forever, -1 when absent
 *   <li>{@code validLifetime}: valid lifetime in seconds from IFA_CACHEINFO, 0xFFFFFFFF = forever, -1 when absent
 *   <li>{@code unknown}: attributes this record does not model, kept as received
 * </ul>
 */
public final class AddressInfo {
    /** The sizes of the modeled attributes of an IPv4 address, checked as the message is indexed. */
    private static final AttributePolicy V4 = policy(4);
    /** The same for IPv6. */
    private static final AttributePolicy V6 = policy(16);
    /** The lifetime value that means "forever". */
    public static final long FOREVER = 0xFFFF_FFFFL;

    /** The retained datagram the message is in. */
    private final MemorySegment data;
    /** Where the message's header is in {@link #data}. */
    private final int at;
    // kept from decoding: what a dump's filter reads of every address, without reading the rest
    private final int family;
    private final int ifindex;
    /**
     * The other fields, read on first use. Immutable once made (final fields; its lazily made values
     * are immutable too), so a thread that races another here sees null (and reads them itself) or a
     * complete object: no lock needed.
     */
    private AddressFields fields;

    private AddressInfo(MemorySegment data, int at, int family, int ifindex) {
        this.data = data;
        this.at = at;
        this.family = family;
        this.ifindex = ifindex;
    }

    private AddressFields f() {
        AddressFields r = fields;
        if (r == null) {
            fields = r = AddressFields.read(data, at);
        }
        return r;
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
        return f().prefixLength();
    }

    /** {@return the {@code IFA_F_*} bits (from IFA_FLAGS when present, which holds all 32)} */
    public int flags() {
        return f().flags();
    }

    /** {@return the scope} */
    public Scope scope() {
        return f().scope();
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
        return f().address();
    }

    /**
     * IFA_LOCAL: the local address (IPv4), or null (IPv6 sends only IFA_ADDRESS).
     *
     * @return the local address, or null
     */
    public InetAddress local() {
        return f().local();
    }

    /**
     * IFA_BROADCAST, or null.
     *
     * @return the broadcast address, or null
     */
    public InetAddress broadcast() {
        return f().broadcast();
    }

    /**
     * IFA_LABEL (IPv4), or null.
     *
     * @return the label, or null
     */
    public String label() {
        return f().label();
    }

    /**
     * IFA_RT_PRIORITY, the metric of the prefix route, 0 when absent.
     *
     * @return the metric
     */
    public long metric() {
        return f().metric();
    }

    /**
     * IFA_PROTO (who added it: 0 unspecified, 1 loopback, 2 router advert, 3 link-local), 0 when absent.
     *
     * @return the protocol number
     */
    public int protocol() {
        return f().protocol();
    }

    /**
     * Preferred lifetime in seconds from IFA_CACHEINFO, 0xFFFFFFFF = forever, -1 when absent.
     *
     * @return the lifetime in seconds
     */
    public long preferredLifetime() {
        return f().preferredLifetime();
    }

    /**
     * Valid lifetime in seconds from IFA_CACHEINFO, 0xFFFFFFFF = forever, -1 when absent.
     *
     * @return the lifetime in seconds
     */
    public long validLifetime() {
        return f().validLifetime();
    }

    /**
     * Attributes this record does not model, kept as received.
     *
     * @return the attributes, in the order received
     */
    public List<RawAttribute> unknown() {
        return f().unknown();
    }

    /**
     * {@return the address as a prefix: the local address (IFA_LOCAL, else IFA_ADDRESS) with the prefix
     * length, such as {@code 192.168.15.1/24}}
     */
    public IpPrefix prefix() {
        return f().prefix();
    }

    /** {@return whether this is an IPv4 address} */
    public boolean isIpv4() {
        return family == IpPrefix.AF_INET;
    }

    /** {@return the flags as a set} */
    public Set<AddressFlag> flagSet() {
        return AddressFlag.fromBits(flags());
    }

    /**
     * {@return whether flag {@code f} is set}
     *
     * @param f the flag
     */
    public boolean has(AddressFlag f) {
        return (flags() & f.bit()) != 0;
    }

    /**
     * Decodes an RTM_NEWADDR (or RTM_DELADDR) message.
     *
     * @param m the message
     * @return the address, or null for a message of another type or an address family other than
     *         IPv4 and IPv6
     * @throws MalformedMessageException if the message breaks the format (checked here, whole)
     */
    public static AddressInfo decode(Message m) {
        if (m.type() != RTM_NEWADDR && m.type() != RTM_DELADDR) {
            return null;
        }
        m.requirePayload(IFADDRMSG_LEN, "struct ifaddrmsg");
        int family = m.u8(0);
        if (family != IpPrefix.AF_INET && family != IpPrefix.AF_INET6) {
            return null;
        }
        int addrLen = family == IpPrefix.AF_INET ? 4 : 16;
        // one pass over the attribute headers that also checks each modeled attribute's size:
        // everything that reading the fields later could trip on is checked here
        AttributeIndex x = m.index(IFADDRMSG_LEN, addrLen == 4 ? V4 : V6, true);
        int prefixLength = x.header8(1);
        if (prefixLength > addrLen * 8) {
            throw new MalformedMessageException("ifaddrmsg.ifa_prefixlen", m.payloadOffset() + 1,
                    "prefix length " + prefixLength + " too long for family " + family);
        }
        if (!x.has(IFA_ADDRESS) && !x.has(IFA_LOCAL)) {
            throw new MalformedMessageException("", m.payloadOffset(), "address message without IFA_ADDRESS or IFA_LOCAL");
        }
        return new AddressInfo(x.retained(), (int) m.offset(), family, x.header32(4));
    }

    private static AttributePolicy policy(int addrLen) {
        String address = (addrLen == 4 ? "IPv4" : "IPv6") + " address (" + addrLen + " bytes)";
        return AttributePolicy.builder(NAMES)
                .exact(IFA_ADDRESS, addrLen, address)
                .exact(IFA_LOCAL, addrLen, address)
                .exact(IFA_BROADCAST, addrLen, address)
                .exact(IFA_FLAGS, 4, "u32")
                .exact(IFA_RT_PRIORITY, 4, "u32")
                .exact(IFA_PROTO, 1, "u8")
                .exact(IFA_CACHEINFO, 16, "struct ifa_cacheinfo (16 bytes)")
                .build();
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof AddressInfo a && f().equals(a.f());
    }

    @Override
    public int hashCode() {
        return f().hashCode();
    }

    @Override
    public String toString() {
        return f().toString();
    }
}
