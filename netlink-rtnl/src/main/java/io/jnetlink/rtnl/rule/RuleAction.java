package io.jnetlink.rtnl.rule;

import java.util.Locale;

/** What a policy rule does when it matches ({@code FR_ACT_*} of {@code linux/fib_rules.h}). */
public enum RuleAction {
    /** FR_ACT_UNSPEC: only in delete requests, where it matches any action. */
    UNSPEC(0),
    /** FR_ACT_TO_TBL: look the packet up in the rule's table ({@code ip rule ... lookup T}). */
    LOOKUP(1),
    /** FR_ACT_GOTO: continue with the rule of the given priority. */
    GOTO(2),
    /** FR_ACT_NOP: do nothing, go on to the next rule. */
    NOP(3),
    /** FR_ACT_BLACKHOLE: drop silently. */
    BLACKHOLE(6),
    /** FR_ACT_UNREACHABLE: drop, the sender gets "network unreachable". */
    UNREACHABLE(7),
    /** FR_ACT_PROHIBIT: drop, the sender gets "permission denied" (administratively prohibited). */
    PROHIBIT(8);

    private final int value;

    RuleAction(int value) {
        this.value = value;
    }

    /** {@return the kernel's number} */
    public int value() {
        return value;
    }

    /**
     * {@return the action numbered {@code value}}
     *
     * @param value the FR_ACT_* number
     * @throws IllegalArgumentException for a number that is no action
     */
    public static RuleAction of(int value) {
        for (RuleAction a : values()) {
            if (a.value == value) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown rule action " + value);
    }

    /** {@return the word {@code ip rule} uses: lookup, goto, nop, blackhole, unreachable, prohibit} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
