package io.jnetlink.nft;

import io.jnetlink.nft.expr.Counter;
import io.jnetlink.nft.expr.CtSet;
import io.jnetlink.nft.expr.Ct;
import io.jnetlink.nft.expr.Expressions;
import io.jnetlink.nft.expr.Immediate;
import io.jnetlink.nft.expr.Limit;
import io.jnetlink.nft.expr.Log;
import io.jnetlink.nft.expr.Lookup;
import io.jnetlink.nft.expr.Masq;
import io.jnetlink.nft.expr.Meta;
import io.jnetlink.nft.expr.MetaSet;
import io.jnetlink.nft.expr.NatExpr;
import io.jnetlink.nft.expr.Quota;
import io.jnetlink.nft.expr.Redir;
import io.jnetlink.nft.expr.Reject;
import io.jnetlink.nft.expr.Verdict;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Map;

/**
 * One statement of a {@link RuleSpec}, as nft reads it: a {@link Match}, or an action (a verdict,
 * counter, limit, quota, log, reject, mark, NAT). Each renders as {@code nft} prints it and encodes
 * into the expressions nft generates for that text.
 */
public sealed interface Statement
        permits Match, Statement.Decision, Statement.Count, Statement.RateLimit, Statement.ByteQuota,
                Statement.LogTo, Statement.RejectWith, Statement.SetMark, Statement.Translate,
                Statement.Masquerade, Statement.Redirect, Statement.VerdictMap, Statement.TranslateMap {

    // ---- factories -------------------------------------------------------------------------

    /**
     * {@code accept}.
     *
     * @return the statement
     */
    static Decision accept() {
        return new Decision(Verdict.Code.ACCEPT, null);
    }

    /**
     * {@code drop}.
     *
     * @return the statement
     */
    static Decision drop() {
        return new Decision(Verdict.Code.DROP, null);
    }

    /**
     * {@code return}.
     *
     * @return the statement
     */
    static Decision ret() {
        return new Decision(Verdict.Code.RETURN, null);
    }

    /**
     * {@code jump CHAIN}.
     *
     * @param chain the chain to jump to
     * @return the statement
     */
    static Decision jump(String chain) {
        return new Decision(Verdict.Code.JUMP, chain);
    }

    /**
     * {@code goto CHAIN}.
     *
     * @param chain the chain to go to
     * @return the statement
     */
    static Decision goTo(String chain) {
        return new Decision(Verdict.Code.GOTO, chain);
    }

    /**
     * {@code counter}.
     *
     * @return the statement
     */
    static Count counter() {
        return new Count();
    }

    /**
     * {@code limit rate RATE/UNIT [burst BURST packets]} (nft's default burst is 5 packets).
     *
     * @param packets the packets per unit
     * @param per the unit
     * @param burst the packets let through at once beyond the rate
     * @return the statement
     */
    static RateLimit limit(long packets, RateLimit.Per per, long burst) {
        return new RateLimit(packets, per, burst, false, false);
    }

    /**
     * {@code FIELD[ . FIELD...] vmap @MAP}: the verdict the fields' values map to in named map {@code map}.
     *
     * @param map the named verdict map of the table
     * @param fields what of the packet is looked up, in the map's key order
     * @return the statement
     */
    static VerdictMap vmap(String map, SetField... fields) {
        return new VerdictMap(java.util.List.of(fields), map, null);
    }

    /**
     * {@code FIELD[ . FIELD...] vmap { K : VERDICT, ... }}: an anonymous verdict map of the rule;
     * {@code verdicts} maps keys to {@code accept}, {@code drop}, {@code jump CHAIN}, ... (in any order).
     *
     * @param verdicts the map's keys and verdicts
     * @param fields what of the packet is looked up, in the key order
     * @return the statement
     */
    static VerdictMap vmap(java.util.Map<String, String> verdicts, SetField... fields) {
        java.util.List<SetField> f = java.util.List.of(fields);
        return new VerdictMap(f, null, new SetLiteral(f, true, verdicts.entrySet().stream()
                .map(e -> SetElement.mapping(e.getKey(), e.getValue())).toList()));
    }

    /**
     * {@code dnat ip|ip6 to FIELD[ . FIELD...] map @MAP}: destination NAT to the address (and, with
     * {@code withPort}, the port) the fields' values map to in data map {@code map}, whose values are
     * {@code ipv4_addr} / {@code ipv6_addr} (with ports {@code ADDR . inet_service}).
     *
     * @param v6 true for {@code ip6}, false for {@code ip}
     * @param map the named data map of the table
     * @param withPort true if the map's values carry a port
     * @param fields what of the packet is looked up, in the map's key order
     * @return the statement
     */
    static TranslateMap dnatMap(boolean v6, String map, boolean withPort, SetField... fields) {
        return new TranslateMap(true, !v6, java.util.List.of(fields), map, withPort);
    }

    // ---- the actions -------------------------------------------------------------------------

    /**
     * {@code FIELDS vmap @MAP} or {@code FIELDS vmap { K : V, ... }}: jumps to (or accepts, drops,
     * ...) what the fields' values map to; packets whose values are not in the map go on.
     *
     * @param fields  the fields, concatenated in this order
     * @param map     the named verdict map, or null
     * @param literal the anonymous verdict map, or null
     */
    record VerdictMap(java.util.List<SetField> fields, String map, SetLiteral literal) implements Statement {
        /** Checks the components and keeps copies of the mutable ones. */
        public VerdictMap {
            if (fields == null || fields.isEmpty()) {
                throw new IllegalArgumentException("a verdict map needs the fields it looks up");
            }
            fields = java.util.List.copyOf(fields);
            if ((map == null) == (literal == null)) {
                throw new IllegalArgumentException(SetField.text(fields) + " vmap: a named map or elements, not both");
            }
            if (map != null) {
                Names.object("map", map);
            } else if (!literal.fields().equals(fields) || !literal.verdictMap()) {
                throw new IllegalArgumentException(SetField.text(fields) + " vmap: the anonymous map is not a verdict "
                        + "map keyed by these fields");
            }
        }

        void encode(Linearizer l) {
            SetField.load(l, fields, toString());
            int id = literal != null ? l.literal(literal) : 0;
            l.add(new Lookup(literal != null ? literal.wireName() : map, Expressions.REG_1, Expressions.REG_VERDICT, 0,
                    id));
        }

        static VerdictMap parse(Delinearizer d) {
            int[] end = new int[3];
            java.util.List<SetField> f = SetField.parse(d, end);
            if (f == null || !(d.at(end[0]) instanceof Lookup lk) || lk.source() != Expressions.REG_1
                    || lk.destination() != Expressions.REG_VERDICT || lk.flags() != 0) {
                return null;
            }
            SetLiteral literal = d.literal(lk.set(), f, true);
            if (literal == null && Delinearizer.isAnonymous(lk.set())) {
                return null;
            }
            d.take(end[0] + 1, end[1], end[2]);
            return new VerdictMap(f, literal == null ? lk.set() : null, literal);
        }

        @Override
        public String toString() {
            return SetField.text(fields) + " vmap " + (map != null ? "@" + map : literal.toString());
        }
    }

    /**
     * {@code snat|dnat ip|ip6 to FIELDS map @MAP}: NAT to the address (and port) that the fields'
     * values map to in a data map.
     *
     * @param destination true for dnat, false for snat
     * @param v4          true for IPv4 ({@code ip}), false for IPv6
     * @param fields      the fields looked up, concatenated in this order
     * @param map         the data map: values {@code ipv4_addr|ipv6_addr} or, with ports, {@code ... . inet_service}
     * @param withPort    true when the map's values carry a port
     */
    record TranslateMap(boolean destination, boolean v4, java.util.List<SetField> fields, String map,
                        boolean withPort) implements Statement {
        /** Checks the components and keeps copies of the mutable ones. */
        public TranslateMap {
            if (fields == null || fields.isEmpty()) {
                throw new IllegalArgumentException("a NAT map needs the fields it looks up");
            }
            fields = java.util.List.copyOf(fields);
            Names.object("map", map);
        }

        void encode(Linearizer l) {
            SetField.load(l, fields, toString());
            requireTransport(l, withPort ? 1 : 0, toString());
            l.add(new Lookup(map, Expressions.REG_1, Expressions.REG_1, 0, 0));
            l.add(new NatExpr(destination ? NatExpr.Type.DNAT : NatExpr.Type.SNAT, v4 ? NatExpr.IPV4 : NatExpr.IPV6,
                    Expressions.REG_1, 0, withPort ? SetField.register(v4 ? 1 : 4) : 0, 0, 0));
        }

        static TranslateMap parse(Delinearizer d) {
            int[] end = new int[3];
            java.util.List<SetField> f = SetField.parse(d, end);
            int k = end[0];
            if (f == null || !(d.at(k) instanceof Lookup lk) || lk.source() != Expressions.REG_1
                    || lk.destination() != Expressions.REG_1 || lk.flags() != 0 || Delinearizer.isAnonymous(lk.set())
                    || !(d.at(k + 1) instanceof NatExpr nat) || nat.addressMin() != Expressions.REG_1
                    || (nat.addressMax() != 0 && nat.addressMax() != nat.addressMin())) {
                return null;
            }
            boolean v4 = nat.family() == NatExpr.IPV4;
            int port = SetField.register(v4 ? 1 : 4);
            boolean withPort = nat.portMin() != 0;
            if ((withPort && (nat.portMin() != port || (nat.portMax() != 0 && nat.portMax() != port)))
                    || (!withPort && nat.portMax() != 0)
                    || (nat.flags() & ~(NatExpr.MAP_IPS | NatExpr.PROTO_SPECIFIED)) != 0) {
                return null;
            }
            d.take(k + 2, end[1], end[2]);
            return new TranslateMap(nat.type() == NatExpr.Type.DNAT, v4, f, lk.set(), withPort);
        }

        @Override
        public String toString() {
            return (destination ? "dnat " : "snat ") + (v4 ? "ip" : "ip6") + " to " + SetField.text(fields) + " map @"
                    + map;
        }
    }

    /**
     * A verdict: {@code accept}, {@code drop}, {@code return}, {@code jump CHAIN}, {@code goto CHAIN},
     * {@code continue}.
     *
     * @param code  the verdict
     * @param chain the target of jump/goto, else null
     */
    record Decision(Verdict.Code code, String chain) implements Statement {
        /** Checks the components. */
        public Decision {
            new Verdict(code, chain); // the same checks
            if (chain != null) {
                Names.object("chain", chain);
            }
            if (code == Verdict.Code.QUEUE || code == Verdict.Code.BREAK) {
                throw new IllegalArgumentException(code + " is not a verdict a rule states");
            }
        }

        void encode(Linearizer l) {
            l.add(new Verdict(code, chain));
        }

        static Decision parse(Delinearizer d) {
            if (d.at(0) instanceof Verdict v && v.code() != Verdict.Code.QUEUE && v.code() != Verdict.Code.BREAK) {
                d.take(1);
                return new Decision(v.code(), v.chain());
            }
            return null;
        }

        @Override
        public String toString() {
            return code.name().toLowerCase() + (chain != null ? " " + chain : "");
        }
    }

    /** {@code counter}: counts packets and bytes (read them back from the rule). */
    record Count() implements Statement {
        void encode(Linearizer l) {
            l.add(Counter.zero());
        }

        static Count parse(Delinearizer d) {
            if (d.at(0) instanceof Counter) {
                d.take(1);
                return new Count();
            }
            return null;
        }

        @Override
        public String toString() {
            return "counter";
        }
    }

    /**
     * {@code limit rate [over] RATE/UNIT [burst BURST packets|bytes]}.
     *
     * @param rate  packets (or bytes) per unit
     * @param per   the unit
     * @param burst packets (or bytes) allowed at once beyond the rate; nft's default is 5 packets, 0 bytes
     * @param bytes true to limit bytes instead of packets
     * @param over  true to match what exceeds the rate
     */
    record RateLimit(long rate, Per per, long burst, boolean bytes, boolean over) implements Statement {
        /** The time unit of a rate. */
        public enum Per {
            /** A rate per second. */
            SECOND(1),
            /** A rate per minute. */
            MINUTE(60),
            /** A rate per hour. */
            HOUR(3600),
            /** A rate per day. */
            DAY(86400),
            /** A rate per week. */
            WEEK(604800);

            /** Its length in seconds. */
            public final long seconds;

            Per(long seconds) {
                this.seconds = seconds;
            }
        }

        /** Checks the components. */
        public RateLimit {
            if (per == null) {
                throw new IllegalArgumentException("limit needs a unit");
            }
            if (rate <= 0 || burst < 0 || burst > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("limit rate " + rate + " must be positive, burst " + burst
                        + " within 0..2^32-1");
            }
        }

        /** {@return the same limit matching what exceeds the rate ({@code limit rate over ...})} */
        public RateLimit exceeding() {
            return new RateLimit(rate, per, burst, bytes, true);
        }

        void encode(Linearizer l) {
            l.add(new Limit(rate, per.seconds, (int) burst, bytes, over));
        }

        static RateLimit parse(Delinearizer d) {
            if (d.at(0) instanceof Limit lim) {
                for (Per p : Per.values()) {
                    if (p.seconds == lim.seconds()) {
                        d.take(1);
                        return new RateLimit(lim.rate(), p, Integer.toUnsignedLong(lim.burst()), lim.bytes(), lim.over());
                    }
                }
            }
            return null;
        }

        @Override
        public String toString() {
            String unit = per.name().toLowerCase();
            StringBuilder sb = new StringBuilder("limit rate ").append(over ? "over " : "");
            if (bytes) {
                sb.append(byteSize(rate)).append('/').append(unit);
                if (burst != 0) {
                    sb.append(" burst ").append(byteSize(burst));
                }
            } else {
                sb.append(rate).append('/').append(unit);
                if (burst != 5) {
                    sb.append(" burst ").append(burst).append(" packets");
                }
            }
            return sb.toString();
        }
    }

    /** A byte count as nft prints it: the largest of bytes, kbytes, mbytes, gbytes that divides it. */
    private static String byteSize(long n) {
        String[] units = {"bytes", "kbytes", "mbytes", "gbytes"};
        int u = 0;
        while (u < units.length - 1 && n != 0 && n % 1024 == 0) {
            n /= 1024;
            u++;
        }
        return n + " " + units[u];
    }

    /**
     * {@code quota [over] BYTES}: matches until BYTES have passed (or, with over, after).
     *
     * @param bytes the quota
     * @param over  true to match once it is used up
     */
    record ByteQuota(long bytes, boolean over) implements Statement {
        /** Checks the components. */
        public ByteQuota {
            if (bytes <= 0) {
                throw new IllegalArgumentException("quota must be positive, got " + bytes);
            }
        }

        void encode(Linearizer l) {
            l.add(new Quota(bytes, 0, over));
        }

        static ByteQuota parse(Delinearizer d) {
            if (d.at(0) instanceof Quota q) {
                d.take(1);
                return new ByteQuota(q.bytes(), q.over());
            }
            return null;
        }

        @Override
        public String toString() {
            return "quota " + (over ? "over " : "") + byteSize(bytes);
        }
    }

    /**
     * {@code log [prefix "P"] [level L] [group G]}.
     *
     * @param prefix the line prefix, or null
     * @param level  the syslog level (0 emerg .. 7 debug, 8 audit), or -1 for the default (warn)
     * @param group  the nflog group, or -1 for the kernel log
     */
    record LogTo(String prefix, int level, int group) implements Statement {
        private static final String[] LEVELS = {"emerg", "alert", "crit", "err", "warn", "notice", "info", "debug",
                "audit"};

        /** Checks the components. */
        public LogTo {
            new Log(prefix, level, group, 0); // the same checks
        }

        void encode(Linearizer l) {
            l.add(new Log(prefix, level, group, 0));
        }

        static LogTo parse(Delinearizer d) {
            if (d.at(0) instanceof Log g && g.flags() == 0) {
                d.take(1);
                return new LogTo(g.prefix(), g.level(), g.group());
            }
            return null;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("log");
            if (prefix != null) {
                sb.append(" prefix \"").append(prefix).append('"');
            }
            if (level >= 0 && level != 4) {
                sb.append(" level ").append(LEVELS[level]);
            }
            if (group >= 0) {
                sb.append(" group ").append(group);
            }
            return sb.toString();
        }
    }

    /**
     * {@code reject [with tcp reset | with icmp|icmpv6|icmpx CODE]}. In an inet table a plain
     * {@code reject} is ICMPx port-unreachable; an ICMP (v4) or ICMPv6 code applies only to packets of
     * that family (nft adds {@code meta nfproto}); a TCP reset needs a TCP match before it.
     *
     * @param with the kind of answer
     * @param code the ICMP/ICMPv6/ICMPx code (0 for a TCP reset)
     */
    record RejectWith(With with, int code) implements Statement {
        /** The kind of answer. */
        public enum With {
            /** Reject with a TCP reset. */
            TCP_RESET,
            /** Reject with an ICMP (IPv4) error. */
            ICMP,
            /** Reject with an ICMPv6 error. */
            ICMPV6,
            /** Reject with an ICMP error of the packet's family (inet tables). */
            ICMPX
        }

        static final Map<Integer, String> ICMP = Map.of(0, "net-unreachable", 1, "host-unreachable",
                2, "prot-unreachable", 3, "port-unreachable", 9, "net-prohibited", 10, "host-prohibited",
                13, "admin-prohibited");
        static final Map<Integer, String> ICMPV6 = Map.of(0, "no-route", 1, "admin-prohibited",
                3, "addr-unreachable", 4, "port-unreachable", 5, "policy-fail", 6, "reject-route");
        static final Map<Integer, String> ICMPX = Map.of(0, "no-route", 1, "port-unreachable",
                2, "host-unreachable", 3, "admin-prohibited");

        /** Checks the components. */
        public RejectWith {
            if (with == null) {
                throw new IllegalArgumentException("reject needs a kind of answer");
            }
            if (code < 0 || code > 255 || (with == With.TCP_RESET && code != 0)
                    || (with == With.ICMPX && !ICMPX.containsKey(code))) {
                throw new IllegalArgumentException("reject with " + with + " code " + code + " is not valid");
            }
        }

        /**
         * {@code reject} (ICMPx port-unreachable, for any family).
         *
         * @return the statement
         */
        public static RejectWith plain() {
            return new RejectWith(With.ICMPX, 1);
        }

        /**
         * {@code reject with tcp reset}.
         *
         * @return the statement
         */
        public static RejectWith tcpReset() {
            return new RejectWith(With.TCP_RESET, 0);
        }

        private Reject expression() {
            return new Reject(switch (with) {
                case TCP_RESET -> Reject.Type.TCP_RST;
                case ICMP, ICMPV6 -> Reject.Type.ICMP_UNREACH;
                case ICMPX -> Reject.Type.ICMPX_UNREACH;
            }, code);
        }

        void encode(Linearizer l) {
            if (with == With.TCP_RESET && l.transport() != 6) {
                throw new IllegalArgumentException("reject with tcp reset needs a TCP match before it (for example "
                        + "meta l4proto tcp)");
            }
            if (with == With.ICMP || with == With.ICMPV6) {
                l.network(with == With.ICMP, toString());
            }
            l.add(expression());
        }

        static RejectWith parse(Delinearizer d) {
            if (d.at(0) instanceof Reject r && r.type() != Reject.Type.ICMP_UNREACH) {
                d.take(1);
                return new RejectWith(r.type() == Reject.Type.TCP_RST ? With.TCP_RESET : With.ICMPX, r.code());
            }
            int nfp = d.network();
            int k = nfp != 0 ? d.networkDep(nfp) : -1;
            if (k >= 0 && d.at(k) instanceof Reject r && r.type() == Reject.Type.ICMP_UNREACH) {
                d.take(k + 1, nfp, -1);
                return new RejectWith(nfp == Linearizer.NFPROTO_IPV6 ? With.ICMPV6 : With.ICMP, r.code());
            }
            return null;
        }

        @Override
        public String toString() {
            return switch (with) {
                case TCP_RESET -> "reject with tcp reset";
                case ICMPX -> code == 1 ? "reject" : "reject with icmpx " + ICMPX.get(code);
                case ICMPV6 -> "reject with icmpv6 " + ICMPV6.getOrDefault(code, Integer.toString(code));
                case ICMP -> "reject with icmp " + ICMP.getOrDefault(code, Integer.toString(code));
            };
        }
    }

    /**
     * {@code meta mark set V} or {@code ct mark set V}.
     *
     * @param conntrack true for the connection's mark, false for the packet's
     * @param value     the mark
     */
    record SetMark(boolean conntrack, int value) implements Statement {
        void encode(Linearizer l) {
            l.add(new Immediate(Expressions.REG_1, Values.host32(value)));
            l.add(conntrack ? new CtSet(Ct.Key.MARK, Expressions.REG_1) : new MetaSet(Meta.Key.MARK, Expressions.REG_1));
        }

        static SetMark parse(Delinearizer d) {
            if (d.at(0) instanceof Immediate i && i.value().length == 4) {
                boolean ct = d.at(1) instanceof CtSet c && c.key() == Ct.Key.MARK && c.register() == i.register();
                boolean meta = d.at(1) instanceof MetaSet m && m.key() == Meta.Key.MARK && m.register() == i.register();
                if (ct || meta) {
                    d.take(2);
                    return new SetMark(ct, Values.host32(i.value()));
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return (conntrack ? "ct mark set " : "meta mark set ") + String.format("0x%08x", value);
        }
    }

    /**
     * {@code snat|dnat ip|ip6 to ADDRESS[-LAST][:PORT[-LAST]]}.
     *
     * @param destination true for dnat, false for snat
     * @param first       the address (or the first of a range)
     * @param last        the last address of a range, or null
     * @param portFirst   the port (or first of a range), or 0 for the packet's own
     * @param portLast    the last port of a range, or 0
     */
    record Translate(boolean destination, InetAddress first, InetAddress last, int portFirst, int portLast)
            implements Statement {
        /** Checks the components. */
        public Translate {
            if (first == null) {
                throw new IllegalArgumentException((destination ? "dnat" : "snat") + " needs an address");
            }
            if (last != null && (last.getClass() != first.getClass()
                    || Arrays.compareUnsigned(first.getAddress(), last.getAddress()) >= 0)) {
                throw new IllegalArgumentException("address range " + first.getHostAddress() + "-"
                        + last.getHostAddress() + " must be ascending and of one family");
            }
            checkPorts(portFirst, portLast);
        }

        /**
         * {@code snat to ADDRESS}.
         *
         * @param address the new source address, IPv4 or IPv6
         * @return the statement
         */
        public static Translate snat(String address) {
            return new Translate(false, Addresses.literal(address, "snat address"), null, 0, 0);
        }

        /**
         * {@code dnat to ADDRESS:PORT} (port 0: keep the packet's).
         *
         * @param address the new destination address, IPv4 or IPv6
         * @param port the new destination port, or 0 to keep the packet's
         * @return the statement
         */
        public static Translate dnat(String address, int port) {
            return new Translate(true, Addresses.literal(address, "dnat address"), null, port, 0);
        }

        boolean v4() {
            return first instanceof Inet4Address;
        }

        void encode(Linearizer l) {
            requireTransport(l, portFirst, toString());
            int reg = Expressions.REG_1;
            int amin = reg;
            l.add(new Immediate(reg++, first.getAddress()));
            int amax = 0;
            if (last != null) {
                amax = reg;
                l.add(new Immediate(reg++, last.getAddress()));
            }
            int pmin = 0;
            int pmax = 0;
            if (portFirst != 0) {
                pmin = reg;
                l.add(new Immediate(reg++, Values.be16(portFirst)));
                if (portLast != 0) {
                    pmax = reg;
                    l.add(new Immediate(reg, Values.be16(portLast)));
                }
            }
            l.add(new NatExpr(destination ? NatExpr.Type.DNAT : NatExpr.Type.SNAT, v4() ? NatExpr.IPV4 : NatExpr.IPV6,
                    amin, amax, pmin, pmax, portFirst != 0 ? NatExpr.PROTO_SPECIFIED : 0));
        }

        static Translate parse(Delinearizer d) {
            int n = 0;
            while (d.at(n) instanceof Immediate) {
                n++;
            }
            if (n == 0 || !(d.at(n) instanceof NatExpr nat) || nat.addressMin() == 0) {
                return null;
            }
            byte[][] regs = new byte[24][];
            for (int i = 0; i < n; i++) {
                Immediate im = (Immediate) d.at(i);
                regs[im.register()] = im.value();
            }
            byte[] a = regs[nat.addressMin()];
            // the kernel reports an absent maximum as the minimum's register
            byte[] b = nat.addressMax() != 0 && nat.addressMax() != nat.addressMin() ? regs[nat.addressMax()] : null;
            byte[] p = nat.portMin() != 0 ? regs[nat.portMin()] : null;
            byte[] q = nat.portMax() != 0 && nat.portMax() != nat.portMin() ? regs[nat.portMax()] : null;
            int used = 1 + (b != null ? 1 : 0) + (p != null ? 1 : 0) + (q != null ? 1 : 0);
            int wantFlags = p != null ? NatExpr.PROTO_SPECIFIED : 0;
            if (a == null || !Values.isAddress(a) || (b != null && b.length != a.length) || used != n
                    || (p != null && p.length != 2) || (q != null && q.length != 2)
                    || (nat.flags() & ~NatExpr.MAP_IPS) != wantFlags
                    || (a.length == 4) != (nat.family() == NatExpr.IPV4)) {
                return null;
            }
            try {
                Translate t = new Translate(nat.type() == NatExpr.Type.DNAT, Values.address(a),
                        b != null ? Values.address(b) : null, p != null ? Values.u16(p) : 0, q != null ? Values.u16(q) : 0);
                d.take(n + 1);
                return t;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        @Override
        public String toString() {
            String addr = last == null ? (portFirst != 0 ? Values.bracketed(first) : Values.text(first))
                    : (portFirst != 0 ? Values.bracketed(first) + "-" + Values.bracketed(last)
                    : Values.text(first) + "-" + Values.text(last));
            return (destination ? "dnat " : "snat ") + (v4() ? "ip" : "ip6") + " to " + addr + ports(portFirst, portLast);
        }
    }

    /**
     * {@code masquerade [to :PORT[-LAST]]}: source NAT to the outgoing interface's address.
     *
     * @param portFirst the first source port, or 0 for any
     * @param portLast  the last source port, or 0
     */
    record Masquerade(int portFirst, int portLast) implements Statement {
        /** Checks the components. */
        public Masquerade {
            checkPorts(portFirst, portLast);
        }

        void encode(Linearizer l) {
            requireTransport(l, portFirst, toString());
            if (portFirst == 0) {
                l.add(Masq.plain());
                return;
            }
            l.add(new Immediate(Expressions.REG_1, Values.be16(portFirst)));
            if (portLast != 0) {
                l.add(new Immediate(Expressions.REG_2, Values.be16(portLast)));
            }
            l.add(new Masq(NatExpr.PROTO_SPECIFIED, Expressions.REG_1, portLast != 0 ? Expressions.REG_2 : 0));
        }

        static Masquerade parse(Delinearizer d) {
            int[] ports = portsBefore(d, Masq.class);
            if (ports == null) {
                return null;
            }
            d.take(ports[2]);
            return new Masquerade(ports[0], ports[1]);
        }

        @Override
        public String toString() {
            return "masquerade" + (portFirst != 0 ? " to " + ports(portFirst, portLast) : "");
        }
    }

    /**
     * {@code redirect [to :PORT[-LAST]]}: destination NAT to the host itself.
     *
     * @param portFirst the port, or 0 to keep the packet's
     * @param portLast  the last port of a range, or 0
     */
    record Redirect(int portFirst, int portLast) implements Statement {
        /** Checks the components. */
        public Redirect {
            checkPorts(portFirst, portLast);
        }

        void encode(Linearizer l) {
            requireTransport(l, portFirst, toString());
            if (portFirst == 0) {
                l.add(new Redir(0, 0, 0));
                return;
            }
            l.add(new Immediate(Expressions.REG_1, Values.be16(portFirst)));
            if (portLast != 0) {
                l.add(new Immediate(Expressions.REG_2, Values.be16(portLast)));
            }
            l.add(new Redir(NatExpr.PROTO_SPECIFIED, Expressions.REG_1, portLast != 0 ? Expressions.REG_2 : 0));
        }

        static Redirect parse(Delinearizer d) {
            int[] ports = portsBefore(d, Redir.class);
            if (ports == null) {
                return null;
            }
            d.take(ports[2]);
            return new Redirect(ports[0], ports[1]);
        }

        @Override
        public String toString() {
            return "redirect" + (portFirst != 0 ? " to " + ports(portFirst, portLast) : "");
        }
    }

    private static void checkPorts(int first, int last) {
        if (first < 0 || first > 65535 || last < 0 || last > 65535 || (last != 0 && (first == 0 || last <= first))) {
            throw new IllegalArgumentException("port range " + first + "-" + last
                    + ": ports 1..65535, a range ascending (0 = none)");
        }
    }

    private static void requireTransport(Linearizer l, int port, String what) {
        if (port != 0 && l.transport() < 0) {
            // nft: "transport protocol mapping is only valid after transport protocol match"
            throw new IllegalArgumentException(what + ": a port mapping is only valid after a transport protocol "
                    + "match (meta l4proto tcp, tcp dport ..., ...)");
        }
    }

    private static String ports(int first, int last) {
        return first == 0 ? "" : ":" + first + (last != 0 ? "-" + last : "");
    }

    /** {ports first, last, expressions used} of a masq/redir with immediates for its ports, or null. */
    private static int[] portsBefore(Delinearizer d, Class<?> kind) {
        int n = 0;
        while (d.at(n) instanceof Immediate i && i.value().length == 2) {
            n++;
        }
        int flags;
        int pmin;
        int pmax;
        if (d.at(n) instanceof Masq m && kind == Masq.class) {
            flags = m.flags();
            pmin = m.portMin();
            pmax = m.portMax();
        } else if (d.at(n) instanceof Redir r && kind == Redir.class) {
            flags = r.flags();
            pmin = r.portMin();
            pmax = r.portMax();
        } else {
            return null;
        }
        if (pmax == pmin) {
            pmax = 0; // the kernel reports an absent maximum as the minimum's register
        }
        int want = (pmin != 0 ? 1 : 0) + (pmax != 0 ? 1 : 0);
        if (want != n || (pmin == 0) != (flags == 0) || (pmin != 0 && flags != NatExpr.PROTO_SPECIFIED)) {
            return null;
        }
        int first = 0;
        int last = 0;
        for (int i = 0; i < n; i++) {
            Immediate im = (Immediate) d.at(i);
            if (im.register() == pmin) {
                first = Values.u16(im.value());
            } else if (im.register() == pmax) {
                last = Values.u16(im.value());
            } else {
                return null;
            }
        }
        return new int[] {first, last, n + 1};
    }
}
