package io.jnetlink.rtnl.link;

import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.socket.NetlinkSocket;
import io.jnetlink.core.net.Interfaces;
import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * A VXLAN tunnel endpoint, like
 * {@code ip link add NAME type vxlan id VNI [dev DEV] [local A] [remote|group B] [dstport P]}.
 */
public final class Vxlan extends LinkSpec<Vxlan> {
    // linux/if_link.h IFLA_VXLAN_*
    private static final int IFLA_VXLAN_ID = 1;
    private static final int IFLA_VXLAN_GROUP = 2;
    private static final int IFLA_VXLAN_LINK = 3;
    private static final int IFLA_VXLAN_LOCAL = 4;
    private static final int IFLA_VXLAN_PORT = 15;
    private static final int IFLA_VXLAN_GROUP6 = 16;
    private static final int IFLA_VXLAN_LOCAL6 = 17;

    private final int vni;
    private String deviceName;
    private int deviceIndex;
    private InetAddress local;
    private InetAddress remote;
    private int port = 4789;

    private Vxlan(String name, int vni) {
        super(name);
        if (vni < 0 || vni > 0xFFFFFF) {
            throw new IllegalArgumentException("VXLAN id must be 0..16777215, got " + vni);
        }
        this.vni = vni;
    }

    /** A VXLAN link named {@code name} with network identifier {@code vni}. */
    public static Vxlan named(String name, int vni) {
        return new Vxlan(name, vni);
    }

    /** The underlay device, by name. */
    public Vxlan device(String name) {
        Interfaces.validateName(name);
        this.deviceName = name;
        return this;
    }

    /** The local tunnel address (IPv4 or IPv6). */
    public Vxlan local(String address) {
        this.local = io.jnetlink.rtnl.IpPrefix.parse(address).address();
        checkFamilies();
        return this;
    }

    /** The remote endpoint, or a multicast group (IPv4 or IPv6). */
    public Vxlan remote(String address) {
        this.remote = io.jnetlink.rtnl.IpPrefix.parse(address).address();
        checkFamilies();
        return this;
    }

    /** The UDP destination port (default 4789, the IANA port). */
    public Vxlan port(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("VXLAN port must be 1..65535, got " + port);
        }
        this.port = port;
        return this;
    }

    private void checkFamilies() {
        if (local != null && remote != null && (local instanceof Inet4Address) != (remote instanceof Inet4Address)) {
            throw new IllegalArgumentException("VXLAN local " + local.getHostAddress() + " and remote "
                    + remote.getHostAddress() + " are of different address families");
        }
    }

    @Override
    public String kind() {
        return "vxlan";
    }

    @Override
    void resolve(NetlinkSocket rtnl) {
        if (deviceName != null) {
            deviceIndex = Links.indexOf(rtnl, deviceName);
        }
    }

    @Override
    boolean hasInfoData() {
        return true;
    }

    @Override
    void writeInfoData(MessageWriter w) {
        w.attrU32(IFLA_VXLAN_ID, vni);
        if (remote != null) {
            if (remote instanceof Inet4Address) {
                w.attrAddress(IFLA_VXLAN_GROUP, remote);
            } else {
                w.attrAddress(IFLA_VXLAN_GROUP6, remote);
            }
        }
        if (deviceIndex > 0) {
            w.attrU32(IFLA_VXLAN_LINK, deviceIndex);
        }
        if (local != null) {
            if (local instanceof Inet4Address) {
                w.attrAddress(IFLA_VXLAN_LOCAL, local);
            } else {
                w.attrAddress(IFLA_VXLAN_LOCAL6, local);
            }
        }
        w.attrU16Be(IFLA_VXLAN_PORT, port);
    }
}
