package io.jnetlink.rtnl.link;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.rtnl.Fuzz;
import io.jnetlink.rtnl.Golden;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Mutated and random RTM_NEWLINK messages into {@link LinkInfo#decode}: only malformed-message errors. */
class LinkFuzzTest {
    private static byte[] sample() {
        return Golden.encode(w -> {
            w.begin(Ifla.RTM_NEWLINK, 0);
            Links.ifinfomsg(w, 5, Ifla.IFF_UP, 0);
            w.attrString(Ifla.IFLA_IFNAME, "veth-red");
            w.attrU32(Ifla.IFLA_MTU, 1500);
            w.attrBytes(Ifla.IFLA_ADDRESS, new byte[] {2, 0, 0, 0, 0, 1});
            w.attrU32(Ifla.IFLA_MASTER, 4);
            w.attrU32(Ifla.IFLA_LINK, 7);
            w.attrS32(Ifla.IFLA_LINK_NETNSID, 0);
            w.attrU8(Ifla.IFLA_OPERSTATE, 6);
            w.attrBytes(Ifla.IFLA_STATS64, new byte[200]);
            w.nest(Ifla.IFLA_LINKINFO, li -> li.attrString(Ifla.IFLA_INFO_KIND, "veth"));
            w.attrString(Ifla.IFLA_QDISC, "noqueue");
            w.end();
        });
    }

    @Test
    void onlyMalformedMessageExceptionComesOut() {
        Fuzz.Result r = Fuzz.run(7L, 20_000, Ifla.RTM_NEWLINK, List.of(sample()), m -> {
            LinkInfo.decodeModeled(m);
            LinkInfo l = LinkInfo.decode(m);
            l.unknown().list();
            return l;
        });
        assertTrue(r.decoded() > 100 && r.malformed() > 100, r::toString);
    }

}
