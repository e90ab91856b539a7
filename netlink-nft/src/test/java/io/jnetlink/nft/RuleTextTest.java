package io.jnetlink.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jnetlink.nft.expr.Expression;
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
