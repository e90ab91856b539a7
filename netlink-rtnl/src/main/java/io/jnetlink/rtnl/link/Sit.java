package io.jnetlink.rtnl.link;

import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;
import java.net.InetAddress;

/**
 * An IPv6-in-IPv4 tunnel (SIT, 6in4), like {@code ip link add NAME type sit [local A] [remote B] [ttl T]}.
 */
public final class Sit extends IpTunnelLink<Sit> {
    /**
     * What a sit link's IFLA_INFO_DATA (IFLA_IPTUN_* of linux/if_tunnel.h) says, of what this
     * library models (TOS, flags, encapsulation and the rest stay in {@link LinkInfo#unknown()}).
     *
     * @param local  IFLA_IPTUN_LOCAL (IPv4), or null if not given (the kernel's unspecified address)
     * @param remote IFLA_IPTUN_REMOTE (IPv4), or null if not given (the kernel's unspecified address)
     * @param ttl    IFLA_IPTUN_TTL, 0 for inherit
     */
    public record Data(InetAddress local, InetAddress remote, int ttl) implements KindData {
        @Override
        public String kind() {
            return "sit";
        }
    }

    static final LinkKind<Data> KIND = LinkKind.of("sit", Data.class, NAMES, Sit::decode);

    private Sit(String name) {
        super(name, KIND, 4, 0);
    }

    /** A sit link named {@code name}. */
    public static Sit named(String name) {
        return new Sit(name);
    }

    @Override
    public Data data() {
        return data(Data::new);
    }

    @Override
    void writeInfoData(MessageWriter w) {
        writeIpv4Tunnel(w, true);
    }

    private static Data decode(AttributeCursor data) {
        return decode(data, 4, Data::new);
    }
}
