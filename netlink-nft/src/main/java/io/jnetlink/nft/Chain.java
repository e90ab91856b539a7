package io.jnetlink.nft;

/**
 * A chain to create: a base chain (attached to a hook, with a type, priority and policy) or a
 * regular chain (reached only by jump/goto).
 *
 * @param family   the table's family
 * @param table    the table's name
 * @param name     the chain's name
 * @param type     the base chain's type, null for a regular chain
 * @param hook     the base chain's hook, null for a regular chain
 * @param priority the base chain's priority (srcnat = 100, dstnat = -100, filter = 0)
 * @param policy   the base chain's policy, null for the kernel's default (accept)
 */
public record Chain(Family family, String table, String name, ChainType type, Hook hook, int priority,
                    Policy policy) {
    /** Checks the components. */
    public Chain {
        if (family == null) {
            throw new IllegalArgumentException("chain family is null");
        }
        Names.object("table", table);
        Names.object("chain", name);
        if ((type == null) != (hook == null)) {
            throw new IllegalArgumentException("chain " + name + ": a base chain needs both a type and a hook");
        }
        if (type == null && policy != null) {
            throw new IllegalArgumentException("chain " + name + ": only base chains have a policy");
        }
    }

    /**
     * {@return a regular chain}
     *
     * @param family the table's family
     * @param table the table's name
     * @param name the chain's name
     */
    public static Chain regular(Family family, String table, String name) {
        return new Chain(family, table, name, null, null, 0, null);
    }

    /**
     * {@return a base chain with the kernel's default policy (accept)}
     *
     * @param family the table's family
     * @param table the table's name
     * @param name the chain's name
     * @param type the chain type (filter, nat, route)
     * @param hook the netfilter hook it is attached to
     * @param priority its priority at the hook (lower runs first)
     */
    public static Chain base(Family family, String table, String name, ChainType type, Hook hook, int priority) {
        return new Chain(family, table, name, type, hook, priority, null);
    }

    /**
     * {@return the same chain with {@code policy}}
     *
     * @param policy what happens to packets no rule decided on
     */
    public Chain withPolicy(Policy policy) {
        return new Chain(family, table, name, type, hook, priority, policy);
    }

    /** {@return whether this is a base chain} */
    public boolean isBase() {
        return hook != null;
    }
}
