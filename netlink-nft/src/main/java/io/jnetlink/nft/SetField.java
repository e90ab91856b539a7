package io.jnetlink.nft;

import io.jnetlink.nft.expr.Cmp;
import io.jnetlink.nft.expr.Expression;
import io.jnetlink.nft.expr.Meta;
import io.jnetlink.nft.expr.Payload;
import java.util.List;
import java.util.StringJoiner;

/**
 * A packet field a rule looks up in a set or map: {@code ip saddr @s}, {@code ip saddr . tcp dport
 * @s}, {@code iifname vmap { ... }}. Each has the set data type it is looked up as, the expression
 * nft loads it with, and the dependency nft puts before it ({@code meta nfproto} for an IP header
 * field in an inet table, {@code meta l4proto} for a port).
 */
public enum SetField {
    /** {@code ip saddr}. */
    IP_SADDR("ip saddr", SetDataType.IPV4_ADDR, Payload.Base.NETWORK, 12, 4, 0),
    /** {@code ip daddr}. */
    IP_DADDR("ip daddr", SetDataType.IPV4_ADDR, Payload.Base.NETWORK, 16, 4, 0),
    /** {@code ip6 saddr}. */
    IP6_SADDR("ip6 saddr", SetDataType.IPV6_ADDR, Payload.Base.NETWORK, 8, 16, 0),
    /** {@code ip6 daddr}. */
    IP6_DADDR("ip6 daddr", SetDataType.IPV6_ADDR, Payload.Base.NETWORK, 24, 16, 0),
    /** {@code tcp sport}. */
    TCP_SPORT("tcp sport", SetDataType.INET_SERVICE, Payload.Base.TRANSPORT, 0, 2, 6),
    /** {@code tcp dport}. */
    TCP_DPORT("tcp dport", SetDataType.INET_SERVICE, Payload.Base.TRANSPORT, 2, 2, 6),
    /** {@code udp sport}. */
    UDP_SPORT("udp sport", SetDataType.INET_SERVICE, Payload.Base.TRANSPORT, 0, 2, 17),
    /** {@code udp dport}. */
    UDP_DPORT("udp dport", SetDataType.INET_SERVICE, Payload.Base.TRANSPORT, 2, 2, 17),
    /** {@code meta l4proto}. */
    L4PROTO("meta l4proto", SetDataType.INET_PROTO, Meta.Key.L4PROTO),
    /** {@code iifname}. */
    IIFNAME("iifname", SetDataType.IFNAME, Meta.Key.IIFNAME),
    /** {@code oifname}. */
    OIFNAME("oifname", SetDataType.IFNAME, Meta.Key.OIFNAME),
    /** {@code meta mark}. */
    MARK("meta mark", SetDataType.MARK, Meta.Key.MARK);

    /** How nft writes the field. */
    public final String text;
    /** The set data type of its values. */
    public final SetDataType type;
    final Payload.Base base;
    final int offset;
    final int length;
    /** The transport protocol the field needs matched first, or 0. */
    final int protocol;
    final Meta.Key meta;

    SetField(String text, SetDataType type, Payload.Base base, int offset, int length, int protocol) {
        this.text = text;
        this.type = type;
        this.base = base;
        this.offset = offset;
        this.length = length;
        this.protocol = protocol;
        this.meta = null;
    }

    SetField(String text, SetDataType type, Meta.Key meta) {
        this.text = text;
        this.type = type;
        this.base = null;
        this.offset = 0;
        this.length = type.length;
        this.protocol = 0;
        this.meta = meta;
    }

    /** The network protocol the field needs: 4 or 6, or 0. */
    int ipVersion() {
        return base != Payload.Base.NETWORK ? 0 : type == SetDataType.IPV4_ADDR ? 4 : 6;
    }

    /** The key type of a lookup of {@code fields} (a concatenation for several). */
    static SetKeyType keyType(List<SetField> fields) {
        return new SetKeyType(fields.stream().map(f -> f.type).toList());
    }

    /** {@code ip saddr . tcp dport}. */
    static String text(List<SetField> fields) {
        StringJoiner j = new StringJoiner(" . ");
        fields.forEach(f -> j.add(f.text));
        return j.toString();
    }

    /**
     * Loads {@code fields} as nft does for a lookup: every dependency first, then each field into
     * its register (the first into NFT_REG_1, the next into the 32-bit registers after it).
     */
    static void load(Linearizer l, List<SetField> fields, String what) {
        for (SetField f : fields) {
            if (f.ipVersion() != 0) {
                l.network(f.ipVersion() == 4, what);
            }
        }
        for (SetField f : fields) {
            if (f.protocol != 0) {
                l.transport(f.protocol, what);
            }
        }
        int word = 0;
        for (SetField f : fields) {
            l.add(f.loader(register(word)));
            word += (f.length + 3) / 4;
        }
    }

    /** The register of a field starting {@code word} 32-bit words into a key: NFT_REG_1, then NFT_REG32_01... */
    static int register(int word) {
        return word == 0 ? 1 : 8 + word;
    }

    Expression loader(int register) {
        return meta != null ? new Meta(meta, register) : new Payload(base, offset, length, register);
    }

    /**
     * Reads the fields of a lookup standing at the delinearizer's position: dependencies, then one
     * load per field in the registers {@link #load} uses.
     *
     * @return the fields, or null if none stand there; {@code end} gets how many expressions they
     *         took, the nfproto and the l4proto their dependencies established (0 and -1 for none)
     */
    static List<SetField> parse(Delinearizer d, int[] end) {
        int k = 0;
        int nfp = 0;
        int proto = -1;
        int net = d.network(); // established, or the one a dependency here states
        if (net != 0 && d.networkDep(net) > 0) {
            nfp = net;
            k = 2;
        }
        if (d.transport() < 0 && d.at(k) instanceof Meta m && m.key() == Meta.Key.L4PROTO
                && d.at(k + 1) instanceof Cmp c && c.op() == Cmp.Op.EQ && c.data().length == 1) {
            proto = c.data()[0] & 0xFF;
            k += 2;
        }
        int network = nfp != 0 ? nfp : d.network();
        int transport = proto >= 0 ? proto : d.transport();
        List<SetField> fields = new java.util.ArrayList<>();
        int word = 0;
        while (true) {
            Expression e = d.at(k);
            SetField f = fieldOf(e, register(word), network, transport);
            if (f == null) {
                break;
            }
            fields.add(f);
            word += (f.length + 3) / 4;
            k++;
        }
        if (fields.isEmpty()) {
            return null;
        }
        end[0] = k;
        end[1] = nfp;
        end[2] = proto;
        return fields;
    }

    private static SetField fieldOf(Expression e, int register, int nfproto, int l4proto) {
        for (SetField f : values()) {
            if (!f.loader(register).equals(e)) {
                continue;
            }
            if (f.ipVersion() != 0 && nfproto != (f.ipVersion() == 4 ? Linearizer.NFPROTO_IPV4
                    : Linearizer.NFPROTO_IPV6)) {
                continue;
            }
            if (f.protocol != 0 && l4proto != f.protocol) {
                continue;
            }
            return f;
        }
        return null;
    }

    // libnftnl user data describing a field for nft's "typeof" (what a rule's anonymous set is keyed by)
    private static final int EXPR_PAYLOAD = 7;
    private static final int EXPR_META = 9;

    /** nft's "typeof" record of this field: the expression kind, then the protocol and field numbers or meta key. */
    byte[] typeof() {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(32).order(java.nio.ByteOrder.nativeOrder());
        b.put((byte) 0).put((byte) 4).putInt(meta != null ? EXPR_META : EXPR_PAYLOAD);
        if (meta != null) {
            b.put((byte) 1).put((byte) 6).put((byte) 0).put((byte) 4).putInt(meta.code);
        } else {
            b.put((byte) 1).put((byte) 12).put((byte) 0).put((byte) 4).putInt(protoDesc())
                    .put((byte) 1).put((byte) 4).putInt(headerField());
        }
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    /**
     * The fields an nft "typeof" record names ({@link #typeof}, or a concatenation of them), or
     * null when it names something else (or nothing: nft writes an empty concatenation for a
     * concatenated {@code type}).
     */
    static List<SetField> fromTypeof(byte[] rec) {
        byte[] kind = SetInfo.udata(rec, 0);
        byte[] data = SetInfo.udata(rec, 1);
        if (kind == null || kind.length != 4 || data == null) {
            return null;
        }
        int expr = java.nio.ByteBuffer.wrap(kind).order(java.nio.ByteOrder.nativeOrder()).getInt();
        if (expr == EXPR_CONCAT) {
            List<SetField> out = new java.util.ArrayList<>();
            for (int i = 0; ; i++) {
                byte[] sub = SetInfo.udata(data, i);
                if (sub == null) {
                    break;
                }
                List<SetField> f = fromTypeof(sub);
                if (f == null || f.size() != 1) {
                    return null;
                }
                out.add(f.getFirst());
            }
            return out.size() >= 2 ? List.copyOf(out) : null;
        }
        byte[] a = SetInfo.udata(data, 0);
        byte[] b = SetInfo.udata(data, 1);
        for (SetField f : values()) {
            if (java.util.Arrays.equals(f.typeof(), typeofOf(expr, a, b))) {
                return List.of(f);
            }
        }
        return null;
    }

    /** A typeof record rebuilt from its parts (for comparing with {@link #typeof}). */
    private static byte[] typeofOf(int expr, byte[] a, byte[] b) {
        java.nio.ByteBuffer r = java.nio.ByteBuffer.allocate(64).order(java.nio.ByteOrder.nativeOrder());
        r.put((byte) 0).put((byte) 4).putInt(expr);
        int len = (a != null ? 2 + a.length : 0) + (b != null ? 2 + b.length : 0);
        r.put((byte) 1).put((byte) len);
        if (a != null) {
            r.put((byte) 0).put((byte) a.length).put(a);
        }
        if (b != null) {
            r.put((byte) 1).put((byte) b.length).put(b);
        }
        return java.util.Arrays.copyOf(r.array(), r.position());
    }

    private static final int EXPR_CONCAT = 13;

    /** nft's enum proto_desc_id of the field's header. */
    private int protoDesc() {
        return switch (this) {
            case IP_SADDR, IP_DADDR -> 12;
            case IP6_SADDR, IP6_DADDR -> 13;
            case TCP_SPORT, TCP_DPORT -> 8;
            case UDP_SPORT, UDP_DPORT -> 6;
            default -> 0;
        };
    }

    /** nft's number of the field in its header's template (ip: saddr 11, daddr 12; ip6: 8, 9; ports 1, 2). */
    private int headerField() {
        return switch (this) {
            case IP_SADDR -> 11;
            case IP_DADDR -> 12;
            case IP6_SADDR -> 8;
            case IP6_DADDR -> 9;
            case TCP_SPORT, UDP_SPORT -> 1;
            case TCP_DPORT, UDP_DPORT -> 2;
            default -> 0;
        };
    }
}
