package io.jnetlink.rtnl.addr;

import static io.jnetlink.rtnl.addr.IfAddr.*;

import io.jnetlink.core.MalformedMessageException;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.rtnl.family.Attributes;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.rtnl.family.Scope;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One address of a link, as the kernel reports it (an RTM_NEWADDR message).
 *
 * @param family            {@link IpPrefix#AF_INET} or {@link IpPrefix#AF_INET6}
 * @param prefixLength      the prefix length
 * @param flags             the {@code IFA_F_*} bits (from IFA_FLAGS when present, which holds all 32)
 * @param scope             the scope
 * @param ifindex           the link's index
 * @param address           IFA_ADDRESS: the prefix address (for point-to-point links the peer), or null
 * @param local             IFA_LOCAL: the local address (IPv4), or null (IPv6 sends only IFA_ADDRESS)
 * @param broadcast         IFA_BROADCAST, or null
 * @param label             IFA_LABEL (IPv4), or null
 * @param metric            IFA_RT_PRIORITY, the metric of the prefix route, 0 when absent
 * @param protocol          IFA_PROTO (who added it: 0 unspecified, 1 loopback, 2 router advert, 3 link-local), 0 when absent
 * @param preferredLifetime preferred lifetime in seconds from IFA_CACHEINFO, 0xFFFFFFFF = forever, -1 when absent
 * @param validLifetime     valid lifetime in seconds from IFA_CACHEINFO, 0xFFFFFFFF = forever, -1 when absent
 * @param unknown           attributes this record does not model, kept as received
 */
public record AddressInfo(int family, int prefixLength, int flags, Scope scope, int ifindex, InetAddress address,
                          InetAddress local, InetAddress broadcast, String label, long metric, int protocol,
                          long preferredLifetime, long validLifetime, List<RawAttribute> unknown) {
    /** The lifetime value that means "forever". */
    public static final long FOREVER = 0xFFFF_FFFFL;

    /** Copies the lists, so the record is immutable. */
    public AddressInfo {
        unknown = List.copyOf(unknown);
    }

    /**
     * The address as a prefix: the local address (IFA_LOCAL, else IFA_ADDRESS) with the prefix
     * length, such as {@code 192.168.15.1/24}.
     */
    public IpPrefix prefix() {
        return new IpPrefix(local != null ? local : address, prefixLength);
    }

    /** Whether this is an IPv4 address. */
    public boolean isIpv4() {
        return family == IpPrefix.AF_INET;
    }

    /** The flags as a set. */
    public Set<AddressFlag> flagSet() {
        return AddressFlag.fromBits(flags);
    }

    /** Whether flag {@code f} is set. */
    public boolean has(AddressFlag f) {
        return (flags & f.bit()) != 0;
    }

    /**
     * Decodes an RTM_NEWADDR (or RTM_DELADDR) message.
     *
     * @return the address, or null for a message of another type or an address family other than
     *         IPv4 and IPv6
     * @throws MalformedMessageException if the message breaks the format
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
        int prefixLength = m.u8(1);
        if (prefixLength > addrLen * 8) {
            throw new MalformedMessageException("ifaddrmsg.ifa_prefixlen", m.payloadOffset() + 1,
                    "prefix length " + prefixLength + " too long for family " + family);
        }
        int flags = m.u8(2);
        Scope scope = Scope.of(m.u8(3));
        int ifindex = m.u32(4);
        InetAddress address = null;
        InetAddress local = null;
        InetAddress broadcast = null;
        String label = null;
        long metric = 0;
        int protocol = 0;
        long preferred = -1;
        long valid = -1;
        List<RawAttribute> unknown = new ArrayList<>(0);
        AttributeCursor a = Addresses.FAMILY.attributes(m);
        while (a.next()) {
            switch (a.type()) {
                case IFA_ADDRESS -> address = Attributes.address(a, addrLen);
                case IFA_LOCAL -> local = Attributes.address(a, addrLen);
                case IFA_BROADCAST -> broadcast = Attributes.address(a, addrLen);
                case IFA_LABEL -> label = a.string();
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
                default -> unknown.add(a.raw());
            }
        }
        if (address == null && local == null) {
            throw new MalformedMessageException("", m.payloadOffset(), "address message without IFA_ADDRESS or IFA_LOCAL");
        }
        return new AddressInfo(family, prefixLength, flags, scope, ifindex, address, local, broadcast, label,
                metric, protocol, preferred, valid, unknown);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("AddressInfo[");
        sb.append(prefix()).append(" link ").append(ifindex).append(" scope ").append(scope);
        if (local != null && address != null && !local.equals(address)) {
            sb.append(" peer ").append(IpPrefix.format(address));
        }
        if (broadcast != null) {
            sb.append(" brd ").append(IpPrefix.format(broadcast));
        }
        if (label != null) {
            sb.append(" label ").append(label);
        }
        sb.append(" flags ").append(flagSet());
        if (!unknown.isEmpty()) {
            sb.append(" unknown ").append(unknown);
        }
        return sb.append(']').toString();
    }
}
