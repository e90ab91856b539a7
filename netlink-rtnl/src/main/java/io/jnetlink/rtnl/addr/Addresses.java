package io.jnetlink.rtnl.addr;

import static io.jnetlink.core.codec.Netlink.NLM_F_CREATE;
import static io.jnetlink.core.codec.Netlink.NLM_F_EXCL;
import static io.jnetlink.core.codec.Netlink.NLM_F_REPLACE;
import static io.jnetlink.rtnl.addr.IfAddr.*;

import io.jnetlink.core.Errno;
import io.jnetlink.core.NetlinkException;
import io.jnetlink.core.NoSuchDeviceException;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.net.Interfaces;
import io.jnetlink.core.socket.NetlinkSocket;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.rtnl.family.RtnlFamily;
import io.jnetlink.rtnl.link.Links;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The addresses of the links of one network namespace: {@code ip addr add|replace|del|show|flush}.
 *
 * <p>Each method is one netlink exchange on the given NETLINK_ROUTE socket (whose namespace is the
 * one acted on); {@link #flush} is a dump plus one pipelined batch of deletes. Failures raise
 * {@link NetlinkException} (or a subclass) naming the operation, such as
 * {@code "add address 192.168.15.1/24 to link veth-red"}, with the kernel's extended-ACK text.
 */
public final class Addresses {
    /**
     * The address family: RTM_NEWADDR / RTM_DELADDR / RTM_GETADDR over {@code struct ifaddrmsg},
     * announced on RTNLGRP_IPV4_IFADDR and RTNLGRP_IPV6_IFADDR, decoded into {@link AddressInfo}.
     */
    public static final RtnlFamily<AddressInfo> FAMILY = RtnlFamily.builder("address", AddressInfo.class)
            .types(RTM_NEWADDR, RTM_DELADDR, RTM_GETADDR)
            .header("struct ifaddrmsg", IFADDRMSG_LEN)
            .attributeNames(NAMES)
            .groups(RTNLGRP_IPV4_IFADDR, RTNLGRP_IPV6_IFADDR)
            .decoder(AddressInfo::decode)
            .build();

    private final NetlinkSocket rtnl;

    /**
     * Addresses of the namespace {@code rtnl} belongs to.
     *
     * @param rtnl a NETLINK_ROUTE socket of the namespace
     */
    public Addresses(NetlinkSocket rtnl) {
        this.rtnl = Objects.requireNonNull(rtnl, "rtnl");
    }

    /**
     * Adds {@code prefix} to link {@code ifindex} (RTM_NEWADDR, NLM_F_CREATE|NLM_F_EXCL).
     *
     * @param ifindex the link's index
     * @param prefix the address and prefix length
     */
    public void add(int ifindex, IpPrefix prefix) {
        add(AddressSpec.of(ifindex, prefix));
    }

    /**
     * Adds an address (RTM_NEWADDR with NLM_F_CREATE|NLM_F_EXCL), as {@code ip addr add}.
     *
     * @param spec the address
     * @throws io.jnetlink.core.AlreadyExistsException if the link has the address already
     * @throws io.jnetlink.core.NoSuchDeviceException  if the link does not exist
     */
    public void add(AddressSpec spec) {
        modify("add address " + spec.prefix() + " to link " + spec.linkText(), spec, NLM_F_CREATE | NLM_F_EXCL);
    }

    /**
     * Adds an address or updates the one that is there (RTM_NEWADDR with
     * NLM_F_CREATE|NLM_F_REPLACE), as {@code ip addr replace}. Of an existing address the kernel
     * updates the metric, the flags and the lifetimes; broadcast, label and scope stay as they were.
     *
     * @param spec the address
     */
    public void replace(AddressSpec spec) {
        modify("replace address " + spec.prefix() + " on link " + spec.linkText(), spec, NLM_F_CREATE | NLM_F_REPLACE);
    }

    /**
     * Removes {@code prefix} from link {@code ifindex} (RTM_DELADDR), as {@code ip addr del}.
     *
     * @param ifindex the link's index
     * @param prefix the address and prefix length
     * @throws NetlinkException with {@link Errno#EADDRNOTAVAIL} if the link does not have it
     */
    public void delete(int ifindex, IpPrefix prefix) {
        Objects.requireNonNull(prefix, "prefix");
        Interfaces.requireIndex(ifindex);
        rtnl.request("delete address " + prefix + " from link " + ifindex, w -> encodeDelete(w, ifindex, prefix));
    }

    /**
     * Removes an address as listed ({@link #list()}).
     *
     * @param address the address, as listed
     */
    public void delete(AddressInfo address) {
        rtnl.request("delete address " + address.prefix() + " from link " + address.ifindex(),
                w -> encodeDelete(w, address));
    }

    /** {@return every IPv4 and IPv6 address of every link (RTM_GETADDR dump)} */
    public List<AddressInfo> list() {
        return FAMILY.dump(rtnl, "list addresses");
    }

    /**
     * {@return the IPv4 and IPv6 addresses of link {@code ifindex} (RTM_GETADDR dump filtered by link)}
     *
     * @param ifindex the link's index
     */
    public List<AddressInfo> list(int ifindex) {
        Interfaces.requireIndex(ifindex);
        return dump("list addresses of link " + ifindex, 0, ifindex);
    }

    /**
     * {@return the addresses of one family ({@link IpPrefix#AF_INET} or {@link IpPrefix#AF_INET6}) on link
     * {@code ifindex}, or on every link when {@code ifindex} is 0}
     *
     * @param family the address family
     * @param ifindex the link's index
     */
    public List<AddressInfo> list(int family, int ifindex) {
        if (family != IpPrefix.AF_INET && family != IpPrefix.AF_INET6) {
            throw new IllegalArgumentException("family must be AF_INET (2) or AF_INET6 (10), got " + family);
        }
        if (ifindex < 0) {
            throw new IllegalArgumentException("link index must not be negative, got " + ifindex);
        }
        return dump("list " + (family == IpPrefix.AF_INET ? "IPv4" : "IPv6") + " addresses"
                + (ifindex != 0 ? " of link " + ifindex : ""), family, ifindex);
    }

    /**
     * Removes every address (IPv4 and IPv6, link-local included) from link {@code ifindex}, as
     * {@code ip addr flush dev}: one dump, then all deletes pipelined in one send. IPv4 secondaries
     * go first; an address already gone (the kernel drops secondaries with their primary) is not an
     * error.
     *
     * @param ifindex the link's index
     */
    public void flush(int ifindex) {
        Interfaces.requireIndex(ifindex);
        List<AddressInfo> all = new ArrayList<>(list(ifindex));
        if (all.isEmpty()) {
            return;
        }
        all.sort(Comparator.comparing((AddressInfo a) -> !a.has(AddressFlag.SECONDARY)));
        NetlinkException[] errs = rtnl.pipeline("flush addresses of link " + ifindex, w -> {
            for (AddressInfo a : all) {
                encodeDelete(w, a);
            }
        }, (i, m) -> { });
        for (int i = 0; i < errs.length; i++) {
            NetlinkException e = errs[i];
            if (e != null && e.errno() != Errno.EADDRNOTAVAIL) {
                throw e.withOperation("flush addresses of link " + ifindex + ": delete " + all.get(i).prefix());
            }
        }
    }

    /**
     * Adds many addresses in one send (pipelined RTM_NEWADDRs, one ACK each), as many
     * {@code ip addr add}; the first failure is thrown after all were tried. Links given by name
     * are looked up first.
     *
     * @param specs the addresses, in order
     */
    public void addAll(List<AddressSpec> specs) {
        if (specs.isEmpty()) {
            return;
        }
        int[] indexes = new int[specs.size()];
        for (int i = 0; i < indexes.length; i++) {
            AddressSpec spec = specs.get(i);
            indexes[i] = spec.ifindex() != 0 ? spec.ifindex() : Links.indexOf(rtnl, spec.linkName());
        }
        rtnl.pipelineOrThrow("add " + specs.size() + " addresses", w -> {
            for (int i = 0; i < indexes.length; i++) {
                encodeNew(w, NLM_F_CREATE | NLM_F_EXCL, specs.get(i), indexes[i]);
            }
        }, (i, m) -> { });
    }

    private void modify(String op, AddressSpec spec, int createFlags) {
        int ifindex = spec.ifindex();
        if (ifindex == 0) {
            try {
                ifindex = Links.indexOf(rtnl, spec.linkName());
            } catch (NoSuchDeviceException e) {
                throw NoSuchDeviceException.named(op, spec.linkName());
            }
        }
        int index = ifindex;
        rtnl.request(op, w -> encodeNew(w, createFlags, spec, index));
    }

    /** A dump filtered by family and link (0: any), by the kernel and again here. */
    private List<AddressInfo> dump(String op, int family, int ifindex) {
        return FAMILY.dump(rtnl, op, w -> dumpFilter(w, family, ifindex),
                a -> (ifindex == 0 || a.ifindex() == ifindex) && (family == 0 || a.family() == family));
    }

    /** Writes the RTM_GETADDR dump request; family 0 and ifindex 0 mean all. */
    static void encodeDump(MessageWriter w, int family, int ifindex) {
        FAMILY.writeDump(w, d -> dumpFilter(d, family, ifindex));
    }

    private static void dumpFilter(MessageWriter w, int family, int ifindex) {
        // Strict checking wants prefixlen, flags and scope zero; family and index filter.
        ifaddrmsg(w, family, 0, 0, 0, ifindex);
    }

    /** Writes the RTM_NEWADDR request for {@code spec} on link {@code ifindex}, attributes in iproute2's order. */
    static void encodeNew(MessageWriter w, int createFlags, AddressSpec spec, int ifindex) {
        IpPrefix p = spec.prefix();
        int flags = spec.flags();
        FAMILY.begin(w, RTM_NEWADDR, createFlags);
        ifaddrmsg(w, p.family(), p.length(), flags & 0xFF, spec.scope().value(), ifindex);
        w.attrAddress(IFA_LOCAL, p.address());
        w.attrAddress(IFA_ADDRESS, spec.peer() != null ? spec.peer() : p.address());
        InetAddress brd = spec.broadcast();
        if (brd != null) {
            w.attrAddress(IFA_BROADCAST, brd);
        }
        if (spec.hasLifetimes()) {
            // struct ifa_cacheinfo: preferred, valid, then two timestamps the kernel fills in. A
            // "nest" here only writes the header and fills the length; the type has no NESTED bit.
            w.nest(IFA_CACHEINFO, c -> c.u32((int) spec.preferredLifetime()).u32((int) spec.validLifetime()).u32(0).u32(0));
        }
        if (spec.label() != null) {
            w.attrString(IFA_LABEL, spec.label());
        }
        if (flags > 0xFF) {
            w.attrU32(IFA_FLAGS, flags);
        }
        if (spec.metric() != 0) {
            w.attrU32(IFA_RT_PRIORITY, (int) spec.metric());
        }
        w.end();
    }

    /** Writes the RTM_DELADDR request, as {@code ip addr del} does: IFA_LOCAL and IFA_ADDRESS. */
    static void encodeDelete(MessageWriter w, int ifindex, IpPrefix p) {
        FAMILY.begin(w, RTM_DELADDR, 0);
        ifaddrmsg(w, p.family(), p.length(), 0, 0, ifindex);
        w.attrAddress(IFA_LOCAL, p.address());
        w.attrAddress(IFA_ADDRESS, p.address());
        w.end();
    }

    /** Writes the RTM_DELADDR request for an address as listed (peer addresses included). */
    static void encodeDelete(MessageWriter w, AddressInfo a) {
        FAMILY.begin(w, RTM_DELADDR, 0);
        ifaddrmsg(w, a.family(), a.prefixLength(), 0, 0, a.ifindex());
        if (a.local() != null) {
            w.attrAddress(IFA_LOCAL, a.local());
        }
        if (a.address() != null) {
            w.attrAddress(IFA_ADDRESS, a.address());
        }
        w.end();
    }

    private static void ifaddrmsg(MessageWriter w, int family, int prefixLength, int flags, int scope, int ifindex) {
        w.u8(family).u8(prefixLength).u8(flags).u8(scope).u32(ifindex);
    }
}
