package io.jnetlink.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.nft.expr.Cmp;
import io.jnetlink.nft.expr.Expressions;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Bad input is refused with a message naming the problem, before anything is sent (no kernel needed). */
class InputValidationTest {
    private final Nat nat = new Nat(null, Nat.DEFAULT_TABLE, false); // no client: nothing can be sent

    private static void refused(String expectedPart, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expectedPart), "message '" + e.getMessage() + "' lacks '" + expectedPart + "'");
    }

    @Test
    void prefixes() {
        refused("length /33 out of range", () -> nat.masquerade("192.168.15.0/33"));
        refused("host bits set; the network is 192.168.15.0/24", () -> nat.masquerade("192.168.15.1/24"));
        refused("not a numeric", () -> nat.masquerade("example.com/24"));
        refused("not a number", () -> nat.masquerade("10.0.0.0/x"));
        refused("prefix is empty", () -> nat.masquerade(" "));
        refused("length /129 out of range", () -> nat.masquerade("fd00::/129"));
        assertEquals("fd00:15:0:0:0:0:0:0/64", Prefix.parse("fd00:15::/64").toString());
        assertEquals(32, Prefix.parse("10.1.2.3").length());
    }

    @Test
    void interfaces() {
        refused("is 16 bytes; Linux allows at most 15", () -> nat.masquerade("10.0.0.0/8", "abcdefghijklmnop"));
        refused("invalid character", () -> nat.masquerade("10.0.0.0/8", "a b"));
        refused("is 16 bytes", () -> nat.forward(Protocol.TCP, 80).on("0123456789abcdef"));
        refused("interface name is empty", () -> nat.forward(Protocol.TCP, 80).on(""));
    }

    @Test
    void ports() {
        refused("forwarded port 0 out of range 1..65535", () -> nat.forward(Protocol.TCP, 0));
        refused("forwarded port 65536 out of range", () -> nat.forward(Protocol.UDP, 65536));
        refused("target port -1 out of range", () -> nat.forward(Protocol.TCP, 80).to("10.0.0.1", -1));
        refused("not a numeric", () -> nat.forward(Protocol.TCP, 80).to("localhost", 80));
        refused("protocol is null", () -> nat.forward(null, 80));
        refused("arrive on no interface", () -> nat.forward(Protocol.TCP, 80).on("up0").fromHost());
        refused("arrive on no interface", () -> nat.forward(Protocol.TCP, 80).fromHost().on("up0"));
    }

    @Test
    void mixedFamilies() {
        refused("mixed address families", () -> nat.forward(Protocol.TCP, 80).onAddress("10.200.0.1").to("fd00::2", 80));
        refused("mixed address families", () -> nat.forward(Protocol.TCP, 80).onAddress("fd00::1").to("10.0.0.2", 80));
    }

    @Test
    void rulesAndExpressions() {
        refused("at least one expression", () -> Rule.of(Family.INET, "t", "c"));
        refused("table name is empty", () -> Rule.of(Family.INET, "", "c", Cmp.eq(1, new byte[1])));
        refused("cmp data must hold 1..64 bytes", () -> Cmp.eq(Expressions.REG_1, new byte[65]));
        refused("register 5 is not a register", () -> Cmp.eq(5, new byte[1]));
        refused("JUMP needs a target chain", () -> new io.jnetlink.nft.expr.Verdict(
                io.jnetlink.nft.expr.Verdict.Code.JUMP, null));
        refused("only base chains have a policy", () -> new Chain(Family.IP, "t", "c", null, null, 0, Policy.DROP));
        refused("nat family", () -> new io.jnetlink.nft.expr.NatExpr(io.jnetlink.nft.expr.NatExpr.Type.DNAT, 1, 1, 0, 0, 0, 0));
        // An address immediate of the wrong size cannot be queued either.
        refused("immediate value must hold", () -> new io.jnetlink.nft.expr.Immediate(1, new byte[0]));
        assertEquals(InetAddress.ofLiteral("10.0.0.0"), Prefix.parse("10.0.0.0/8").address());
    }
}
