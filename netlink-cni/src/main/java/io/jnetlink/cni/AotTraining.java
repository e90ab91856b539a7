package io.jnetlink.cni;

import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.nft.NfTables;
import io.jnetlink.rtnl.Netns;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The training run of the plugin's JDK AOT cache ({@code jnetlink-bridge.aot}, JEP 483/514/515):
 * the build runs this once with {@code -XX:AOTCacheOutput}, and the JVM stores the classes it
 * loaded and linked and the profiles of the methods it ran, which every later call of the plugin
 * then maps instead of loading them from the jar.
 *
 * <p>It goes through what a call does, with no privilege and without changing anything, so that it
 * runs the same on any build machine: CNI calls that end in the spec's errors (VERSION, malformed
 * JSON, an unsupported version, an IPAM plugin that is not there), the library's read side in this
 * process's own namespace (link, address and route dumps, a sysctl), the nf_tables transaction of
 * an attachment with masquerade and port mappings (built and encoded, not sent), a result
 * written as JSON, and a delegated plugin's process ({@code true}, which prints nothing). What it does not reach (the kernel's answers to changes) loads from the jar as
 * before.
 */
public final class AotTraining {
    private AotTraining() {}

    private static final String CONF = """
            {"cniVersion": "1.0.0", "name": "aot-training", "type": "jnetlink-bridge", "bridge": "aot0",
             "isDefaultGateway": true, "ipMasq": true, "hairpinMode": false, "mtu": 1500,
             "capabilities": {"portMappings": true},
             "runtimeConfig": {"portMappings": [{"hostPort": 8080, "containerPort": 80, "protocol": "tcp"},
                                                {"hostPort": 5353, "containerPort": 53, "protocol": "udp"}]},
             "ipam": {"type": "jnetlink-aot-training-no-such-ipam", "ranges": [[{"subnet": "10.99.0.0/24"}],
                      [{"subnet": "fd99::/64"}]], "routes": [{"dst": "0.0.0.0/0"}, {"dst": "::/0"}]}}
            """;

    /**
     * Runs the training workload; prints one line saying what it did.
     *
     * @param args none are read
     */
    public static void main(String[] args) {
        int calls = 0;
        calls += call("VERSION", "");
        calls += call("ADD", "{\"cniVersion\": ");
        calls += call("ADD", CONF.replace("\"1.0.0\"", "\"9.9.9\""));
        calls += call("ADD", CONF);
        calls += call("CHECK", CONF);
        calls += call("DEL", CONF);

        Netns self = Netns.self();
        int links = self.links().size();
        self.linkService().find("lo");
        self.addresses().list();
        self.routes().list();
        self.sysctl("net.ipv4.ip_forward");

        NetConf conf = NetConf.read(CONF.getBytes(StandardCharsets.UTF_8),
                Json.parseObject(CONF.getBytes(StandardCharsets.UTF_8), "network config"));
        CniEnv env = new CniEnv("ADD", "aot-training", "/run/netns/aot-training", "eth0", "", List.of());
        Result r = new Result();
        r.interfaces.add(new Result.Iface("aot0", "02:00:00:00:00:01", null));
        r.interfaces.add(new Result.Iface("veth0a0b0c0d", "02:00:00:00:00:02", null));
        r.interfaces.add(new Result.Iface("eth0", "02:00:00:00:00:03", env.netns()));
        r.ips.add(new Result.IpConfig(2, IpPrefix.parse("10.99.0.2/24"), Ip.address("10.99.0.1", "gateway")));
        r.ips.add(new Result.IpConfig(2, IpPrefix.parse("fd99::2/64"), Ip.address("fd99::1", "gateway")));
        r.addRoute(IpPrefix.parse("0.0.0.0/0"), Ip.address("10.99.0.1", "gateway"));
        String json = Json.write(r.toJson(conf.cniVersion()));
        Result.read(Json.parseObject(json.getBytes(StandardCharsets.UTF_8), "result"), "result");
        new NatState(NfTables.in(self)).plan(conf, env, r.ips);
        BridgePlugin.hostVethName();
        // A delegated plugin's process, as IPAM runs: true(1) prints nothing, so "no versions".
        for (String dir : List.of("/bin", "/usr/bin")) {
            if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, "true"))) {
                Delegate.find("true", List.of(dir)).supportedVersions();
                break;
            }
        }

        System.out.println("jnetlink-bridge AOT training: " + calls + " CNI calls, " + links
                + " links listed, one attachment's nf_tables transaction encoded");
    }

    /** One CNI call in this process, its output discarded; returns 1. */
    private static int call(String command, String stdin) {
        Map<String, String> env = new HashMap<>();
        env.put("CNI_COMMAND", command);
        env.put("CNI_CONTAINERID", "aot-training");
        env.put("CNI_NETNS", "/run/netns/jnetlink-aot-training-no-such-namespace");
        env.put("CNI_IFNAME", "eth0");
        env.put("CNI_PATH", "/nonexistent");
        Main.run(env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        return 1;
    }
}
