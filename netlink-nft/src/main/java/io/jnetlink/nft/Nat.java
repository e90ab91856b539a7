package io.jnetlink.nft;

import io.jnetlink.core.Errno;
import io.jnetlink.core.NetlinkException;
import io.jnetlink.core.netns.InNamespace;
import io.jnetlink.nft.expr.Bitwise;
import io.jnetlink.nft.expr.Cmp;
import io.jnetlink.nft.expr.Expression;
import io.jnetlink.nft.expr.Expressions;
import io.jnetlink.nft.expr.Immediate;
import io.jnetlink.nft.expr.Masq;
import io.jnetlink.nft.expr.Meta;
import io.jnetlink.nft.expr.NatExpr;
import io.jnetlink.nft.expr.Payload;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * NAT recipes: let namespaces out through a host (masquerade) and let the outside in (port
 * forwarding), IPv4 and IPv6.
 *
 * <pre>{@code
 * Nat.in(host).masquerade("192.168.15.0/24", "up0");
 * Nat.in(host).forward(Protocol.TCP, 8080).on("up0").to("192.168.15.2", 80);
 * }</pre>
 *
 * <p>The rules live in a table of the library's own, {@value #DEFAULT_TABLE} by default, of family
 * {@code inet}: one table serves IPv4 and IPv6 (each rule states its family, as nft does, with a
 * {@code meta nfproto} check or the nat expression's family), so there is one thing to own and to
 * remove, and other tables (whoever wrote them) are never touched. Its chains are {@code
 * postrouting} (type nat, hook postrouting, priority 100, srcnat), {@code prerouting} (type
 * nat, hook prerouting, priority -100, dstnat) and {@code output} (type nat, hook output, priority
 * -100) for forwards of connections the host itself opens ({@link Forward#fromHost()}). Table and chains are created on first use, in the
 * same atomic transaction as the rule. Needs a kernel with inet NAT (5.2+).
 *
 * <p>{@link #ownedBySocket()} makes the table NFT_TABLE_F_OWNER: the kernel removes it when the
 * owning netlink socket closes. The owner is the socket's port id, not the process: with
 * {@link #in(InNamespace)} that is the namespace handle's cached socket, so the rules live as long
 * as the handle (or the process, if it dies).
 *
 * <p>Input is checked before anything is sent: prefixes, addresses (numeric only), ports
 * (1..65535), interface names (at most 15 bytes), families that do not mix.
 */
public final class Nat extends TableRecipes<Nat> {
    /** The table the library keeps its NAT rules in unless told otherwise. */
    public static final String DEFAULT_TABLE = "jnetlink";
    static final String POSTROUTING = "postrouting";
    static final String PREROUTING = "prerouting";
    static final String OUTPUT = "output";
    /** NF_IP_PRI_NAT_SRC ("srcnat"). */
    static final int PRIORITY_SRCNAT = 100;
    /** NF_IP_PRI_NAT_DST ("dstnat"). */
    static final int PRIORITY_DSTNAT = -100;
    private static final int NFPROTO_IPV4 = 2;
    private static final int NFPROTO_IPV6 = 10;

    Nat(NfTables nft, String table, boolean owned) {
        super(nft, table, owned);
    }

    @Override
    Nat with(NfTables nft, String table, boolean owned) {
        return new Nat(nft, table, owned);
    }

    // Narrowed here so that code compiled against the class's own methods keeps linking.
    @Override
    public Nat table(String name) {
        return super.table(name);
    }

    @Override
    public Nat ownedBySocket() {
        return super.ownedBySocket();
    }

    /**
     * NAT recipes in namespace {@code ns}, in table {@value #DEFAULT_TABLE}.
     *
     * @param ns the namespace whose NAT to change
     * @return the recipes, in table {@code jnetlink} (family inet)
     */
    public static Nat in(InNamespace ns) {
        return new Nat(NfTables.in(ns), DEFAULT_TABLE, false);
    }

    /**
     * NAT recipes through an nf_tables client (for example one over a socket of your own).
     *
     * @param nft the client to use (and its namespace)
     * @return the recipes, in table {@code jnetlink} (family inet)
     */
    public static Nat using(NfTables nft) {
        return new Nat(nft, DEFAULT_TABLE, false);
    }


    // ---- masquerade --------------------------------------------------------------------------

    /**
     * Masquerades traffic from {@code sourcePrefix} ("192.168.15.0/24") out of any interface.
     *
     * @param sourcePrefix the source addresses to masquerade, IPv4 or IPv6
     * @return the rule in force, with its handle
     */
    public NatRule.Masquerade masquerade(String sourcePrefix) {
        return masquerade(sourcePrefix, null);
    }

    /**
     * Masquerades traffic from {@code sourcePrefix} leaving through {@code outInterface}.
     *
     * @param sourcePrefix the source addresses to masquerade, IPv4 or IPv6
     * @param outInterface the interface the packets leave through
     * @return the recipe with its rule handle
     */
    public NatRule.Masquerade masquerade(String sourcePrefix, String outInterface) {
        Prefix p = Prefix.parse(sourcePrefix);
        if (outInterface != null) {
            Names.iface(outInterface);
        }
        Rule rule = masqueradeRule(p, outInterface);
        long handle = commitRule(rule);
        return new NatRule.Masquerade(handle, p, outInterface);
    }

    Rule masqueradeRule(Prefix p, String outInterface) {
        List<Expression> e = new ArrayList<>();
        nfproto(e, p.isIpv4());
        if (p.length() > 0) {
            // As nft does: a prefix ending on a byte boundary loads just its bytes; any other loads
            // the whole address and masks it.
            boolean aligned = p.length() % 8 == 0;
            int bytes = aligned ? p.length() / 8 : p.address().getAddress().length;
            e.add(p.isIpv4() ? Payload.ipv4Source(bytes, Expressions.REG_1) : Payload.ipv6Source(bytes, Expressions.REG_1));
            if (!aligned) {
                e.add(Bitwise.prefixMask(Expressions.REG_1, bytes, p.length()));
            }
            e.add(Cmp.eq(Expressions.REG_1, Arrays.copyOf(p.address().getAddress(), bytes)));
        }
        if (outInterface != null) {
            e.add(new Meta(Meta.Key.OIFNAME, Expressions.REG_1));
            e.add(Cmp.eq(Expressions.REG_1, Values.ifname(outInterface)));
        }
        e.add(Masq.plain());
        String text = (p.isIpv4() ? "ip" : "ip6") + " saddr " + p
                + (outInterface != null ? " oifname \"" + outInterface + "\"" : "") + " masquerade";
        return new Rule(Family.INET, table, POSTROUTING, e, text);
    }

    // ---- port forwarding -----------------------------------------------------------------------

    /**
     * Starts a port-forwarding recipe for {@code port} of {@code protocol} arriving on the host.
     *
     * @param protocol TCP or UDP
     * @param port the host's port
     * @return the forward to complete with {@link Forward#to(String, int)}
     */
    public Forward forward(Protocol protocol, int port) {
        if (protocol == null) {
            throw new IllegalArgumentException("protocol is null (TCP or UDP)");
        }
        return new Forward(protocol, Addresses.port(port, "forwarded port"), null, null, false);
    }

    /** A port-forwarding recipe being built: {@code forward(TCP, 8080).on("up0").to("192.168.15.2", 80)}. */
    public final class Forward {
        private final Protocol protocol;
        private final int port;
        private final String inInterface;
        private final InetAddress hostAddress;
        private final boolean fromHost;

        private Forward(Protocol protocol, int port, String inInterface, InetAddress hostAddress, boolean fromHost) {
            this.protocol = protocol;
            this.port = port;
            this.inInterface = inInterface;
            this.hostAddress = hostAddress;
            this.fromHost = fromHost;
        }

        /**
         * Only for connections arriving on {@code inInterface}.
         *
         * @param inInterface the interface the connections arrive on
         * @return a copy of this forward with that condition
         */
        public Forward on(String inInterface) {
            if (fromHost) {
                throw new IllegalArgumentException("connections the host opens arrive on no interface; drop on("
                        + inInterface + ") or fromHost()");
            }
            return new Forward(protocol, port, Names.iface(inInterface), hostAddress, false);
        }

        /**
         * Only for connections addressed to {@code hostAddress} (one of the host's addresses).
         *
         * @param hostAddress the address
         * @return a copy of this forward with that condition
         */
        public Forward onAddress(String hostAddress) {
            return new Forward(protocol, port, inInterface, Addresses.literal(hostAddress, "host address"), fromHost);
        }

        /**
         * For connections the host itself opens (the {@code output} chain) instead of those arriving
         * from outside (the {@code prerouting} chain). Forward both ways with two recipes.
         *
         * @return this forward
         */
        public Forward fromHost() {
            if (inInterface != null) {
                throw new IllegalArgumentException("connections the host opens arrive on no interface; drop on("
                        + inInterface + ") or fromHost()");
            }
            return new Forward(protocol, port, null, hostAddress, true);
        }

        /**
         * Forwards to {@code address}:{@code toPort} (DNAT); the family comes from the address.
         *
         * @param address the address to forward to, IPv4 or IPv6
         * @param toPort the port to forward to
         * @return the recipe with its rule handle
         */
        public NatRule.PortForward to(String address, int toPort) {
            InetAddress a = Addresses.literal(address, "forward target");
            Addresses.port(toPort, "target port");
            if (hostAddress != null && hostAddress.getClass() != a.getClass()) {
                throw new IllegalArgumentException("mixed address families: host address "
                        + hostAddress.getHostAddress() + " and target " + a.getHostAddress()
                        + " must both be IPv4 or both IPv6");
            }
            long handle = commitRule(forwardRule(protocol, port, inInterface, hostAddress, a, toPort, fromHost));
            return new NatRule.PortForward(handle, protocol, port, inInterface, hostAddress, a, toPort, fromHost);
        }
    }

    Rule forwardRule(Protocol protocol, int port, String inInterface, InetAddress hostAddress, InetAddress to,
                     int toPort, boolean fromHost) {
        boolean v4 = to instanceof Inet4Address;
        List<Expression> e = new ArrayList<>();
        if (inInterface != null) {
            e.add(new Meta(Meta.Key.IIFNAME, Expressions.REG_1));
            e.add(Cmp.eq(Expressions.REG_1, Values.ifname(inInterface)));
        }
        if (hostAddress != null) {
            byte[] h = hostAddress.getAddress();
            nfproto(e, v4);
            e.add(v4 ? Payload.ipv4Destination(h.length, Expressions.REG_1)
                    : Payload.ipv6Destination(h.length, Expressions.REG_1));
            e.add(Cmp.eq(Expressions.REG_1, h));
        }
        e.add(new Meta(Meta.Key.L4PROTO, Expressions.REG_1));
        e.add(Cmp.eq(Expressions.REG_1, new byte[] {(byte) protocol.number}));
        e.add(Payload.destinationPort(Expressions.REG_1));
        e.add(Cmp.eq(Expressions.REG_1, Values.be16(port)));
        e.add(new Immediate(Expressions.REG_1, to.getAddress()));
        e.add(new Immediate(Expressions.REG_2, Values.be16(toPort)));
        e.add(NatExpr.dnat(v4 ? NFPROTO_IPV4 : NFPROTO_IPV6, Expressions.REG_1, Expressions.REG_2));
        String text = (inInterface != null ? "iifname \"" + inInterface + "\" " : "")
                + (hostAddress != null ? (v4 ? "ip" : "ip6") + " daddr " + hostAddress.getHostAddress() + " " : "")
                + protocol.name().toLowerCase()
                + " dport " + port + " dnat " + (v4 ? "ip" : "ip6") + " to "
                + (v4 ? to.getHostAddress() : "[" + to.getHostAddress() + "]") + ":" + toPort;
        return new Rule(Family.INET, table, fromHost ? OUTPUT : PREROUTING, e, text + (fromHost ? " (from the host)" : ""));
    }

    // ---- listing and removing ------------------------------------------------------------------

    /** {@return the recipes in the library's table, with their handles; empty if the table does not exist} */
    public List<NatRule> list() {
        List<RuleInfo> rules;
        try {
            rules = nft.rules(Family.INET, table);
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENOENT) {
                return List.of();
            }
            throw e;
        }
        List<NatRule> out = new ArrayList<>();
        for (RuleInfo r : rules) {
            NatRule n = recognize(r);
            if (n != null) {
                out.add(n);
            }
        }
        return out;
    }

    /**
     * Removes the recipe whose rule has {@code handle}.
     *
     * @param handle the rule's handle
     */
    public void remove(long handle) {
        for (RuleInfo r : nft.rules(Family.INET, table)) {
            if (r.handle() == handle) {
                nft.deleteRule(Family.INET, table, r.chain(), handle);
                return;
            }
        }
        throw new IllegalArgumentException("no rule with handle " + handle + " in table inet " + table);
    }

    /**
     * Removes a recipe.
     *
     * @param rule the rule, as returned when it was made
     */
    public void remove(NatRule rule) {
        nft.deleteRule(Family.INET, table, rule.chain(), rule.handle());
    }

    /** Deletes the library's table with all its recipes; nothing if it does not exist. */
    public void clear() {
        boolean exists = nft.tables().stream().anyMatch(t -> t.family() == Family.INET && t.name().equals(table));
        if (exists) {
            nft.deleteTable(Family.INET, table);
        }
    }

    private long commitRule(Rule rule) {
        return recipe(nft.transaction(), rule).commit().ruleHandles().getFirst();
    }

    /** Queues what one recipe needs: the table and chains (kept if they exist) and the rule. */
    Transaction recipe(Transaction tx, Rule rule) {
        Table t = Table.of(Family.INET, table);
        return tx
                .createTable(owned ? t.ownedBySocket() : t)
                .createChain(Chain.base(Family.INET, table, POSTROUTING, ChainType.NAT, Hook.POSTROUTING,
                        PRIORITY_SRCNAT).withPolicy(Policy.ACCEPT))
                .createChain(Chain.base(Family.INET, table, PREROUTING, ChainType.NAT, Hook.PREROUTING,
                        PRIORITY_DSTNAT).withPolicy(Policy.ACCEPT))
                .createChain(Chain.base(Family.INET, table, OUTPUT, ChainType.NAT, Hook.OUTPUT,
                        PRIORITY_DSTNAT).withPolicy(Policy.ACCEPT))
                .addRule(rule);
    }

    // ---- recognizing recipes in decoded rules ----------------------------------------------------

    /** The recipe a rule of the library's table implements, or null for a rule of another shape. */
    static NatRule recognize(RuleInfo r) {
        Shape s = new Shape(r.expressions());
        if (r.chain().equals(POSTROUTING)) {
            return recognizeMasquerade(r.handle(), s);
        }
        if (r.chain().equals(PREROUTING) || r.chain().equals(OUTPUT)) {
            return recognizeForward(r.handle(), s, r.chain().equals(OUTPUT));
        }
        return null;
    }

    private static NatRule recognizeMasquerade(long handle, Shape s) {
        if (!(s.at(0) instanceof Meta m && m.key() == Meta.Key.NFPROTO && s.at(1) instanceof Cmp c
                && c.data().length == 1)) {
            return null;
        }
        boolean v4 = c.data()[0] == NFPROTO_IPV4;
        int addressBytes = v4 ? 4 : 16;
        s.skip(2);
        Prefix prefix = new Prefix(InetAddress.ofLiteral(v4 ? "0.0.0.0" : "::"), 0);
        if (s.at(0) instanceof Payload p && p.base() == Payload.Base.NETWORK && p.offset() == (v4 ? 12 : 8)
                && p.length() <= addressBytes) {
            int bits = p.length() * 8;
            s.skip(1);
            if (s.at(0) instanceof Bitwise b) {
                bits = Values.prefixBits(b.mask());
                if (bits < 0) {
                    return null;
                }
                s.skip(1);
            }
            if (!(s.at(0) instanceof Cmp a && a.data().length == p.length())) {
                return null;
            }
            s.skip(1);
            byte[] network = Arrays.copyOf(a.data(), addressBytes);
            if (!Values.hostBitsZero(network, bits)) {
                return null;
            }
            prefix = new Prefix(Values.address(network), bits);
        }
        String out = null;
        if (s.at(0) instanceof Meta m2 && m2.key() == Meta.Key.OIFNAME && s.at(1) instanceof Cmp o) {
            out = Values.cString(o.data());
            s.skip(2);
        }
        return s.at(0) instanceof Masq && s.remaining() == 1 ? new NatRule.Masquerade(handle, prefix, out) : null;
    }

    private static NatRule recognizeForward(long handle, Shape s, boolean fromHost) {
        String in = null;
        if (s.at(0) instanceof Meta m && m.key() == Meta.Key.IIFNAME && s.at(1) instanceof Cmp c) {
            in = Values.cString(c.data());
            s.skip(2);
        }
        InetAddress host = null;
        if (s.at(0) instanceof Meta m && m.key() == Meta.Key.NFPROTO && s.at(2) instanceof Payload p
                && p.base() == Payload.Base.NETWORK && s.at(3) instanceof Cmp c && Values.isAddress(c.data())) {
            host = Values.address(c.data());
            s.skip(4);
        }
        if (!(s.at(0) instanceof Meta m && m.key() == Meta.Key.L4PROTO && s.at(1) instanceof Cmp pc
                && pc.data().length == 1 && Protocol.of(pc.data()[0] & 0xFF) != null)) {
            return null;
        }
        Protocol proto = Protocol.of(pc.data()[0] & 0xFF);
        if (!(s.at(2) instanceof Payload p && p.base() == Payload.Base.TRANSPORT && p.offset() == 2
                && s.at(3) instanceof Cmp portCmp && portCmp.data().length == 2)) {
            return null;
        }
        s.skip(4);
        if (!(s.at(0) instanceof Immediate addr && Values.isAddress(addr.value()) && s.at(1) instanceof Immediate port
                && port.value().length == 2 && s.at(2) instanceof NatExpr nat && nat.type() == NatExpr.Type.DNAT
                && s.remaining() == 3)) {
            return null;
        }
        return new NatRule.PortForward(handle, proto, Values.u16(portCmp.data()), in, host, Values.address(addr.value()),
                Values.u16(port.value()), fromHost);
    }

    /** A read position in a rule's expressions; past the end reads as null (which matches no pattern). */
    private static final class Shape {
        private final List<Expression> e;
        private int i;

        Shape(List<Expression> e) {
            this.e = e;
        }

        Expression at(int k) {
            return i + k < e.size() ? e.get(i + k) : null;
        }

        void skip(int n) {
            i += n;
        }

        int remaining() {
            return e.size() - i;
        }
    }

    /** {@code meta nfproto ipv4|ipv6}: the dependency nft adds for an ip/ip6 match in an inet table. */
    private static void nfproto(List<Expression> e, boolean v4) {
        e.add(new Meta(Meta.Key.NFPROTO, Expressions.REG_1));
        e.add(Cmp.eq(Expressions.REG_1, new byte[] {(byte) (v4 ? NFPROTO_IPV4 : NFPROTO_IPV6)}));
    }
}
