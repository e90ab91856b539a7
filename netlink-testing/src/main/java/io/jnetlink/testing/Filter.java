package io.jnetlink.testing;

import io.jnetlink.nft.Chain;
import io.jnetlink.nft.ChainType;
import io.jnetlink.nft.Family;
import io.jnetlink.nft.Hook;
import io.jnetlink.nft.Match;
import io.jnetlink.nft.NfTables;
import io.jnetlink.nft.Rule;
import io.jnetlink.nft.RuleInfo;
import io.jnetlink.nft.RuleSpec;
import io.jnetlink.nft.Statement;
import io.jnetlink.nft.Table;
import io.jnetlink.nft.Transaction;
import io.jnetlink.nft.expr.Cmp;
import io.jnetlink.nft.expr.Ct;
import io.jnetlink.nft.expr.Expression;
import io.jnetlink.nft.expr.Expressions;
import io.jnetlink.nft.expr.Verdict;
import io.jnetlink.rtnl.Netns;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One nf_tables base chain of a lab, in a table owned by the lab's socket in that namespace
 * (NFT_TABLE_F_OWNER: the kernel deletes the table when the socket closes, so a crashed JVM leaves
 * no rules). Made on first use. Two kinds:
 *
 * <ul>
 *   <li>the fabric's {@code bridge jnl-lab forward}: every frame a switch forwards from one port to
 *       another passes it once per output port, so partitions and loss are rules on input and
 *       output port (by name);</li>
 *   <li>a node's {@code inet jnl-lab input}: one-way blocks, which need the node's connection
 *       tracking to tell replies from new flows.</li>
 * </ul>
 *
 * <p>Every change is one atomic transaction, then read back: a fault call returns once the kernel
 * holds exactly the rules it meant (see {@link #add}, {@link #remove}).
 */
final class Filter {
    static final String TABLE = "jnl-lab";

    /** enum ip_conntrack_dir (linux/netfilter/nf_conntrack_common.h): IP_CT_DIR_ORIGINAL. */
    private static final byte IP_CT_DIR_ORIGINAL = 0;

    private final NfTables nft;
    private final Family family;
    private final String chain;
    private final Hook hook;
    private boolean made;

    private Filter(Netns ns, Family family, String chain, Hook hook) {
        this.nft = NfTables.in(ns);
        this.family = family;
        this.chain = chain;
        this.hook = hook;
    }

    /** The fabric's filter of forwarded frames. */
    static Filter fabric(Netns fabric) {
        return new Filter(fabric, Family.BRIDGE, "forward", Hook.FORWARD);
    }

    /** A node's filter of packets delivered to it. */
    static Filter nodeInput(Netns node) {
        return new Filter(node, Family.INET, "input", Hook.INPUT);
    }

    Family family() {
        return family;
    }

    String chain() {
        return chain;
    }

    /** Appends {@code rules} in one transaction and returns their handles, checked by reading the chain back. */
    List<Long> add(List<List<Expression>> rules, String what) {
        if (rules.isEmpty()) {
            return List.of();
        }
        Transaction t = nft.transaction();
        if (!made) {
            t.createTable(Table.of(family, TABLE).ownedBySocket())
                    .createChain(Chain.base(family, TABLE, chain, ChainType.FILTER, hook, 0));
        }
        for (List<Expression> r : rules) {
            t.addRule(new Rule(family, TABLE, chain, r, what));
        }
        List<Long> handles = t.commit().ruleHandles();
        made = true;
        Set<Long> have = handles();
        if (!have.containsAll(handles)) {
            throw new IllegalStateException(what + ": the kernel acknowledged rules " + handles
                    + " but the chain holds " + have);
        }
        return handles;
    }

    /** Deletes the rules {@code handles} in one transaction, checked by reading the chain back. */
    void remove(List<Long> handles, String what) {
        if (handles.isEmpty()) {
            return;
        }
        Transaction t = nft.transaction();
        for (long h : handles) {
            t.deleteRule(family, TABLE, chain, h);
        }
        t.commit();
        Set<Long> left = handles();
        left.retainAll(handles);
        if (!left.isEmpty()) {
            throw new IllegalStateException(what + ": rules " + left + " are still in the chain after their deletion");
        }
    }

    private Set<Long> handles() {
        Set<Long> h = new HashSet<>();
        for (RuleInfo r : nft.rules(family, TABLE)) {
            if (r.chain().equals(chain)) {
                h.add(r.handle());
            }
        }
        return h;
    }

    // ---- expressions ----------------------------------------------------------------------------

    /**
     * A drop rule of {@code matches} in a table of {@code family}, through netlink-nft's typed rule
     * builder ({@link RuleSpec}): what nft would write for {@code MATCHES drop}.
     */
    static List<Expression> drop(Family family, Match... matches) {
        List<Statement> s = new ArrayList<>(List.of(matches));
        s.add(Statement.drop());
        return new RuleSpec(s).expressions(family);
    }

    /** {@code iifname PORT}: the frame came in through switch port {@code port}. */
    static Match inPort(String port) {
        return Match.iifname(port);
    }

    /** {@code oifname PORT}: the frame goes out through switch port {@code port}. */
    static Match outPort(String port) {
        return Match.oifname(port);
    }

    /**
     * {@code numgen random mod 10000 < percent*100}: true for a share {@code percent / 100} of
     * packets, to a hundredth of a percent.
     */
    static Match randomBelow(double percent) {
        return Match.randomBelow(10_000, (int) Math.round(percent * 100));
    }

    /**
     * {@code ip saddr A ct direction original drop} (or ip6): packets from {@code a} that travel
     * the way their connection was opened (a new flow, or more of one {@code a} opened), not as
     * replies. The typed builder has no ct-direction match, so the {@link Ct} load and its
     * comparison are put before the verdict by hand.
     */
    static List<Expression> dropOriginalFrom(InetAddress a) {
        List<Expression> e = new ArrayList<>(RuleSpec.of(Match.saddr(a.getHostAddress())).expressions(Family.INET));
        e.add(new Ct(Ct.Key.DIRECTION, Expressions.REG_1));
        e.add(Cmp.eq(Expressions.REG_1, new byte[] {IP_CT_DIR_ORIGINAL}));
        e.add(Verdict.drop());
        return e;
    }

}
