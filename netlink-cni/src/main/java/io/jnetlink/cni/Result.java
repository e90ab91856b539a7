package io.jnetlink.cni;

import io.jnetlink.core.net.IpPrefix;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** A route: destination and optional gateway, with the original JSON object kept (never changed). */
    record RouteConfig(IpPrefix dst, InetAddress gw, Map<String, Object> json) {}

    final List<Iface> interfaces = new ArrayList<>();
    final List<IpConfig> ips = new ArrayList<>();
    final List<RouteConfig> routes = new ArrayList<>();
    /** The DNS object as it came (never changed). */
    Map<String, Object> dns = Map.of();

    /** Reads a result of version 0.3.0 or later (what IPAM plugins and prevResult carry). */
    static Result read(Object json, String what) {
        if (!(json instanceof Map<?, ?>)) {
            throw new CniException(CniException.DECODING_FAILURE, what + " is not a JSON object");
        }
        Map<String, Object> o = Json.asObject(json);
        Result r = new Result();
        for (Map<String, Object> i : objects(o, "interfaces", what)) {
            r.interfaces.add(new Iface(Json.string(i, "name", ""), Json.string(i, "mac", ""),
                    Json.string(i, "sandbox", null)));
        }
        for (Map<String, Object> i : objects(o, "ips", what)) {
            String address = Json.string(i, "address", null);
            if (address == null) {
                throw new CniException(CniException.DECODING_FAILURE, what + ": an IP without \"address\"");
            }
            String gw = Json.string(i, "gateway", null);
            Object idx = i.get("interface");
            if (idx != null && !(idx instanceof Integer)) {
                throw new CniException(CniException.DECODING_FAILURE, what + ": \"interface\" of an IP is not an integer");
            }
            r.ips.add(new IpConfig((Integer) idx, Ip.prefix(address, "address in " + what),
                    gw == null ? null : Ip.address(gw, "gateway in " + what)));
        }
        for (Map<String, Object> rt : objects(o, "routes", what)) {
            String dst = Json.string(rt, "dst", null);
            if (dst == null) {
                throw new CniException(CniException.DECODING_FAILURE, what + ": a route without \"dst\"");
            }
            String gw = Json.string(rt, "gw", null);
            r.routes.add(new RouteConfig(Ip.prefix(dst, "route in " + what),
                    gw == null ? null : Ip.address(gw, "route gateway in " + what), rt));
        }
        Map<String, Object> dns = Json.object(o, "dns");
        if (dns != null) {
            r.dns = dns;
        }
        return r;
    }

    /** The objects of array {@code field} (none if it is absent or null). */
    private static List<Map<String, Object>> objects(Map<String, Object> json, String field, String what) {
        Object a = json.get(field);
        if (a == null) {
            return List.of();
        }
        if (!(a instanceof List<?> list)) {
            throw new CniException(CniException.DECODING_FAILURE, what + ": \"" + field + "\" is not an array");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object e : list) {
            if (!(e instanceof Map<?, ?>)) {
                throw new CniException(CniException.DECODING_FAILURE, what + ": \"" + field + "\" holds a "
                        + Json.typeName(e) + ", not an object");
            }
            out.add(Json.asObject(e));
        }
        return out;
    }

    /** Adds a route {@code dst} via {@code gw} (either family). */
    void addRoute(IpPrefix dst, InetAddress gw) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("dst", Ip.format(dst));
        if (gw != null) {
            o.put("gw", Ip.format(gw));
        }
        routes.add(new RouteConfig(dst, gw, o));
    }

    /** The result as the spec's JSON of {@code version}, fields in the order libcni prints them. */
    Map<String, Object> toJson(String version) {
        boolean legacy = !Versions.atLeast(version, "1.0.0");
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("cniVersion", version);
        if (!interfaces.isEmpty()) {
            List<Object> a = new ArrayList<>();
            for (Iface i : interfaces) {
                Map<String, Object> n = new LinkedHashMap<>();
                n.put("name", i.name());
                if (!i.mac().isEmpty()) {
                    n.put("mac", i.mac());
                }
                if (i.sandbox() != null && !i.sandbox().isEmpty()) {
                    n.put("sandbox", i.sandbox());
                }
                a.add(n);
            }
            o.put("interfaces", a);
        }
        if (!ips.isEmpty()) {
            List<Object> a = new ArrayList<>();
            for (IpConfig ip : ips) {
                Map<String, Object> n = new LinkedHashMap<>();
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
                a.add(n);
            }
            o.put("ips", a);
        }
        if (!routes.isEmpty()) {
            List<Object> a = new ArrayList<>();
            for (RouteConfig r : routes) {
                a.add(r.json());
            }
            o.put("routes", a);
        }
        o.put("dns", dns);
        return o;
    }
}
