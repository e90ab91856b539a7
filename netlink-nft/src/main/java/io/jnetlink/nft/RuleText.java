package io.jnetlink.nft;

import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.nft.expr.Bitwise;
import io.jnetlink.nft.expr.Byteorder;
import io.jnetlink.nft.expr.Cmp;
import io.jnetlink.nft.expr.Counter;
import io.jnetlink.nft.expr.Ct;
import io.jnetlink.nft.expr.CtSet;
import io.jnetlink.nft.expr.Dynset;
import io.jnetlink.nft.expr.Expression;
import io.jnetlink.nft.expr.Expressions;
import io.jnetlink.nft.expr.Exthdr;
import io.jnetlink.nft.expr.Fib;
import io.jnetlink.nft.expr.Immediate;
import io.jnetlink.nft.expr.Limit;
import io.jnetlink.nft.expr.Log;
import io.jnetlink.nft.expr.Lookup;
import io.jnetlink.nft.expr.Masq;
import io.jnetlink.nft.expr.Meta;
import io.jnetlink.nft.expr.MetaSet;
import io.jnetlink.nft.expr.NatExpr;
import io.jnetlink.nft.expr.Notrack;
import io.jnetlink.nft.expr.Numgen;
import io.jnetlink.nft.expr.Objref;
import io.jnetlink.nft.expr.Payload;
import io.jnetlink.nft.expr.PayloadSet;
import io.jnetlink.nft.expr.Quota;
import io.jnetlink.nft.expr.Redir;
import io.jnetlink.nft.expr.Reject;
import io.jnetlink.nft.expr.Rt;
import io.jnetlink.nft.expr.Verdict;
import java.net.Inet6Address;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;

/**
 * Renders any rule's expressions as {@code nft list ruleset} prints the rule, the way nft reads
 * them back: loads into registers become the expressions they name ({@code ip daddr},
 * {@code meta l4proto . th dport}, {@code ct state}), comparisons and lookups the matches on them,
 * and the dependencies nft adds for a header match ({@code meta nfproto}, {@code meta l4proto})
 * vanish again in front of the match that needs them.
 *
 * <p>Unlike {@link RuleSpec#decode}, which reads only the shapes the builder makes, this reads the
 * shapes other programs write (kube-proxy's concatenations and verdict maps, firewalld's
 * anonymous sets). An expression in a form it cannot print throws {@link IllegalArgumentException}
 * naming it: a wrong text is worse than none.
 */
final class RuleText {
    /** The elements of an anonymous set a rule uses ({@code __set0}), for printing it inline. */
    interface AnonymousSets {
        /** The set's elements as the kernel sent them, or null if {@code set} is no anonymous set of the table. */
        List<SetInfo.RawElement> elements(String set);
    }

    /** The type of a value, which decides how nft prints it. */
    enum Type {
        IPV4, IPV6, SERVICE, PROTO, NFPROTO, IFNAME, MARK, CT_STATE, CT_STATUS, ICMP, ICMPV6, TCP_FLAGS, INT_HOST,
        INT_BE, FIB_TYPE, FIB_PRESENT, ETHER_ADDR, ETHER_TYPE, IFTYPE, DSCP4, DSCP6, BYTES
    }

    /** The {@code network} of a link header field: it depends on {@code meta iiftype ether}, not on a network protocol. */
    private static final int LINK = 0x10000;

    /**
     * What a register holds: the expression text, its type and length, and for a concatenation
     * its parts. {@code prefixBits} >= 0 marks an address loaded short or masked (a prefix match),
     * {@code flagMask} a bit test, {@code binop} an explicit {@code & | ^} that makes nft print {@code ==}.
     */
    private record Term(String text, Type type, int len, List<Term> parts, int prefixBits, byte[] flagMask,
                        boolean binop, int network, int transport, byte[] data) {
        Term(String text, Type type, int len, List<Term> parts, int prefixBits, byte[] flagMask, boolean binop,
             int network, int transport) {
            this(text, type, len, parts, prefixBits, flagMask, binop, network, transport, null);
        }

        static Term of(String text, Type type, int len) {
            return new Term(text, type, len, List.of(), -1, null, false, 0, -1);
        }

        /** A constant (an immediate load): no text, only bytes the consumer types. */
        static Term constant(byte[] data) {
            return new Term(null, Type.BYTES, data.length, List.of(), -1, null, false, 0, -1, data.clone());
        }

        Term withProtocols(int network, int transport) {
            return new Term(text, type, len, parts, prefixBits, flagMask, binop, network, transport, data);
        }
    }

    private final Family family;
    private final AnonymousSets sets;
    /** The 16 32-bit register slots (NFT_REG_1 = slots 0-3); a value lives in the slot it starts at. */
    private final Term[] regs = new Term[16];
    private final List<String> out = new ArrayList<>();
    /** Index in out of a pending "meta nfproto X" / "meta l4proto X" dependency, -1 if none. */
    private int nfDep = -1;
    private int l4Dep = -1;
    /** A lookup in an anonymous data map, its data's type known only to the consumer (nat), and its parts. */
    private Term anonMap;
    private Term anonMapKey;
    private List<SetInfo.RawElement> anonMapElements;
    /** Index in out of a pending "meta iiftype ether" (the dependency of a link header match), -1 if none. */
    private int llDep = -1;
    private int nfproto;
    private int l4proto = -1;

    private RuleText(Family family, AnonymousSets sets) {
        this.family = family;
        this.sets = sets;
        nfproto = family == Family.IP ? Linearizer.NFPROTO_IPV4 : family == Family.IP6 ? Linearizer.NFPROTO_IPV6 : 0;
    }

    /** The rule's text as nft lists it, counters with their values, a comment from its user data last. */
    static String render(RuleInfo rule, AnonymousSets sets) {
        RuleText t = new RuleText(rule.family(), sets);
        List<Expression> e = rule.expressions();
        for (int i = 0; i < e.size(); i++) {
            try {
                i = t.step(e, i);
            } catch (IllegalArgumentException | IndexOutOfBoundsException ex) {
                throw new IllegalArgumentException("rule " + rule.family() + " " + rule.table() + " " + rule.chain()
                        + " handle " + rule.handle() + ": cannot print expression #" + (i + 1) + " " + e.get(i)
                        + ": " + ex.getMessage(), ex);
            }
        }
        StringJoiner j = new StringJoiner(" ");
        t.out.stream().filter(s -> s != null).forEach(j::add);
        String comment = comment(rule.userData());
        if (comment != null) {
            j.add("comment \"" + comment + "\"");
        }
        return j.toString();
    }

    /** The comment in a rule's, chain's or table's user data (TLV type 0, NUL-terminated), or null. */
    static String comment(byte[] udata) {
        int p = 0;
        while (p + 2 <= udata.length) {
            int type = udata[p] & 0xFF;
            int len = udata[p + 1] & 0xFF;
            if (p + 2 + len > udata.length) {
                return null;
            }
            if (type == 0) {
                return Values.cString(Arrays.copyOfRange(udata, p + 2, p + 2 + len));
            }
            p += 2 + len;
        }
        return null;
    }

    // ---- registers -------------------------------------------------------------------------------

    private static int slot(int reg) {
        if (reg >= 1 && reg <= 4) {
            return (reg - 1) * 4;
        }
        if (reg >= 8 && reg <= 23) {
            return reg - 8;
        }
        throw new IllegalArgumentException("register " + reg + " is no data register");
    }

    private void load(int reg, Term t) {
        regs[slot(reg)] = t;
    }

    private Term take(int reg) {
        int s = slot(reg);
        Term t = regs[s];
        if (t == null) {
            throw new IllegalArgumentException("register " + reg + " was not loaded");
        }
        regs[s] = null;
        return t;
    }

    /** The value at {@code reg} and the ones loaded right after it in the following slots: a concatenation. */
    private Term takeConcat(int reg) {
        int s = slot(reg);
        List<Term> parts = new ArrayList<>();
        int len = 0;
        while (s < 16 && regs[s] != null) {
            Term t = regs[s];
            regs[s] = null;
            parts.add(t);
            len += (t.len() + 3) / 4 * 4;
            s += (t.len() + 3) / 4;
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("register " + reg + " was not loaded");
        }
        if (parts.size() == 1) {
            return parts.getFirst();
        }
        StringJoiner j = new StringJoiner(" . ");
        parts.forEach(p -> j.add(p.text()));
        return new Term(j.toString(), Type.BYTES, len, List.copyOf(parts), -1, null, false, 0, -1);
    }

    // ---- one expression ----------------------------------------------------------------------------

    /** Reads the expression at {@code i} (and any it pairs with); returns the index of the last one read. */
    private int step(List<Expression> e, int i) {
        Expression x = e.get(i);
        switch (x) {
            case Meta m -> load(m.register(), meta(m.key()));
            case Payload p -> {
                if (i + 2 < e.size() && e.get(i + 1) instanceof Bitwise b && e.get(i + 2) instanceof PayloadSet w
                        && b.source() == p.register() && w.register() == b.destination() && w.base() == p.base()
                        && w.offset() == p.offset() && w.length() == p.length()) {
                    out.add(rewrite(p, b));
                    return i + 2;
                }
                if (i + 1 < e.size() && e.get(i + 1) instanceof Bitwise b && b.source() == p.register()
                        && dscpField(p, b) != null) {
                    load(b.destination(), dscpField(p, b));
                    return i + 1;
                }
                load(p.register(), payload(p));
            }
            case PayloadSet w -> {
                Term field = payload(new Payload(w.base(), w.offset(), w.length(), w.register()));
                if (field.prefixBits() >= 0) {
                    throw new IllegalArgumentException("a write of part of an address");
                }
                Term v = take(w.register());
                dropDependencies(field.network(), field.transport());
                out.add(field.text() + " set " + setValue(v, field));
            }
            case Ct c -> load(c.register(), ct(c.key()));
            case Numgen n -> load(n.register(), Term.of("numgen " + (n.random() ? "random" : "inc") + " mod "
                    + n.modulus() + (n.offset() != 0 ? " offset " + n.offset() : ""), Type.INT_HOST, 4));
            case Fib f -> load(f.register(), fib(f));
            case Immediate im -> load(im.register(), Term.constant(im.value()));
            case Bitwise b -> load(b.destination(), bitwise(take(b.source()), b));
            case Byteorder b -> {
                // a host-order number turned to network order for a comparison (numgen ... < N)
                Term t = take(b.source());
                if (t.type() != Type.INT_HOST || !b.toNetwork()) {
                    throw new IllegalArgumentException("byteorder of " + t.text());
                }
                load(b.destination(), Term.of(t.text(), Type.INT_BE, t.len()));
            }
            case Cmp c -> {
                if (c.op() == Cmp.Op.GTE && i + 1 < e.size() && e.get(i + 1) instanceof Cmp hi
                        && hi.op() == Cmp.Op.LTE && hi.register() == c.register()) {
                    Term t = take(c.register());
                    match(t, t.text() + " " + value(t, c.data()) + "-" + value(t, hi.data()));
                    return i + 1;
                }
                compare(take(c.register()), c);
            }
            case Lookup l -> lookup(l);
            case Verdict v -> out.add(verdict(v));
            case Counter c -> out.add("counter packets " + Long.toUnsignedString(c.packets()) + " bytes "
                    + Long.toUnsignedString(c.bytes()));
            case Reject r -> out.add(reject(r));
            case Masq m -> out.add("masquerade" + ports(m.portMin(), m.portMax()) + natFlags(m.flags()));
            case Redir r -> out.add("redirect" + ports(r.portMin(), r.portMax()) + natFlags(r.flags()));
            case NatExpr n -> out.add(nat(n));
            case MetaSet s -> out.add(metaKeyText(s.key()) + " set " + setValue(take(s.register()), meta(s.key())));
            case CtSet s -> out.add(ct(s.key()).text() + " set " + setValue(take(s.register()), ct(s.key())));
            case Limit l -> out.add(viaStatement(l));
            case Log l -> out.add(viaStatement(l));
            case Quota q -> out.add(viaStatement(q));
            case Notrack n -> out.add("notrack");
            case Rt r -> {
                if (r.key() != Rt.TCPMSS) {
                    throw new IllegalArgumentException("rt key " + r.key());
                }
                load(r.register(), Term.of("rt mtu", Type.INT_HOST, 2));
            }
            case Exthdr h when h.destination() >= 0 -> load(h.destination(), tcpOption(h));
            case Exthdr h -> {
                Term field = tcpOption(h);
                out.add(field.text() + " set " + setValue(take(h.source()), field));
            }
            case Dynset d -> out.add(dynset(d));
            case Objref o -> {
                if (o.type() != Objref.COUNTER) {
                    // the ruleset lists named counters only: a text without the quota's or limit's own
                    // block would be wrong
                    throw new IllegalArgumentException("a reference to a named object of type " + o.type()
                            + " (the ruleset lists named counters only)");
                }
                out.add("counter name " + quoted(o.name()));
            }
            default -> throw new IllegalArgumentException("no printer for " + x.kind());
        }
        return i;
    }

    /**
     * {@code add @s { KEY [timeout T] [STATEFUL...] }} (or update, delete): the key's
     * dependencies vanish as in front of a match.
     */
    private String dynset(Dynset d) {
        if (d.dataRegister() != 0) {
            throw new IllegalArgumentException("an update of a dynamic map (its data's type is the map's)");
        }
        if (d.flags() != 0) {
            throw new IllegalArgumentException("dynset flags 0x" + Integer.toHexString(d.flags()));
        }
        Term key = takeConcat(d.keyRegister());
        dropDependencies(key.network(), key.transport());
        for (Term p : key.parts()) {
            dropDependencies(p.network(), p.transport());
        }
        if (key.text() == null) {
            throw new IllegalArgumentException("a constant key");
        }
        StringBuilder sb = new StringBuilder(d.op().name().toLowerCase()).append(" @").append(d.set()).append(" { ")
                .append(key.text());
        if (d.timeoutMs() != 0) {
            sb.append(" timeout ").append(SetSpec.time(java.time.Duration.ofMillis(d.timeoutMs())));
        }
        for (Expression x : d.expressions()) {
            sb.append(' ').append(switch (x) {
                // the element's counter starts from this template, which nft prints without numbers
                case Counter c when c.packets() == 0 && c.bytes() == 0 -> "counter";
                case Limit l -> viaStatement(l);
                case Quota q -> viaStatement(q);
                default -> throw new IllegalArgumentException(x.kind() + " attached to a dynamic set element");
            });
        }
        return sb.append(" }").toString();
    }

    /**
     * A header field set by reading the bytes around it, keeping the others with a mask and
     * putting in the new value with xor, then writing back: nft's way to set a field narrower than
     * the 2 bytes the checksum fix needs ({@code ip ttl set 64}) or not on byte borders
     * ({@code ip dscp set cs1}, {@code ip6 dscp set af21}).
     */
    private String rewrite(Payload p, Bitwise b) {
        byte[] mask = b.mask();
        byte[] xor = b.xor();
        if (mask.length != p.length() || xor.length != p.length()) {
            throw new IllegalArgumentException("a rewrite whose mask is not as long as the field");
        }
        int first = -1;
        int last = -1;
        for (int bit = 0; bit < mask.length * 8; bit++) {
            boolean kept = (mask[bit / 8] & (0x80 >>> (bit % 8))) != 0;
            boolean set = (xor[bit / 8] & (0x80 >>> (bit % 8))) != 0;
            if (kept && set) {
                throw new IllegalArgumentException("a rewrite that flips bits it keeps");
            }
            if (!kept) {
                if (last >= 0 && last != bit - 1) {
                    throw new IllegalArgumentException("a rewrite of two separate bit ranges");
                }
                first = first < 0 ? bit : first;
                last = bit;
            }
        }
        if (first < 0) {
            throw new IllegalArgumentException("a rewrite that changes nothing");
        }
        int bits = last - first + 1;
        if (first % 8 == 0 && bits % 8 == 0) {
            Term field = payload(new Payload(p.base(), p.offset() + first / 8, bits / 8, p.register()));
            dropDependencies(field.network(), field.transport());
            return field.text() + " set " + value(field, Arrays.copyOfRange(xor, first / 8, first / 8 + bits / 8));
        }
        int v = 0;
        for (int bit = first; bit <= last; bit++) {
            v = v << 1 | ((xor[bit / 8] & (0x80 >>> (bit % 8))) != 0 ? 1 : 0);
        }
        boolean dscp4 = nfproto == Linearizer.NFPROTO_IPV4 && p.offset() == 0 && first == 8 && bits == 6;
        boolean dscp6 = nfproto == Linearizer.NFPROTO_IPV6 && p.offset() == 0 && first == 4 && bits == 6;
        if (p.base() != Payload.Base.NETWORK || !dscp4 && !dscp6) {
            throw new IllegalArgumentException("a rewrite of bits " + first + ".." + last + " at " + p.base()
                    + " header + " + p.offset());
        }
        dropDependencies(nfproto, -1);
        return (dscp4 ? "ip" : "ip6") + " dscp set " + dscp(v);
    }

    /** {@code ip dscp} / {@code ip6 dscp}: the bits of the traffic class a load and mask pick, or null. */
    private Term dscpField(Payload p, Bitwise b) {
        if (p.base() != Payload.Base.NETWORK || !allZero(b.xor())) {
            return null;
        }
        if (nfproto == Linearizer.NFPROTO_IPV4 && p.offset() == 1 && p.length() == 1
                && Arrays.equals(b.mask(), new byte[] {(byte) 0xFC})) {
            return Term.of("ip dscp", Type.DSCP4, 1).withProtocols(nfproto, -1);
        }
        if (nfproto == Linearizer.NFPROTO_IPV6 && p.offset() == 0 && p.length() == 2
                && Arrays.equals(b.mask(), new byte[] {0x0F, (byte) 0xC0})) {
            return Term.of("ip6 dscp", Type.DSCP6, 2).withProtocols(nfproto, -1);
        }
        return null;
    }

    /** A DSCP value by nft's name for it (its first name in its table), else in hex. */
    private static String dscp(int v) {
        return switch (v) {
            case 0x00 -> "cs0";
            case 0x08 -> "cs1";
            case 0x10 -> "cs2";
            case 0x18 -> "cs3";
            case 0x20 -> "cs4";
            case 0x28 -> "cs5";
            case 0x30 -> "cs6";
            case 0x38 -> "cs7";
            case 0x01 -> "lephb";
            case 0x0a -> "af11";
            case 0x0c -> "af12";
            case 0x0e -> "af13";
            case 0x12 -> "af21";
            case 0x14 -> "af22";
            case 0x16 -> "af23";
            case 0x1a -> "af31";
            case 0x1c -> "af32";
            case 0x1e -> "af33";
            case 0x22 -> "af41";
            case 0x24 -> "af42";
            case 0x26 -> "af43";
            case 0x2c -> "va";
            case 0x2e -> "ef";
            default -> String.format("0x%02x", v);
        };
    }

    /** A statement whose text the builder's statement already prints as nft does. */
    private String viaStatement(Expression x) {
        Delinearizer d = new Delinearizer(family, List.of(x));
        Statement s = switch (x) {
            case Limit l -> Statement.RateLimit.parse(d);
            case Log l -> Statement.LogTo.parse(d);
            case Quota q -> Statement.ByteQuota.parse(d);
            default -> null;
        };
        if (s == null) {
            throw new IllegalArgumentException(x.kind() + " in a form nft prints differently");
        }
        String text = s.toString();
        return x instanceof Quota q && q.consumed() != 0 ? text + " used " + bytes(q.consumed()) : text;
    }

    private static String bytes(long n) {
        String[] units = {"bytes", "kbytes", "mbytes"};
        int u = 0;
        while (u < 2 && n % 1024 == 0 && n != 0) {
            n /= 1024;
            u++;
        }
        return n + " " + units[u];
    }

    // ---- loads -------------------------------------------------------------------------------------

    private static String metaKeyText(Meta.Key k) {
        return switch (k) {
            case IIFNAME -> "iifname";
            case OIFNAME -> "oifname";
            case IIF -> "iif";
            case OIF -> "oif";
            case MARK -> "meta mark";
            default -> "meta " + k.name().toLowerCase();
        };
    }

    private static Term meta(Meta.Key k) {
        String text = metaKeyText(k);
        return switch (k) {
            case IIFNAME, OIFNAME -> Term.of(text, Type.IFNAME, 16);
            case L4PROTO -> Term.of(text, Type.PROTO, 1);
            case NFPROTO -> Term.of(text, Type.NFPROTO, 1);
            case MARK -> Term.of(text, Type.MARK, 4);
            case IIFTYPE, OIFTYPE -> Term.of(text, Type.IFTYPE, 2);
            case PROTOCOL -> Term.of(text, Type.ETHER_TYPE, 2);
            default -> Term.of(text, Type.INT_HOST, 4);
        };
    }

    private static Term ct(Ct.Key k) {
        return switch (k) {
            case STATE -> Term.of("ct state", Type.CT_STATE, 4);
            case STATUS -> Term.of("ct status", Type.CT_STATUS, 4);
            case MARK -> Term.of("ct mark", Type.MARK, 4);
            default -> Term.of("ct " + k.name().toLowerCase(), Type.INT_HOST, 4);
        };
    }

    private Term fib(Fib f) {
        StringJoiner j = new StringJoiner(" . ");
        if ((f.flags() & Fib.SADDR) != 0) {
            j.add("saddr");
        }
        if ((f.flags() & Fib.DADDR) != 0) {
            j.add("daddr");
        }
        if ((f.flags() & Fib.MARK) != 0) {
            j.add("mark");
        }
        if ((f.flags() & Fib.IIF) != 0) {
            j.add("iif");
        }
        if ((f.flags() & Fib.OIF) != 0) {
            j.add("oif");
        }
        String text = "fib " + j;
        return switch (f.result()) {
            case Fib.RESULT_ADDRTYPE -> Term.of(text + " type", Type.FIB_TYPE, 4);
            case Fib.RESULT_OIF -> (f.flags() & Fib.PRESENT) != 0 ? Term.of(text + " oif", Type.FIB_PRESENT, 4)
                    : Term.of(text + " oif", Type.INT_HOST, 4);
            case Fib.RESULT_OIFNAME -> Term.of(text + " oifname", Type.IFNAME, 16);
            default -> throw new IllegalArgumentException("fib result " + f.result());
        };
    }

    private Term payload(Payload p) {
        switch (p.base()) {
            case NETWORK -> {
                int net = nfproto;
                Term other = headerField(p, net);
                if (other != null) {
                    return other.withProtocols(net, -1);
                }
                if (net == Linearizer.NFPROTO_IPV4) {
                    Term t = field(p, "ip", 9, 1, Type.PROTO, 12, "saddr", 16, "daddr", 4, Type.IPV4);
                    return t.withProtocols(net, -1);
                }
                if (net == Linearizer.NFPROTO_IPV6) {
                    Term t = field(p, "ip6", 6, 1, Type.PROTO, 8, "saddr", 24, "daddr", 16, Type.IPV6);
                    return t.withProtocols(net, -1);
                }
                throw new IllegalArgumentException("a network header load without a known network protocol");
            }
            case TRANSPORT -> {
                String proto = switch (l4proto) {
                    case 6 -> "tcp";
                    case 17 -> "udp";
                    case 132 -> "sctp";
                    case 33 -> "dccp";
                    case 136 -> "udplite";
                    case 1 -> "icmp";
                    case 58 -> "icmpv6";
                    default -> "th";
                };
                int net = l4proto == 1 ? Linearizer.NFPROTO_IPV4 : l4proto == 58 ? Linearizer.NFPROTO_IPV6 : 0;
                if (proto.startsWith("icmp")) {
                    if (p.offset() == 0 && p.length() == 1) {
                        return Term.of(proto + " type", l4proto == 1 ? Type.ICMP : Type.ICMPV6, 1)
                                .withProtocols(net, l4proto);
                    }
                    if (p.offset() == 1 && p.length() == 1) {
                        return Term.of(proto + " code", Type.INT_BE, 1).withProtocols(net, l4proto);
                    }
                } else if (p.length() == 2 && (p.offset() == 0 || p.offset() == 2)) {
                    return Term.of(proto + (p.offset() == 0 ? " sport" : " dport"), Type.SERVICE, 2)
                            .withProtocols(0, l4proto < 0 ? -1 : l4proto);
                } else if (l4proto == 6 && p.offset() == 13 && p.length() == 1) {
                    return Term.of("tcp flags", Type.TCP_FLAGS, 1).withProtocols(0, 6);
                }
                throw new IllegalArgumentException("transport header field at " + p.offset() + "/" + p.length()
                        + " of " + proto);
            }
            case LINK -> {
                Term t = switch (p.offset() * 100 + p.length()) {
                    case 6 -> Term.of("ether daddr", Type.ETHER_ADDR, 6);
                    case 606 -> Term.of("ether saddr", Type.ETHER_ADDR, 6);
                    case 1202 -> Term.of("ether type", Type.ETHER_TYPE, 2);
                    default -> throw new IllegalArgumentException("link header field at " + p.offset() + "/"
                            + p.length());
                };
                return t.withProtocols(LINK, -1);
            }
            default -> throw new IllegalArgumentException(p.base() + " header loads");
        }
    }

    /** A TCP option field ({@code tcp option maxseg size}) or whether the option is there. */
    private static Term tcpOption(Exthdr x) {
        if (x.op() != Exthdr.OP_TCPOPT) {
            throw new IllegalArgumentException("extension header op " + x.op());
        }
        String name = switch (x.type()) {
            case 0 -> "eol";
            case 1 -> "nop";
            case 2 -> "maxseg";
            case 3 -> "window";
            case 4 -> "sack-perm";
            case 5 -> "sack";
            case 8 -> "timestamp";
            default -> throw new IllegalArgumentException("TCP option kind " + x.type());
        };
        if ((x.flags() & Exthdr.F_PRESENT) != 0) {
            if (x.flags() != Exthdr.F_PRESENT || x.offset() != 0 || x.length() != 1) {
                throw new IllegalArgumentException("TCP option presence test in an unknown form");
            }
            return Term.of("tcp option " + name, Type.FIB_PRESENT, 1);
        }
        if (x.flags() != 0) {
            throw new IllegalArgumentException("TCP option flags 0x" + Integer.toHexString(x.flags()));
        }
        String field = switch (x.offset() * 100 + x.length()) {
            case 1 -> "kind";
            case 101 -> "length";
            case 202 -> x.type() == 2 ? "size" : null;
            case 201 -> x.type() == 3 ? "count" : null;
            case 204 -> x.type() == 8 ? "tsval" : null;
            case 604 -> x.type() == 8 ? "tsecr" : null;
            default -> null;
        };
        if (field == null) {
            throw new IllegalArgumentException("TCP option " + name + " field at " + x.offset() + "/" + x.length());
        }
        return Term.of("tcp option " + name + " " + field, Type.INT_BE, x.length());
    }

    /**
     * The IPv4 and IPv6 header fields besides protocol and addresses that nft prints as plain
     * numbers ({@code ip ttl}, {@code ip6 hoplimit}, ...), or null.
     */
    private static Term headerField(Payload p, int net) {
        String name = null;
        if (net == Linearizer.NFPROTO_IPV4) {
            name = switch (p.offset() * 100 + p.length()) {
                case 202 -> "ip length";
                case 402 -> "ip id";
                case 801 -> "ip ttl";
                case 1002 -> "ip checksum";
                default -> null;
            };
        } else if (net == Linearizer.NFPROTO_IPV6) {
            name = switch (p.offset() * 100 + p.length()) {
                case 402 -> "ip6 length";
                case 701 -> "ip6 hoplimit";
                default -> null;
            };
        }
        return name == null ? null : Term.of(name, Type.INT_BE, p.length());
    }

    /** The protocol field or one of two address fields of a network header, an address possibly loaded short. */
    private static Term field(Payload p, String name, int protoOffset, int protoLen, Type protoType, int saddrOffset,
                              String s, int daddrOffset, String d, int addrLen, Type addrType) {
        if (p.offset() == protoOffset && p.length() == protoLen) {
            return Term.of(name + (protoOffset == 9 ? " protocol" : " nexthdr"), protoType, 1);
        }
        for (int k = 0; k < 2; k++) {
            int off = k == 0 ? saddrOffset : daddrOffset;
            if (p.offset() == off && p.length() >= 1 && p.length() <= addrLen) {
                Term t = Term.of(name + " " + (k == 0 ? s : d), addrType, addrLen);
                return p.length() == addrLen ? t
                        : new Term(t.text(), addrType, addrLen, List.of(), p.length() * 8, null, false, 0, -1);
            }
        }
        throw new IllegalArgumentException(name + " header field at " + p.offset() + "/" + p.length());
    }

    private static Term bitwise(Term t, Bitwise b) {
        byte[] mask = b.mask();
        byte[] xor = b.xor();
        boolean xorZero = allZero(xor);
        if (xorZero && (t.type() == Type.IPV4 || t.type() == Type.IPV6) && t.prefixBits() < 0) {
            int bits = Values.prefixBits(mask);
            if (bits >= 0) {
                return new Term(t.text(), t.type(), t.len(), List.of(), bits, null, false, t.network(), t.transport());
            }
        }
        if (xorZero && (t.type() == Type.CT_STATE || t.type() == Type.CT_STATUS || t.type() == Type.TCP_FLAGS)) {
            return new Term(t.text(), t.type(), t.len(), List.of(), -1, mask, false, t.network(), t.transport());
        }
        String op;
        byte[] operand;
        if (xorZero) {
            op = "&";
            operand = mask;
        } else if (allOnes(mask)) {
            op = "^";
            operand = xor;
        } else if (complementary(mask, xor)) {
            op = "|";
            operand = xor;
        } else {
            throw new IllegalArgumentException("bitwise mask " + hex(mask) + " xor " + hex(xor));
        }
        return new Term(t.text() + " " + op + " " + value(t, operand), t.type(), t.len(), List.of(), -1, null, true,
                t.network(), t.transport());
    }

    // ---- matches -----------------------------------------------------------------------------------

    /**
     * Adds a match; a load of a header field first drops the dependency nft added for it (the
     * {@code meta nfproto} before an IPv4/IPv6 header field, the {@code meta l4proto} before a
     * transport header field).
     */
    private void match(Term t, String text) {
        dropDependencies(t.network(), t.transport());
        for (Term p : t.parts()) {
            dropDependencies(p.network(), p.transport());
        }
        out.add(text);
    }

    private void dropDependencies(int network, int transport) {
        if (transport >= 0 && l4Dep >= 0 && l4proto == transport) {
            out.set(l4Dep, null);
            l4Dep = -1;
        }
        if (network == LINK && llDep >= 0) {
            out.set(llDep, null);
            llDep = -1;
        }
        if (network != 0 && nfDep >= 0 && nfproto == network) {
            out.set(nfDep, null);
            nfDep = -1;
        }
    }

    private void compare(Term t, Cmp c) {
        if (t.flagMask() != null) {
            if (c.op() == Cmp.Op.NEQ && allZero(c.data())) {
                match(t, t.text() + " " + value(t, t.flagMask()));
                return;
            }
            if (t.type() == Type.TCP_FLAGS && c.op() == Cmp.Op.EQ) {
                match(t, t.text() + " " + value(t, c.data()) + " / " + value(t, t.flagMask()));
                return;
            }
            String m = t.text() + " & " + flagSet(t, t.flagMask());
            match(t, m + " " + (c.op() == Cmp.Op.EQ ? "==" : op(c.op())) + " " + value(t, c.data()));
            return;
        }
        String op = c.op() == Cmp.Op.EQ ? (t.binop() ? "== " : "") : op(c.op()) + " ";
        String text = t.text() + " " + op + value(t, c.data());
        if (c.op() == Cmp.Op.EQ && c.data().length >= 1) {
            int v = c.data()[0] & 0xFF;
            if (t.type() == Type.PROTO && c.data().length == 1 && !t.binop()) {
                // meta l4proto / ip protocol / ip6 nexthdr: the dependency of a transport match
                dropDependencies(t.network(), -1);
                l4proto = v;
                out.add(text);
                l4Dep = out.size() - 1;
                return;
            }
            if (t.type() == Type.IFTYPE && t.text().equals("meta iiftype") && host(c.data()) == 1 && !t.binop()) {
                // meta iiftype ether: the dependency of a link header match outside the bridge family
                out.add(text);
                llDep = out.size() - 1;
                return;
            }
            if (t.type() == Type.ETHER_TYPE && !t.binop() && (family == Family.BRIDGE || family == Family.NETDEV)
                    && (Values.u16(c.data()) == 0x0800 || Values.u16(c.data()) == 0x86DD)) {
                // ether type / meta protocol ip / ip6: the dependency of a network header match in the
                // bridge and netdev families
                dropDependencies(LINK, -1);
                nfproto = Values.u16(c.data()) == 0x0800 ? Linearizer.NFPROTO_IPV4 : Linearizer.NFPROTO_IPV6;
                out.add(text);
                nfDep = out.size() - 1;
                return;
            }
            if (t.type() == Type.NFPROTO && c.data().length == 1) {
                nfproto = v;
                out.add(text);
                nfDep = out.size() - 1;
                return;
            }
        }
        match(t, text);
    }

    private static String op(Cmp.Op op) {
        return switch (op) {
            case EQ -> "==";
            case NEQ -> "!=";
            case LT -> "<";
            case LTE -> "<=";
            case GT -> ">";
            case GTE -> ">=";
        };
    }

    private void lookup(Lookup l) {
        Term key = takeConcat(l.source());
        List<SetInfo.RawElement> anon = sets != null ? sets.elements(l.set()) : null;
        if (anon == null && l.set().startsWith("__")) {
            throw new IllegalArgumentException("anonymous set " + l.set() + " without its elements");
        }
        String set = anon != null && l.destination() <= 0 ? inline(key, anon, null) : "@" + l.set();
        String neg = (l.flags() & 1) != 0 ? "!= " : "";
        if (l.destination() == Expressions.REG_VERDICT) {
            match(key, key.text() + " vmap " + set);
        } else if (l.destination() > 0) {
            dropDependencies(key.network(), key.transport());
            for (Term p : key.parts()) {
                dropDependencies(p.network(), p.transport());
            }
            if (anon != null) {
                // no text: only nat, which knows the data's type, prints it
                anonMap = Term.of(null, Type.BYTES, 16);
                anonMapKey = key;
                anonMapElements = anon;
                load(l.destination(), anonMap);
            } else {
                load(l.destination(), Term.of(key.text() + " map " + set, Type.BYTES, 16));
            }
        } else {
            match(key, key.text() + " " + neg + set);
        }
    }

    /** An anonymous set or map printed inline, elements in nft's order (ascending values). */
    private static String inline(Term key, List<SetInfo.RawElement> elements, Term data) {
        List<SetInfo.RawElement> sorted = new ArrayList<>(elements.stream().filter(e -> e.key() != null).toList());
        // by value; an interval's end before a start of the same value (adjacent intervals)
        sorted.sort((a, b) -> {
            int c = compareValues(a.key(), b.key(), key);
            return c != 0 ? c : Boolean.compare(!end(a), !end(b));
        });
        List<String> items = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            SetInfo.RawElement el = sorted.get(i);
            if (end(el)) {
                continue; // the end of the gap below the first interval
            }
            String k;
            if (el.keyEnd() != null) {
                throw new IllegalArgumentException("an anonymous set of concatenated intervals");
            } else if (i + 1 < sorted.size() && end(sorted.get(i + 1))) {
                k = interval(key, el.key(), sorted.get(i + 1).key());
                i++;
            } else {
                k = key.parts().isEmpty() ? value(key, el.key()) : concatValue(key, el.key());
            }
            if (el.verdict() != null) {
                k += " : " + verdict(el.verdict());
            } else if (el.data() != null) {
                if (data == null) {
                    throw new IllegalArgumentException("an anonymous data map whose data's type is not known here");
                }
                k += " : " + value(data, el.data());
            }
            items.add(k);
        }
        return "{ " + String.join(", ", items) + " }";
    }

    private static boolean end(SetInfo.RawElement e) {
        return (e.flags() & SetWire.NFT_SET_ELEM_INTERVAL_END) != 0;
    }

    /** nft orders elements by value: a network-order type as a big number, a host-order one as its number. */
    private static int compareValues(byte[] a, byte[] b, Term key) {
        boolean host = key.parts().isEmpty() && hostOrder(key.type()) || !key.parts().isEmpty();
        for (int i = a.length - 1, k = 0; k < Math.min(a.length, b.length); k++, i--) {
            int x = host ? a[a.length - 1 - k] & 0xFF : a[k] & 0xFF;
            int y = host ? b[b.length - 1 - k] & 0xFF : b[k] & 0xFF;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return Integer.compare(a.length, b.length);
    }

    private static boolean hostOrder(Type t) {
        return switch (t) {
            case MARK, CT_STATE, CT_STATUS, INT_HOST, FIB_TYPE, FIB_PRESENT -> ByteOrder.nativeOrder()
                    == ByteOrder.LITTLE_ENDIAN;
            default -> false;
        };
    }

    /**
     * An interval [from, to) of an interval set: nft prints a prefix when it is one, else a range
     * (the end stored is one past the last value).
     */
    private static String interval(Term key, byte[] from, byte[] endExclusive) {
        byte[] last = minusOne(endExclusive);
        if (key.type() == Type.IPV4 || key.type() == Type.IPV6) {
            for (int bits = 0; bits <= from.length * 8; bits++) {
                if (Values.hostBitsZero(from, bits) && isPrefixEnd(from, last, bits)) {
                    Term p = new Term(key.text(), key.type(), key.len(), List.of(), bits, null, false, 0, -1);
                    return value(p, Arrays.copyOf(from, (bits + 7) / 8));
                }
            }
        }
        return value(key, from) + "-" + value(key, last);
    }

    private static boolean isPrefixEnd(byte[] from, byte[] last, int bits) {
        for (int bit = 0; bit < from.length * 8; bit++) {
            boolean f = (from[bit / 8] & (0x80 >>> (bit % 8))) != 0;
            boolean l = (last[bit / 8] & (0x80 >>> (bit % 8))) != 0;
            if (bit < bits ? f != l : !l) {
                return false;
            }
        }
        return true;
    }

    private static byte[] minusOne(byte[] b) {
        byte[] r = b.clone();
        for (int i = r.length - 1; i >= 0; i--) {
            if (r[i]-- != 0) {
                break;
            }
        }
        return r;
    }

    private static String concatValue(Term key, byte[] data) {
        StringJoiner j = new StringJoiner(" . ");
        int pos = 0;
        for (Term p : key.parts()) {
            j.add(value(p, Arrays.copyOfRange(data, pos, pos + p.len())));
            pos += (p.len() + 3) / 4 * 4;
        }
        return j.toString();
    }

    // ---- statements --------------------------------------------------------------------------------

    private static String verdict(Verdict v) {
        return switch (v.code()) {
            case ACCEPT -> "accept";
            case DROP -> "drop";
            case RETURN -> "return";
            case CONTINUE -> "continue";
            case QUEUE -> "queue";
            case JUMP -> "jump " + v.chain();
            case GOTO -> "goto " + v.chain();
            case BREAK -> throw new IllegalArgumentException("break verdict");
        };
    }

    private String reject(Reject r) {
        return switch (r.type()) {
            case TCP_RST -> "reject with tcp reset"; // nft keeps printing its meta l4proto tcp
            case ICMPX_UNREACH -> r.code() == 1 ? "reject" : "reject with icmpx " + name(Statement.RejectWith.ICMPX,
                    r.code());
            case ICMP_UNREACH -> {
                boolean v6 = nfproto == Linearizer.NFPROTO_IPV6;
                if (nfproto == 0) {
                    throw new IllegalArgumentException("reject with an ICMP code but no network protocol");
                }
                dropDependencies(nfproto, -1);
                int portUnreachable = v6 ? 4 : 3;
                yield r.code() == portUnreachable && family != Family.INET ? "reject"
                        : "reject with " + (v6 ? "icmpv6 " + name(Statement.RejectWith.ICMPV6, r.code())
                        : "icmp " + name(Statement.RejectWith.ICMP, r.code()));
            }
        };
    }

    private static String name(java.util.Map<Integer, String> names, int code) {
        String n = names.get(code);
        return n != null ? n : Integer.toString(code);
    }

    private String nat(NatExpr n) {
        StringBuilder sb = new StringBuilder(n.type() == NatExpr.Type.SNAT ? "snat" : "dnat");
        boolean v6 = n.family() == NatExpr.IPV6;
        if (n.addressMin() != 0 && n.portMin() != 0 && n.portMin() != n.addressMin()
                && regs[slot(n.portMin())] == null && regs[slot(n.addressMin())] != null
                && regs[slot(n.addressMin())].type() == Type.BYTES && regs[slot(n.addressMin())].text() != null
                && (n.addressMax() == 0 || n.addressMax() == n.addressMin())
                && (n.portMax() == 0 || n.portMax() == n.portMin())) {
            // address and port both from one map lookup whose data is a concatenation
            // (ipv4_addr . inet_service): nft prints the family even in an ip or ip6 table
            Term map = take(n.addressMin());
            return sb.append(v6 ? " ip6" : " ip").append(" to ").append(map.text()) + natFlags(n.flags());
        }
        if (family == Family.INET && n.addressMin() != 0) {
            sb.append(v6 ? " ip6" : " ip");
        }
        if (n.addressMin() == 0 && n.portMin() == 0) {
            return sb + natFlags(n.flags());
        }
        sb.append(" to");
        Type at = v6 ? Type.IPV6 : Type.IPV4;
        Term addrType = Term.of("", at, v6 ? 16 : 4);
        String addr = "";
        if (n.addressMin() != 0) {
            Term lo = take(n.addressMin());
            if (lo == anonMap && n.portMin() == 0 && (n.addressMax() == 0 || n.addressMax() == n.addressMin())) {
                // an anonymous map to one address: its data typed by the nat's family
                return sb.append(' ').append(anonMapKey.text()).append(" map ")
                        .append(inline(anonMapKey, anonMapElements, addrType)) + natFlags(n.flags());
            }
            addr = lo.text() != null ? lo.text() : value(addrType, lo.data());
            if (n.addressMax() != 0 && n.addressMax() != n.addressMin()) {
                Term hi = take(n.addressMax());
                addr += "-" + value(addrType, hi.data());
            }
        }
        sb.append(' ');
        if (n.portMin() != 0) {
            Term lo = take(n.portMin());
            String port = value(Term.of("", Type.SERVICE, 2), lo.data());
            if (n.portMax() != 0 && n.portMax() != n.portMin()) {
                port += "-" + value(Term.of("", Type.SERVICE, 2), take(n.portMax()).data());
            }
            sb.append(v6 && n.addressMin() != 0 ? "[" + addr + "]" : addr).append(':').append(port);
        } else {
            sb.append(addr);
        }
        return sb + natFlags(n.flags());
    }

    private String ports(int min, int max) {
        if (min == 0) {
            return "";
        }
        Term port = Term.of("", Type.SERVICE, 2);
        String s = " to :" + value(port, take(min).data());
        if (max != 0 && max != min) {
            s += "-" + value(port, take(max).data());
        }
        return s;
    }

    /** NF_NAT_RANGE_PROTO_RANDOM (4), _PERSISTENT (8), _PROTO_RANDOM_FULLY (16), nft's way. */
    private static String natFlags(int flags) {
        List<String> f = new ArrayList<>();
        if ((flags & 4) != 0) {
            f.add("random");
        }
        if ((flags & 16) != 0) {
            f.add("fully-random");
        }
        if ((flags & 8) != 0) {
            f.add("persistent");
        }
        return f.isEmpty() ? "" : " " + String.join(",", f);
    }

    private static String setValue(Term t, Term target) {
        if (t.text() != null) {
            return t.text();
        }
        return value(target, t.data());
    }

    // ---- values ------------------------------------------------------------------------------------

    private static String value(Term t, byte[] d) {
        if (d == null) {
            throw new IllegalArgumentException("a register holding no constant where one is needed");
        }
        return switch (t.type()) {
            case IPV4, IPV6 -> {
                byte[] full = Arrays.copyOf(d, t.type() == Type.IPV4 ? 4 : 16);
                String a = t.type() == Type.IPV4 ? IpPrefix.format(IpPrefix.byAddress(full)) : ipv6(full);
                yield t.prefixBits() >= 0 ? a + "/" + t.prefixBits() : a;
            }
            case SERVICE -> Integer.toString(Values.u16(d));
            case PROTO -> Values.protocolName(d[0] & 0xFF);
            case NFPROTO -> (d[0] & 0xFF) == 2 ? "ipv4" : (d[0] & 0xFF) == 10 ? "ipv6" : Integer.toString(d[0] & 0xFF);
            case IFNAME -> "\"" + Values.cString(d) + "\"";
            case MARK -> String.format("0x%08x", host(d));
            case CT_STATE -> flagNames(host(d), Match.CtState.State.values(), s -> s.bit);
            case CT_STATUS -> flagNames(host(d), Match.CtStatus.Status.values(), s -> s.bit);
            case ICMP -> name(Match.IcmpType.V4, d[0] & 0xFF);
            case ICMPV6 -> name(Match.IcmpType.V6, d[0] & 0xFF);
            case TCP_FLAGS -> Match.TcpFlags.names(d[0] & 0xFF);
            case INT_HOST -> Integer.toUnsignedString(host(d));
            case INT_BE -> Long.toString(new java.math.BigInteger(1, d).longValue());
            case FIB_TYPE -> host(d) >= 0 && host(d) < Match.FibLookup.TYPES.length ? Match.FibLookup.TYPES[host(d)]
                    : Integer.toString(host(d));
            case FIB_PRESENT -> host(d) == 0 ? "missing" : "exists";
            case ETHER_ADDR -> {
                StringJoiner j = new StringJoiner(":");
                for (int i = 0; i < 6; i++) {
                    j.add(String.format("%02x", d[i] & 0xFF));
                }
                yield j.toString();
            }
            case ETHER_TYPE -> switch (Values.u16(d)) {
                case 0x0800 -> "ip";
                case 0x0806 -> "arp";
                case 0x86DD -> "ip6";
                case 0x8100 -> "8021q";
                case 0x88A8 -> "8021ad";
                default -> String.format("0x%04x", Values.u16(d));
            };
            case DSCP4 -> dscp((d[0] & 0xFF) >>> 2);
            case DSCP6 -> dscp((d[0] & 0x0F) << 2 | (d[1] & 0xFF) >>> 6);
            case IFTYPE -> switch (host(d) & 0xFFFF) {
                case 1 -> "ether";
                case 772 -> "loopback";
                default -> throw new IllegalArgumentException("interface type " + (host(d) & 0xFFFF));
            };
            case BYTES -> throw new IllegalArgumentException("a value of unknown type: 0x" + hex(d));
        };
    }

    /** A flag mask in a bit test: one name, or several in parentheses joined by '|'. */
    private static String flagSet(Term t, byte[] mask) {
        String names = value(t, mask);
        return names.contains(",") ? "(" + names.replace(',', '|') + ")" : names;
    }

    private static int host(byte[] d) {
        byte[] four = Arrays.copyOf(d, 4);
        return ByteBuffer.wrap(four).order(ByteOrder.nativeOrder()).getInt();
    }

    private static <E extends Enum<E>> String flagNames(int bits, E[] all, java.util.function.ToIntFunction<E> bit) {
        StringJoiner j = new StringJoiner(",");
        int rest = bits;
        for (E e : all) {
            if ((bits & bit.applyAsInt(e)) != 0) {
                j.add(e.name().toLowerCase().replace('_', '-'));
                rest &= ~bit.applyAsInt(e);
            }
        }
        if (rest != 0 || bits == 0) {
            j.add(String.format("0x%08x", rest));
        }
        return j.toString();
    }

    /**
     * An IPv6 address as glibc's inet_ntop writes it (nft prints with it): RFC 5952, except that
     * IPv4-mapped and IPv4-compatible addresses end in dotted quad.
     */
    static String ipv6(byte[] b) {
        boolean zero10 = true;
        for (int i = 0; i < 10; i++) {
            zero10 &= b[i] == 0;
        }
        int w5 = (b[10] & 0xFF) << 8 | (b[11] & 0xFF);
        int w6 = (b[12] & 0xFF) << 8 | (b[13] & 0xFF);
        int w7 = (b[14] & 0xFF) << 8 | (b[15] & 0xFF);
        String dotted = (b[12] & 0xFF) + "." + (b[13] & 0xFF) + "." + (b[14] & 0xFF) + "." + (b[15] & 0xFF);
        if (zero10 && w5 == 0xFFFF) {
            return "::ffff:" + dotted;
        }
        if (zero10 && w5 == 0 && (w6 != 0 || (w7 != 0 && w7 != 1))) {
            return "::" + dotted;
        }
        try {
            return IpPrefix.format(Inet6Address.getByAddress(null, b, null));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean allOnes(byte[] b) {
        for (byte x : b) {
            if (x != (byte) 0xFF) {
                return false;
            }
        }
        return true;
    }

    private static boolean complementary(byte[] mask, byte[] xor) {
        if (mask.length != xor.length) {
            return false;
        }
        for (int i = 0; i < mask.length; i++) {
            if ((mask[i] ^ xor[i]) != (byte) 0xFF) {
                return false;
            }
        }
        return true;
    }

    private static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }

    static String quoted(String s) {
        return "\"" + s + "\"";
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
