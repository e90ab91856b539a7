package io.jnetlink.rtnl.rule;

import io.jnetlink.core.net.Interfaces;
import io.jnetlink.core.net.IpPrefix;
import java.util.Objects;

/**
 * A policy-routing rule to add or delete: the request side of {@code ip rule add|del}. Built with
 * {@link #builder()} and checked when built, so a contradictory rule fails before anything is sent.
 *
 * <pre>{@code
 * Rule.builder().priority(1000).from("10.1.0.0/16").lookup(100).build();       // ip rule add priority 1000 from 10.1.0.0/16 table 100
 * Rule.builder().priority(1002).to("10.3.0.0/16").blackhole().build();
 * Rule.builder().ipv6().priority(2000).from("fd00:1::/64").lookup(300).build();
 * }</pre>
 *
 * <p>Unset numbers are -1 ({@code priority}, {@code fwmark}, {@code fwmask}, {@code gotoPriority},
 * {@code suppressPrefixLength}), unset tables and protocols 0, other unset fields null. When
 * deleting, what is unset matches any rule (as {@code ip rule del}).
 *
 * @param family               {@link IpPrefix#AF_INET} (the default, as iproute2's) or {@link IpPrefix#AF_INET6}
 * @param priority             the rule's priority (preference), unsigned 32-bit, or -1 to let the kernel pick
 * @param from                 the source prefix matched, or null for any
 * @param to                   the destination prefix matched, or null for any
 * @param iif                  the input link name matched, or null
 * @param oif                  the output link name matched (for locally generated traffic), or null
 * @param fwmark               the firewall mark matched, or -1
 * @param fwmask               the mask applied to the mark before matching, or -1 (all bits)
 * @param action               what the rule does, or null for {@link RuleAction#LOOKUP} when a table
 *                             (or l3mdev) is given and "any" when deleting
 * @param table                the table looked up (unsigned; 254 is main), or 0
 * @param gotoPriority         the priority of the rule a {@link RuleAction#GOTO} jumps to, or -1
 * @param suppressPrefixLength reject lookup results with a prefix this long or shorter, or -1
 * @param l3mdev               look up the table of the L3 master device (VRF) the packet came through
 * @param uidRange             the socket owner uids matched, or null
 * @param ipProto              the IP protocol matched (6 TCP, 17 UDP, ...), or 0
 * @param sourcePorts          the source ports matched, or null
 * @param destinationPorts     the destination ports matched, or null
 */
public record Rule(int family, long priority, IpPrefix from, IpPrefix to, String iif, String oif, long fwmark,
                   long fwmask, RuleAction action, int table, long gotoPriority, int suppressPrefixLength,
                   boolean l3mdev, UidRange uidRange, int ipProto, PortRange sourcePorts,
                   PortRange destinationPorts) {
    /** Checks that the fields agree with each other. */
    public Rule {
        if (family != IpPrefix.AF_INET && family != IpPrefix.AF_INET6) {
            throw new IllegalArgumentException("rule family must be AF_INET (2) or AF_INET6 (10), got " + family);
        }
        for (IpPrefix p : new IpPrefix[] {from, to}) {
            if (p != null && p.family() != family) {
                throw new IllegalArgumentException("prefix " + p + " is not of the rule's family ("
                        + (family == IpPrefix.AF_INET ? "IPv4" : "IPv6") + ")");
            }
        }
        checkU32("priority", priority);
        checkU32("fwmark", fwmark);
        checkU32("fwmask", fwmask);
        checkU32("goto priority", gotoPriority);
        if (fwmask != -1 && fwmark == -1) {
            throw new IllegalArgumentException("an fwmask needs an fwmark");
        }
        if (iif != null) {
            Interfaces.validateName(iif);
        }
        if (oif != null) {
            Interfaces.validateName(oif);
        }
        if ((action == RuleAction.GOTO) != (gotoPriority != -1)) {
            throw new IllegalArgumentException("a goto rule needs the priority to jump to, and only a goto rule has one");
        }
        if (action == RuleAction.UNSPEC) {
            throw new IllegalArgumentException("UNSPEC is no action; leave the action null to match any");
        }
        if (action != null && action != RuleAction.LOOKUP && table != 0) {
            throw new IllegalArgumentException("a " + action.label() + " rule looks up no table (table " + Integer.toUnsignedString(table) + " given)");
        }
        if (l3mdev && table != 0) {
            throw new IllegalArgumentException("an l3mdev rule takes its table from the device; no table may be given");
        }
        if (suppressPrefixLength < -1 || suppressPrefixLength > 128) {
            throw new IllegalArgumentException("suppress_prefixlength must be 0..128, got " + suppressPrefixLength);
        }
        if (ipProto < 0 || ipProto > 255) {
            throw new IllegalArgumentException("IP protocol must be 0..255, got " + ipProto);
        }
    }

    private static void checkU32(String what, long v) {
        if (v < -1 || v > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(what + " must be an unsigned 32-bit number, got " + v);
        }
    }

    /**
     * A new builder: IPv4, nothing set.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the action an added rule gets: the one given, else lookup (of the table, or of the l3mdev's)} */
    public RuleAction effectiveAction() {
        return action != null ? action : RuleAction.LOOKUP;
    }

    /** {@return whether the rule says what to do (an action, a table or l3mdev), as an added rule must} */
    public boolean hasAction() {
        return action != null || table != 0 || l3mdev;
    }

    @Override
    public String toString() {
        return describe(family, priority, from, to, iif, oif, fwmark, fwmask, action, table, gotoPriority,
                suppressPrefixLength, l3mdev, uidRange, ipProto, sourcePorts, destinationPorts);
    }

    /** The rule as the words of {@code ip rule}, for requests and listed rules alike. */
    static String describe(int family, long priority, IpPrefix from, IpPrefix to, String iif, String oif, long fwmark,
                           long fwmask, RuleAction action, int table, long gotoPriority, int suppressPrefixLength,
                           boolean l3mdev, UidRange uidRange, int ipProto, PortRange sourcePorts,
                           PortRange destinationPorts) {
        StringBuilder sb = new StringBuilder(family == IpPrefix.AF_INET6 ? "-6 rule" : "rule");
        if (priority != -1) {
            sb.append(" priority ").append(priority);
        }
        if (from != null) {
            sb.append(" from ").append(from);
        }
        if (to != null) {
            sb.append(" to ").append(to);
        }
        if (iif != null) {
            sb.append(" iif ").append(iif);
        }
        if (oif != null) {
            sb.append(" oif ").append(oif);
        }
        if (fwmark != -1) {
            sb.append(" fwmark 0x").append(Long.toHexString(fwmark));
            if (fwmask != -1) {
                sb.append("/0x").append(Long.toHexString(fwmask));
            }
        }
        if (l3mdev) {
            sb.append(" l3mdev");
        }
        if (uidRange != null) {
            sb.append(" uidrange ").append(uidRange);
        }
        if (ipProto != 0) {
            sb.append(" ipproto ").append(ipProto);
        }
        if (sourcePorts != null) {
            sb.append(" sport ").append(sourcePorts);
        }
        if (destinationPorts != null) {
            sb.append(" dport ").append(destinationPorts);
        }
        if (action == RuleAction.GOTO) {
            sb.append(" goto ").append(gotoPriority);
        } else if (action != null && action != RuleAction.LOOKUP) {
            sb.append(' ').append(action.label());
        }
        if (suppressPrefixLength != -1) {
            sb.append(" suppress_prefixlength ").append(suppressPrefixLength);
        }
        if (table != 0) {
            sb.append(" table ").append(Integer.toUnsignedString(table));
        }
        return sb.toString();
    }

    /** Builds a {@link Rule}; every setter returns the builder. Not thread-safe. */
    public static final class Builder {
        private int family;
        private long priority = -1;
        private IpPrefix from;
        private IpPrefix to;
        private String iif;
        private String oif;
        private long fwmark = -1;
        private long fwmask = -1;
        private RuleAction action;
        private int table;
        private long gotoPriority = -1;
        private int suppressPrefixLength = -1;
        private boolean l3mdev;
        private UidRange uidRange;
        private int ipProto;
        private PortRange sourcePorts;
        private PortRange destinationPorts;

        private Builder() {}

        /**
         * An IPv6 rule ({@code ip -6 rule}); needed only when no prefix says so.
         *
         * @return this builder
         */
        public Builder ipv6() {
            return family(IpPrefix.AF_INET6);
        }

        /**
         * The family: {@link IpPrefix#AF_INET} or {@link IpPrefix#AF_INET6}.
         *
         * @param family the address family
         * @return this builder
         */
        public Builder family(int family) {
            this.family = family;
            return this;
        }

        /**
         * The priority (preference): lower runs first.
         *
         * @param priority the priority
         * @return this builder
         */
        public Builder priority(long priority) {
            this.priority = priority;
            return this;
        }

        /**
         * Matches source addresses in {@code prefix}.
         *
         * @param prefix the source prefix
         * @return this builder
         */
        public Builder from(IpPrefix prefix) {
            this.from = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /**
         * Matches source addresses in {@code prefix} (CIDR text; an address alone is a host prefix).
         *
         * @param prefix the source prefix
         * @return this builder
         */
        public Builder from(String prefix) {
            return from(IpPrefix.parse(prefix));
        }

        /**
         * Matches destination addresses in {@code prefix}.
         *
         * @param prefix the destination prefix
         * @return this builder
         */
        public Builder to(IpPrefix prefix) {
            this.to = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /**
         * Matches destination addresses in {@code prefix} (CIDR text).
         *
         * @param prefix the destination prefix
         * @return this builder
         */
        public Builder to(String prefix) {
            return to(IpPrefix.parse(prefix));
        }

        /**
         * Matches packets that came in on link {@code name}.
         *
         * @param name the input link's name
         * @return this builder
         */
        public Builder iif(String name) {
            this.iif = name;
            return this;
        }

        /**
         * Matches locally sent packets bound to link {@code name}.
         *
         * @param name the output link's name
         * @return this builder
         */
        public Builder oif(String name) {
            this.oif = name;
            return this;
        }

        /**
         * Matches firewall mark {@code mark}.
         *
         * @param mark the mark
         * @return this builder
         */
        public Builder fwmark(long mark) {
            this.fwmark = mark;
            return this;
        }

        /**
         * Matches firewall mark {@code mark} under {@code mask}.
         *
         * @param mark the mark
         * @param mask the bits of the mark compared
         * @return this builder
         */
        public Builder fwmark(long mark, long mask) {
            this.fwmark = mark;
            this.fwmask = mask;
            return this;
        }

        /**
         * Looks up table {@code table} when the rule matches (action lookup).
         *
         * @param table the table's number
         * @return this builder
         */
        public Builder lookup(int table) {
            this.table = table;
            return this;
        }

        /**
         * Sets the action (use {@link #goTo(long)} for goto).
         *
         * @param action the action
         * @return this builder
         */
        public Builder action(RuleAction action) {
            this.action = action;
            return this;
        }

        /**
         * Drops matching packets silently.
         *
         * @return this builder
         */
        public Builder blackhole() {
            return action(RuleAction.BLACKHOLE);
        }

        /**
         * Drops matching packets with "network unreachable".
         *
         * @return this builder
         */
        public Builder unreachable() {
            return action(RuleAction.UNREACHABLE);
        }

        /**
         * Drops matching packets with "administratively prohibited".
         *
         * @return this builder
         */
        public Builder prohibit() {
            return action(RuleAction.PROHIBIT);
        }

        /**
         * Does nothing for matching packets.
         *
         * @return this builder
         */
        public Builder nop() {
            return action(RuleAction.NOP);
        }

        /**
         * Jumps to the rule of priority {@code priority}.
         *
         * @param priority the priority of the rule to go to
         * @return this builder
         */
        public Builder goTo(long priority) {
            this.action = RuleAction.GOTO;
            this.gotoPriority = priority;
            return this;
        }

        /**
         * Ignores lookup results whose prefix is {@code length} bits or shorter.
         *
         * @param length the prefix length
         * @return this builder
         */
        public Builder suppressPrefixLength(int length) {
            this.suppressPrefixLength = length;
            return this;
        }

        /**
         * Looks up the table of the L3 master device (VRF) the packet is bound to.
         *
         * @return this builder
         */
        public Builder l3mdev() {
            this.l3mdev = true;
            return this;
        }

        /**
         * Matches sockets owned by uids {@code start..end}.
         *
         * @param start the first uid
         * @param end the last uid
         * @return this builder
         */
        public Builder uidRange(long start, long end) {
            this.uidRange = new UidRange(start, end);
            return this;
        }

        /**
         * Matches IP protocol {@code proto} (6 TCP, 17 UDP, 58 ICMPv6, ...).
         *
         * @param proto the IP protocol number
         * @return this builder
         */
        public Builder ipProto(int proto) {
            this.ipProto = proto;
            return this;
        }

        /**
         * Matches source ports {@code start..end}.
         *
         * @param start the first port
         * @param end the last port
         * @return this builder
         */
        public Builder sourcePorts(int start, int end) {
            this.sourcePorts = new PortRange(start, end);
            return this;
        }

        /**
         * Matches destination ports {@code start..end}.
         *
         * @param start the first port
         * @param end the last port
         * @return this builder
         */
        public Builder destinationPorts(int start, int end) {
            this.destinationPorts = new PortRange(start, end);
            return this;
        }

        /**
         * {@return the rule}
         *
         * @throws IllegalArgumentException if fields contradict each other (see {@link Rule})
         */
        public Rule build() {
            int fam = family;
            if (fam == 0) {
                fam = from != null ? from.family() : to != null ? to.family() : IpPrefix.AF_INET;
            }
            return new Rule(fam, priority, from, to, iif, oif, fwmark, fwmask, action, table, gotoPriority,
                    suppressPrefixLength, l3mdev, uidRange, ipProto, sourcePorts, destinationPorts);
        }
    }
}
