package io.jnetlink.rtnl.tc;

import static io.jnetlink.core.codec.Netlink.NLM_F_CREATE;
import static io.jnetlink.core.codec.Netlink.NLM_F_EXCL;

import io.jnetlink.rtnl.Golden;
import org.junit.jupiter.api.Test;

/** Each class request equals what {@code tc} sent for the same command (first line of each fixture). */
class ClassGoldenTest {
    static final int GX0 = 3;

    @Test
    void htbClassWithEverything() { // tc class add dev gx0 parent 1: classid 1:10 htb rate 10mbit ceil 20mbit burst 15k cburst 15k prio 1 quantum 1500
        Golden.assertMatches("tc_class_htb_full", w -> TcClasses.encode(w, NLM_F_CREATE | NLM_F_EXCL, GX0,
                ClassSpec.of("1:", "1:10", HtbClass.rate(Rate.mbit(10)).ceil(Rate.mbit(20)).burst(15 * 1024)
                        .cburst(15 * 1024).prio(1).quantum(1500))));
    }

    @Test
    void htbClassRateOnly() { // tc class add dev gx0 parent 1: classid 1:20 htb rate 5mbit
        Golden.assertMatches("tc_class_htb_rate", w -> TcClasses.encode(w, NLM_F_CREATE | NLM_F_EXCL, GX0,
                ClassSpec.of("1:", "1:20", HtbClass.rate(Rate.mbit(5)))));
    }

    @Test
    void htbClassChange() { // tc class change dev gx0 parent 1: classid 1:20 htb rate 6mbit ceil 8mbit
        Golden.assertMatches("tc_class_htb_change", w -> TcClasses.encode(w, 0, GX0,
                ClassSpec.of("1:", "1:20", HtbClass.rate(Rate.mbit(6)).ceil(Rate.mbit(8)))));
    }

    @Test
    void htbClassReplace40gbit() { // tc class replace dev gx0 parent 1: classid 1:30 htb rate 40gbit
        Golden.assertMatches("tc_class_htb_replace_64bit", w -> TcClasses.encode(w, NLM_F_CREATE, GX0,
                ClassSpec.of("1:", "1:30", HtbClass.rate(Rate.gbit(40)))));
    }

    @Test
    void delete() { // tc class del dev gx0 classid 1:30
        Golden.assertMatches("tc_class_del", w -> TcClasses.encodeDelete(w, GX0, Handle.parse("1:30")));
    }

    @Test
    void dump() { // tc class show dev gx0
        Golden.assertMatches("tc_class_dump", w -> TcClasses.encodeDump(w, GX0));
    }
}
