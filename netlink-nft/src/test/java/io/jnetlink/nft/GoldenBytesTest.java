package io.jnetlink.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jnetlink.core.codec.MessageWriter;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The batch the library sends for a NAT recipe's rule equals, byte for byte (sequence numbers and
 * port ids masked), what nft 1.0.6 sent for the same rule; see golden/README.md for the capture.
 */
class GoldenBytesTest {
    private final Nat nat = new Nat(null, Nat.DEFAULT_TABLE, false);

    @Test
    void masqueradeIpv4() throws IOException {
        assertBatch("nft-masq.hex", nat.masqueradeRule(Prefix.parse("192.168.15.0/24"), "up0"));
    }

    @Test
    void masqueradeIpv6() throws IOException {
        assertBatch("nft-masq6.hex", nat.masqueradeRule(Prefix.parse("fd00:15::/64"), "up0"));
    }

    @Test
    void dnatIpv4() throws IOException {
        assertBatch("nft-dnat.hex",
                nat.forwardRule(Protocol.TCP, 8080, null, null, InetAddress.ofLiteral("192.168.15.2"), 80, false));
    }

    @Test
    void dnatIpv6() throws IOException {
        assertBatch("nft-dnat6.hex",
                nat.forwardRule(Protocol.TCP, 8080, null, null, InetAddress.ofLiteral("fd00:15::2"), 80, false));
    }

    /**
     * The whole batch of a masquerade recipe (table, three chains, rule) against nft's for the same
     * five commands. nft (-e) sets NLM_F_ECHO on every message and no NLM_F_CREATE on the table;
     * the library echoes only rules (it needs only their handles) and creates the table with
     * NLM_F_CREATE. So for the table and chains the payload after nlmsghdr is compared, for the
     * rule the whole message.
     */
    @Test
    void wholeMasqueradeRecipe() throws IOException {
        byte[] nft = masked(golden("nft-recipe-masq.hex"));
        Transaction tx = nat.recipe(new Transaction(null), nat.masqueradeRule(Prefix.parse("192.168.15.0/24"), "up0"));
        byte[] mine;
        try (Arena arena = Arena.ofConfined()) {
            MessageWriter w = new MessageWriter(arena, 4096);
            tx.encode(w);
            mine = masked(w.toByteArray());
        }
        java.util.List<byte[]> a = split(nft);
        java.util.List<byte[]> b = split(mine);
        assertEquals(7, a.size());
        assertEquals(a.size(), b.size());
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < a.size(); i++) {
            boolean tableOrChain = i >= 1 && i <= 4;
            int from = tableOrChain ? 16 : 0;
            if (tableOrChain) {
                assertEquals(hex.formatHex(a.get(i), 4, 6), hex.formatHex(b.get(i), 4, 6), "type of message " + i);
            }
            assertEquals(hex.formatHex(a.get(i), from, a.get(i).length), hex.formatHex(b.get(i), from, b.get(i).length),
                    "message " + i);
        }
    }

    private static java.util.List<byte[]> split(byte[] batch) {
        java.util.List<byte[]> out = new java.util.ArrayList<>();
        ByteBuffer bb = ByteBuffer.wrap(batch).order(ByteOrder.nativeOrder());
        int pos = 0;
        while (pos + 16 <= batch.length) {
            int len = bb.getInt(pos);
            out.add(java.util.Arrays.copyOfRange(batch, pos, pos + len));
            pos += (len + 3) & ~3;
        }
        return out;
    }

    private static void assertBatch(String resource, Rule rule) throws IOException {
        byte[] expected = masked(golden(resource));
        Transaction tx = new Transaction(null).addRule(rule);
        byte[] actual;
        try (Arena arena = Arena.ofConfined()) {
            MessageWriter w = new MessageWriter(arena, 4096);
            tx.encode(w);
            actual = masked(w.toByteArray());
        }
        HexFormat hex = HexFormat.of();
        assertEquals(hex.formatHex(expected), hex.formatHex(actual), resource);
    }

    static byte[] golden(String resource) throws IOException {
        try (InputStream in = GoldenBytesTest.class.getResourceAsStream("/golden/" + resource)) {
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII).replaceAll("\\s", "");
            return HexFormat.of().parseHex(text);
        }
    }

    /** Zeroes nlmsg_seq and nlmsg_pid of every message. */
    static byte[] masked(byte[] batch) {
        byte[] b = batch.clone();
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
        int pos = 0;
        while (pos + 16 <= b.length) {
            int len = bb.getInt(pos);
            bb.putInt(pos + 8, 0);
            bb.putInt(pos + 12, 0);
            pos += (len + 3) & ~3;
            if (len < 16) {
                break;
            }
        }
        return b;
    }
}
