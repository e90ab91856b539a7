package io.jnetlink.rtnl.rule;

import static io.jnetlink.core.codec.Netlink.NLM_F_CREATE;
import static io.jnetlink.core.codec.Netlink.NLM_F_EXCL;
import static io.jnetlink.rtnl.rule.Fra.*;

import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.socket.NetlinkSocket;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.rtnl.family.RtnlFamily;
import java.util.List;
import java.util.Objects;

/**
 * The policy-routing rules of one network namespace: {@code ip rule add|del|show}, IPv4 and IPv6.
 *
 * <p>Each method is one netlink exchange on the given NETLINK_ROUTE socket (whose namespace is the
 * one acted on). Failures raise {@link io.jnetlink.core.NetlinkException} (or a subclass) naming
 * the operation, such as {@code "add rule priority 1000 from 10.1.0.0/16 table 100"}, with the
 * kernel's extended-ACK text.
 */
public final class Rules {
    /**
     * The rule family: RTM_NEWRULE / RTM_DELRULE / RTM_GETRULE over {@code struct fib_rule_hdr},
     * announced on RTNLGRP_IPV4_RULE and RTNLGRP_IPV6_RULE, decoded into {@link RuleInfo} (IPv4 and
     * IPv6 rules).
     */
    public static final RtnlFamily<RuleInfo> FAMILY = RtnlFamily.builder("rule", RuleInfo.class)
            .types(RTM_NEWRULE, RTM_DELRULE, RTM_GETRULE)
            .header("struct fib_rule_hdr", HEADER_LEN)
            .attributeNames(NAMES)
            .groups(RTNLGRP_IPV4_RULE, RTNLGRP_IPV6_RULE)
            .decoder(RuleInfo::decode)
            .build();

    private final NetlinkSocket rtnl;

    /**
     * Rules of the namespace {@code rtnl} belongs to.
     *
     * @param rtnl a NETLINK_ROUTE socket of the namespace
     */
    public Rules(NetlinkSocket rtnl) {
        this.rtnl = Objects.requireNonNull(rtnl, "rtnl");
    }

    /**
     * Adds a rule (RTM_NEWRULE with NLM_F_CREATE|NLM_F_EXCL), as {@code ip rule add}.
     *
     * @param r the rule
     * @throws IllegalArgumentException                if the rule says nothing to do (no table,
     *                                                 action or l3mdev)
     * @throws io.jnetlink.core.AlreadyExistsException if the same rule exists
     */
    public void add(Rule r) {
        checkAddable(r);
        rtnl.request("add " + r, w -> encode(w, RTM_NEWRULE, NLM_F_CREATE | NLM_F_EXCL, r));
    }

    /** Checks that {@code r} says what to do, as an added rule must. */
    static void checkAddable(Rule r) {
        Objects.requireNonNull(r, "rule");
        if (!r.hasAction()) {
            throw new IllegalArgumentException("rule " + r + " needs an action: a table to look up, goto, "
                    + "blackhole, unreachable, prohibit, nop or l3mdev");
        }
    }

    /**
     * Deletes the first rule that matches {@code r} (RTM_DELRULE), as {@code ip rule del}: what
     * {@code r} leaves unset matches anything.
     *
     * @param r the rule to match
     * @throws io.jnetlink.core.NetlinkException with ENOENT if no rule matches
     */
    public void delete(Rule r) {
        Objects.requireNonNull(r, "rule");
        rtnl.request("delete " + r, w -> encode(w, RTM_DELRULE, 0, r));
    }

    /**
     * Deletes the listed rule {@code r}.
     *
     * @param r the listed rule
     */
    public void delete(RuleInfo r) {
        delete(r.toRule());
    }

    /** {@return every IPv4 and IPv6 rule, in priority order per family (RTM_GETRULE dump)} */
    public List<RuleInfo> list() {
        return list(0);
    }

    /**
     * {@return the rules of one family: {@link IpPrefix#AF_INET}, {@link IpPrefix#AF_INET6}, or 0 for both}
     *
     * @param family the address family
     */
    public List<RuleInfo> list(int family) {
        if (family != 0 && family != IpPrefix.AF_INET && family != IpPrefix.AF_INET6) {
            throw new IllegalArgumentException("family must be 0, AF_INET (2) or AF_INET6 (10), got " + family);
        }
        String op = "list " + (family == IpPrefix.AF_INET ? "IPv4 " : family == IpPrefix.AF_INET6 ? "IPv6 " : "") + "rules";
        // Strict checking: all of the header zero but the family, which filters.
        return FAMILY.dump(rtnl, op, w -> header(w, family, 0, 0, 0, 0), r -> family == 0 || r.family() == family);
    }

    /**
     * Writes an RTM_NEWRULE or RTM_DELRULE for {@code r} as iproute2 does for the command
     * {@link Rule#toString()} spells (attributes in that order; a table past 255 in FRA_TABLE).
     */
    static void encode(MessageWriter w, int type, int createFlags, Rule r) {
        boolean delete = type == RTM_DELRULE;
        // ip rule del sends action 0 (any) unless an action was named; add defaults to lookup.
        RuleAction action = delete ? (r.action() != null ? r.action() : RuleAction.UNSPEC) : r.effectiveAction();
        boolean bigTable = Integer.compareUnsigned(r.table(), 256) >= 0;
        FAMILY.begin(w, type, createFlags);
        header(w, r.family(), r.to() != null ? r.to().length() : 0, r.from() != null ? r.from().length() : 0,
                bigTable ? 0 : r.table(), action.value());
        if (r.priority() != -1) {
            w.attrU32(FRA_PRIORITY, (int) r.priority());
        }
        if (r.from() != null) {
            w.attrAddress(FRA_SRC, r.from().address());
        }
        if (r.to() != null) {
            w.attrAddress(FRA_DST, r.to().address());
        }
        if (r.iif() != null) {
            w.attrString(FRA_IIFNAME, r.iif());
        }
        if (r.oif() != null) {
            w.attrString(FRA_OIFNAME, r.oif());
        }
        if (r.fwmark() != -1) {
            w.attrU32(FRA_FWMARK, (int) r.fwmark());
        }
        if (r.fwmask() != -1) {
            w.attrU32(FRA_FWMASK, (int) r.fwmask());
        }
        if (r.l3mdev()) {
            w.attrU8(FRA_L3MDEV, 1);
        }
        if (r.uidRange() != null) {
            w.nest(FRA_UID_RANGE, u -> u.u32((int) r.uidRange().start()).u32((int) r.uidRange().end()));
        }
        if (r.ipProto() != 0) {
            w.attrU8(FRA_IP_PROTO, r.ipProto());
        }
        if (r.sourcePorts() != null) {
            w.nest(FRA_SPORT_RANGE, p -> p.u16(r.sourcePorts().start()).u16(r.sourcePorts().end()));
        }
        if (r.destinationPorts() != null) {
            w.nest(FRA_DPORT_RANGE, p -> p.u16(r.destinationPorts().start()).u16(r.destinationPorts().end()));
        }
        if (r.gotoPriority() != -1) {
            w.attrU32(FRA_GOTO, (int) r.gotoPriority());
        }
        if (r.suppressPrefixLength() != -1) {
            w.attrU32(FRA_SUPPRESS_PREFIXLEN, r.suppressPrefixLength());
        }
        if (bigTable) {
            w.attrU32(FRA_TABLE, r.table());
        }
        w.end();
    }

    private static void header(MessageWriter w, int family, int dstLen, int srcLen, int table, int action) {
        // tos, res1, res2 and flags are 0: this library writes no inverted or TOS-matching rules.
        w.u8(family).u8(dstLen).u8(srcLen).u8(0).u8(table).u8(0).u8(0).u8(action).u32(0);
    }
}
