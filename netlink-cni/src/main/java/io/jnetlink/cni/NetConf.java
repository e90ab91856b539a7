package io.jnetlink.cni;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The network configuration of the reference {@code bridge} plugin, read from stdin. Fields the
 * plugin does not know are ignored, as the spec asks; fields it knows are checked for their type.
 *
 * @param raw          the configuration as received (handed unchanged to the IPAM plugin)
 * @param cniVersion   the configuration's version
 * @param name         the network's name
 * @param bridge       the bridge's name (default {@code cni0})
 * @param isGateway    give the bridge the gateway address(es) and enable forwarding
 * @param isDefaultGateway also add a default route in the container (implies isGateway)
 * @param forceAddress replace a different address of the bridge instead of failing
 * @param ipMasq       masquerade traffic from the container leaving its subnet
 * @param mtu          MTU of the bridge (when created) and of the veth, 0 for the kernel's default
 * @param hairpinMode  let the bridge send a frame back out of the port it came in on
 * @param promiscMode  set the bridge promiscuous
 * @param ipamType     the IPAM plugin's name, or "" for a layer-2-only network
 * @param dns          the configuration's DNS settings, or null
 * @param prevResult   the previous plugin's result (chaining, CHECK), or null
 * @param portMappings the {@code portMappings} runtime capability's entries
 */
record NetConf(byte[] raw, Map<String, Object> json, String cniVersion, String name, String bridge, boolean isGateway,
               boolean isDefaultGateway, boolean forceAddress, boolean ipMasq, int mtu, boolean hairpinMode,
               boolean promiscMode, String ipamType, Map<String, Object> dns, Result prevResult,
               List<PortMapping> portMappings) {

    /** One entry of {@code runtimeConfig.portMappings}. */
    record PortMapping(int hostPort, int containerPort, String protocol, String hostIP) {}

    /** Checks the version, name and fields of a configuration (the caller parsed its JSON). */
    static NetConf read(byte[] raw, Map<String, Object> json) {
        // libcni's order: the name first, then the version.
        String name = Json.string(json, "name", "");
        if (name.isEmpty()) {
            throw new CniException(CniException.INVALID_NETWORK_CONFIG, "missing network name");
        }
        if (!CniEnv.ID.matcher(name).matches()) {
            throw new CniException(CniException.INVALID_NETWORK_CONFIG, "invalid characters found in network name",
                    name);
        }
        String version = Versions.of(json);
        Versions.check(version);
        boolean hairpin = Json.bool(json, "hairpinMode");
        boolean promisc = Json.bool(json, "promiscMode");
        if (hairpin && promisc) {
            throw new CniException(CniException.INVALID_NETWORK_CONFIG,
                    "cannot set hairpin mode and promiscuous mode at the same time");
        }
        if (Json.bool(json, "macspoofchk")) {
            throw new CniException(CniException.UNSUPPORTED_FIELD, "unsupported field: macspoofchk",
                    "jnetlink-bridge does not implement MAC spoof checking (an nf_tables bridge-family filter); "
                            + "remove \"macspoofchk\" or use the reference bridge plugin");
        }
        if (Json.integer(json, "vlan", 0) != 0 || json.get("vlanTrunk") != null) {
            throw new CniException(CniException.UNSUPPORTED_FIELD, "unsupported field: vlan",
                    "jnetlink-bridge does not implement VLAN filtering on the bridge");
        }
        String bridge = Json.string(json, "bridge", "");
        if (bridge.isEmpty()) {
            bridge = "cni0";
        }
        try {
            CniEnv.validateInterfaceName(bridge);
        } catch (CniException e) {
            throw new CniException(CniException.INVALID_NETWORK_CONFIG, "invalid bridge name \"" + bridge + "\": "
                    + e.getMessage());
        }
        int mtu = Json.integer(json, "mtu", 0);
        if (mtu != 0 && (mtu < 68 || mtu > 65535)) {
            throw new CniException(CniException.INVALID_NETWORK_CONFIG, "invalid mtu " + mtu + " (68..65535)");
        }
        Map<String, Object> ipam = Json.object(json, "ipam");
        String ipamType = ipam == null ? "" : Json.string(ipam, "type", "");
        if (!ipamType.isEmpty() && (ipamType.contains("/") || ipamType.equals("..") || ipamType.equals("."))) {
            throw new CniException(CniException.INVALID_NETWORK_CONFIG, "invalid IPAM plugin name \"" + ipamType + "\"");
        }
        boolean defaultGw = Json.bool(json, "isDefaultGateway");
        Object prev = json.get("prevResult");
        Result prevResult = prev == null ? null : Result.read(prev, "prevResult");
        return new NetConf(raw, json, version, name, bridge, defaultGw || Json.bool(json, "isGateway"), defaultGw,
                Json.bool(json, "forceAddress"), Json.bool(json, "ipMasq"), mtu, hairpin, promisc, ipamType,
                Json.object(json, "dns"), prevResult, portMappings(json));
    }

    private static List<PortMapping> portMappings(Map<String, Object> json) {
        Map<String, Object> rc = Json.object(json, "runtimeConfig");
        Object a = rc == null ? null : rc.get("portMappings");
        if (a == null) {
            return List.of();
        }
        if (!(a instanceof List<?> list)) {
            throw Json.wrongType("runtimeConfig.portMappings", "an array", a);
        }
        List<PortMapping> out = new ArrayList<>();
        for (Object entry : list) {
            if (!(entry instanceof Map<?, ?>)) {
                throw Json.wrongType("runtimeConfig.portMappings[]", "an object", entry);
            }
            Map<String, Object> m = Json.asObject(entry);
            int host = Json.integer(m, "hostPort", 0);
            int cont = Json.integer(m, "containerPort", 0);
            String proto = Json.string(m, "protocol", "tcp").toLowerCase(java.util.Locale.ROOT);
            if (proto.isEmpty()) {
                proto = "tcp";
            }
            if (host < 1 || host > 65535 || cont < 1 || cont > 65535) {
                throw new CniException(CniException.INVALID_NETWORK_CONFIG,
                        "invalid port mapping " + Json.text(m) + ": hostPort and containerPort must be 1..65535");
            }
            if (!proto.equals("tcp") && !proto.equals("udp")) {
                throw new CniException(CniException.INVALID_NETWORK_CONFIG,
                        "invalid port mapping " + Json.text(m) + ": protocol must be tcp or udp");
            }
            String hostIp = Json.string(m, "hostIP", "");
            if (!hostIp.isEmpty()) {
                Ip.address(hostIp, "hostIP of a port mapping");
            }
            out.add(new PortMapping(host, cont, proto, hostIp));
        }
        return List.copyOf(out);
    }

    /** Whether the configuration's DNS settings say anything (the reference's dnsConfSet). */
    boolean hasDns() {
        if (dns == null) {
            return false;
        }
        for (String f : List.of("nameservers", "domain", "search", "options")) {
            Object v = dns.get(f);
            if (v != null && !(v instanceof String s && s.isEmpty()) && !(v instanceof List<?> l && l.isEmpty())) {
                return true;
            }
        }
        return false;
    }
}
