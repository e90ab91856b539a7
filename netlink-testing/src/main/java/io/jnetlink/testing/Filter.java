package io.jnetlink.testing;

import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.nft.Chain;
import io.jnetlink.nft.ChainType;
import io.jnetlink.nft.Family;
import io.jnetlink.nft.Hook;
import io.jnetlink.nft.NfTables;
import io.jnetlink.nft.Rule;
import io.jnetlink.nft.RuleInfo;
import io.jnetlink.nft.Table;
import io.jnetlink.nft.Transaction;
import io.jnetlink.nft.expr.Cmp;
import io.jnetlink.nft.expr.Expression;
import io.jnetlink.nft.expr.Expressions;
import io.jnetlink.nft.expr.Meta;
import io.jnetlink.nft.expr.Payload;
import io.jnetlink.nft.expr.Unknown;
import io.jnetlink.nft.expr.Verdict;
import io.jnetlink.rtnl.Netns;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
 *       output port (interface index);</li>
 *   <li>a node's {@code inet jnl-lab input}: one-way blocks, which need the node's connection
 *       tracking to tell replies from new flows.</li>
 * </ul>
 *
 * <p>Every change is one atomic transaction, then read back: a fault call returns once the kernel
 * holds exactly the rules it meant (see {@link #add}, {@link #remove}).
 */
final class Filter {
    static final String TABLE = "jnl-lab";

    // linux/netfilter/nf_tables.h: enum nft_ct_attributes, enum nft_ct_keys
    private static final int NFTA_CT_DREG = 1;
    private static final int NFTA_CT_KEY = 2;
    private static final int NFT_CT_DIRECTION = 1;
    /** enum ip_conntrack_dir: IP_CT_DIR_ORIGINAL. */
    private static final byte IP_CT_DIR_ORIGINAL = 0;
    private static final int NFPROTO_IPV4 = 2;
    private static final int NFPROTO_IPV6 = 10;

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

    /** {@code meta iif == index}: the frame came in through port {@code index}. */
    static List<Expression> inPort(int index) {
        return List.of(new Meta(Meta.Key.IIF, Expressions.REG_1), Cmp.eq(Expressions.REG_1, u32(index)));
    }

    /** {@code meta oif == index}: the frame goes out through port {@code index}. */
    static List<Expression> outPort(int index) {
        return List.of(new Meta(Meta.Key.OIF, Expressions.REG_1), Cmp.eq(Expressions.REG_1, u32(index)));
    }

    /**
     * {@code meta random < t}: true for a share {@code percent / 100} of packets. The kernel
     * compares the register's bytes as a big-endian number (memcmp), and the four random bytes are
     * uniform in any order, so t is written big-endian.
     */
    static List<Expression> randomBelow(double percent) {
        long t = Math.round(percent / 100.0 * 4294967296.0);
        byte[] be = ByteBuffer.allocate(4).order(ByteOrder.BIG_ENDIAN).putInt((int) Math.min(t, 0xFFFFFFFFL)).array();
        return List.of(new Meta(Meta.Key.PRANDOM, Expressions.REG_1), new Cmp(Expressions.REG_1, Cmp.Op.LT, be));
    }

    /** {@code ip saddr == a} or {@code ip6 saddr == a} (with the nfproto check an inet table needs). */
    static List<Expression> source(InetAddress a) {
        boolean v4 = a instanceof Inet4Address;
        byte[] bytes = a.getAddress();
        return List.of(new Meta(Meta.Key.NFPROTO, Expressions.REG_1),
                Cmp.eq(Expressions.REG_1, new byte[] {(byte) (v4 ? NFPROTO_IPV4 : NFPROTO_IPV6)}),
                v4 ? Payload.ipv4Source(4, Expressions.REG_1) : Payload.ipv6Source(16, Expressions.REG_1),
                Cmp.eq(Expressions.REG_1, bytes));
    }

    /**
     * {@code ct direction original}: the packet travels the way its connection was opened (a new
     * flow, or more of one the sender opened), not as a reply. nf_tables' ct expression, written
     * through {@link Unknown} (the library models no ct record yet): NFTA_CT_KEY, NFTA_CT_DREG.
     */
    static List<Expression> originalDirection() {
        return List.of(new Unknown("ct", List.of(
                        new RawAttribute(NFTA_CT_KEY, be32(NFT_CT_DIRECTION)),
                        new RawAttribute(NFTA_CT_DREG, be32(Expressions.REG_1)))),
                Cmp.eq(Expressions.REG_1, new byte[] {IP_CT_DIR_ORIGINAL}));
    }

    /** Joins expression groups and ends them with {@code drop}. */
    @SafeVarargs
    static List<Expression> drop(List<Expression>... parts) {
        List<Expression> e = new ArrayList<>();
        for (List<Expression> p : parts) {
            e.addAll(p);
        }
        e.add(Verdict.drop());
        return e;
    }

    /** An interface index as the kernel keeps it in a register: host byte order. */
    private static byte[] u32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(v).array();
    }

    private static byte[] be32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.BIG_ENDIAN).putInt(v).array();
    }
}
