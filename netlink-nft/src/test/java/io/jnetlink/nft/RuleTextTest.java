package io.jnetlink.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jnetlink.nft.expr.Bitwise;
import io.jnetlink.nft.expr.Cmp;
import io.jnetlink.nft.expr.Expression;
import io.jnetlink.nft.expr.Immediate;
import io.jnetlink.nft.expr.Lookup;
import io.jnetlink.nft.expr.Meta;
import io.jnetlink.nft.expr.MetaSet;
import io.jnetlink.nft.expr.NatExpr;
import io.jnetlink.nft.expr.Numgen;
import io.jnetlink.nft.expr.Payload;
import io.jnetlink.nft.expr.Unknown;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The general rule printer agrees with the builder's text for every builder sample (the builder's
 * text is nft's, see RuleGoldenTest), and refuses what it cannot print instead of guessing.
 */
class RuleTextTest {
    private static RuleInfo rule(Family family, List<Expression> exprs) {
        return new RuleInfo(family, "t", "c", 7, Delinearizer.canonical(exprs), new byte[0], List.of());
    }

    @Test
    void printsEveryBuilderSampleAsTheBuilderDoes() {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, RuleSamples.Sample> e : RuleSamples.ALL.entrySet()) {
            RuleSpec spec = e.getValue().spec();
            String expected = spec.toString().replaceAll("\\bcounter\\b", "counter packets 0 bytes 0");
            String got;
            try {
                got = RuleText.render(rule(Family.INET, spec.expressions(Family.INET)), null);
            } catch (IllegalArgumentException ex) {
                got = ex.getMessage();
            }
            if (!expected.equals(got)) {
                wrong.add(e.getKey() + ": expected <" + expected + "> got <" + got + ">");
            }
        }
        assertEquals(List.of(), wrong);
    }

    /** kube-proxy's shapes, as nft 1.0.6 lists them (see corpus/kube-proxy.nft for the kernel check). */
    @Test
    void printsConcatenationsMarkArithmeticAndNat() {
        assertEquals("ip daddr . meta l4proto . th dport vmap @service-ips", RuleText.render(rule(Family.IP, List.of(
                new Payload(Payload.Base.NETWORK, 16, 4, 1), new Meta(Meta.Key.L4PROTO, 9),
                new Payload(Payload.Base.TRANSPORT, 2, 2, 10), new Lookup("service-ips", 1, 0, 0))), null));
        byte[] bit = Values.host32(0x4000);
        byte[] notBit = Values.host32(~0x4000);
        assertEquals("meta mark set meta mark | 0x00004000", RuleText.render(rule(Family.IP, List.of(
                new Meta(Meta.Key.MARK, 1), new Bitwise(1, 1, notBit, bit), new MetaSet(Meta.Key.MARK, 1))), null));
        assertEquals("meta mark & 0x00004000 == 0x00000000 return", RuleText.render(rule(Family.IP, List.of(
                new Meta(Meta.Key.MARK, 1), new Bitwise(1, 1, bit, new byte[4]), Cmp.eq(1, new byte[4]),
                io.jnetlink.nft.expr.Verdict.ret())), null));
        assertEquals("meta l4proto tcp dnat to 10.0.0.2:80", RuleText.render(rule(Family.IP, List.of(
                new Meta(Meta.Key.L4PROTO, 1), Cmp.eq(1, new byte[] {6}),
                new Immediate(1, new byte[] {10, 0, 0, 2}), new Immediate(2, new byte[] {0, 80}),
                new NatExpr(NatExpr.Type.DNAT, NatExpr.IPV4, 1, 1, 2, 2, 3))), null));
        assertEquals("ip saddr != 10.244.0.0/16 drop", RuleText.render(rule(Family.IP, List.of(
                new Payload(Payload.Base.NETWORK, 12, 2, 1), new Cmp(1, Cmp.Op.NEQ, new byte[] {10, (byte) 244}),
                io.jnetlink.nft.expr.Verdict.drop())), null), "a prefix loaded short, as nft loads /16");
    }

    @Test
    void aCommentInTheUserDataComesLast() {
        byte[] udata = {0, 4, 'w', 'e', 'b', 0};
        RuleInfo r = new RuleInfo(Family.IP, "t", "c", 1, RuleSpec.of(Statement.accept()).expressions(Family.IP),
                udata, List.of());
        assertEquals("accept comment \"web\"", RuleText.render(r, null));
    }

    @Test
    void refusesWhatItCannotPrint() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RuleText.render(
                rule(Family.INET, List.of(new Unknown("osf", List.of()))), null));
        assertEquals(true, e.getMessage().contains("expression #1") && e.getMessage().contains("osf"), e.getMessage());
        // the ruleset lists named counters only: a quota reference would come without its quota's block
        IllegalArgumentException q = assertThrows(IllegalArgumentException.class, () -> RuleText.render(
                rule(Family.INET, List.of(new io.jnetlink.nft.expr.Objref(io.jnetlink.nft.expr.Objref.QUOTA, "q1"))),
                null));
        assertEquals(true, q.getMessage().contains("expression #1") && q.getMessage().contains("q1"), q.getMessage());
    }

    /**
     * Expression lists cut, shuffled and with registers moved (what a program other than nft may
     * hold) print or are refused with IllegalArgumentException; nothing else comes out.
     */
    @Test
    void oddExpressionListsPrintOrAreRefusedCleanly() {
        java.util.Random random = new java.util.Random(17);
        List<List<Expression>> seeds = new ArrayList<>();
        for (RuleSamples.Sample s : RuleSamples.ALL.values()) {
            seeds.add(Delinearizer.canonical(s.spec().expressions(Family.INET)));
        }
        // kube-proxy's shapes: a concatenation looked up in a verdict map, mark arithmetic, numgen, dnat
        seeds.add(List.of(new Payload(Payload.Base.NETWORK, 16, 4, 1), new Meta(Meta.Key.L4PROTO, 9),
                new Payload(Payload.Base.TRANSPORT, 2, 2, 10), new Lookup("service-ips", 1, 0, 0)));
        seeds.add(List.of(new Meta(Meta.Key.MARK, 1), new Bitwise(1, 1, new byte[] {-1, -65, -1, -1},
                new byte[] {0, 64, 0, 0}), new MetaSet(Meta.Key.MARK, 1)));
        seeds.add(List.of(new Numgen(true, 2, 0, 1), new Lookup("endpoints", 1, 0, 0)));
        seeds.add(List.of(new Meta(Meta.Key.L4PROTO, 1), Cmp.eq(1, new byte[] {6}),
                new Immediate(1, new byte[] {10, 0, 0, 2}), new Immediate(2, new byte[] {0, 80}),
                new NatExpr(NatExpr.Type.DNAT, NatExpr.IPV4, 1, 1, 2, 2, 3)));
        int printed = 0;
        for (int round = 0; round < 20_000; round++) {
            List<Expression> e = new ArrayList<>(seeds.get(random.nextInt(seeds.size())));
            List<Expression> other = seeds.get(random.nextInt(seeds.size()));
            switch (random.nextInt(4)) {
                case 0 -> e.remove(random.nextInt(e.size()));
                case 1 -> java.util.Collections.swap(e, random.nextInt(e.size()), random.nextInt(e.size()));
                case 2 -> e.add(random.nextInt(e.size() + 1), other.get(random.nextInt(other.size())));
                default -> e = new ArrayList<>(e.subList(random.nextInt(e.size()), e.size()));
            }
            for (Family f : List.of(Family.INET, Family.IP, Family.IP6, Family.BRIDGE)) {
                try {
                    RuleText.render(new RuleInfo(f, "t", "c", 1, e, new byte[0], List.of()), null);
                    printed++;
                } catch (IllegalArgumentException expected) {
                    // refused, naming the expression
                }
            }
        }
        assertEquals(true, printed > 1000, "most mutations still print: " + printed);
    }

    @Test
    void ipv6AsInetNtopWritesIt() {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        assertEquals("::ffff:0.0.0.0", RuleText.ipv6(mapped));
        assertEquals("::", RuleText.ipv6(new byte[16]));
        byte[] one = new byte[16];
        one[15] = 1;
        assertEquals("::1", RuleText.ipv6(one));
        byte[] doc = new byte[16];
        doc[0] = 0x20;
        doc[1] = 0x02;
        doc[2] = 0x0a;
        assertEquals("2002:a00::", RuleText.ipv6(doc));
    }
}
