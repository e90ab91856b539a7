package io.jnetlink.rtnl.rule;

import static io.jnetlink.rtnl.rule.Fra.*;

import io.jnetlink.core.MalformedMessageException;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.core.net.IpPrefix;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * One policy rule as the kernel reports it (an RTM_NEWRULE message), from {@link Rules#list()}.
 * Numbers the kernel did not send are -1 (fwmark, fwmask, goto priority, suppress prefix length),
 * unset tables, protocols and priorities 0, other absent fields null.
 *
 * @param family               {@link IpPrefix#AF_INET} or {@link IpPrefix#AF_INET6}
 * @param priority             the priority (0 for the local-table rule the kernel makes)
 * @param from                 the source prefix matched, or null for any
 * @param to                   the destination prefix matched, or null for any
 * @param tos                  the TOS matched, 0 for any
 * @param iif                  the input link name matched, or null
 * @param oif                  the output link name matched, or null
 * @param fwmark               the firewall mark matched, or -1
 * @param fwmask               the mark mask (0xffffffff when a mark is matched whole), or -1
 * @param action               what the rule does
 * @param table                the table looked up (unsigned; FRA_TABLE, which holds ids past 255), or 0
 * @param gotoPriority         the priority a goto jumps to, or -1
 * @param suppressPrefixLength the suppress_prefixlength, or -1
 * @param l3mdev               whether the table comes from the L3 master device
 * @param uidRange             the uids matched, or null
 * @param protocol             who installed the rule (FRA_PROTOCOL: 0 unspec, 2 kernel, 3 boot, ...)
 * @param ipProto              the IP protocol matched, or 0
 * @param sourcePorts          the source ports matched, or null
 * @param destinationPorts     the destination ports matched, or null
 * @param flags                the {@code FIB_RULE_*} flags of the header (invert, unresolved, ...)
 * @param unknown              attributes not modelled here (FRA_FLOW, FRA_TUN_ID, FRA_SUPPRESS_IFGROUP,
 *                             ...), kept as received
 */
public record RuleInfo(int family, long priority, IpPrefix from, IpPrefix to, int tos, String iif, String oif,
                       long fwmark, long fwmask, RuleAction action, int table, long gotoPriority,
                       int suppressPrefixLength, boolean l3mdev, UidRange uidRange, int protocol, int ipProto,
                       PortRange sourcePorts, PortRange destinationPorts, int flags, List<RawAttribute> unknown) {
    /** Copies the list, so the record is immutable. */
    public RuleInfo {
        unknown = List.copyOf(unknown);
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
        return new Rule(family, priority, from, to, iif, oif, fwmark, mask, a, table, gotoPriority,
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
        AttributeCursor a = Rules.FAMILY.attributes(m);
        int family = m.u8(0);
        if (family != IpPrefix.AF_INET && family != IpPrefix.AF_INET6) {
            return null;
        }
        int dstLen = m.u8(1);
        int srcLen = m.u8(2);
        int tos = m.u8(3);
        int table = m.u8(4);
        RuleAction action;
        try {
            action = RuleAction.of(m.u8(7));
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("fib_rule_hdr.action", m.payloadOffset() + 7, e.getMessage());
        }
        int flags = m.u32(8);
        InetAddress src = null;
        InetAddress dst = null;
        String iif = null;
        String oif = null;
        long priority = 0;
        long fwmark = -1;
        long fwmask = -1;
        long gotoPriority = -1;
        int suppress = -1;
        boolean l3mdev = false;
        UidRange uids = null;
        int protocol = 0;
        int ipProto = 0;
        PortRange sport = null;
        PortRange dport = null;
        List<RawAttribute> unknown = new ArrayList<>(0);
        while (a.next()) {
            switch (a.type()) {
                case FRA_SRC -> src = a.address();
                case FRA_DST -> dst = a.address();
                case FRA_IIFNAME -> iif = a.string();
                case FRA_OIFNAME -> oif = a.string();
                case FRA_PRIORITY -> priority = Integer.toUnsignedLong(a.u32());
                case FRA_FWMARK -> fwmark = Integer.toUnsignedLong(a.u32());
                case FRA_FWMASK -> fwmask = Integer.toUnsignedLong(a.u32());
                case FRA_GOTO -> gotoPriority = Integer.toUnsignedLong(a.u32());
                case FRA_SUPPRESS_PREFIXLEN -> suppress = a.u32();
                case FRA_TABLE -> table = a.u32();
                case FRA_L3MDEV -> l3mdev = a.u8() != 0;
                case FRA_UID_RANGE -> uids = uidRange(a);
                case FRA_PROTOCOL -> protocol = a.u8();
                case FRA_IP_PROTO -> ipProto = a.u8();
                case FRA_SPORT_RANGE -> sport = portRange(a);
                case FRA_DPORT_RANGE -> dport = portRange(a);
                default -> unknown.add(a.raw());
            }
        }
        if (suppress < -1 || suppress > 128) {
            throw new MalformedMessageException("FRA_SUPPRESS_PREFIXLEN", m.payloadOffset(), "prefix length " + suppress);
        }
        IpPrefix from = prefix(family, src, srcLen, "FRA_SRC", m);
        IpPrefix to = prefix(family, dst, dstLen, "FRA_DST", m);
        return new RuleInfo(family, priority, from, to, tos, iif, oif, fwmark, fwmask, action, table, gotoPriority,
                suppress, l3mdev, uids, protocol, ipProto, sport, dport, flags, unknown);
    }

    /** The prefix of header length {@code len} and address {@code a}, checked against the family; null for length 0. */
    private static IpPrefix prefix(int family, InetAddress a, int len, String attr, Message m) {
        if (len == 0) {
            return null;
        }
        if (a == null || IpPrefix.familyOf(a) != family) {
            throw new MalformedMessageException(attr, m.payloadOffset(), "prefix length " + len + " without an "
                    + (family == IpPrefix.AF_INET ? "IPv4" : "IPv6") + " address");
        }
        try {
            // The kernel keeps the prefix as given, host bits included; IpPrefix checks only the length.
            return new IpPrefix(a, len);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("fib_rule_hdr", m.payloadOffset() + 1, e.getMessage());
        }
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
    public String toString() {
        return "RuleInfo[" + Rule.describe(family, priority, from, to, iif, oif, fwmark, fwmask, action, table,
                gotoPriority, suppressPrefixLength, l3mdev, uidRange, ipProto, sourcePorts, destinationPorts)
                + " proto " + protocol + (flags != 0 ? " flags 0x" + Integer.toHexString(flags) : "") + "]";
    }
}
