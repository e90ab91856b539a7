package io.jnetlink.rtnl.route;

import static io.jnetlink.core.codec.Netlink.NLM_F_CREATE;
import static io.jnetlink.core.codec.Netlink.NLM_F_EXCL;
import static io.jnetlink.core.codec.Netlink.NLM_F_REPLACE;
import static io.jnetlink.rtnl.route.Rt.RTM_DELROUTE;
import static io.jnetlink.rtnl.route.Rt.RTM_NEWROUTE;

import io.jnetlink.core.Errno;
import io.jnetlink.core.NetlinkException;
import io.jnetlink.core.NoSuchDeviceException;
import io.jnetlink.core.socket.NetlinkSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Routes by the thousand, as a routing daemon installs a full table: add, replace, delete and
 * flush with many requests in each send and one answer per route ({@link Routes#bulk()}).
 *
 * <p>Each call writes up to {@value #PER_SEND} requests into one datagram, sends it, and reads
 * every ACK before writing the next, so little but the kernel's own work is left of a route's
 * cost. A route the kernel refuses does not stop the batch: its error, with the kernel's reason
 * (the extended ACK, {@link NetlinkException#extAckMessage()}), is reported in the {@link Result}
 * under the route's position in the list, and every other route is still installed. A route
 * naming a link that does not exist is reported the same way without being sent; each distinct
 * link name is looked up once per call, not once per route.
 *
 * <pre>{@code
 * BulkRoutes bulk = ns.routes().bulk();
 * BulkRoutes.Result<Route> r = bulk.add(routes);              // e.g. 100,000 routes
 * for (BulkRoutes.Failure<Route> f : r.failures()) {
 *     log.warn("route #{} {} refused: {}", f.index(), f.route(), f.error().getMessage());
 * }
 * bulk.flush(RouteProtocol.STATIC, Routes.TABLE_MAIN);        // ip route flush proto static
 * }</pre>
 *
 * <p>Not atomic: rtnetlink has no transactions, so the routes that succeeded stay when others
 * fail (which is why each one is reported).
 */
public final class BulkRoutes {
    /**
     * Requests per send. Each ACK is a datagram of its own that holds about 768 bytes of the
     * socket's receive buffer until it is read (an error with extended-ACK text more), and the
     * kernel drops an ACK that does not fit. The library asks for 4 MiB, but without
     * CAP_NET_ADMIN over the host (rootless) the buffer stays at rmem_max, 416 KiB by default:
     * 256 ACKs fit that with room to spare. More per send would save little: the send is one
     * system call per 256 routes, against one receive per ACK.
     */
    public static final int PER_SEND = 256;
    private static final int[] NO_HOPS = new int[0];

    private final NetlinkSocket rtnl;
    private final Routes routes;

    BulkRoutes(NetlinkSocket rtnl, Routes routes) {
        this.rtnl = Objects.requireNonNull(rtnl, "rtnl");
        this.routes = Objects.requireNonNull(routes, "routes");
    }

    /**
     * One route that was refused.
     *
     * @param index the route's position in the list given (for a flush, in the routes found)
     * @param route the route
     * @param error why: the kernel's error with its extended ACK, or the library's
     *              {@link NoSuchDeviceException} for a link name that resolves to nothing
     * @param <R> the type of the routes (spec or listed)
     */
    public record Failure<R>(int index, R route, NetlinkException error) {
        @Override
        public String toString() {
            return "#" + index + " " + route + ": " + error.getMessage();
        }
    }

    /**
     * What a bulk call did.
     *
     * @param requested how many routes it was given (for a flush: found)
     * @param succeeded how many the kernel accepted
     * @param failures  each refusal, in list order
     * @param <R> the type of the routes (spec or listed)
     */
    public record Result<R>(int requested, int succeeded, List<Failure<R>> failures) {
        /** Keeps a copy of {@code failures}. */
        public Result {
            failures = List.copyOf(failures);
        }

        /** {@return whether every route was accepted} */
        public boolean ok() {
            return failures.isEmpty();
        }

        /** {@return this result, or the first failure's error thrown if there was one} */
        public Result<R> orThrow() {
            if (!failures.isEmpty()) {
                throw failures.get(0).error();
            }
            return this;
        }
    }

    /**
     * Adds every route (RTM_NEWROUTE with NLM_F_CREATE|NLM_F_EXCL, as {@code ip route add}); a
     * route that exists already fails alone (EEXIST).
     *
     * @param list the routes, in order
     * @return what was done, with a failure per refused route
     */
    public Result<Route> add(List<Route> list) {
        return send("add", RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, list);
    }

    /**
     * Adds or replaces every route (NLM_F_CREATE|NLM_F_REPLACE, as {@code ip route replace}).
     *
     * @param list the routes, in order
     * @return what was done, with a failure per refused route
     */
    public Result<Route> replace(List<Route> list) {
        return send("replace", RTM_NEWROUTE, NLM_F_CREATE | NLM_F_REPLACE, list);
    }

    /**
     * Deletes every route (RTM_DELROUTE, as {@code ip route del}): what a route leaves out matches
     * any; one that does not exist fails alone (ESRCH).
     *
     * @param list the routes, in order
     * @return what was done, with a failure per refused route
     */
    public Result<Route> delete(List<Route> list) {
        return send("delete", RTM_DELROUTE, 0, list);
    }

    /**
     * Deletes the IPv4 and IPv6 routes of {@code table} that {@code protocol} installed, as
     * {@code ip route flush proto P table T}: one dump, then the deletes, {@value #PER_SEND} per
     * send, each matching its listed route exactly. A route that vanished between the dump and
     * its delete (ESRCH) counts as deleted.
     *
     * @param protocol the routes' origin ({@link RouteProtocol#STATIC}, a daemon's own number);
     *                 null for every protocol
     * @param table    one table ({@link Routes#TABLE_MAIN}, ...), not {@link Routes#TABLE_ALL}
     * @return what was done, with a failure per refused route
     */
    public Result<RouteInfo> flush(RouteProtocol protocol, int table) {
        if (table == Routes.TABLE_ALL) {
            throw new IllegalArgumentException("flush one table at a time: TABLE_ALL would take the kernel's"
                    + " local table too");
        }
        List<RouteInfo> found = new ArrayList<>();
        for (RouteInfo r : routes.list(0, table)) {
            if (protocol == null || protocol.equals(r.protocol())) {
                found.add(r);
            }
        }
        String op = "flush routes" + (protocol != null ? " of protocol " + protocol : "") + " in table "
                + Integer.toUnsignedString(table);
        List<Failure<RouteInfo>> failures = new ArrayList<>();
        int ok = 0;
        for (int from = 0; from < found.size(); from += PER_SEND) {
            int start = from;
            int end = Math.min(found.size(), from + PER_SEND);
            NetlinkException[] errs = rtnl.pipeline(op, w -> {
                for (int i = start; i < end; i++) {
                    Routes.encodeDelete(w, found.get(i));
                }
            }, null);
            for (int k = 0; k < errs.length; k++) {
                NetlinkException e = errs[k];
                if (e == null || e.errno() == Errno.ESRCH) {
                    ok++;
                } else {
                    failures.add(new Failure<>(start + k, found.get(start + k), e));
                }
            }
        }
        return new Result<>(found.size(), ok, failures);
    }

    private Result<Route> send(String verb, int type, int flags, List<Route> list) {
        Objects.requireNonNull(list, "routes");
        int n = list.size();
        int[] oif = new int[n];
        int[][] hops = new int[n][];
        List<Failure<Route>> failures = new ArrayList<>();
        resolve(verb, list, oif, hops, failures);
        String op = verb + " " + n + " routes";
        int ok = 0;
        int[] batch = new int[PER_SEND];
        int next = 0;
        while (next < n) {
            // the next PER_SEND routes that can be sent (those with a missing link are skipped)
            int count = 0;
            while (next < n && count < PER_SEND) {
                if (hops[next] != null) {
                    batch[count++] = next;
                }
                next++;
            }
            if (count == 0) {
                break;
            }
            int c = count;
            NetlinkException[] errs = rtnl.pipeline(op, w -> {
                for (int k = 0; k < c; k++) {
                    int at = batch[k];
                    Routes.encode(w, type, flags, list.get(at), oif[at], hops[at]);
                }
            }, null);
            for (int k = 0; k < c; k++) {
                if (errs[k] == null) {
                    ok++;
                } else {
                    failures.add(new Failure<>(batch[k], list.get(batch[k]), errs[k]));
                }
            }
        }
        failures.sort(java.util.Comparator.comparingInt(Failure::index));
        return new Result<>(n, ok, failures);
    }

    /**
     * Fills in each route's link index and its nexthops' (from the route, or from one lookup per
     * distinct name). A route whose link does not exist becomes a failure, and its {@code hops}
     * entry stays null: it is not sent.
     */
    private void resolve(String verb, List<Route> list, int[] oif, int[][] hops, List<Failure<Route>> failures) {
        Map<String, Integer> indexes = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            Route r = Objects.requireNonNull(list.get(i), "route #" + i);
            String missing = null;
            oif[i] = r.ifindex();
            if (r.linkName() != null) {
                oif[i] = index(indexes, r.linkName());
                missing = oif[i] == 0 ? r.linkName() : null;
            }
            List<Route.Hop> h = r.nexthops();
            int[] x = h.isEmpty() ? NO_HOPS : new int[h.size()];
            for (int k = 0; k < x.length && missing == null; k++) {
                Route.Hop hop = h.get(k);
                x[k] = hop.linkName() != null ? index(indexes, hop.linkName()) : hop.ifindex();
                missing = x[k] == 0 && hop.linkName() != null ? hop.linkName() : null;
            }
            if (missing != null) {
                failures.add(new Failure<>(i, r, NoSuchDeviceException.named(verb + " route " + r, missing)));
            } else {
                hops[i] = x;
            }
        }
    }

    /** The index of link {@code name}, 0 if there is none; looked up once per call and name. */
    private int index(Map<String, Integer> cache, String name) {
        Integer known = cache.get(name);
        if (known == null) {
            known = routes.linkIndexOrZero(name);
            cache.put(name, known);
        }
        return known;
    }
}
