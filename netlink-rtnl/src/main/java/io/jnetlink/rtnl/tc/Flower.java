package io.jnetlink.rtnl.tc;

import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.net.IpPrefix;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code flower}: matches parsed packet fields ({@code tc filter add dev X ingress protocol ip
 * flower dst_ip 10.0.0.2 ip_proto tcp dst_port 80 action drop}). TCA_OPTIONS holds the
 * TCA_FLOWER_KEY_* attributes ({@code linux/pkt_cls.h}) in tc's order: addresses with their masks,
 * the IP protocol, the ports, the class, the actions, TCA_FLOWER_FLAGS, then the Ethernet type
 * (which is also the filter's protocol).
 *
 * @param ethType  the Ethernet type: {@link FilterSpec#ETH_P_IP} or {@link FilterSpec#ETH_P_IPV6}
 * @param ipProto  the IP protocol (6 TCP, 17 UDP), or -1 for any
 * @param src      the source prefix, or null
 * @param dst      the destination prefix, or null
 * @param srcPort  the TCP/UDP source port, or 0 for any
 * @param dstPort  the TCP/UDP destination port, or 0 for any
 * @param classid  the class to put matching packets in, or null
 * @param actions  the actions to run on a match
 */
public record Flower(int ethType, int ipProto, IpPrefix src, IpPrefix dst, int srcPort, int dstPort, Handle classid,
                     List<Action> actions) implements FilterKind {
    static final String KIND = "flower";
    static final int TCA_FLOWER_CLASSID = 1;
    static final int TCA_FLOWER_ACT = 3;
    static final int TCA_FLOWER_KEY_ETH_TYPE = 8;
    static final int TCA_FLOWER_KEY_IP_PROTO = 9;
    static final int TCA_FLOWER_KEY_IPV4_SRC = 10;
    static final int TCA_FLOWER_KEY_IPV4_SRC_MASK = 11;
    static final int TCA_FLOWER_KEY_IPV4_DST = 12;
    static final int TCA_FLOWER_KEY_IPV4_DST_MASK = 13;
    static final int TCA_FLOWER_KEY_IPV6_SRC = 14;
    static final int TCA_FLOWER_KEY_IPV6_SRC_MASK = 15;
    static final int TCA_FLOWER_KEY_IPV6_DST = 16;
    static final int TCA_FLOWER_KEY_IPV6_DST_MASK = 17;
    static final int TCA_FLOWER_KEY_TCP_SRC = 18;
    static final int TCA_FLOWER_KEY_TCP_DST = 19;
    static final int TCA_FLOWER_KEY_UDP_SRC = 20;
    static final int TCA_FLOWER_KEY_UDP_DST = 21;
    static final int TCA_FLOWER_FLAGS = 22;

    /** Copies the list; checks ports need a protocol and prefixes match the Ethernet type. */
    public Flower {
        actions = List.copyOf(actions);
        if ((srcPort != 0 || dstPort != 0) && ipProto != 6 && ipProto != 17) {
            throw new IllegalArgumentException("flower port matches need ip_proto tcp (6) or udp (17), as tc says");
        }
        for (IpPrefix p : new IpPrefix[] {src, dst}) {
            if (p != null && (p.address() instanceof Inet4Address) != (ethType == FilterSpec.ETH_P_IP)) {
                throw new IllegalArgumentException("flower prefix " + p + " does not fit Ethernet type 0x"
                        + Integer.toHexString(ethType));
            }
        }
    }

    /** {@return a flower on IPv4 packets matching nothing else yet} */
    public static Flower ipv4() {
        return builder(FilterSpec.ETH_P_IP).build();
    }

    /** {@return a flower on IPv6 packets matching nothing else yet} */
    public static Flower ipv6() {
        return builder(FilterSpec.ETH_P_IPV6).build();
    }

    /**
     * {@return a builder of flowers on packets of Ethernet type {@code ethType}, matching nothing else yet}
     *
     * @param ethType {@link FilterSpec#ETH_P_IP} or {@link FilterSpec#ETH_P_IPV6}
     */
    public static Builder builder(int ethType) {
        return new Builder(ethType);
    }

    /** {@return a builder holding this flower's values, to change and {@link Builder#build()} into a new one} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The same matching source prefix {@code p} ({@code src_ip}).
     *
     * @param p the prefix
     * @return a copy with it
     */
    public Flower src(IpPrefix p) {
        return toBuilder().src(p).build();
    }

    /**
     * The same matching destination prefix {@code p} ({@code dst_ip}).
     *
     * @param p the prefix
     * @return a copy with it
     */
    public Flower dst(IpPrefix p) {
        return toBuilder().dst(p).build();
    }

    /**
     * The same matching IP protocol {@code proto} ({@code ip_proto}).
     *
     * @param proto the proto
     * @return a copy with it
     */
    public Flower ipProto(int proto) {
        return toBuilder().ipProto(proto).build();
    }

    /**
     * The same matching source port {@code port} ({@code src_port}).
     *
     * @param port the port
     * @return a copy with it
     */
    public Flower srcPort(int port) {
        return toBuilder().srcPort(port).build();
    }

    /**
     * The same matching destination port {@code port} ({@code dst_port}).
     *
     * @param port the port
     * @return a copy with it
     */
    public Flower dstPort(int port) {
        return toBuilder().dstPort(port).build();
    }

    /**
     * The same putting matching packets in class {@code c}.
     *
     * @param c the class
     * @return a copy with it
     */
    public Flower flowid(Handle c) {
        return toBuilder().flowid(c).build();
    }

    /**
     * The same running {@code a} too on a match.
     *
     * @param a the action
     * @return a copy with it
     */
    public Flower action(Action a) {
        return toBuilder().action(a).build();
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int defaultProtocol() {
        return ethType;
    }

    @Override
    public void writeOptions(MessageWriter w) {
        boolean v4 = ethType == FilterSpec.ETH_P_IP;
        w.nest(Tca.TCA_OPTIONS, o -> {
            prefix(o, src, v4 ? TCA_FLOWER_KEY_IPV4_SRC : TCA_FLOWER_KEY_IPV6_SRC);
            prefix(o, dst, v4 ? TCA_FLOWER_KEY_IPV4_DST : TCA_FLOWER_KEY_IPV6_DST);
            if (ipProto >= 0) {
                o.attrU8(TCA_FLOWER_KEY_IP_PROTO, ipProto);
            }
            boolean tcp = ipProto == 6;
            if (srcPort != 0) {
                o.attrU16Be(tcp ? TCA_FLOWER_KEY_TCP_SRC : TCA_FLOWER_KEY_UDP_SRC, srcPort);
            }
            if (dstPort != 0) {
                o.attrU16Be(tcp ? TCA_FLOWER_KEY_TCP_DST : TCA_FLOWER_KEY_UDP_DST, dstPort);
            }
            if (classid != null) {
                o.attrU32(TCA_FLOWER_CLASSID, classid.value());
            }
            if (!actions.isEmpty()) {
                Action.writeAll(o, TCA_FLOWER_ACT, actions);
            }
            o.attrU32(TCA_FLOWER_FLAGS, 0);
            o.attrU16Be(TCA_FLOWER_KEY_ETH_TYPE, ethType);
        });
    }

    /** An address and its mask: the mask attribute's type is the address's plus one. */
    private static void prefix(MessageWriter o, IpPrefix p, int type) {
        if (p == null) {
            return;
        }
        o.attrAddress(type, p.address());
        byte[] mask = new byte[p.address().getAddress().length];
        for (int i = 0; i < p.length(); i++) {
            mask[i / 8] |= (byte) (0x80 >>> (i % 8));
        }
        o.attrBytes(type + 1, mask);
    }

    static Flower decode(AttributeCursor options) {
        int ethType = FilterSpec.ETH_P_IP;
        int proto = -1;
        InetAddress[] addr = new InetAddress[2];
        int[] len = new int[2];
        int sport = 0;
        int dport = 0;
        Handle classid = null;
        List<Action> actions = List.of();
        if (options != null) {
            AttributeCursor a = options.nested(Tca.optionNames(KIND));
            while (a.next()) {
                switch (a.type()) {
                    case TCA_FLOWER_KEY_ETH_TYPE -> ethType = a.u16be();
                    case TCA_FLOWER_KEY_IP_PROTO -> proto = a.u8();
                    case TCA_FLOWER_KEY_IPV4_SRC, TCA_FLOWER_KEY_IPV6_SRC -> addr[0] = a.address();
                    case TCA_FLOWER_KEY_IPV4_DST, TCA_FLOWER_KEY_IPV6_DST -> addr[1] = a.address();
                    case TCA_FLOWER_KEY_IPV4_SRC_MASK, TCA_FLOWER_KEY_IPV6_SRC_MASK -> len[0] = maskLength(a);
                    case TCA_FLOWER_KEY_IPV4_DST_MASK, TCA_FLOWER_KEY_IPV6_DST_MASK -> len[1] = maskLength(a);
                    case TCA_FLOWER_KEY_TCP_SRC, TCA_FLOWER_KEY_UDP_SRC -> sport = a.u16be();
                    case TCA_FLOWER_KEY_TCP_DST, TCA_FLOWER_KEY_UDP_DST -> dport = a.u16be();
                    case TCA_FLOWER_CLASSID -> classid = new Handle(a.u32());
                    case TCA_FLOWER_ACT -> actions = Action.readAll(a);
                    default -> { } // flags, other keys: not modeled
                }
            }
        }
        if (ethType != FilterSpec.ETH_P_IP && ethType != FilterSpec.ETH_P_IPV6) {
            addr = new InetAddress[2]; // addresses only mean something for IP
        }
        IpPrefix src = prefixOf(options, addr[0], len[0], ethType);
        IpPrefix dst = prefixOf(options, addr[1], len[1], ethType);
        if ((sport != 0 || dport != 0) && proto != 6 && proto != 17) {
            throw options.malformed("flower ports without ip_proto tcp or udp");
        }
        return new Flower(ethType, proto, src, dst, sport, dport, classid, actions);
    }

    private static IpPrefix prefixOf(AttributeCursor options, InetAddress a, int len, int ethType) {
        if (a == null) {
            return null;
        }
        if ((a instanceof Inet4Address) != (ethType == FilterSpec.ETH_P_IP) || len > a.getAddress().length * 8) {
            throw options.malformed("flower address " + a + "/" + len + " does not fit Ethernet type " + ethType);
        }
        return new IpPrefix(a, len);
    }

    private static int maskLength(AttributeCursor a) {
        byte[] m = a.bytes();
        int n = 0;
        for (byte b : m) {
            n += Integer.bitCount(b & 0xFF);
        }
        return n;
    }

    /**
     * Builds a {@link Flower}; {@link #build()} checks the values together (the record's
     * constructor: ports need TCP or UDP, prefixes fit the Ethernet type). A builder is not
     * thread-safe; the flowers it builds are immutable.
     */
    public static final class Builder {
        private final int ethType;
        private int ipProto = -1;
        private IpPrefix src;
        private IpPrefix dst;
        private int srcPort;
        private int dstPort;
        private Handle classid;
        private final List<Action> actions = new ArrayList<>();

        private Builder(int ethType) {
            this.ethType = ethType;
        }

        private Builder(Flower f) {
            ethType = f.ethType;
            ipProto = f.ipProto;
            src = f.src;
            dst = f.dst;
            srcPort = f.srcPort;
            dstPort = f.dstPort;
            classid = f.classid;
            actions.addAll(f.actions);
        }

        /**
         * Matches source prefix {@code p} ({@code src_ip}).
         *
         * @param p the prefix, or null for any
         * @return this builder
         */
        public Builder src(IpPrefix p) {
            src = p;
            return this;
        }

        /**
         * Matches destination prefix {@code p} ({@code dst_ip}).
         *
         * @param p the prefix, or null for any
         * @return this builder
         */
        public Builder dst(IpPrefix p) {
            dst = p;
            return this;
        }

        /**
         * Matches IP protocol {@code proto} ({@code ip_proto}; -1 for any).
         *
         * @param proto the protocol
         * @return this builder
         */
        public Builder ipProto(int proto) {
            ipProto = proto;
            return this;
        }

        /**
         * Matches source port {@code port} ({@code src_port}; 0 for any).
         *
         * @param port the port
         * @return this builder
         */
        public Builder srcPort(int port) {
            srcPort = port;
            return this;
        }

        /**
         * Matches destination port {@code port} ({@code dst_port}; 0 for any).
         *
         * @param port the port
         * @return this builder
         */
        public Builder dstPort(int port) {
            dstPort = port;
            return this;
        }

        /**
         * Puts matching packets in class {@code c}.
         *
         * @param c the class, or null for none
         * @return this builder
         */
        public Builder flowid(Handle c) {
            classid = c;
            return this;
        }

        /**
         * Runs {@code a} too on a match, after the actions added before.
         *
         * @param a the action
         * @return this builder
         */
        public Builder action(Action a) {
            actions.add(a);
            return this;
        }

        /** {@return the flower these values make, checked together} */
        public Flower build() {
            return new Flower(ethType, ipProto, src, dst, srcPort, dstPort, classid, actions);
        }
    }
}
