package io.jnetlink.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The walkthrough's pure parts: the netmask column of route -n and the namespace names. */
class WalkthroughTest {
    @Test
    void netmaskAsRoutePrintsIt() {
        assertEquals("0.0.0.0", Walkthrough.netmask(0));
        assertEquals("255.0.0.0", Walkthrough.netmask(8));
        assertEquals("255.255.255.0", Walkthrough.netmask(24));
        assertEquals("255.255.255.252", Walkthrough.netmask(30));
        assertEquals("255.255.255.255", Walkthrough.netmask(32));
    }

    @Test
    void namespacesAreTheLabOnes() {
        assertEquals(List.of("lab-host", "lab-wan", "lab-red", "lab-blue"),
                new Walkthrough(new PrintStream(PrintStream.nullOutputStream()), Walkthrough.PREFIX).namespaceNames());
    }
}
