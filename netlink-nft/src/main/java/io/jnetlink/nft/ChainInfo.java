package io.jnetlink.nft;

import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.RawAttribute;
import java.util.ArrayList;
import java.util.List;

/**
 * A chain as the kernel reports it.
 *
 * @param family     the table's family
 * @param table      the table's name
 * @param name       the chain's name
 * @param handle     the kernel's handle
 * @param hookNumber the hook number of a base chain, -1 for a regular chain
 * @param priority   the base chain's priority
 * @param type       the base chain's type name ("filter", "nat", "route"), null for a regular chain
 * @param policy     the base chain's policy, null for a regular chain
 * @param device     the device of a netdev base chain, else null
 * @param rules      how many rules reference or live in it (NFTA_CHAIN_USE)
 * @param unknown    the attributes this record does not model, as received (flags, counters, user data;
 *                   the whole NFTA_CHAIN_HOOK when it holds more than number, priority and device)
 */
public record ChainInfo(Family family, String table, String name, long handle, int hookNumber, int priority,
                        String type, Policy policy, String device, int rules, List<RawAttribute> unknown) {
    /** Keeps copies of the mutable components. */
    public ChainInfo {
        unknown = List.copyOf(unknown);
    }

    /** {@return whether this is a base chain} */
    public boolean isBase() {
        return hookNumber >= 0;
    }

    /** {@return the hook for the ip, ip6, inet and bridge families; null for a regular chain or other families} */
    public Hook hook() {
        if (hookNumber < 0 || family == Family.NETDEV || family == Family.ARP) {
            return null;
        }
        return Hook.of(hookNumber);
    }

    static ChainInfo decode(Message m) {
        if (!Nf.is(m, Nf.NFT_MSG_NEWCHAIN)) {
            return null;
        }
        return decodeAny(m);
    }

    /** Decodes a NEW or DEL message of this object (events announce deletions with the content). */
    static ChainInfo decodeAny(Message m) {
        m.requirePayload(Nf.NFGENMSG_LEN, "nfgenmsg");
        Family family = Family.of(m.u8(0));
        String table = null;
        String name = null;
        long handle = 0;
        int hook = -1;
        int prio = 0;
        String type = null;
        Policy policy = null;
        String dev = null;
        int use = 0;
        List<RawAttribute> unknown = new ArrayList<>();
        AttributeCursor a = m.attributes(Nf.NFGENMSG_LEN, Nf.CHAIN_NAMES);
        while (a.next()) {
            switch (a.type()) {
                case Nf.NFTA_CHAIN_TABLE -> table = a.string();
                case Nf.NFTA_CHAIN_NAME -> name = a.string();
                case Nf.NFTA_CHAIN_HANDLE -> handle = a.u64be();
                case Nf.NFTA_CHAIN_TYPE -> type = a.string();
                case Nf.NFTA_CHAIN_POLICY -> policy = Policy.of(a.u32be());
                case Nf.NFTA_CHAIN_USE -> use = a.u32be();
                case Nf.NFTA_CHAIN_HOOK -> {
                    AttributeCursor h = a.nested(Nf.HOOK_NAMES);
                    boolean more = false;
                    while (h.next()) {
                        switch (h.type()) {
                            case Nf.NFTA_HOOK_HOOKNUM -> hook = h.u32be();
                            case Nf.NFTA_HOOK_PRIORITY -> prio = h.u32be();
                            case Nf.NFTA_HOOK_DEV -> dev = h.string();
                            default -> more = true; // NFTA_HOOK_DEVS (several devices), ...
                        }
                    }
                    if (more) {
                        unknown.add(a.raw());
                    }
                }
                default -> unknown.add(a.raw());
            }
        }
        if (table == null || name == null) {
            throw a.malformed("chain without NFTA_CHAIN_TABLE or NFTA_CHAIN_NAME");
        }
        return new ChainInfo(family, table, name, handle, hook, prio, hook >= 0 ? type : null,
                hook >= 0 ? policy : null, dev, use, unknown);
    }
}
