package io.jnetlink.nft;

import io.jnetlink.core.codec.Netlink;
import io.jnetlink.core.codec.RawAttribute;
import java.util.List;

/**
 * A whole ruleset as {@code nft list ruleset} prints it: each table with its comment and flags,
 * its named counters, its named sets and maps ({@link SetInfo#text}), its chains (base chains with type, hook, priority and policy) and their
 * rules ({@link RuleText}), in the kernel's order and nft's layout (tabs, a blank line between
 * the blocks of a table).
 */
final class RulesetText {
    private RulesetText() {}

    static String render(Ruleset r) {
        StringBuilder sb = new StringBuilder();
        for (TableInfo t : r.tables()) {
            table(sb, r, t);
        }
        return sb.toString();
    }

    private static void table(StringBuilder sb, Ruleset r, TableInfo t) {
        sb.append("table ").append(t.family()).append(' ').append(t.name()).append(" {");
        if (t.isOwned()) {
            sb.append(" # progname ").append(r.program(t.ownerPortId()));
        }
        sb.append('\n');
        String delim = "";
        int flags = t.flags() & ~Nf.NFT_TABLE_F_OWNER;
        if (t.flags() != 0) {
            StringBuilder f = new StringBuilder();
            String[] names = {"dormant", "owner", "persist"};
            for (int i = 0; i < names.length; i++) {
                if ((t.flags() & 1 << i) != 0) {
                    f.append(f.isEmpty() ? "" : ",").append(names[i]);
                }
            }
            if ((flags & ~0x7) != 0) {
                throw new IllegalArgumentException("table " + t.family() + " " + t.name() + ": flags 0x"
                        + Integer.toHexString(t.flags()));
            }
            sb.append("\tflags ").append(f).append('\n');
            delim = "\n";
        }
        String comment = comment(t.unknown(), 6); // NFTA_TABLE_USERDATA
        if (comment != null) {
            sb.append("\tcomment \"").append(comment).append("\"\n");
        }
        for (CounterObject c : r.counters()) {
            if (c.family() == t.family() && c.table().equals(t.name())) {
                sb.append(delim).append("\tcounter ").append(c.name()).append(" {\n\t\tpackets ")
                        .append(Long.toUnsignedString(c.packets())).append(" bytes ")
                        .append(Long.toUnsignedString(c.bytes())).append("\n\t}\n");
                delim = "\n";
            }
        }
        for (SetInfo s : r.sets()) {
            if (s.family() == t.family() && s.table().equals(t.name()) && !s.isAnonymous()) {
                sb.append(delim).append(s.text(false));
                delim = "\n";
            }
        }
        for (ChainInfo c : r.chains()) {
            if (c.family() == t.family() && c.table().equals(t.name())) {
                sb.append(delim);
                chain(sb, r, c);
                delim = "\n";
            }
        }
        sb.append("}\n");
    }

    private static void chain(StringBuilder sb, Ruleset r, ChainInfo c) {
        sb.append("\tchain ").append(c.name()).append(" {\n");
        String comment = comment(c.unknown(), 12); // NFTA_CHAIN_USERDATA
        if (comment != null) {
            sb.append("\t\tcomment \"").append(comment).append("\"\n");
        }
        if (c.isBase()) {
            sb.append("\t\ttype ").append(c.type()).append(" hook ").append(hookName(c.family(), c.hookNumber()));
            if (c.device() != null) {
                sb.append(" device \"").append(c.device()).append('"');
            }
            sb.append(" priority ").append(priority(c.family(), c.hookNumber(), c.priority())).append(';');
            if (c.policy() != null) {
                sb.append(" policy ").append(c.policy().name().toLowerCase()).append(';');
            }
            sb.append('\n');
        }
        for (RuleInfo rule : r.rules()) {
            if (rule.family() == c.family() && rule.table().equals(c.table()) && rule.chain().equals(c.name())) {
                sb.append("\t\t").append(RuleText.render(rule,
                        set -> anonymous(r, c, set))).append('\n');
            }
        }
        sb.append("\t}\n");
    }

    /** The elements of {@code set} if it is an anonymous set of the chain's table. */
    private static List<SetInfo.RawElement> anonymous(Ruleset r, ChainInfo c, String set) {
        boolean anonymous = r.sets().stream().anyMatch(s -> s.family() == c.family() && s.table().equals(c.table())
                && s.name().equals(set) && s.isAnonymous());
        return anonymous ? r.rawElements(c.family(), c.table(), set) : null;
    }

    private static String comment(List<RawAttribute> unknown, int type) {
        for (RawAttribute a : unknown) {
            if ((a.type() & Netlink.NLA_TYPE_MASK) == type) {
                return RuleText.comment(a.value());
            }
        }
        return null;
    }

    static String hookName(Family f, int hook) {
        if (f == Family.NETDEV) {
            return hook == 0 ? "ingress" : hook == 1 ? "egress" : Integer.toString(hook);
        }
        if (f == Family.ARP) {
            return hook == 0 ? "input" : hook == 1 ? "output" : hook == 2 ? "forward" : Integer.toString(hook);
        }
        Hook h = Hook.of(hook);
        return h != null ? h.name().toLowerCase() : Integer.toString(hook);
    }

    /**
     * A priority as nft prints it: the name of a standard priority within 10 of it, with the
     * offset ({@code mangle + 10}, {@code dstnat - 10}), where that name is valid for the family
     * and hook (dstnat only at prerouting, srcnat at postrouting, out at bridge output); else the number.
     */
    static String priority(Family f, int hook, int prio) {
        record Std(String name, int value, int onlyHook) {}
        List<Std> std = switch (f) {
            case BRIDGE -> List.of(new Std("dstnat", -300, 0), new Std("filter", -200, -1), new Std("out", 100, 3),
                    new Std("srcnat", 300, 4));
            case NETDEV, ARP -> List.of(new Std("filter", 0, -1));
            default -> List.of(new Std("raw", -300, -1), new Std("mangle", -150, -1), new Std("dstnat", -100, 0),
                    new Std("filter", 0, -1), new Std("security", 50, -1), new Std("srcnat", 100, 4));
        };
        for (Std s : std) {
            int offset = prio - s.value();
            if (Math.abs(offset) <= 10 && (s.onlyHook() < 0 || s.onlyHook() == hook)) {
                return offset == 0 ? s.name() : s.name() + (offset > 0 ? " + " : " - ") + Math.abs(offset);
            }
        }
        return Integer.toString(prio);
    }
}
