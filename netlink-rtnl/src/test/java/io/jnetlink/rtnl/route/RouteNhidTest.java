package io.jnetlink.rtnl.route;

import static io.jnetlink.core.codec.Netlink.NLM_F_CREATE;
import static io.jnetlink.core.codec.Netlink.NLM_F_EXCL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.rtnl.Golden;
import io.jnetlink.rtnl.family.Scope;
import org.junit.jupiter.api.Test;

/** Routes through nexthop objects ({@code nhid}) against iproute2's bytes (golden/nexthop/route_nhid*). */
class RouteNhidTest {
    private static final int ADD = NLM_F_CREATE | NLM_F_EXCL;

    @Test
    void nhidRoutesAreWhatIproute2Sends() {
        // ip route add 10.80.0.0/16 nhid 10
        Golden.assertMatches("nexthop/route_nhid",
                w -> Routes.encode(w, Rt.RTM_NEWROUTE, ADD, Route.to("10.80.0.0/16").nhid(10), 0));
        // ip -6 route add fd00:80::/64 nhid 3
        Golden.assertMatches("nexthop/route_nhid_v6",
                w -> Routes.encode(w, Rt.RTM_NEWROUTE, ADD, Route.to("fd00:80::/64").nhid(3), 0));
    }

    @Test
    void theNexthopIdDecodesBack() {
        RouteInfo r = Golden.decode(Golden.load("nexthop/route_nhid"), RouteInfo::decode);
        assertEquals(10, r.nexthopId());
        assertEquals(Scope.UNIVERSE, r.scope());
        assertTrue(r.unknown().stream().noneMatch(a -> a.type() == Rt.RTA_NH_ID), "modelled, so not unknown");
        assertTrue(r.toString().contains("nhid 10"), r.toString());
    }

    @Test
    void aRouteThroughAnObjectHasNoPathOfItsOwn() {
        assertThrows(IllegalArgumentException.class, () -> Route.to("10.80.0.0/16").via("10.0.0.1").nhid(1));
        assertThrows(IllegalArgumentException.class, () -> Route.to("10.80.0.0/16").nhid(1).dev("gx0"));
        assertThrows(IllegalArgumentException.class, () -> Route.to("10.80.0.0/16").nhid(0));
    }
}
