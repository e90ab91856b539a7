package io.jnetlink.cni;

import io.jnetlink.core.Errno;
import io.jnetlink.core.NetlinkException;
import io.jnetlink.nft.Chain;
import io.jnetlink.nft.ChainInfo;
import io.jnetlink.nft.ChainType;
import io.jnetlink.nft.Family;
import io.jnetlink.nft.Hook;
import io.jnetlink.nft.NfTables;
import io.jnetlink.nft.Policy;
import io.jnetlink.nft.Rule;
import io.jnetlink.nft.Table;
import io.jnetlink.nft.Transaction;
import io.jnetlink.nft.expr.Bitwise;
import io.jnetlink.nft.expr.Cmp;
import io.jnetlink.nft.expr.Expression;
import io.jnetlink.nft.expr.Expressions;
import io.jnetlink.nft.expr.Immediate;
import io.jnetlink.nft.expr.Masq;
import io.jnetlink.nft.expr.Meta;
import io.jnetlink.nft.expr.Payload;
import io.jnetlink.core.net.IpPrefix;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The plugin's nf_tables state in the host namespace: masquerade ({@code ipMasq}) and port mappings
 * ({@code portMappings}), in a table of its own, {@code inet jnetlink-cni}, so no rule of anyone
 * else is touched.
 *
 * <p>Each attachment gets its own base chains, named {@code KIND/NETWORK/CONTAINERID/IFNAME}: the
 * names are the state (no file to keep in step), DEL deletes them by name in one transaction, and GC
 * reads the attachment back from the names. ('/' appears in none of the three parts: libcni
 * refuses it in network names and container ids, the kernel in interface names.)
 *
 * <ul>
 *   <li>{@code masq/...} (nat, postrouting, srcnat): per container address
 *       {@code ip saddr C ip daddr != SUBNET ip daddr != 224.0.0.0/4 masquerade} (IPv6: ff00::/8),
 *       what the reference's CNI-xxxx iptables chain does.</li>
 *   <li>{@code dnat/...} (nat, prerouting, dstnat): per mapping {@code [ip daddr HOSTIP] tcp dport
 *       HOSTPORT dnat to C:PORT}.</li>
 *   <li>{@code dnat-local/...} (nat, output, dstnat): the same for connections the host opens to one of
 *       its own addresses ({@code oifname "lo"}: a locally destined packet is routed out of lo; the
 *       reference matches {@code -m addrtype --dst-type LOCAL}).</li>
 *   <li>{@code snat/...} (nat, postrouting, srcnat): hairpin ({@code ip saddr C ip daddr C
 *       masquerade}, C reaching itself through a mapping; and {@code ip saddr SUBNET ip daddr C
 *       masquerade} for the other containers, unless br_netfilter is active, see {@link #install})
 *       and from the host's loopback
 *       ({@code ip saddr 127.0.0.0/8 ip daddr C masquerade}).</li>
 * </ul>
 */
final class NatState {
    static final String TABLE = "jnetlink-cni";
    private static final String[] KINDS = {"masq", "dnat", "dnat-local", "snat"};
    private static final int PRIORITY_SRCNAT = 100;
    private static final int PRIORITY_DSTNAT = -100;
    // linux/netfilter.h
    private static final int NFPROTO_IPV4 = 2;
    private static final int NFPROTO_IPV6 = 10;
    private static final int IPPROTO_TCP = 6;
    private static final int IPPROTO_UDP = 17;
    private static final IpPrefix MCAST4 = IpPrefix.parse("224.0.0.0/4");
    private static final IpPrefix MCAST6 = IpPrefix.parse("ff00::/8");
    private static final IpPrefix LOOPBACK4 = IpPrefix.parse("127.0.0.0/8");

    private final NfTables nft;

    NatState(NfTables nft) {
        this.nft = nft;
    }

    static String chainName(String kind, String network, String containerId, String ifName) {
        String n = kind + "/" + network + "/" + containerId + "/" + ifName;
        if (n.getBytes(StandardCharsets.UTF_8).length > 255) {
            throw new CniException(CniException.INVALID_NETWORK_CONFIG,
                    "network name and container id too long for an nf_tables chain name (255 bytes): " + n);
        }
        return n;
    }

    /**
     * Installs the masquerade and port-mapping chains of one attachment, in one transaction: all or
     * nothing.
     *
     * @param bridgeNetfilter whether br_netfilter passes bridged IPv4 traffic through the inet hooks
     *                        here (net.bridge.bridge-nf-call-iptables = 1)
     * @return whether anything was installed
     */
    boolean install(NetConf conf, CniEnv env, List<Result.IpConfig> ips, boolean bridgeNetfilter) {
        Transaction tx = nft.transaction().createTable(Table.of(Family.INET, TABLE));
        int chains = 0;
        if (conf.ipMasq()) {
            String chain = chainName("masq", conf.name(), env.containerId(), env.ifName());
            tx.createChain(base(chain, Hook.POSTROUTING, PRIORITY_SRCNAT));
            for (Result.IpConfig ip : ips) {
                tx.addRule(masquerade(chain, ip.address()));
            }
            chains++;
        }
        if (!conf.portMappings().isEmpty()) {
            String dnat = chainName("dnat", conf.name(), env.containerId(), env.ifName());
            String local = chainName("dnat-local", conf.name(), env.containerId(), env.ifName());
            String snat = chainName("snat", conf.name(), env.containerId(), env.ifName());
            tx.createChain(base(dnat, Hook.PREROUTING, PRIORITY_DSTNAT));
            tx.createChain(base(local, Hook.OUTPUT, PRIORITY_DSTNAT));
            tx.createChain(base(snat, Hook.POSTROUTING, PRIORITY_SRCNAT));
            // As the portmap plugin: the first container address of each family is the target.
            for (boolean v4 : new boolean[] {true, false}) {
                Result.IpConfig target = ips.stream().filter(i -> i.isV4() == v4).findFirst().orElse(null);
                if (target == null) {
                    continue;
                }
                InetAddress c = target.address().address();
                int mapped = 0;
                for (NetConf.PortMapping m : conf.portMappings()) {
                    InetAddress hostIp = m.hostIP().isEmpty() ? null : Ip.address(m.hostIP(), "hostIP");
                    if (hostIp != null && Ip.isV4(hostIp) != v4) {
                        continue;
                    }
                    tx.addRule(dnat(dnat, m, hostIp, c, false));
                    tx.addRule(dnat(local, m, hostIp, c, true));
                    mapped++;
                }
                if (mapped > 0) {
                    // A container reaching itself through its mapping: its own source address would
                    // come back to it as a martian.
                    tx.addRule(snat(snat, IpPrefix.host(c), c, "hairpin to itself"));
                    if (!bridgeNetfilter) {
                        // As portmap's hairpin rule (-s CONTAINER-SUBNET): another container of the
                        // subnet gets the reply through the host, not straight across the bridge.
                        // portmap marks the DNATed packets for this; without a ct match (not in the
                        // library yet) the rule can only be told apart from plain bridged traffic when
                        // br_netfilter does not send bridged packets through these hooks at all, and
                        // when it does, conntrack undoes the DNAT on the bridged reply by itself.
                        tx.addRule(snat(snat, IpPrefix.of(Ip.network(target.address()), target.address().length()),
                                c, "hairpin from the subnet"));
                    }
                    if (v4) {
                        tx.addRule(snat(snat, LOOPBACK4, c, "from the host's loopback"));
                    }
                }
            }
            chains += 3;
        }
        if (chains == 0) {
            return false;
        }
        try {
            tx.commit();
        } catch (NetlinkException e) {
            throw new CniException(CniException.INTERNAL, "nf_tables: " + e.getMessage(), kernelText(e), e);
        }
        return true;
    }

    /** Deletes the chains of one attachment (those that exist); nothing if there are none. */
    void remove(String network, String containerId, String ifName) {
        removeChains(existing(network, containerId, ifName));
    }

    /**
     * Deletes the chains of every attachment of {@code network} that is not in {@code valid}
     * ("containerId/ifName" strings).
     */
    void collect(String network, Set<String> valid) {
        List<String> stale = new ArrayList<>();
        for (String name : chainNames()) {
            String[] p = name.split("/", -1);
            if (p.length == 4 && Arrays.asList(KINDS).contains(p[0]) && p[1].equals(network)
                    && !valid.contains(p[2] + "/" + p[3])) {
                stale.add(name);
            }
        }
        removeChains(stale);
    }

    /** The names of this attachment's chains that exist now. */
    List<String> existing(String network, String containerId, String ifName) {
        List<String> names = chainNames();
        List<String> out = new ArrayList<>();
        for (String kind : KINDS) {
            String n = kind + "/" + network + "/" + containerId + "/" + ifName;
            if (names.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }

    private List<String> chainNames() {
        try {
            List<String> out = new ArrayList<>();
            for (ChainInfo c : nft.chains(Family.INET, TABLE)) {
                out.add(c.name());
            }
            return out;
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENOENT) {
                return List.of();
            }
            throw new CniException(CniException.INTERNAL, "nf_tables: " + e.getMessage(), kernelText(e), e);
        }
    }

    private void removeChains(List<String> chains) {
        if (chains.isEmpty()) {
            return;
        }
        Transaction tx = nft.transaction();
        // Deleting a chain deletes its rules with it; nothing jumps to these base chains.
        chains.forEach(c -> tx.deleteChain(Family.INET, TABLE, c));
        try {
            tx.commit();
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENOENT) {
                // a concurrent DEL of the same attachment got there first
                return;
            }
            throw new CniException(CniException.INTERNAL, "nf_tables: " + e.getMessage(), kernelText(e), e);
        }
    }

    private static Chain base(String name, Hook hook, int priority) {
        return Chain.base(Family.INET, TABLE, name, ChainType.NAT, hook, priority).withPolicy(Policy.ACCEPT);
    }

    private static Rule masquerade(String chain, IpPrefix container) {
        boolean v4 = Ip.isV4(container.address());
        IpPrefix subnet = IpPrefix.of(Ip.network(container), container.length());
        List<Expression> e = new ArrayList<>();
        nfproto(e, v4);
        address(e, v4, true, IpPrefix.host(container.address()), Cmp.Op.EQ);
        address(e, v4, false, subnet, Cmp.Op.NEQ);
        address(e, v4, false, v4 ? MCAST4 : MCAST6, Cmp.Op.NEQ);
        e.add(Masq.plain());
        String ip = v4 ? "ip" : "ip6";
        return new Rule(Family.INET, TABLE, chain, e, ip + " saddr " + Ip.format(container.address()) + " " + ip
                + " daddr != " + Ip.format(subnet) + " " + ip + " daddr != " + (v4 ? MCAST4 : MCAST6) + " masquerade");
    }

    private static Rule dnat(String chain, NetConf.PortMapping m, InetAddress hostIp, InetAddress to, boolean local) {
        boolean v4 = Ip.isV4(to);
        List<Expression> e = new ArrayList<>();
        nfproto(e, v4);
        if (local) {
            e.add(new Meta(Meta.Key.OIFNAME, Expressions.REG_1));
            e.add(Cmp.eq(Expressions.REG_1, ifname("lo")));
        }
        if (hostIp != null) {
            address(e, v4, false, IpPrefix.host(hostIp), Cmp.Op.EQ);
        }
        e.add(new Meta(Meta.Key.L4PROTO, Expressions.REG_1));
        e.add(Cmp.eq(Expressions.REG_1, new byte[] {(byte) (m.protocol().equals("udp") ? IPPROTO_UDP : IPPROTO_TCP)}));
        e.add(Payload.destinationPort(Expressions.REG_1));
        e.add(Cmp.eq(Expressions.REG_1, be16(m.hostPort())));
        e.add(new Immediate(Expressions.REG_1, to.getAddress()));
        e.add(new Immediate(Expressions.REG_2, be16(m.containerPort())));
        e.add(io.jnetlink.nft.expr.NatExpr.dnat(v4 ? NFPROTO_IPV4 : NFPROTO_IPV6, Expressions.REG_1, Expressions.REG_2));
        String ip = v4 ? "ip" : "ip6";
        return new Rule(Family.INET, TABLE, chain, e, (local ? "oifname \"lo\" " : "")
                + (hostIp != null ? ip + " daddr " + Ip.format(hostIp) + " " : "") + m.protocol() + " dport "
                + m.hostPort() + " dnat " + ip + " to " + (v4 ? Ip.format(to) : "[" + Ip.format(to) + "]") + ":"
                + m.containerPort());
    }

    private static Rule snat(String chain, IpPrefix from, InetAddress to, String why) {
        boolean v4 = Ip.isV4(to);
        List<Expression> e = new ArrayList<>();
        nfproto(e, v4);
        address(e, v4, true, from, Cmp.Op.EQ);
        address(e, v4, false, IpPrefix.host(to), Cmp.Op.EQ);
        e.add(Masq.plain());
        String ip = v4 ? "ip" : "ip6";
        return new Rule(Family.INET, TABLE, chain, e, ip + " saddr " + Ip.format(from) + " " + ip + " daddr "
                + Ip.format(to) + " masquerade (" + why + ")");
    }

    private static void nfproto(List<Expression> e, boolean v4) {
        e.add(new Meta(Meta.Key.NFPROTO, Expressions.REG_1));
        e.add(Cmp.eq(Expressions.REG_1, new byte[] {(byte) (v4 ? NFPROTO_IPV4 : NFPROTO_IPV6)}));
    }

    /** Loads the source or destination address, masks it to {@code p}'s length and compares. */
    private static void address(List<Expression> e, boolean v4, boolean source, IpPrefix p, Cmp.Op op) {
        int bytes = v4 ? 4 : 16;
        e.add(v4 ? (source ? Payload.ipv4Source(bytes, Expressions.REG_1) : Payload.ipv4Destination(bytes, Expressions.REG_1))
                : (source ? Payload.ipv6Source(bytes, Expressions.REG_1) : Payload.ipv6Destination(bytes, Expressions.REG_1)));
        if (p.length() < bytes * 8) {
            e.add(Bitwise.prefixMask(Expressions.REG_1, bytes, p.length()));
        }
        e.add(new Cmp(Expressions.REG_1, op, Ip.network(p).getAddress()));
    }

    private static byte[] ifname(String name) {
        return Arrays.copyOf(name.getBytes(StandardCharsets.UTF_8), 16);
    }

    private static byte[] be16(int v) {
        return new byte[] {(byte) (v >>> 8), (byte) v};
    }

    static String kernelText(NetlinkException e) {
        String ext = e.extAckMessage();
        return e.errno() + (ext == null || ext.isEmpty() ? "" : ": " + ext);
    }
}
