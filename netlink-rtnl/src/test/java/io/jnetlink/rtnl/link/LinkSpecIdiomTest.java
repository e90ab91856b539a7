package io.jnetlink.rtnl.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.rtnl.Golden;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Link specs follow the one idiom of request specs: immutable values made by a nested builder;
 * a setter on a spec returns a new spec and leaves the one it was called on as it was.
 */
class LinkSpecIdiomTest {
    private static byte[] bytes(LinkSpec<?> spec) {
        return Golden.encode(w -> Links.encodeCreate(w, spec, false));
    }

    @Test
    void settersOnASpecReturnNewSpecsAndLeaveTheTemplate() {
        Bridge template = Bridge.named("br0");
        byte[] before = bytes(template);
        Bridge stp = template.stp(true).mtu(1400).group(7);
        assertNotSame(template, stp);
        assertArrayEquals(before, bytes(template), "the template is unchanged");
        assertFalse(template.data().stp());
        assertTrue(stp.data().stp());
        assertEquals(0, template.mtu());
        assertEquals(1400, stp.mtu());
        assertEquals(7, stp.group());

        Veth a = Veth.named("va");
        Veth b = a.peer("vb");
        assertEquals(null, a.peerName());
        assertEquals("vb", b.peerName());
    }

    @Test
    void theBuilderFormAndTheFluentFormMakeTheSameRequest() {
        assertArrayEquals(bytes(Vxlan.named("vx0", 42).local("10.0.0.1").remote("10.0.0.2").port(8472).mtu(1450)),
                bytes(Vxlan.builder("vx0", 42).local("10.0.0.1").remote("10.0.0.2").port(8472).mtu(1450).build()));
        assertArrayEquals(bytes(Macvlan.named("mv0", 3).mode(Macvlan.Mode.PRIVATE)),
                bytes(Macvlan.builder("mv0", 3).mode(Macvlan.Mode.PRIVATE).build()));
        assertArrayEquals(bytes(Vlan.named("vl", 3, 10).ieee8021ad()), bytes(Vlan.named("vl", 3, 10).toBuilder().ieee8021ad().build()));
    }

    @Test
    void aBuilderChangedAfterBuildDoesNotChangeTheSpec() {
        Bridge.Builder b = Bridge.builder("br0").stp(true);
        Bridge built = b.build();
        b.stp(false).mtu(1280);
        assertTrue(built.data().stp());
        assertEquals(0, built.mtu());
        Bridge.Builder again = built.toBuilder();
        again.stp(false);
        assertTrue(built.data().stp(), "toBuilder gives a copy");
    }

    @Test
    void badValuesFailWhereGivenAndLeaveTheSpec() {
        Vxlan v4 = Vxlan.named("vx0", 1).local("10.0.0.1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v4.remote("fd00::2"));
        assertTrue(e.getMessage().contains("different address families"), e.getMessage());
        assertEquals(null, v4.data().remote());
        assertThrows(IllegalArgumentException.class, () -> Bridge.named("br0").mtu(10));
        assertThrows(IllegalArgumentException.class, () -> Veth.named("va").peer("va"));
    }

    @Test
    void oneSpecSharedByThreadsEncodesTheSameEverywhere() throws Exception {
        Vxlan shared = Vxlan.named("vx0", 42).local("fd00::1").remote("fd00::2").mtu(1400);
        byte[] expected = bytes(shared);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> out = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                int n = i;
                out.add(pool.submit(() -> {
                    shared.port(1000 + n).mtu(1280 + n); // derived specs do not touch the shared one
                    return bytes(shared);
                }));
            }
            for (Future<byte[]> f : out) {
                assertArrayEquals(expected, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
