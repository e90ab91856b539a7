package io.jnetlink.cni;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnetlink.core.net.IpPrefix;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A CNI result (the spec's "ADD Success" object): interfaces, IPs, routes, DNS. Read from an IPAM
 * plugin or from {@code prevResult} in any shape since 0.3.0, written in the configuration's
 * version. Routes and DNS are kept as the JSON they came in, so fields this plugin does not act on
 * pass through unchanged.
 */
final class Result {
    /** An interface: {@code sandbox} is the container's namespace path, null for the host's. */
    record Iface(String name, String mac, String sandbox) {}

    /** An address; {@code iface} indexes {@link #interfaces}, or is null. */
    record IpConfig(Integer iface, IpPrefix address, InetAddress gateway) {
        boolean isV4() {
            return Ip.isV4(address.address());
        }
    }

    /** A route: destination and optional gateway, with the original JSON kept. */
    record RouteConfig(IpPrefix dst, InetAddress gw, ObjectNode json) {}

    final List<Iface> interfaces = new ArrayList<>();
    final List<IpConfig> ips = new ArrayList<>();
    final List<RouteConfig> routes = new ArrayList<>();
    ObjectNode dns = Json.NODES.objectNode();

    /** Reads a result of version 0.3.0 or later (what IPAM plugins and prevResult carry). */
    static Result read(JsonNode json, String what) {
        if (!json.isObject()) {
            throw new CniException(CniException.DECODING_FAILURE, what + " is not a JSON object");
        }
        Result r = new Result();
        for (JsonNode i : array(json, "interfaces", what)) {
            r.interfaces.add(new Iface(Json.string(i, "name", ""), Json.string(i, "mac", ""),
                    Json.string(i, "sandbox", null)));
        }
        for (JsonNode i : array(json, "ips", what)) {
            String address = Json.string(i, "address", null);
            if (address == null) {
                throw new CniException(CniException.DECODING_FAILURE, what + ": an IP without \"address\"");
            }
            String gw = Json.string(i, "gateway", null);
            JsonNode idx = i.get("interface");
            r.ips.add(new IpConfig(idx == null || idx.isNull() ? null : idx.asInt(),
                    Ip.prefix(address, "address in " + what),
                    gw == null ? null : Ip.address(gw, "gateway in " + what)));
        }
        for (JsonNode rt : array(json, "routes", what)) {
            String dst = Json.string(rt, "dst", null);
            if (dst == null) {
                throw new CniException(CniException.DECODING_FAILURE, what + ": a route without \"dst\"");
            }
            String gw = Json.string(rt, "gw", null);
            r.routes.add(new RouteConfig(Ip.prefix(dst, "route in " + what),
                    gw == null ? null : Ip.address(gw, "route gateway in " + what), ((ObjectNode) rt).deepCopy()));
        }
        ObjectNode dns = Json.object(json, "dns");
        if (dns != null) {
            r.dns = dns.deepCopy();
        }
        return r;
    }

    private static List<JsonNode> array(JsonNode json, String field, String what) {
        JsonNode a = json.get(field);
        if (a == null || a.isNull()) {
            return List.of();
        }
        if (!a.isArray()) {
            throw new CniException(CniException.DECODING_FAILURE, what + ": \"" + field + "\" is not an array");
        }
        List<JsonNode> out = new ArrayList<>();
        a.forEach(out::add);
        return out;
    }

    /** Adds a route {@code dst} via {@code gw} (either family). */
    void addRoute(IpPrefix dst, InetAddress gw) {
        ObjectNode o = Json.NODES.objectNode();
        o.put("dst", Ip.format(dst));
        if (gw != null) {
            o.put("gw", Ip.format(gw));
        }
        routes.add(new RouteConfig(dst, gw, o));
    }

    /** The result as the spec's JSON of {@code version}, fields in the order libcni prints them. */
    ObjectNode toJson(String version) {
        boolean legacy = !Versions.atLeast(version, "1.0.0");
        ObjectNode o = Json.NODES.objectNode();
        o.put("cniVersion", version);
        if (!interfaces.isEmpty()) {
            ArrayNode a = o.putArray("interfaces");
            for (Iface i : interfaces) {
                ObjectNode n = a.addObject();
                n.put("name", i.name());
                if (!i.mac().isEmpty()) {
                    n.put("mac", i.mac());
                }
                if (i.sandbox() != null && !i.sandbox().isEmpty()) {
                    n.put("sandbox", i.sandbox());
                }
            }
        }
        if (!ips.isEmpty()) {
            ArrayNode a = o.putArray("ips");
            for (IpConfig ip : ips) {
                ObjectNode n = a.addObject();
                if (legacy) {
                    n.put("version", ip.isV4() ? "4" : "6");
                }
                if (ip.iface() != null) {
                    n.put("interface", ip.iface());
                }
                n.put("address", Ip.format(ip.address()));
                if (ip.gateway() != null) {
                    n.put("gateway", Ip.format(ip.gateway()));
                }
            }
        }
        if (!routes.isEmpty()) {
            ArrayNode a = o.putArray("routes");
            for (RouteConfig r : routes) {
                a.add(r.json().deepCopy());
            }
        }
        o.set("dns", dns.deepCopy());
        return o;
    }
}
