package io.jnetlink.rtnl.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.net.IpPrefix;
import org.junit.jupiter.api.Test;

/** Routes follow the one idiom of request specs: immutable values made by a nested builder. */
class RouteIdiomTest {
    @Test
    void aRouteIsATemplate() {
        Route base = Route.to("10.9.0.0/16").table(1000);
        Route a = base.via("192.168.15.7");
        Route b = base.via("192.168.15.8").metric(5);
        assertNotSame(base, a);
        assertNull(base.gateway());
        assertEquals(-1, base.metric());
        assertEquals("10.9.0.0/16 via 192.168.15.7 table 1000", a.toString());
        assertEquals("10.9.0.0/16 via 192.168.15.8 metric 5 table 1000", b.toString());
    }

    @Test
    void theBuilderFormEqualsTheFluentForm() {
        Route fluent = Route.to("fd00:9::/64").via("fd00::1").dev("eth0").src("fd00::2").metric(50).table(7)
                .protocol(RouteProtocol.STATIC);
        Route built = Route.builder().to("fd00:9::/64").via("fd00::1").dev("eth0").src("fd00::2").metric(50).table(7)
                .protocol(RouteProtocol.STATIC).build();
        assertEquals(fluent.toString(), built.toString());
        assertEquals(IpPrefix.AF_INET6, built.family());
        assertEquals(fluent.toString(), fluent.toBuilder().build().toString());
    }

    @Test
    void buildChecksTheWholeRoute() {
        Route.Builder b = Route.builder().to("10.9.0.0/16").via("fd00::1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(e.getMessage().contains("mixes address families"), e.getMessage());
        Route.Builder m = Route.builder().to("10.70.0.0/16").nexthop("10.1.0.9", "a0", 2).via("10.0.0.1");
        e = assertThrows(IllegalArgumentException.class, m::build);
        assertTrue(e.getMessage().contains("not both"), e.getMessage());
        // and the fluent form fails at the step that contradicts
        Route r = Route.to("10.70.0.0/16").nhid(5);
        assertThrows(IllegalArgumentException.class, () -> r.via("10.0.0.1"));
        assertEquals(5, r.nexthopId());
    }

    @Test
    void aBuilderChangedAfterBuildDoesNotChangeTheRoute() {
        Route.Builder b = Route.builder().to("10.0.0.0/8").via("10.1.1.1");
        Route r = b.build();
        b.via("10.2.2.2").metric(9);
        assertEquals("10.0.0.0/8 via 10.1.1.1", r.toString());
    }
}
