package io.jnetlink.cni;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code jnetlink-bridge}: a CNI plugin (spec 1.0/1.1) for the reference {@code bridge} plugin's
 * network configuration, built on jnetlink.
 *
 * <p>The runtime starts it once per call with CNI_COMMAND (ADD, DEL, CHECK, STATUS, VERSION, GC),
 * CNI_CONTAINERID, CNI_NETNS, CNI_IFNAME, CNI_ARGS and CNI_PATH in the environment and the network
 * configuration on stdin; it prints the result (or the spec's error object) on stdout and exits 0
 * (or 1). It acts on the network namespace it runs in (the bridge, the host end of the veth, the
 * nf_tables rules) and on the container's (CNI_NETNS).
 *
 * <pre>{@code
 * {"cniVersion": "1.0.0", "name": "mynet", "type": "jnetlink-bridge", "bridge": "cni0",
 *  "isGateway": true, "ipMasq": true,
 *  "ipam": {"type": "host-local", "subnet": "10.22.0.0/16", "routes": [{"dst": "0.0.0.0/0"}]}}
 * }</pre>
 */
public final class Main {
    private Main() {}

    /**
     * Runs one CNI call and exits with its status.
     *
     * @param args ignored: a CNI call is its environment and stdin
     */
    public static void main(String[] args) {
        Trace.step("main");
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        int status = run(System.getenv(), System.in, out);
        Trace.step("done");
        System.exit(status);
    }

    /**
     * Runs one CNI call: reads the environment and stdin, prints the result or the error object.
     *
     * @param environment the CNI_* variables (and any others, ignored)
     * @param stdin the network configuration
     * @param stdout where the result or the error object goes
     * @return the exit status: 0 on success, 1 after an error object
     */
    public static int run(Map<String, String> environment, InputStream stdin, PrintStream stdout) {
        String version = Versions.CURRENT;
        try {
            CniEnv env = CniEnv.from(environment);
            if (env.command().equals("VERSION")) {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("cniVersion", Versions.CURRENT);
                v.put("supportedVersions", Versions.SUPPORTED);
                stdout.println(Json.write(v));
                return 0;
            }
            byte[] raw;
            try {
                raw = stdin.readAllBytes();
            } catch (IOException e) {
                throw new CniException(CniException.IO_FAILURE, "error reading from stdin: " + e.getMessage());
            }
            Map<String, Object> json = Json.parseObject(raw, "network config");
            Trace.step("config parsed");
            String v = Json.string(json, "cniVersion", "");
            if (Versions.SUPPORTED.contains(v)) {
                version = v;
            }
            NetConf conf = NetConf.read(raw, json);
            Trace.step("config checked");
            BridgePlugin plugin = new BridgePlugin(env, conf);
            Trace.step("config read");
            switch (env.command()) {
                case "ADD" -> stdout.println(Json.write(plugin.add().toJson(conf.cniVersion())));
                case "DEL" -> plugin.del();
                case "CHECK" -> {
                    requireAtLeast(conf, "0.4.0", "CHECK");
                    plugin.check();
                }
                case "STATUS" -> {
                    requireAtLeast(conf, "1.1.0", "STATUS");
                    plugin.status();
                }
                case "GC" -> {
                    requireAtLeast(conf, "1.1.0", "GC");
                    plugin.gc(validAttachments(json));
                }
                default -> throw new IllegalStateException(env.command());
            }
            return 0;
        } catch (CniException e) {
            stdout.println(Json.write(error(version, e.code(), e.getMessage(), e.details())));
            return 1;
        } catch (RuntimeException e) {
            stdout.println(Json.write(error(version, CniException.INTERNAL, String.valueOf(e.getMessage()), e.toString())));
            return 1;
        }
    }

    private static void requireAtLeast(NetConf conf, String version, String command) {
        if (!Versions.atLeast(conf.cniVersion(), version)) {
            throw new CniException(CniException.INCOMPATIBLE_VERSION, "config version does not allow " + command,
                    "config is \"" + conf.cniVersion() + "\", " + command + " needs " + version + " or later");
        }
    }

    /** GC's {@code cni.dev/valid-attachments}: "containerID/ifname" strings. */
    private static Set<String> validAttachments(Map<String, Object> json) {
        Set<String> valid = new HashSet<>();
        List<Object> a = Json.array(json, "cni.dev/valid-attachments");
        if (a != null) {
            for (Object e : a) {
                if (!(e instanceof Map<?, ?>)) {
                    throw Json.wrongType("cni.dev/valid-attachments[]", "an object", e);
                }
                Map<String, Object> o = Json.asObject(e);
                valid.add(Json.string(o, "containerID", "") + "/" + Json.string(o, "ifname", ""));
            }
        }
        return valid;
    }

    static Map<String, Object> error(String version, int code, String msg, String details) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("cniVersion", version);
        o.put("code", code);
        o.put("msg", msg);
        if (details != null && !details.isEmpty()) {
            o.put("details", details);
        }
        return o;
    }
}
