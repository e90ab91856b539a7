package io.jnetlink.cni;

import io.jnetlink.core.AlreadyExistsException;
import io.jnetlink.core.NetlinkException;
import io.jnetlink.core.NoSuchDeviceException;
import io.jnetlink.nft.NfTables;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.rtnl.Link;
import io.jnetlink.rtnl.Netns;
import io.jnetlink.rtnl.addr.AddressInfo;
import io.jnetlink.rtnl.addr.AddressSpec;
import io.jnetlink.rtnl.bridge.PortOptions;
import io.jnetlink.rtnl.link.Bridge;
import io.jnetlink.rtnl.link.LinkInfo;
import io.jnetlink.rtnl.link.OperState;
import io.jnetlink.rtnl.link.Veth;
import io.jnetlink.rtnl.route.Route;
import io.jnetlink.rtnl.route.RouteInfo;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the reference {@code bridge} plugin does, step for step, through the library: the bridge
 * and the host end of the veth in the namespace this process runs in, the container end in
 * CNI_NETNS, addresses from the delegated IPAM plugin, the gateway on the bridge, masquerade and
 * port mappings in nf_tables.
 *
 * <p>ADD undoes what it made if a later step fails (the veth, a bridge it created, the IPAM
 * allocation, its nf_tables chains), so a failed ADD leaves nothing behind; DEL succeeds when what
 * it would delete is already gone.
 */
final class BridgePlugin {
    /** The reference's retries while waiting for the new bridge port to forward (milliseconds). */
    private static final int[] PORT_WAIT_MS = {0, 50, 500, 1000, 1000};
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CniEnv env;
    private final NetConf conf;
    private final Netns host = Netns.self();

    BridgePlugin(CniEnv env, NetConf conf) {
        this.env = env;
        this.conf = conf;
    }

    // ---- ADD -------------------------------------------------------------------------------------

    Result add() {
        // Find the IPAM plugin before touching anything: a missing one changes nothing.
        Delegate ipam = conf.ipamType().isEmpty() ? null : Delegate.find(conf.ipamType(), env.path());
        Deque<Step> undo = new ArrayDeque<>();
        boolean done = false;
        try (Netns cont = Sandbox.open(env.netns())) {
            Trace.step("container namespace opened");
            if (cont.linkService().find(env.ifName()).isPresent()) {
                throw new CniException(CniException.INTERNAL,
                        "container veth name provided (" + env.ifName() + ") already exists");
            }
            Link br = ensureBridge(undo);
            Trace.step("bridge");
            Link hostVeth = createVeth(cont, undo);
            Trace.step("veth");
            Link contVeth = cont.link(env.ifName());
            contVeth.up();
            hostVeth.up();
            hostVeth.master(br);
            if (conf.hairpinMode()) {
                host.bridgePorts().set(hostVeth.index(), PortOptions.builder().hairpin(true).build());
            }
            Trace.step("veth up, on the bridge");

            Result result = new Result();
            Result prev = conf.prevResult();
            int base = 0;
            if (prev != null) {
                // Chained after another plugin: keep what it reported, add ours after it.
                result.interfaces.addAll(prev.interfaces);
                result.ips.addAll(prev.ips);
                result.routes.addAll(prev.routes);
                result.dns = prev.dns;
                base = prev.interfaces.size();
            }
            result.interfaces.add(new Result.Iface(conf.bridge(), "", null));
            result.interfaces.add(new Result.Iface(hostVeth.name(), "", null));
            result.interfaces.add(new Result.Iface(env.ifName(), "", env.netns()));
            int contIndex = base + 2;

            if (ipam != null) {
                Result r = ipam.runForResult("ADD", conf.raw());
                undo.push(() -> ipam.run("DEL", conf.raw()));
                Trace.step("IPAM ADD");
                if (r.ips.isEmpty()) {
                    throw new CniException(CniException.INTERNAL, "IPAM plugin returned missing IP config");
                }
                List<Result.IpConfig> ours = gateways(r, contIndex);
                result.ips.addAll(ours);
                result.routes.addAll(r.routes);
                result.dns = r.dns;
                configureContainer(cont, contVeth, ours, r.routes);
                Trace.step("container addresses and routes");
                if (conf.isGateway()) {
                    gatewayOnBridge(br, ours);
                    Trace.step("gateway on the bridge");
                }
                if (conf.ipMasq() || !conf.portMappings().isEmpty()) {
                    NatState nat = new NatState(NfTables.in(host));
                    if (nat.install(conf, env, ours)) {
                        undo.push(() -> nat.remove(conf.name(), env.containerId(), env.ifName()));
                        if (!conf.portMappings().isEmpty() && ours.stream().anyMatch(Result.IpConfig::isV4)) {
                            // Connections from the host's 127.0.0.1 are DNATed to the container and
                            // leave through the bridge: the kernel drops them there unless allowed.
                            host.sysctl("net.ipv4.conf." + conf.bridge() + ".route_localnet", "1");
                        }
                    }
                }
            }
            Trace.step("nf_tables");
            LinkInfo hostInfo = waitForwarding(hostVeth);
            Trace.step("port forwarding");
            result.interfaces.set(base, new Result.Iface(conf.bridge(), br.info().mac(), null));
            result.interfaces.set(base + 1, new Result.Iface(hostVeth.name(), hostInfo.mac(), null));
            result.interfaces.set(contIndex, new Result.Iface(env.ifName(), contVeth.info().mac(), env.netns()));
            if (conf.hasDns()) {
                result.dns = conf.dns();
            }
            done = true;
            Trace.step("result");
            return result;
        } catch (NetlinkException e) {
            throw new CniException(CniException.INTERNAL, e.getMessage(), NatState.kernelText(e), e);
        } finally {
            if (!done) {
                rollback(undo);
            }
        }
    }

    /** A step of rollback. */
    private interface Step {
        void run();
    }

    private static void rollback(Deque<Step> undo) {
        while (!undo.isEmpty()) {
            try {
                undo.pop().run();
            } catch (RuntimeException e) {
                // Keep undoing the rest; the error that made ADD fail is the one reported.
                System.err.println("jnetlink-bridge: rollback step failed: " + e);
            }
        }
    }

    /** The bridge: created (with the configured MTU) unless it exists; an existing non-bridge is refused. */
    private Link ensureBridge(Deque<Step> undo) {
        String name = conf.bridge();
        Link br;
        Optional<LinkInfo> existing = host.linkService().find(name);
        if (existing.isPresent()) {
            checkIsBridge(existing.get());
            br = host.link(existing.get().index());
        } else {
            Bridge spec = Bridge.named(name);
            if (conf.mtu() > 0) {
                spec = spec.mtu(conf.mtu());
            }
            try {
                br = host.link(spec);
                Link made = br;
                undo.push(() -> deleteIfNoPorts(made));
            } catch (AlreadyExistsException e) {
                // Another ADD made it a moment ago.
                LinkInfo now = host.linkService().get(name);
                checkIsBridge(now);
                br = host.link(now.index());
            }
        }
        if (conf.promiscMode()) {
            host.linkService().setPromisc(br.index(), true);
        }
        try {
            // The bridge's routes are the plugin's, not router advertisements'.
            host.sysctl("net.ipv6.conf." + name + ".accept_ra", "0");
        } catch (RuntimeException ignored) {
            // IPv6 disabled on this host: nothing to turn off
        }
        br.up();
        return br;
    }

    private void deleteIfNoPorts(Link br) {
        int index = br.index();
        boolean hasPorts = host.links().stream().anyMatch(l -> l.master() == index);
        if (!hasPorts) {
            host.linkService().delete(index);
        }
    }

    private void checkIsBridge(LinkInfo l) {
        if (!"bridge".equals(l.kind())) {
            throw new CniException(CniException.INTERNAL, "\"" + conf.bridge() + "\" already exists but is not a bridge");
        }
    }

    /**
     * The veth: host end named "veth" + 8 random hex digits (as the reference names it), container
     * end CNI_IFNAME created directly inside the container's namespace, one RTM_NEWLINK.
     */
    private Link createVeth(Netns cont, Deque<Step> undo) {
        for (int attempt = 0; ; attempt++) {
            String name = hostVethName();
            Veth spec = Veth.named(name).peer(env.ifName(), cont);
            if (conf.mtu() > 0) {
                spec = spec.mtu(conf.mtu());
            }
            try {
                Link hostVeth = host.link(spec);
                undo.push(() -> {
                    try {
                        hostVeth.delete();
                    } catch (NoSuchDeviceException gone) {
                        // deleted with the container end already
                    }
                });
                Link contVeth = cont.link(env.ifName());
                if (conf.mtu() > 0) {
                    contVeth.mtu(conf.mtu());
                }
                // The reference's veths have a transmit queue length of 0 (its netlink library sends
                // the zero value); a veth's qdisc is noqueue either way.
                host.linkService().setTxQueueLength(hostVeth.index(), 0);
                cont.linkService().setTxQueueLength(contVeth.index(), 0);
                return hostVeth;
            } catch (AlreadyExistsException e) {
                if (cont.linkService().find(env.ifName()).isPresent()) {
                    throw new CniException(CniException.INTERNAL,
                            "container veth name provided (" + env.ifName() + ") already exists");
                }
                if (attempt >= 10) {
                    throw e;
                }
            }
        }
    }

    /** A host-side veth name as the reference makes them: "veth" and 8 random hex digits. */
    static String hostVethName() {
        byte[] r = new byte[4];
        RANDOM.nextBytes(r);
        return "veth" + HexFormat.of().formatHex(r);
    }

    /**
     * The reference's calcGateways: each IP belongs to the container interface; without a gateway
     * and with isGateway its subnet's first address becomes the gateway; with isDefaultGateway a
     * default route per family unless the IPAM result has one.
     */
    private List<Result.IpConfig> gateways(Result r, int contIndex) {
        List<Result.IpConfig> out = new java.util.ArrayList<>();
        boolean[] defaultFound = new boolean[2];
        for (Result.IpConfig ip : r.ips) {
            int fam = ip.isV4() ? 0 : 1;
            InetAddress gw = ip.gateway();
            if (gw == null && conf.isGateway()) {
                gw = Ip.firstHost(ip.address());
            }
            if (conf.isDefaultGateway() && !defaultFound[fam]) {
                IpPrefix any = ip.isV4() ? IpPrefix.parse("0.0.0.0/0") : IpPrefix.parse("::/0");
                for (Result.RouteConfig rt : r.routes) {
                    if (rt.gw() != null && rt.dst().length() == 0 && Ip.isV4(rt.dst().address()) == ip.isV4()) {
                        defaultFound[fam] = true;
                        break;
                    }
                }
                if (!defaultFound[fam]) {
                    r.addRoute(any, gw);
                    defaultFound[fam] = true;
                }
            }
            out.add(new Result.IpConfig(contIndex, ip.address(), gw));
        }
        return out;
    }

    /** The reference's ipam.ConfigureIface, inside the container. */
    private void configureContainer(Netns cont, Link contVeth, List<Result.IpConfig> ips, List<Result.RouteConfig> routes) {
        String ifName = env.ifName();
        boolean v6 = ips.stream().anyMatch(i -> !i.isV4());
        if (v6) {
            if (conf.hairpinMode() || conf.promiscMode()) {
                // Hairpin echoes neighbour solicitations back: duplicate address detection would fail.
                cont.sysctl("net.ipv6.conf." + ifName + ".accept_dad", "0");
            }
            for (String i : List.of("lo", ifName)) {
                String key = "net.ipv6.conf." + i + ".disable_ipv6";
                try {
                    if (!cont.sysctl(key).strip().equals("0")) {
                        cont.sysctl(key, "0");
                    }
                } catch (RuntimeException ignored) {
                    // no IPv6 in this kernel; adding the address reports it
                }
            }
        }
        InetAddress v4gw = null;
        InetAddress v6gw = null;
        for (Result.IpConfig ip : ips) {
            AddressSpec.Builder a = AddressSpec.builder().link(contVeth.index()).prefix(ip.address());
            if (ip.isV4() && ip.address().length() < 31) {
                a = a.broadcastDerived();   // as the reference's netlink library does
            }
            cont.addresses().add(a.build());
            if (ip.gateway() != null) {
                if (Ip.isV4(ip.gateway()) && v4gw == null) {
                    v4gw = ip.gateway();
                } else if (!Ip.isV4(ip.gateway()) && v6gw == null) {
                    v6gw = ip.gateway();
                }
            }
        }
        contVeth.up();
        for (Result.RouteConfig r : routes) {
            boolean v4 = Ip.isV4(r.dst().address());
            InetAddress gw = r.gw() != null ? r.gw() : v4 ? v4gw : v6gw;
            Route route = Route.to(IpPrefix.of(Ip.network(r.dst()), r.dst().length())).dev(contVeth.index());
            if (gw != null) {
                route = route.via(gw);
            }
            cont.routes().add(route);
        }
    }

    /** The reference's ensureAddr for each gateway, then forwarding on for each family used. */
    private void gatewayOnBridge(Link br, List<Result.IpConfig> ips) {
        boolean v4 = false;
        boolean v6 = false;
        for (Result.IpConfig ip : ips) {
            if (ip.gateway() == null) {
                continue;
            }
            ensureAddress(br, IpPrefix.of(ip.gateway(), ip.address().length()));
            v4 |= ip.isV4();
            v6 |= !ip.isV4();
        }
        if (v4) {
            host.sysctl("net.ipv4.ip_forward", "1");
        }
        if (v6) {
            host.sysctl("net.ipv6.conf.all.forwarding", "1");
        }
    }

    private void ensureAddress(Link br, IpPrefix gw) {
        boolean v4 = Ip.isV4(gw.address());
        for (AddressInfo a : host.addresses().list(br.index())) {
            if (a.isIpv4() != v4) {
                continue;
            }
            IpPrefix have = IpPrefix.of(a.local() != null ? a.local() : a.address(), a.prefixLength());
            if (have.address().equals(gw.address()) && have.length() == gw.length()) {
                return;
            }
            // IPv4: one address per bridge. IPv6: several, unless their subnets overlap.
            if (v4 || Ip.contains(have, gw.address()) || Ip.contains(gw, have.address())) {
                if (conf.forceAddress()) {
                    host.addresses().delete(a);
                } else {
                    throw new CniException(CniException.INTERNAL, "failed to set bridge addr: \"" + conf.bridge()
                            + "\" already has an IP address different from " + Ip.format(gw));
                }
            }
        }
        AddressSpec.Builder a = AddressSpec.builder().link(br.index()).prefix(gw);
        if (v4 && gw.length() < 31) {
            a = a.broadcastDerived();
        }
        try {
            host.addresses().add(a.build());
        } catch (AlreadyExistsException raced) {
            // a concurrent ADD of the same network added it
        }
        // Pin the bridge's MAC: otherwise it follows the lowest port MAC and changes as ports churn.
        String mac = br.info().mac();
        if (mac != null) {
            br.mac(mac);
        }
    }

    /** Waits (as the reference does) until the new bridge port is up; returns its final state. */
    private LinkInfo waitForwarding(Link hostVeth) {
        LinkInfo l = null;
        for (int ms : PORT_WAIT_MS) {
            sleep(ms);
            l = hostVeth.info();
            if (l.operState() == OperState.UP) {
                return l;
            }
        }
        throw new CniException(CniException.INTERNAL, "bridge port in error state: "
                + l.operState().name().toLowerCase(Locale.ROOT));
    }

    private static void sleep(int ms) {
        if (ms == 0) {
            return;
        }
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CniException(CniException.INTERNAL, "interrupted");
        }
    }

    // ---- DEL -------------------------------------------------------------------------------------

    void del() {
        try {
            if (!env.netns().isEmpty() && Sandbox.exists(env.netns())) {
                try (Netns cont = Sandbox.open(env.netns())) {
                    Trace.step("container namespace opened");
                    Optional<LinkInfo> l = cont.linkService().find(env.ifName());
                    if (l.isPresent()) {
                        try {
                            cont.linkService().delete(l.get().index());   // the host end goes with it
                        } catch (NoSuchDeviceException gone) {
                            // a concurrent DEL was faster
                        }
                    }
                }
            }
            Trace.step("veth deleted");
            if (!conf.ipamType().isEmpty()) {
                Delegate.find(conf.ipamType(), env.path()).run("DEL", conf.raw());
            }
            Trace.step("IPAM DEL");
            new NatState(NfTables.in(host)).remove(conf.name(), env.containerId(), env.ifName());
            Trace.step("nf_tables");
        } catch (NetlinkException e) {
            throw new CniException(CniException.INTERNAL, e.getMessage(), NatState.kernelText(e), e);
        }
    }

    // ---- CHECK -----------------------------------------------------------------------------------

    void check() {
        Result prev = conf.prevResult();
        if (prev == null) {
            throw new CniException(CniException.INTERNAL, "Required prevResult missing");
        }
        if (!conf.ipamType().isEmpty()) {
            Delegate.find(conf.ipamType(), env.path()).run("CHECK", conf.raw());
        }
        int contIndex = -1;
        for (int i = 0; i < prev.interfaces.size(); i++) {
            Result.Iface f = prev.interfaces.get(i);
            if (f.name().equals(env.ifName()) && f.sandbox() != null) {
                if (!f.sandbox().equals(env.netns())) {
                    throw fail("Sandbox in prevResult " + f.sandbox() + " doesn't match configured netns: " + env.netns());
                }
                contIndex = i;
            }
        }
        if (contIndex < 0) {
            throw fail("Sandbox interface " + env.ifName() + " not found in prevResult");
        }
        try (Netns cont = Sandbox.open(env.netns())) {
            LinkInfo c = cont.linkService().find(env.ifName())
                    .orElseThrow(() -> fail("Container interface " + env.ifName() + " not found"));
            if (!"veth".equals(c.kind())) {
                throw fail("Container interface " + env.ifName() + " is not a veth (" + c.kind() + ")");
            }
            String mac = prev.interfaces.get(contIndex).mac();
            if (!mac.isEmpty() && !mac.equalsIgnoreCase(c.mac())) {
                throw fail("Interface " + env.ifName() + " Mac " + mac + " doesn't match container Mac: " + c.mac());
            }
            List<AddressInfo> addrs = cont.addresses().list(c.index());
            for (Result.IpConfig ip : prev.ips) {
                if (ip.iface() == null || ip.iface() != contIndex) {
                    continue;
                }
                boolean found = addrs.stream().anyMatch(a -> a.prefixLength() == ip.address().length()
                        && ip.address().address().equals(a.local() != null ? a.local() : a.address()));
                if (!found) {
                    throw fail("Failed to match addr " + Ip.format(ip.address()) + " on interface " + env.ifName());
                }
            }
            List<RouteInfo> routes = cont.routes().list();
            for (Result.RouteConfig r : prev.routes) {
                InetAddress net = Ip.network(r.dst());
                boolean found = routes.stream().anyMatch(x -> x.destinationLength() == r.dst().length()
                        && (x.destination() == null ? r.dst().length() == 0 : x.destination().equals(net))
                        && (r.gw() == null || r.gw().equals(x.gateway())));
                if (!found) {
                    throw fail("Failed to match route " + r.json() + " in container " + env.netns());
                }
            }
        }
        LinkInfo br = host.linkService().find(conf.bridge())
                .orElseThrow(() -> fail("Error: bridge " + conf.bridge() + " not found"));
        checkIsBridge(br);
        for (Result.Iface f : prev.interfaces) {
            if (f.sandbox() == null && !f.name().equals(conf.bridge())) {
                LinkInfo v = host.linkService().find(f.name())
                        .orElseThrow(() -> fail("Host interface " + f.name() + " not found"));
                if (v.master() != br.index()) {
                    throw fail("Interface " + f.name() + " is not attached to bridge " + conf.bridge());
                }
            }
        }
        if (conf.ipMasq() && new NatState(NfTables.in(host)).existing(conf.name(), env.containerId(), env.ifName())
                .stream().noneMatch(n -> n.startsWith("masq/"))) {
            throw fail("ipMasq: no masquerade chain for container " + env.containerId());
        }
    }

    private static CniException fail(String msg) {
        return new CniException(CniException.INTERNAL, msg);
    }

    // ---- STATUS, GC ------------------------------------------------------------------------------

    /** STATUS: ready when the IPAM plugin is there (and says so itself if it speaks 1.1.0). */
    void status() {
        if (conf.ipamType().isEmpty()) {
            return;
        }
        Delegate ipam;
        try {
            ipam = Delegate.find(conf.ipamType(), env.path());
        } catch (CniException e) {
            throw new CniException(CniException.PLUGIN_NOT_AVAILABLE, "IPAM plugin not available", e.getMessage());
        }
        if (ipam.supportedVersions().contains("1.1.0")) {
            ipam.run("STATUS", conf.raw());
        }
    }

    /** GC: removes the nf_tables state of attachments not in {@code valid}; IPAM's too if it speaks 1.1.0. */
    void gc(Set<String> valid) {
        try {
            new NatState(NfTables.in(host)).collect(conf.name(), valid);
        } catch (NetlinkException e) {
            throw new CniException(CniException.INTERNAL, e.getMessage(), NatState.kernelText(e), e);
        }
        if (!conf.ipamType().isEmpty()) {
            Delegate ipam = Delegate.find(conf.ipamType(), env.path());
            if (ipam.supportedVersions().contains("1.1.0")) {
                ipam.run("GC", conf.raw());
            }
        }
    }
}
