package io.jnetlink.cni;

import io.jnetlink.core.Errno;
import io.jnetlink.core.NetlinkException;
import io.jnetlink.nft.Chain;
import io.jnetlink.nft.ChainInfo;
import io.jnetlink.nft.ChainType;
import io.jnetlink.nft.Family;
import io.jnetlink.nft.Hook;
import io.jnetlink.nft.Match;
import io.jnetlink.nft.NfTables;
import io.jnetlink.nft.Policy;
import io.jnetlink.nft.Prefix;
import io.jnetlink.nft.Protocol;
import io.jnetlink.nft.Rule;
import io.jnetlink.nft.RuleSpec;
import io.jnetlink.nft.Statement;
import io.jnetlink.nft.Table;
import io.jnetlink.nft.Transaction;
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
 *   <li>{@code dnat/...} (nat, prerouting, dstnat): per mapping {@code fib daddr type local
 *       [ip daddr HOSTIP] tcp dport HOSTPORT dnat ip to C:PORT}, as portmap's DNAT of packets for one
 *       of the host's own addresses ({@code -m addrtype --dst-type LOCAL}).</li>
 *   <li>{@code dnat-local/...} (nat, output, dstnat): the same for connections the host opens to one of
 *       its own addresses.</li>
 *   <li>{@code snat/...} (nat, postrouting, srcnat): hairpin, {@code ip saddr SUBNET ip daddr C ct
 *       status dnat masquerade} (a container of the subnet, C itself too, reaching C through a
 *       mapping), and the same from the host's loopback ({@code ip saddr 127.0.0.0/8}); portmap
 *       marks these connections in its DNAT chain and masquerades the marked ones.</li>
 * </ul>
 */
final class NatState {
    static final String TABLE = "jnetlink-cni";
    private static final String[] KINDS = {"masq", "dnat", "dnat-local", "snat"};
    private static final int PRIORITY_SRCNAT = 100;
    private static final int PRIORITY_DSTNAT = -100;
    /** {@code ct status dnat}: the connection was destination-NATed (by one of the dnat chains). */
    private static final Match DNATED = new Match.CtStatus(Match.CtStatus.Status.DNAT.bit);
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
     * @return whether anything was installed
     */
    boolean install(NetConf conf, CniEnv env, List<Result.IpConfig> ips) {
        Transaction tx = plan(conf, env, ips);
        if (tx == null) {
            return false;
        }
        try {
            tx.commit();
        } catch (NetlinkException e) {
            throw new CniException(CniException.INTERNAL, "nf_tables: " + e.getMessage(), kernelText(e), e);
        }
        return true;
    }

    /** The transaction {@link #install} commits (each message encoded already), or null if there is nothing to install. */
    Transaction plan(NetConf conf, CniEnv env, List<Result.IpConfig> ips) {
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
                    tx.addRule(dnat(dnat, m, hostIp, c));
                    tx.addRule(dnat(local, m, hostIp, c));
                    mapped++;
                }
                if (mapped > 0) {
                    // Hairpin, as portmap's masquerade of marked packets: a container of the subnet
                    // (this one too) reaching C through a mapping gets C's reply through the host,
                    // not straight across the bridge from an address it never spoke to. Only DNATed
                    // connections: plain traffic between containers keeps its addresses.
                    tx.addRule(snat(snat, IpPrefix.of(Ip.network(target.address()), target.address().length()), c));
                    if (v4) {
                        // From the host's loopback (route_localnet lets it out): C could not answer 127.0.0.1.
                        tx.addRule(snat(snat, LOOPBACK4, c));
                    }
                }
            }
            chains += 3;
        }
        return chains == 0 ? null : tx;
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
        return RuleSpec.of(address(true, IpPrefix.host(container.address())), address(false, subnet).not(),
                address(false, v4 ? MCAST4 : MCAST6).not(), new Statement.Masquerade(0, 0)).in(Family.INET, TABLE, chain);
    }

    /**
     * {@code fib daddr type local [ip daddr HOSTIP] tcp dport HOSTPORT dnat ip to C:PORT}: only
     * packets for one of the host's own addresses, as portmap's {@code -m addrtype --dst-type LOCAL}
     * (a container's connection to another machine's port HOSTPORT passes untouched).
     */
    private static Rule dnat(String chain, NetConf.PortMapping m, InetAddress hostIp, InetAddress to) {
        List<Statement> s = new ArrayList<>();
        s.add(Match.FibLookup.daddrLocal());
        if (hostIp != null) {
            s.add(address(false, IpPrefix.host(hostIp)));
        }
        s.add(Match.dport(m.protocol().equals("udp") ? Protocol.UDP : Protocol.TCP, m.hostPort()));
        s.add(new Statement.Translate(true, to, null, m.containerPort(), 0));
        return new RuleSpec(s).in(Family.INET, TABLE, chain);
    }

    /** {@code ip saddr FROM ip daddr C ct status dnat masquerade}: replies of a mapped connection come back through the host. */
    private static Rule snat(String chain, IpPrefix from, InetAddress to) {
        return RuleSpec.of(address(true, from), address(false, IpPrefix.host(to)), DNATED, new Statement.Masquerade(0, 0))
                .in(Family.INET, TABLE, chain);
    }

    private static Match.Address address(boolean source, IpPrefix p) {
        return new Match.Address(source, new Prefix(Ip.network(p), p.length()), null, false);
    }

    static String kernelText(NetlinkException e) {
        String ext = e.extAckMessage();
        return e.errno() + (ext == null || ext.isEmpty() ? "" : ": " + ext);
    }
}
