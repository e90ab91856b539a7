package io.jnetlink.rtnl.link;

import io.jnetlink.rtnl.Golden;
import org.junit.jupiter.api.Test;

/** The link requests are byte for byte what iproute2 6.1 sends (see golden/README.md). */
class LinkGoldenTest {
    @Test
    void bridgeCreate() {
        // ip link add v-net-0 type bridge
        Golden.assertMatches("rtm_newlink_bridge", w -> {
            w.begin(Ifla.RTM_NEWLINK, 0x605);
            Links.ifinfomsg(w, 0, 0, 0);
            Bridge.named("v-net-0").write(w);
            w.end();
        });
    }

    @Test
    void setMaster() {
        // ip link set gx0 master v-net-0   (gx0 = 3, v-net-0 = 4)
        Golden.assertMatches("rtm_newlink_set_master", w -> {
            w.begin(Ifla.RTM_NEWLINK, 0x5);
            Links.ifinfomsg(w, 3, 0, 0);
            w.attrU32(Ifla.IFLA_MASTER, 4);
            w.end();
        });
    }

    @Test
    void vethWithNamedPeer() {
        // ip link add va type veth peer name vb
        Golden.assertMatches("rtm_newlink_veth", w -> {
            w.begin(Ifla.RTM_NEWLINK, 0x605);
            Links.ifinfomsg(w, 0, 0, 0);
            Veth.named("va").peer("vb").write(w);
            w.end();
        });
    }
}
