package io.jnetlink.rtnl.rule;

import static io.jnetlink.rtnl.rule.Fra.*;

import io.jnetlink.core.MalformedMessageException;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.core.net.IpPrefix;
import java.lang.foreign.ValueLayout;
import io.jnetlink.core.codec.Netlink;
import io.jnetlink.rtnl.family.Attributes;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Objects;

/**
 * One policy rule as the kernel reports it (an RTM_NEWRULE message), from {@link Rules#list()}.
 * Numbers the kernel did not send are -1 (fwmark, fwmask, goto priority, suppress prefix length),
 * unset tables, protocols and priorities 0, other absent fields null.
 *
 * <p>Immutable and safe to hand to another thread. A decoded rule keeps the bytes of its message
 * (a copy of the datagram made once and shared with the other rules of the same datagram, never
 * the socket's buffer): decoding checks the message whole and reads its numbers; the prefixes,
 * the link names and the unmodeled attributes become objects when first asked for.
 *
 * <p>The accessors are those of a record with these components, and equality is over all of them:
 *
 * <ul>
 *   <li>{@code family}: {@link IpPrefix#AF_INET} or {@link IpPrefix#AF_INET6}
 *   <li>{@code priority}: the priority (0 for the local-table rule the kernel makes)
 *   <li>{@code from}: the source prefix matched, or null for any
 *   <li>{@code to}: the destination prefix matched, or null for any
 *   <li>{@code tos}: the TOS matched, 0 for any
 *   <li>{@code iif}: the input link name matched, or null
 *   <li>{@code oif}: the output link name matched, or null
 *   <li>{@code fwmark}: the firewall mark matched, or -1
 *   <li>{@code fwmask}: the mark mask (0xffffffff when a mark is matched whole), or -1
 *   <li>{@code action}: what the rule does
 *   <li>{@code table}: the table looked up (unsigned; FRA_TABLE, which holds ids past 255), or 0
 *   <li>{@code gotoPriority}: the priority a goto jumps to, or -1
 *   <li>{@code suppressPrefixLength}: the suppress_prefixlength, or -1
 *   <li>{@code l3mdev}: whether the table comes from the L3 master device
 *   <li>{@code uidRange}: the uids matched, or null
 *   <li>{@code protocol}: who installed the rule (FRA_PROTOCOL: 0 unspec, 2 kernel, 3 boot, ...)
 *   <li>{@code ipProto}: the IP protocol matched, or 0
 *   <li>{@code sourcePorts}: the source ports matched, or null
 *   <li>{@code destinationPorts}: the destination ports matched, or null
 *   <li>{@code flags}: the {@code FIB_RULE_*} flags of the header (invert, unresolved, ...)
 *   <li>{@code unknown}: attributes not modelled here (FRA_FLOW, FRA_TUN_ID, FRA_SUPPRESS_IFGROUP, ...), kept as received
 * </ul>
 */
public final class RuleInfo {
    /** The attributes decoded into fields; the others are {@link #unknown()}. */
    private static final long MODELED = Attributes.mask(FRA_SRC, FRA_DST, FRA_IIFNAME, FRA_OIFNAME, FRA_PRIORITY,
            FRA_FWMARK, FRA_FWMASK, FRA_GOTO, FRA_SUPPRESS_PREFIXLEN, FRA_TABLE, FRA_L3MDEV, FRA_UID_RANGE,
            FRA_PROTOCOL, FRA_IP_PROTO, FRA_SPORT_RANGE, FRA_DPORT_RANGE);

    private final int family;
    private final long priority;
    private final int tos;
    private final long fwmark;
    private final long fwmask;
    private final RuleAction action;
    private final int table;
    private final long gotoPriority;
    private final int suppressPrefixLength;
    private final boolean l3mdev;
    private final UidRange uidRange;
    private final int protocol;
    private final int ipProto;
    private final PortRange sourcePorts;
    private final PortRange destinationPorts;
    private final int flags;
    private final int fromLength;
    private final int toLength;
    /** The retained datagram the message is in. */
    private final MemorySegment data;
    // where the payloads are in data (-1: absent), their lengths, and the attribute run
    private final int srcAt;
    private final int srcLength;
    private final int dstAt;
    private final int dstLength;
    private final int iifAt;
    private final int iifLength;
    private final int oifAt;
    private final int oifLength;
    private final int attributesAt;
    private final int attributesEnd;
    private final boolean hasUnknown;
    // Made on first use; immutable values, so a race at worst makes one twice (no lock needed).
    private IpPrefix from;
    private IpPrefix to;
    private String iif;
    private String oif;
    private List<RawAttribute> unknown;

    private RuleInfo(Builder b) {
        this.family = b.family;
        this.priority = b.priority;
        this.tos = b.tos;
        this.fwmark = b.fwmark;
        this.fwmask = b.fwmask;
        this.action = b.action;
        this.table = b.table;
        this.gotoPriority = b.gotoPriority;
        this.suppressPrefixLength = b.suppress;
        this.l3mdev = b.l3mdev;
        this.uidRange = b.uids;
        this.protocol = b.protocol;
        this.ipProto = b.ipProto;
        this.sourcePorts = b.sport;
        this.destinationPorts = b.dport;
        this.flags = b.flags;
        this.fromLength = b.srcLen;
        this.toLength = b.dstLen;
        this.data = b.data;
        this.srcAt = b.srcAt;
        this.srcLength = b.srcLength;
        this.dstAt = b.dstAt;
        this.dstLength = b.dstLength;
        this.iifAt = b.iifAt;
        this.iifLength = b.iifLength;
        this.oifAt = b.oifAt;
        this.oifLength = b.oifLength;
        this.attributesAt = b.attributesAt;
        this.attributesEnd = b.attributesEnd;
        this.hasUnknown = b.hasUnknown;
    }

    /** What one pass over the message found (decoding state, not kept). */
    private static final class Builder {
        int family;
        int srcLen;
        int dstLen;
        int tos;
        int table;
        RuleAction action;
        int flags;
        long priority;
        long fwmark = -1;
        long fwmask = -1;
        long gotoPriority = -1;
        int suppress = -1;
        boolean l3mdev;
        UidRange uids;
        int protocol;
        int ipProto;
        PortRange sport;
        PortRange dport;
        MemorySegment data;
        int srcAt = -1;
        int srcLength;
        int dstAt = -1;
        int dstLength;
        int iifAt = -1;
        int iifLength;
        int oifAt = -1;
        int oifLength;
        int attributesAt;
        int attributesEnd;
        boolean hasUnknown;
    }

    /** {@return {@link IpPrefix#AF_INET} or {@link IpPrefix#AF_INET6}} */
    public int family() {
        return family;
    }

    /** {@return the priority (0 for the local-table rule the kernel makes)} */
    public long priority() {
        return priority;
    }

    /** {@return the source prefix matched, or null for any} */
    public IpPrefix from() {
        IpPrefix p = from;
        if (p == null && fromLength != 0) {
            from = p = new IpPrefix(AttributeCursor.address(data, srcAt, srcLength), fromLength);
        }
        return p;
    }

    /** {@return the destination prefix matched, or null for any} */
    public IpPrefix to() {
        IpPrefix p = to;
        if (p == null && toLength != 0) {
            to = p = new IpPrefix(AttributeCursor.address(data, dstAt, dstLength), toLength);
        }
        return p;
    }

    /** {@return the TOS matched, 0 for any} */
    public int tos() {
        return tos;
    }

    /** {@return the input link name matched, or null} */
    public String iif() {
        String s = iif;
        if (s == null && iifAt >= 0) {
            iif = s = AttributeCursor.string(data, iifAt, iifLength);
        }
        return s;
    }

    /** {@return the output link name matched, or null} */
    public String oif() {
        String s = oif;
        if (s == null && oifAt >= 0) {
            oif = s = AttributeCursor.string(data, oifAt, oifLength);
        }
        return s;
    }

    /** {@return the firewall mark matched, or -1} */
    public long fwmark() {
        return fwmark;
    }

    /** {@return the mark mask (0xffffffff when a mark is matched whole), or -1} */
    public long fwmask() {
        return fwmask;
    }

    /** {@return what the rule does} */
    public RuleAction action() {
        return action;
    }

    /** {@return the table looked up (unsigned; FRA_TABLE, which holds ids past 255), or 0} */
    public int table() {
        return table;
    }

    /** {@return the priority a goto jumps to, or -1} */
    public long gotoPriority() {
        return gotoPriority;
    }

    /** {@return the suppress_prefixlength, or -1} */
    public int suppressPrefixLength() {
        return suppressPrefixLength;
    }

    /** {@return whether the table comes from the L3 master device} */
    public boolean l3mdev() {
        return l3mdev;
    }

    /** {@return the uids matched, or null} */
    public UidRange uidRange() {
        return uidRange;
    }

    /** {@return who installed the rule (FRA_PROTOCOL: 0 unspec, 2 kernel, 3 boot, ...)} */
    public int protocol() {
        return protocol;
    }

    /** {@return the IP protocol matched, or 0} */
    public int ipProto() {
        return ipProto;
    }

    /** {@return the source ports matched, or null} */
    public PortRange sourcePorts() {
        return sourcePorts;
    }

    /** {@return the destination ports matched, or null} */
    public PortRange destinationPorts() {
        return destinationPorts;
    }

    /** {@return the {@code FIB_RULE_*} flags of the header (invert, unresolved, ...)} */
    public int flags() {
        return flags;
    }

    /** {@return attributes not modelled here (FRA_FLOW, FRA_TUN_ID, FRA_SUPPRESS_IFGROUP, ...), kept as received} */
    public List<RawAttribute> unknown() {
        List<RawAttribute> u = unknown;
        if (u == null) {
            u = hasUnknown ? Attributes.unmodeled(data, attributesAt, attributesEnd, MODELED, NAMES) : List.of();
            unknown = u;
        }
        return u;
    }

    /** {@return the table as an unsigned number} */
    public long tableId() {
        return Integer.toUnsignedLong(table);
    }

    /**
     * {@return the request that makes this rule again, in the form {@link Rule.Builder} produces (action left
     * implied for a lookup with a table or l3mdev, a whole-mark mask left unset): a rule added from
     * a spec lists back as a record whose {@code toRule()} equals that spec}
     *
     * @throws IllegalArgumentException if the rule cannot be written as a request (a kernel rule
     *                                  mixing what {@link Rule} keeps apart)
     */
    public Rule toRule() {
        RuleAction a = action == RuleAction.UNSPEC || action == RuleAction.LOOKUP && (table != 0 || l3mdev) ? null : action;
        long mask = fwmark != -1 && fwmask == 0xFFFF_FFFFL ? -1 : fwmask;
        return new Rule(family, priority, from(), to(), iif(), oif(), fwmark, mask, a, table, gotoPriority,
                suppressPrefixLength, l3mdev, uidRange, ipProto, sourcePorts, destinationPorts);
    }

    /**
     * Decodes an RTM_NEWRULE (or RTM_DELRULE) message.
     *
     * @param m the message
     * @return the rule, or null for another message type or a family other than IPv4 and IPv6
     *         (multicast routing rules share the message type)
     * @throws MalformedMessageException if the message breaks the format
     */
    public static RuleInfo decode(Message m) {
        if (m.type() != RTM_NEWRULE && m.type() != RTM_DELRULE) {
            return null;
        }
        AttributeCursor a = Rules.FAMILY.scan(m); // the view's own cursor: one pass, nothing allocated
        int family = m.u8(0);
        if (family != IpPrefix.AF_INET && family != IpPrefix.AF_INET6) {
            return null;
        }
        Builder r = new Builder();
        r.family = family;
        r.dstLen = m.u8(1);
        r.srcLen = m.u8(2);
        r.tos = m.u8(3);
        r.table = m.u8(4);
        try {
            r.action = RuleAction.of(m.u8(7));
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("fib_rule_hdr.action", m.payloadOffset() + 7, e.getMessage());
        }
        r.flags = m.u32(8);
        while (a.next()) {
            switch (a.type()) {
                case FRA_SRC -> {
                    r.srcAt = checkAddress(a);
                    r.srcLength = a.length();
                }
                case FRA_DST -> {
                    r.dstAt = checkAddress(a);
                    r.dstLength = a.length();
                }
                case FRA_IIFNAME -> {
                    r.iifAt = Math.toIntExact(a.payloadOffset());
                    r.iifLength = a.length();
                }
                case FRA_OIFNAME -> {
                    r.oifAt = Math.toIntExact(a.payloadOffset());
                    r.oifLength = a.length();
                }
                case FRA_PRIORITY -> r.priority = Integer.toUnsignedLong(a.u32());
                case FRA_FWMARK -> r.fwmark = Integer.toUnsignedLong(a.u32());
                case FRA_FWMASK -> r.fwmask = Integer.toUnsignedLong(a.u32());
                case FRA_GOTO -> r.gotoPriority = Integer.toUnsignedLong(a.u32());
                case FRA_SUPPRESS_PREFIXLEN -> r.suppress = a.u32();
                case FRA_TABLE -> r.table = a.u32();
                case FRA_L3MDEV -> r.l3mdev = a.u8() != 0;
                case FRA_UID_RANGE -> r.uids = uidRange(a);
                case FRA_PROTOCOL -> r.protocol = a.u8();
                case FRA_IP_PROTO -> r.ipProto = a.u8();
                case FRA_SPORT_RANGE -> r.sport = portRange(a);
                case FRA_DPORT_RANGE -> r.dport = portRange(a);
                default -> r.hasUnknown = true;
            }
        }
        if (r.suppress < -1 || r.suppress > 128) {
            throw new MalformedMessageException("FRA_SUPPRESS_PREFIXLEN", m.payloadOffset(), "prefix length " + r.suppress);
        }
        checkPrefix(family, m.segment(), r.srcAt, r.srcLength, r.srcLen, "FRA_SRC", m);
        checkPrefix(family, m.segment(), r.dstAt, r.dstLength, r.dstLen, "FRA_DST", m);
        r.data = m.retained();
        r.attributesAt = Math.toIntExact(m.payloadOffset() + Netlink.align(HEADER_LEN));
        r.attributesEnd = Math.toIntExact(m.offset() + m.length());
        return new RuleInfo(r);
    }

    /** Checks that the attribute under {@code a} holds an address (4 or 16 bytes); returns where it is. */
    private static int checkAddress(AttributeCursor a) {
        if (a.length() != 4 && a.length() != 16) {
            throw a.malformed("address expected (4 or 16 bytes), got " + a.length() + " bytes");
        }
        return Math.toIntExact(a.payloadOffset());
    }

    /**
     * Checks the prefix of header length {@code len} whose address ({@code length} bytes) is at
     * {@code at} of {@code seg} (-1: absent) against the family; nothing to check for length 0.
     */
    private static void checkPrefix(int family, MemorySegment seg, int at, int length, int len, String attr,
                                    Message m) {
        if (len == 0) {
            return;
        }
        // an IPv4-mapped IPv6 address reads back as an IPv4 address, so it is not of family AF_INET6
        if (at < 0 || length != (family == IpPrefix.AF_INET ? 4 : 16) || length == 16 && v4Mapped(seg, at)) {
            throw new MalformedMessageException(attr, m.payloadOffset(), "prefix length " + len + " without an "
                    + (family == IpPrefix.AF_INET ? "IPv4" : "IPv6") + " address");
        }
        if (len > (family == IpPrefix.AF_INET ? 32 : 128)) {
            try {
                // The kernel keeps the prefix as given, host bits included; IpPrefix checks only the length.
                new IpPrefix(AttributeCursor.address(seg, at, length), len);
            } catch (IllegalArgumentException e) {
                throw new MalformedMessageException("fib_rule_hdr", m.payloadOffset() + 1, e.getMessage());
            }
        }
    }

    /** Whether the 16 bytes at {@code at} of {@code seg} are an IPv4-mapped IPv6 address (::ffff:a.b.c.d). */
    private static boolean v4Mapped(MemorySegment seg, int at) {
        for (int i = 0; i < 10; i++) {
            if (seg.get(ValueLayout.JAVA_BYTE, at + i) != 0) {
                return false;
            }
        }
        return seg.get(ValueLayout.JAVA_BYTE, at + 10) == -1 && seg.get(ValueLayout.JAVA_BYTE, at + 11) == -1;
    }

    private static UidRange uidRange(AttributeCursor a) {
        if (a.length() != 8) {
            throw a.malformed("struct fib_rule_uid_range (8 bytes) expected, got " + a.length() + " bytes");
        }
        long start = Integer.toUnsignedLong(a.segment().get(ValueLayout.JAVA_INT_UNALIGNED, a.payloadOffset()));
        long end = Integer.toUnsignedLong(a.segment().get(ValueLayout.JAVA_INT_UNALIGNED, a.payloadOffset() + 4));
        if (end < start) {
            throw a.malformed("uid range " + start + "-" + end + " ends before it starts");
        }
        return new UidRange(start, end);
    }

    private static PortRange portRange(AttributeCursor a) {
        if (a.length() != 4) {
            throw a.malformed("struct fib_rule_port_range (4 bytes) expected, got " + a.length() + " bytes");
        }
        int start = a.segment().get(ValueLayout.JAVA_SHORT_UNALIGNED, a.payloadOffset()) & 0xFFFF;
        int end = a.segment().get(ValueLayout.JAVA_SHORT_UNALIGNED, a.payloadOffset() + 2) & 0xFFFF;
        try {
            return new PortRange(start, end);
        } catch (IllegalArgumentException e) {
            throw a.malformed(e.getMessage());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof RuleInfo r && family == r.family && priority == r.priority && tos == r.tos
                && fwmark == r.fwmark && fwmask == r.fwmask && action == r.action && table == r.table
                && gotoPriority == r.gotoPriority && suppressPrefixLength == r.suppressPrefixLength
                && l3mdev == r.l3mdev && protocol == r.protocol && ipProto == r.ipProto && flags == r.flags
                && Objects.equals(uidRange, r.uidRange) && Objects.equals(sourcePorts, r.sourcePorts)
                && Objects.equals(destinationPorts, r.destinationPorts) && Objects.equals(from(), r.from())
                && Objects.equals(to(), r.to()) && Objects.equals(iif(), r.iif()) && Objects.equals(oif(), r.oif())
                && unknown().equals(r.unknown());
    }

    @Override
    public int hashCode() {
        return Objects.hash(family, priority, from(), to(), tos, iif(), oif(), fwmark, fwmask, action, table,
                gotoPriority, suppressPrefixLength, l3mdev, uidRange, protocol, ipProto, sourcePorts, destinationPorts,
                flags, unknown());
    }

    @Override
    public String toString() {
        return "RuleInfo[" + Rule.describe(family, priority, from(), to(), iif(), oif(), fwmark, fwmask, action, table,
                gotoPriority, suppressPrefixLength, l3mdev, uidRange, ipProto, sourcePorts, destinationPorts)
                + " proto " + protocol + (flags != 0 ? " flags 0x" + Integer.toHexString(flags) : "") + "]";
    }
}
