package io.jnetlink.nft;

import io.jnetlink.nft.expr.Bitwise;
import io.jnetlink.nft.expr.Byteorder;
import io.jnetlink.nft.expr.Cmp;
import io.jnetlink.nft.expr.Ct;
import io.jnetlink.nft.expr.Expressions;
import io.jnetlink.nft.expr.Fib;
import io.jnetlink.nft.expr.Meta;
import io.jnetlink.nft.expr.Numgen;
import io.jnetlink.nft.expr.Payload;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * A match of a {@link RuleSpec}: the rule goes on only for packets it matches. Each renders as
 * {@code nft} prints it ({@code ip saddr 10.0.0.0/24}, {@code tcp dport 80}, {@code ct state
 * established,related}) and encodes into the expressions nft generates for that text, with the
 * dependencies nft adds ({@code meta nfproto} in inet tables, {@code meta l4proto} before
 * transport headers) written once per rule.
 */
public sealed interface Match extends Statement
        permits Match.Address, Match.IfName, Match.L4Proto, Match.Port, Match.TcpFlags, Match.IcmpType, Match.InSet,
                Match.CtState, Match.CtStatus, Match.Mark, Match.FibLookup, Match.Random {

    // ---- factories -------------------------------------------------------------------------

    /**
     * {@code ip|ip6 saddr PREFIX}: "10.0.0.0/24", "10.0.0.1", "fd00::/64".
     *
     * @param prefix an address or prefix, IPv4 or IPv6
     * @return the match
     */
    static Address saddr(String prefix) {
        return new Address(true, Prefix.parse(prefix), null, false);
    }

    /**
     * {@code ip|ip6 daddr PREFIX}.
     *
     * @param prefix an address or prefix, IPv4 or IPv6
     * @return the match
     */
    static Address daddr(String prefix) {
        return new Address(false, Prefix.parse(prefix), null, false);
    }

    /**
     * {@code ip|ip6 saddr FIRST-LAST}.
     *
     * @param first the range's first address
     * @param last the range's last address (same family)
     * @return the match
     */
    static Address saddrRange(String first, String last) {
        return Address.range(true, first, last);
    }

    /**
     * {@code ip|ip6 daddr FIRST-LAST}.
     *
     * @param first the range's first address
     * @param last the range's last address (same family)
     * @return the match
     */
    static Address daddrRange(String first, String last) {
        return Address.range(false, first, last);
    }

    /**
     * {@code iifname "NAME"}.
     *
     * @param name the interface name
     * @return the match
     */
    static IfName iifname(String name) {
        return new IfName(false, name, false);
    }

    /**
     * {@code oifname "NAME"}.
     *
     * @param name the interface name
     * @return the match
     */
    static IfName oifname(String name) {
        return new IfName(true, name, false);
    }

    /**
     * {@code meta l4proto PROTO}.
     *
     * @param ipProtocol the IP protocol number (6 TCP, 17 UDP, ...)
     * @return the match
     */
    static L4Proto l4proto(int ipProtocol) {
        return new L4Proto(ipProtocol, false);
    }

    /**
     * {@code tcp|udp dport PORT}.
     *
     * @param protocol TCP or UDP
     * @param port the port
     * @return the match
     */
    static Port dport(Protocol protocol, int port) {
        return new Port(protocol, false, port, port, false);
    }

    /**
     * {@code tcp|udp sport PORT}.
     *
     * @param protocol TCP or UDP
     * @param port the port
     * @return the match
     */
    static Port sport(Protocol protocol, int port) {
        return new Port(protocol, true, port, port, false);
    }

    /**
     * {@code tcp|udp dport FIRST-LAST}.
     *
     * @param protocol TCP or UDP
     * @param first the range's first port
     * @param last the range's last port
     * @return the match
     */
    static Port dportRange(Protocol protocol, int first, int last) {
        return new Port(protocol, false, first, last, false);
    }

    /**
     * {@code tcp|udp sport FIRST-LAST}.
     *
     * @param protocol TCP or UDP
     * @param first the range's first port
     * @param last the range's last port
     * @return the match
     */
    static Port sportRange(Protocol protocol, int first, int last) {
        return new Port(protocol, true, first, last, false);
    }

    /**
     * {@code ct state S1,S2}: any of the states.
     *
     * @param states the states that match (any of them)
     * @return the match
     */
    static CtState ctState(CtState.State... states) {
        int bits = 0;
        for (CtState.State s : states) {
            bits |= s.bit;
        }
        return new CtState(bits);
    }

    /**
     * {@code numgen random mod MODULUS < BELOW}: matches about BELOW of every MODULUS packets, at random.
     *
     * @param modulus the range of the random number, 0 to {@code modulus - 1}
     * @param below the number it must be below to match
     * @return the match
     */
    static Random randomBelow(int modulus, int below) {
        return new Random(modulus, Cmp.Op.LT, below);
    }

    /**
     * {@code FIELD[ . FIELD...] @SET}: the fields' values (concatenated) are in named set {@code set}.
     *
     * @param set the named set of the table
     * @param fields what of the packet is looked up, in the set's key order
     * @return the match
     */
    static InSet inSet(String set, SetField... fields) {
        return new InSet(java.util.List.of(fields), set, null, false);
    }

    /**
     * {@code FIELD[ . FIELD...] { V1, V2 }}: the fields' values are among {@code values} (an anonymous
     * set the rule carries; prefixes and ranges make it an interval set).
     *
     * @param values the elements of the anonymous set
     * @param fields what of the packet is looked up, in the key order
     * @return the match
     */
    static InSet inValues(java.util.List<String> values, SetField... fields) {
        java.util.List<SetField> f = java.util.List.of(fields);
        return new InSet(f, null, new SetLiteral(f, false, values.stream().map(SetElement::of).toList()), false);
    }

    // ---- shared ------------------------------------------------------------------------------

    /**
     * {@return the name nft prints for an IP protocol number}
     *
     * @param proto the IP protocol number
     */
    static String protocolName(int proto) {
        return Values.protocolName(proto);
    }

    private static String opText(Cmp.Op op) {
        return switch (op) {
            case EQ -> "";
            case NEQ -> "!= ";
            case LT -> "< ";
            case LTE -> "<= ";
            case GT -> "> ";
            case GTE -> ">= ";
        };
    }

    private static Cmp.Op eqOrNeq(boolean negated) {
        return negated ? Cmp.Op.NEQ : Cmp.Op.EQ;
    }

    private static String mark(int v) {
        return String.format("0x%08x", v);
    }

    // ---- the matches -------------------------------------------------------------------------

    /**
     * {@code ip|ip6 saddr|daddr [!=] PREFIX} or {@code ... FIRST-LAST}.
     *
     * @param source  true for saddr, false for daddr
     * @param prefix  the prefix (a host address is a full-length prefix); the first address of a range
     * @param last    the last address of a range, else null
     * @param negated true for {@code !=}
     */
    record Address(boolean source, Prefix prefix, InetAddress last, boolean negated) implements Match {
        /** Checks the components. */
        public Address {
            if (prefix == null) {
                throw new IllegalArgumentException("address match needs an address");
            }
            int bits = prefix.address().getAddress().length * 8;
            if (prefix.length() == 0) {
                throw new IllegalArgumentException("prefix " + prefix + " matches every address; leave the match out");
            }
            if (last != null) {
                if (prefix.length() != bits || last.getClass() != prefix.address().getClass()) {
                    throw new IllegalArgumentException("address range " + prefix + "-" + last.getHostAddress()
                            + ": both ends must be addresses of one family");
                }
                if (Arrays.compareUnsigned(prefix.address().getAddress(), last.getAddress()) > 0) {
                    throw new IllegalArgumentException("address range " + prefix.address().getHostAddress() + "-"
                            + last.getHostAddress() + " runs backwards");
                }
                if (negated) {
                    throw new IllegalArgumentException("a negated address range is not supported by the builder");
                }
            }
        }

        static Address range(boolean source, String first, String last) {
            InetAddress a = Addresses.literal(first, "range start");
            return new Address(source, new Prefix(a, a.getAddress().length * 8), Addresses.literal(last, "range end"),
                    false);
        }

        /** {@return the same match negated ({@code !=})} */
        public Address not() {
            return new Address(source, prefix, last, !negated);
        }

        boolean v4() {
            return prefix.address() instanceof Inet4Address;
        }

        int offset() {
            return v4() ? (source ? 12 : 16) : (source ? 8 : 24);
        }

        void encode(Linearizer l) {
            l.network(v4(), toString());
            byte[] a = prefix.address().getAddress();
            int len = prefix.length();
            if (last != null) {
                l.add(new Payload(Payload.Base.NETWORK, offset(), a.length, Expressions.REG_1));
                l.add(new Cmp(Expressions.REG_1, Cmp.Op.GTE, a));
                l.add(new Cmp(Expressions.REG_1, Cmp.Op.LTE, last.getAddress()));
                return;
            }
            boolean aligned = len % 8 == 0;
            int bytes = aligned ? len / 8 : a.length;
            l.add(new Payload(Payload.Base.NETWORK, offset(), bytes, Expressions.REG_1));
            if (!aligned) {
                l.add(Bitwise.prefixMask(Expressions.REG_1, bytes, len));
            }
            l.add(new Cmp(Expressions.REG_1, eqOrNeq(negated), Arrays.copyOf(a, bytes)));
        }

        static Address parse(Delinearizer d) {
            int nfp = d.network();
            boolean v4 = nfp == Linearizer.NFPROTO_IPV4;
            if (nfp == 0 || (!v4 && nfp != Linearizer.NFPROTO_IPV6)) {
                return null;
            }
            int k = d.networkDep(nfp);
            int size = v4 ? 4 : 16;
            if (k < 0 || !(d.at(k) instanceof Payload p && p.base() == Payload.Base.NETWORK)) {
                return null;
            }
            boolean source;
            if (p.offset() == (v4 ? 12 : 8)) {
                source = true;
            } else if (p.offset() == (v4 ? 16 : 24)) {
                source = false;
            } else {
                return null;
            }
            int n = k + 1;
            int bits = p.length() * 8;
            if (p.length() > size) {
                return null;
            }
            if (d.at(n) instanceof Cmp lo && lo.op() == Cmp.Op.GTE && d.at(n + 1) instanceof Cmp hi
                    && hi.op() == Cmp.Op.LTE && p.length() == size && lo.data().length == size
                    && hi.data().length == size) {
                d.take(n + 2, nfp, -1);
                return new Address(source, new Prefix(Values.address(lo.data()), size * 8),
                        Values.address(hi.data()), false);
            }
            if (d.at(n) instanceof Bitwise b && b.source() == b.destination() && p.length() == size) {
                bits = Values.prefixBits(b.mask());
                if (bits <= 0 || bits % 8 == 0 || !Arrays.equals(b.xor(), new byte[size])) {
                    return null;
                }
                n++;
            }
            if (!(d.at(n) instanceof Cmp c && (c.op() == Cmp.Op.EQ || c.op() == Cmp.Op.NEQ)
                    && c.data().length == p.length())) {
                return null;
            }
            byte[] net = Arrays.copyOf(c.data(), size);
            if (!Values.hostBitsZero(net, bits)) {
                return null;
            }
            d.take(n + 1, nfp, -1);
            return new Address(source, new Prefix(Values.address(net), bits), null, c.op() == Cmp.Op.NEQ);
        }

        @Override
        public String toString() {
            int full = prefix.address().getAddress().length * 8;
            String value = last != null ? Values.text(prefix.address()) + "-" + Values.text(last)
                    : prefix.length() == full ? Values.text(prefix.address())
                    : Values.text(prefix.address()) + "/" + prefix.length();
            return (v4() ? "ip " : "ip6 ") + (source ? "saddr " : "daddr ") + (negated ? "!= " : "") + value;
        }
    }

    /**
     * {@code FIELDS [!=] @SET} or {@code FIELDS [!=] { ... }}: a lookup of packet fields in a named
     * set or in an anonymous set of the rule.
     *
     * @param fields  the fields, concatenated in this order
     * @param set     the named set, or null
     * @param literal the anonymous set, or null
     * @param negated true for {@code !=} (not in the set)
     */
    record InSet(java.util.List<SetField> fields, String set, SetLiteral literal, boolean negated) implements Match {
        /** Checks the components and keeps copies of the mutable ones. */
        public InSet {
            if (fields == null || fields.isEmpty()) {
                throw new IllegalArgumentException("a set lookup needs the fields it looks up");
            }
            fields = java.util.List.copyOf(fields);
            if ((set == null) == (literal == null)) {
                throw new IllegalArgumentException(SetField.text(fields) + ": a lookup needs a named set or elements, "
                        + "not both");
            }
            if (set != null) {
                Names.object("set", set);
            } else if (!literal.fields().equals(fields) || literal.verdictMap()) {
                throw new IllegalArgumentException(SetField.text(fields) + ": the anonymous set is keyed by "
                        + SetField.text(literal.fields()));
            }
        }

        /** {@return the same lookup negated (not in the set)} */
        public InSet not() {
            return new InSet(fields, set, literal, !negated);
        }

        void encode(Linearizer l) {
            SetField.load(l, fields, toString());
            int id = literal != null ? l.literal(literal) : 0;
            l.add(new io.jnetlink.nft.expr.Lookup(literal != null ? literal.wireName() : set, Expressions.REG_1, -1,
                    negated ? io.jnetlink.nft.expr.Lookup.INVERT : 0, id));
        }

        static InSet parse(Delinearizer d) {
            int[] end = new int[3];
            java.util.List<SetField> f = SetField.parse(d, end);
            if (f == null || !(d.at(end[0]) instanceof io.jnetlink.nft.expr.Lookup lk) || lk.source() != Expressions.REG_1
                    || lk.destination() != -1 || (lk.flags() & ~io.jnetlink.nft.expr.Lookup.INVERT) != 0) {
                return null;
            }
            SetLiteral literal = d.literal(lk.set(), f, false);
            if (literal == null && Delinearizer.isAnonymous(lk.set())) {
                return null;
            }
            d.take(end[0] + 1, end[1], end[2]);
            return new InSet(f, literal == null ? lk.set() : null, literal, lk.flags() != 0);
        }

        @Override
        public String toString() {
            return SetField.text(fields) + (negated ? " != " : " ") + (set != null ? "@" + set : literal.toString());
        }
    }

    /**
     * {@code iifname|oifname [!=] "NAME"}: the input or output interface's name, exactly.
     *
     * @param output  true for oifname, false for iifname
     * @param name    the interface name
     * @param negated true for {@code !=}
     */
    record IfName(boolean output, String name, boolean negated) implements Match {
        /** Checks the interface name. */
        public IfName {
            Names.iface(name);
        }

        /** {@return the same match negated} */
        public IfName not() {
            return new IfName(output, name, !negated);
        }

        void encode(Linearizer l) {
            l.add(new Meta(output ? Meta.Key.OIFNAME : Meta.Key.IIFNAME, Expressions.REG_1));
            l.add(new Cmp(Expressions.REG_1, eqOrNeq(negated), Values.ifname(name)));
        }

        static IfName parse(Delinearizer d) {
            if (d.at(0) instanceof Meta m && (m.key() == Meta.Key.IIFNAME || m.key() == Meta.Key.OIFNAME)
                    && d.at(1) instanceof Cmp c && (c.op() == Cmp.Op.EQ || c.op() == Cmp.Op.NEQ)
                    && Values.isIfname(c.data())) {
                d.take(2);
                return new IfName(m.key() == Meta.Key.OIFNAME, Values.cString(c.data()), c.op() == Cmp.Op.NEQ);
            }
            return null;
        }

        @Override
        public String toString() {
            return (output ? "oifname " : "iifname ") + (negated ? "!= " : "") + "\"" + name + "\"";
        }
    }

    /**
     * {@code meta l4proto [!=] PROTO}: the transport protocol (after IPv6 extension headers too).
     *
     * @param protocol the IP protocol number
     * @param negated  true for {@code !=}
     */
    record L4Proto(int protocol, boolean negated) implements Match {
        /** Checks the components. */
        public L4Proto {
            if (protocol < 0 || protocol > 255) {
                throw new IllegalArgumentException("IP protocol " + protocol + " out of range 0..255");
            }
        }

        void encode(Linearizer l) {
            l.add(new Meta(Meta.Key.L4PROTO, Expressions.REG_1));
            l.add(new Cmp(Expressions.REG_1, eqOrNeq(negated), new byte[] {(byte) protocol}));
            if (!negated) {
                l.matchedTransport(protocol);
            }
        }

        static L4Proto parse(Delinearizer d) {
            if (d.at(0) instanceof Meta m && m.key() == Meta.Key.L4PROTO && d.at(1) instanceof Cmp c
                    && (c.op() == Cmp.Op.EQ || c.op() == Cmp.Op.NEQ) && c.data().length == 1) {
                int p = c.data()[0] & 0xFF;
                d.take(2, 0, c.op() == Cmp.Op.EQ ? p : -1);
                return new L4Proto(p, c.op() == Cmp.Op.NEQ);
            }
            return null;
        }

        @Override
        public String toString() {
            return "meta l4proto " + (negated ? "!= " : "") + protocolName(protocol);
        }
    }

    /**
     * {@code tcp|udp sport|dport [!=] PORT} or {@code ... FIRST-LAST}.
     *
     * @param protocol TCP or UDP
     * @param source   true for sport, false for dport
     * @param first    the port, or the first of a range
     * @param last     the same port, or the last of a range
     * @param negated  true for {@code !=} (single ports only)
     */
    record Port(Protocol protocol, boolean source, int first, int last, boolean negated) implements Match {
        /** Checks the components. */
        public Port {
            if (protocol == null) {
                throw new IllegalArgumentException("port match needs TCP or UDP");
            }
            if (first < 0 || first > 65535 || last < 0 || last > 65535 || first > last) {
                throw new IllegalArgumentException("port range " + first + "-" + last + " is not within 0..65535"
                        + " in order");
            }
            if (negated && first != last) {
                throw new IllegalArgumentException("a negated port range is not supported by the builder");
            }
        }

        /** {@return the same match negated} */
        public Port not() {
            return new Port(protocol, source, first, last, !negated);
        }

        void encode(Linearizer l) {
            l.transport(protocol.number, toString());
            l.add(new Payload(Payload.Base.TRANSPORT, source ? 0 : 2, 2, Expressions.REG_1));
            if (first == last) {
                l.add(new Cmp(Expressions.REG_1, eqOrNeq(negated), Values.be16(first)));
            } else {
                l.add(new Cmp(Expressions.REG_1, Cmp.Op.GTE, Values.be16(first)));
                l.add(new Cmp(Expressions.REG_1, Cmp.Op.LTE, Values.be16(last)));
            }
        }

        static Port parse(Delinearizer d) {
            for (Protocol proto : Protocol.values()) {
                int k = d.transportDep(0, proto.number);
                if (k < 0 || !(d.at(k) instanceof Payload p && p.base() == Payload.Base.TRANSPORT && p.length() == 2
                        && (p.offset() == 0 || p.offset() == 2))) {
                    continue;
                }
                if (d.at(k + 1) instanceof Cmp lo && lo.op() == Cmp.Op.GTE && lo.data().length == 2
                        && d.at(k + 2) instanceof Cmp hi && hi.op() == Cmp.Op.LTE && hi.data().length == 2) {
                    d.take(k + 3, 0, proto.number);
                    return new Port(proto, p.offset() == 0, Values.u16(lo.data()), Values.u16(hi.data()), false);
                }
                if (d.at(k + 1) instanceof Cmp c && (c.op() == Cmp.Op.EQ || c.op() == Cmp.Op.NEQ)
                        && c.data().length == 2) {
                    d.take(k + 2, 0, proto.number);
                    int port = Values.u16(c.data());
                    return new Port(proto, p.offset() == 0, port, port, c.op() == Cmp.Op.NEQ);
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return protocol.name().toLowerCase() + (source ? " sport " : " dport ") + (negated ? "!= " : "")
                    + (first == last ? Integer.toString(first) : first + "-" + last);
        }
    }

    /**
     * {@code tcp flags F1,F2} (any of them set) or {@code tcp flags VALUE / MASK} (exactly VALUE among MASK).
     *
     * @param value the flags (TcpFlags.FIN, SYN, ...)
     * @param mask  the flags looked at, or 0 for "any of value"
     */
    record TcpFlags(int value, int mask) implements Match {
        /** TCP header flag bits, as nft names them in order. */
        public static final int FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10, URG = 0x20, ECN = 0x40,
                CWR = 0x80;
        static final String[] NAMES = {"fin", "syn", "rst", "psh", "ack", "urg", "ecn", "cwr"};

        /** Checks the components. */
        public TcpFlags {
            if (value < 0 || value > 0xFF || mask < 0 || mask > 0xFF || (mask != 0 && (value & ~mask) != 0)
                    || (mask == 0 && value == 0)) {
                throw new IllegalArgumentException("tcp flags 0x" + Integer.toHexString(value) + " / 0x"
                        + Integer.toHexString(mask) + ": the value must be within the mask, and something to match");
            }
        }

        void encode(Linearizer l) {
            l.transport(6, toString());
            l.add(new Payload(Payload.Base.TRANSPORT, 13, 1, Expressions.REG_1));
            if (mask == 0) {
                l.add(new Bitwise(Expressions.REG_1, Expressions.REG_1, new byte[] {(byte) value}, new byte[1]));
                l.add(new Cmp(Expressions.REG_1, Cmp.Op.NEQ, new byte[1]));
            } else {
                l.add(new Bitwise(Expressions.REG_1, Expressions.REG_1, new byte[] {(byte) mask}, new byte[1], true));
                l.add(new Cmp(Expressions.REG_1, Cmp.Op.EQ, new byte[] {(byte) value}));
            }
        }

        static TcpFlags parse(Delinearizer d) {
            int k = d.transportDep(0, 6);
            if (k < 0 || !(d.at(k) instanceof Payload p && p.base() == Payload.Base.TRANSPORT && p.offset() == 13
                    && p.length() == 1 && d.at(k + 1) instanceof Bitwise b && b.mask().length == 1
                    && b.xor()[0] == 0 && d.at(k + 2) instanceof Cmp c && c.data().length == 1)) {
                return null;
            }
            int m = b.mask()[0] & 0xFF;
            int v = c.data()[0] & 0xFF;
            if (c.op() == Cmp.Op.NEQ && v == 0 && m != 0) {
                d.take(k + 3, 0, 6);
                return new TcpFlags(m, 0);
            }
            if (c.op() == Cmp.Op.EQ && m != 0 && (v & ~m) == 0) {
                d.take(k + 3, 0, 6);
                return new TcpFlags(v, m);
            }
            return null;
        }

        static String names(int bits) {
            StringJoiner j = new StringJoiner(",");
            for (int i = 0; i < 8; i++) {
                if ((bits & 1 << i) != 0) {
                    j.add(NAMES[i]);
                }
            }
            return j.toString();
        }

        @Override
        public String toString() {
            return "tcp flags " + (mask == 0 ? names(value) : names(value) + " / " + names(mask));
        }
    }

    /**
     * {@code icmp type T} or {@code icmpv6 type T}.
     *
     * @param v6   true for ICMPv6
     * @param type the type number
     */
    record IcmpType(boolean v6, int type) implements Match {
        static final Map<Integer, String> V4 = new TreeMap<>(Map.ofEntries(Map.entry(0, "echo-reply"),
                Map.entry(3, "destination-unreachable"), Map.entry(5, "redirect"), Map.entry(8, "echo-request"),
                Map.entry(9, "router-advertisement"), Map.entry(10, "router-solicitation"),
                Map.entry(11, "time-exceeded"), Map.entry(12, "parameter-problem")));
        static final Map<Integer, String> V6 = new TreeMap<>(Map.ofEntries(
                Map.entry(1, "destination-unreachable"), Map.entry(2, "packet-too-big"), Map.entry(3, "time-exceeded"),
                Map.entry(4, "parameter-problem"), Map.entry(128, "echo-request"), Map.entry(129, "echo-reply"),
                Map.entry(133, "nd-router-solicit"), Map.entry(134, "nd-router-advert"),
                Map.entry(135, "nd-neighbor-solicit"), Map.entry(136, "nd-neighbor-advert")));

        /** Checks the components. */
        public IcmpType {
            if (type < 0 || type > 255) {
                throw new IllegalArgumentException("ICMP type " + type + " out of range 0..255");
            }
        }

        /**
         * {@code icmp type echo-request}.
         *
         * @return the match
         */
        public static IcmpType echoRequest() {
            return new IcmpType(false, 8);
        }

        /**
         * {@code icmpv6 type echo-request}.
         *
         * @return the match
         */
        public static IcmpType echoRequestV6() {
            return new IcmpType(true, 128);
        }

        void encode(Linearizer l) {
            if (l.family() == Family.INET) {
                l.network(!v6, toString());
            }
            l.transport(v6 ? 58 : 1, toString());
            l.add(new Payload(Payload.Base.TRANSPORT, 0, 1, Expressions.REG_1));
            l.add(Cmp.eq(Expressions.REG_1, new byte[] {(byte) type}));
        }

        static IcmpType parse(Delinearizer d) {
            int nfp = d.network();
            for (boolean v6 : new boolean[] {false, true}) {
                int want = v6 ? Linearizer.NFPROTO_IPV6 : Linearizer.NFPROTO_IPV4;
                int k = 0;
                if (d.family() == Family.INET) {
                    k = nfp == want ? d.networkDep(want) : -1;
                } else if (nfp != want) {
                    continue;
                }
                if (k < 0) {
                    continue;
                }
                int t = d.transportDep(k, v6 ? 58 : 1);
                if (t < 0) {
                    continue;
                }
                int n = k + t;
                if (d.at(n) instanceof Payload p && p.base() == Payload.Base.TRANSPORT && p.offset() == 0
                        && p.length() == 1 && d.at(n + 1) instanceof Cmp c && c.op() == Cmp.Op.EQ
                        && c.data().length == 1) {
                    d.take(n + 2, want, v6 ? 58 : 1);
                    return new IcmpType(v6, c.data()[0] & 0xFF);
                }
            }
            return null;
        }

        @Override
        public String toString() {
            String name = (v6 ? V6 : V4).get(type);
            return (v6 ? "icmpv6" : "icmp") + " type " + (name != null ? name : Integer.toString(type));
        }
    }

    /**
     * {@code ct state S1,S2}: the packet's connection is in any of the states.
     *
     * @param bits NF_CT_STATE bits ({@link State#bit})
     */
    record CtState(int bits) implements Match {
        /** Connection-tracking states, in nft's order. */
        public enum State {
            /** Connection tracking state {@code invalid}. */
            INVALID(1),
            /** Connection tracking state {@code established}. */
            ESTABLISHED(2),
            /** Connection tracking state {@code related}. */
            RELATED(4),
            /** Connection tracking state {@code new}. */
            NEW(8),
            /** Connection tracking state {@code untracked}. */
            UNTRACKED(64);

            /** The state's bit. */
            public final int bit;

            State(int bit) {
                this.bit = bit;
            }
        }

        /** Checks the components. */
        public CtState {
            checkFlags("ct state", bits, State.values(), s -> s.bit);
        }

        void encode(Linearizer l) {
            bitsMatch(l, Ct.Key.STATE, bits);
        }

        static CtState parse(Delinearizer d) {
            return parseBits(d, Ct.Key.STATE, CtState::new);
        }

        @Override
        public String toString() {
            return "ct state " + flagNames(bits, State.values(), s -> s.bit);
        }
    }

    /**
     * {@code ct status S1,S2}: the connection has any of the status bits.
     *
     * @param bits IPS_* bits ({@link Status#bit})
     */
    record CtStatus(int bits) implements Match {
        /** Connection status bits nft names, in its order. */
        public enum Status {
            /** Connection status bit IPS_EXPECTED. */
            EXPECTED(1),
            /** Connection status bit IPS_SEEN_REPLY. */
            SEEN_REPLY(2),
            /** Connection status bit IPS_ASSURED. */
            ASSURED(4),
            /** Connection status bit IPS_CONFIRMED. */
            CONFIRMED(8),
            /** Connection status bit IPS_SNAT. */
            SNAT(16),
            /** Connection status bit IPS_DNAT. */
            DNAT(32),
            /** Connection status bit IPS_DYING. */
            DYING(512);

            /** The status bit. */
            public final int bit;

            Status(int bit) {
                this.bit = bit;
            }
        }

        /** Checks the components. */
        public CtStatus {
            checkFlags("ct status", bits, Status.values(), s -> s.bit);
        }

        void encode(Linearizer l) {
            bitsMatch(l, Ct.Key.STATUS, bits);
        }

        static CtStatus parse(Delinearizer d) {
            return parseBits(d, Ct.Key.STATUS, CtStatus::new);
        }

        @Override
        public String toString() {
            return "ct status " + flagNames(bits, Status.values(), s -> s.bit);
        }
    }

    private static void bitsMatch(Linearizer l, Ct.Key key, int bits) {
        l.add(new Ct(key, Expressions.REG_1));
        l.add(new Bitwise(Expressions.REG_1, Expressions.REG_1, Values.host32(bits), new byte[4]));
        l.add(new Cmp(Expressions.REG_1, Cmp.Op.NEQ, new byte[4]));
    }

    /** {@code ct KEY & BITS != 0}, as a match made by {@code make}; null if not that shape or not valid bits. */
    private static <M extends Match> M parseBits(Delinearizer d, Ct.Key key, java.util.function.IntFunction<M> make) {
        if (d.at(0) instanceof Ct ct && ct.key() == key && d.at(1) instanceof Bitwise b && b.mask().length == 4
                && Arrays.equals(b.xor(), new byte[4]) && d.at(2) instanceof Cmp c && c.op() == Cmp.Op.NEQ
                && Arrays.equals(c.data(), new byte[4])) {
            try {
                M m = make.apply(Values.host32(b.mask()));
                d.take(3);
                return m;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    private static <E extends Enum<E>> void checkFlags(String what, int bits, E[] all,
                                                       java.util.function.ToIntFunction<E> bit) {
        int known = 0;
        for (E e : all) {
            known |= bit.applyAsInt(e);
        }
        if (bits == 0 || (bits & ~known) != 0) {
            throw new IllegalArgumentException(what + " bits 0x" + Integer.toHexString(bits) + " are not among "
                    + flagNames(known, all, bit));
        }
    }

    /** The names of the set flags, nft's way: lower case, '-' for '_', in bit order, comma-separated. */
    private static <E extends Enum<E>> String flagNames(int bits, E[] all, java.util.function.ToIntFunction<E> bit) {
        StringJoiner j = new StringJoiner(",");
        for (E e : all) {
            if ((bits & bit.applyAsInt(e)) != 0) {
                j.add(e.name().toLowerCase().replace('_', '-'));
            }
        }
        return j.toString();
    }

    /**
     * {@code meta mark [!=] V} or {@code ct mark [!=] V}.
     *
     * @param conntrack true for the connection's mark, false for the packet's
     * @param value     the mark
     * @param negated   true for {@code !=}
     */
    record Mark(boolean conntrack, int value, boolean negated) implements Match {
        /** {@return the same match negated} */
        public Mark not() {
            return new Mark(conntrack, value, !negated);
        }

        void encode(Linearizer l) {
            l.add(conntrack ? new Ct(Ct.Key.MARK, Expressions.REG_1) : new Meta(Meta.Key.MARK, Expressions.REG_1));
            l.add(new Cmp(Expressions.REG_1, eqOrNeq(negated), Values.host32(value)));
        }

        static Mark parse(Delinearizer d) {
            boolean ct = d.at(0) instanceof Ct c && c.key() == Ct.Key.MARK;
            boolean meta = d.at(0) instanceof Meta m && m.key() == Meta.Key.MARK;
            if ((ct || meta) && d.at(1) instanceof Cmp c && (c.op() == Cmp.Op.EQ || c.op() == Cmp.Op.NEQ)
                    && c.data().length == 4) {
                d.take(2);
                return new Mark(ct, Values.host32(c.data()), c.op() == Cmp.Op.NEQ);
            }
            return null;
        }

        @Override
        public String toString() {
            return (conntrack ? "ct mark " : "meta mark ") + (negated ? "!= " : "") + mark(value);
        }
    }

    /**
     * {@code fib saddr|daddr [. mark] [. iif|oif] type TYPE} (the address type of a routing lookup) or
     * {@code fib ... oif missing|exists} (whether a route exists).
     *
     * @param flags    {@link Fib} flags: SADDR or DADDR, optionally MARK, IIF, OIF
     * @param addrType for a type match the RTN_* type ({@code 2} local, ...), or -1 for an oif check
     * @param missing  for an oif check, true for {@code missing}, false for {@code exists}
     */
    record FibLookup(int flags, int addrType, boolean missing) implements Match {
        static final String[] TYPES = {"unspec", "unicast", "local", "broadcast", "anycast", "multicast",
                "blackhole", "unreachable", "prohibit", "throw", "nat", "xresolve"};

        /** Checks the components. */
        public FibLookup {
            int f = Fib.SADDR | Fib.DADDR | Fib.MARK
                    | Fib.IIF | Fib.OIF;
            if ((flags & ~f) != 0 || Integer.bitCount(flags & 3) != 1) {
                throw new IllegalArgumentException("fib flags 0x" + Integer.toHexString(flags)
                        + ": saddr or daddr, optionally mark, iif, oif");
            }
            if (addrType < -1 || addrType >= TYPES.length) {
                throw new IllegalArgumentException("fib address type " + addrType + " out of range");
            }
        }

        /**
         * {@code fib daddr type local}: the destination is one of this host's addresses.
         *
         * @return the match
         */
        public static FibLookup daddrLocal() {
            return new FibLookup(Fib.DADDR, 2, false);
        }

        void encode(Linearizer l) {
            if (addrType >= 0) {
                l.add(new Fib(flags, Fib.RESULT_ADDRTYPE, Expressions.REG_1));
                l.add(Cmp.eq(Expressions.REG_1, Values.host32(addrType)));
            } else {
                l.add(new Fib(flags | Fib.PRESENT,
                        Fib.RESULT_OIF, Expressions.REG_1));
                l.add(new Cmp(Expressions.REG_1, missing ? Cmp.Op.EQ : Cmp.Op.NEQ, new byte[4]));
            }
        }

        static FibLookup parse(Delinearizer d) {
            if (!(d.at(0) instanceof Fib f && d.at(1) instanceof Cmp c && c.data().length == 4)) {
                return null;
            }
            int flags = f.flags() & ~Fib.PRESENT;
            try {
                if (f.result() == Fib.RESULT_ADDRTYPE && c.op() == Cmp.Op.EQ
                        && (f.flags() & Fib.PRESENT) == 0) {
                    FibLookup m = new FibLookup(flags, Values.host32(c.data()), false);
                    d.take(2);
                    return m;
                }
                if (f.result() == Fib.RESULT_OIF
                        && (f.flags() & Fib.PRESENT) != 0 && Arrays.equals(c.data(), new byte[4])
                        && (c.op() == Cmp.Op.EQ || c.op() == Cmp.Op.NEQ)) {
                    FibLookup m = new FibLookup(flags, -1, c.op() == Cmp.Op.EQ);
                    d.take(2);
                    return m;
                }
            } catch (IllegalArgumentException e) {
                return null;
            }
            return null;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("fib ");
            sb.append((flags & Fib.SADDR) != 0 ? "saddr" : "daddr");
            if ((flags & Fib.MARK) != 0) {
                sb.append(" . mark");
            }
            if ((flags & Fib.IIF) != 0) {
                sb.append(" . iif");
            }
            if ((flags & Fib.OIF) != 0) {
                sb.append(" . oif");
            }
            return sb.append(addrType >= 0 ? " type " + TYPES[addrType] : " oif " + (missing ? "missing" : "exists"))
                    .toString();
        }
    }

    /**
     * {@code numgen random mod MODULUS OP VALUE}: a random number per packet in 0..MODULUS-1,
     * compared; {@code numgen random mod 100 < 30 drop} drops about 30% of packets.
     *
     * @param modulus the range of the numbers
     * @param op      the comparison
     * @param value   the number compared with
     */
    record Random(int modulus, Cmp.Op op, int value) implements Match {
        /** Checks the components. */
        public Random {
            if (modulus < 1) {
                throw new IllegalArgumentException("numgen modulus must be at least 1, got " + modulus);
            }
            if (op == null || value < 0 || value > modulus) {
                throw new IllegalArgumentException("numgen value " + value + " out of range 0.." + modulus);
            }
        }

        void encode(Linearizer l) {
            l.add(new Numgen(true, modulus, 0, Expressions.REG_1));
            if (op == Cmp.Op.EQ || op == Cmp.Op.NEQ) {
                // nft compares equality in host order, but orders only after converting to network order
                l.add(new Cmp(Expressions.REG_1, op, Values.host32(value)));
            } else {
                l.add(Byteorder.hton32(Expressions.REG_1));
                l.add(new Cmp(Expressions.REG_1, op, Values.be32(value)));
            }
        }

        static Random parse(Delinearizer d) {
            if (!(d.at(0) instanceof Numgen n && n.random() && n.offset() == 0)) {
                return null;
            }
            try {
                if (d.at(1) instanceof Cmp c && (c.op() == Cmp.Op.EQ || c.op() == Cmp.Op.NEQ) && c.data().length == 4) {
                    Random m = new Random(n.modulus(), c.op(), Values.host32(c.data()));
                    d.take(2);
                    return m;
                }
                if (d.at(1) instanceof Byteorder b && b.equals(Byteorder.hton32(n.register()))
                        && d.at(2) instanceof Cmp c && c.op() != Cmp.Op.EQ && c.op() != Cmp.Op.NEQ
                        && c.data().length == 4) {
                    Random m = new Random(n.modulus(), c.op(), Values.be32(c.data()));
                    d.take(3);
                    return m;
                }
            } catch (IllegalArgumentException e) {
                return null;
            }
            return null;
        }

        @Override
        public String toString() {
            return "numgen random mod " + modulus + " " + opText(op) + value;
        }
    }
}
