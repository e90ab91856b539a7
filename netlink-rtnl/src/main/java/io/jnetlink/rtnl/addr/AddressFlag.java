package io.jnetlink.rtnl.addr;

import java.util.EnumSet;
import java.util.Set;

/** The {@code IFA_F_*} flags of an address, from {@code linux/if_addr.h}. */
public enum AddressFlag {
    /** IPv4: not the link's primary address in its subnet. (IPv6: a temporary address, same bit.) */
    SECONDARY(0x01),
    /** Skip duplicate address detection (IPv6). */
    NODAD(0x02),
    /** Optimistic duplicate address detection (IPv6): usable while DAD runs. */
    OPTIMISTIC(0x04),
    /** Duplicate address detection found the address in use (IPv6). */
    DADFAILED(0x08),
    /** A Mobile IPv6 home address. */
    HOMEADDRESS(0x10),
    /** Past its preferred lifetime: not used for new connections. */
    DEPRECATED(0x20),
    /** Duplicate address detection still running (IPv6). */
    TENTATIVE(0x40),
    /** Configured (not learned from router advertisements). */
    PERMANENT(0x80),
    /** Manage temporary (privacy) addresses from this prefix (IPv6). */
    MANAGETEMPADDR(0x100),
    /** Do not add the prefix route for the address's subnet. */
    NOPREFIXROUTE(0x200),
    /** Join the multicast group of this address automatically. */
    MCAUTOJOIN(0x400),
    /** Generated with stable privacy (RFC 7217; IPv6). */
    STABLE_PRIVACY(0x800);

    private final int bit;

    AddressFlag(int bit) {
        this.bit = bit;
    }

    /** {@return the flag's bit} */
    public int bit() {
        return bit;
    }

    /**
     * {@return the flags set in {@code bits} (unknown bits are ignored here; the raw value keeps them)}
     *
     * @param bits the IFA_F_* bits
     */
    public static Set<AddressFlag> fromBits(int bits) {
        EnumSet<AddressFlag> s = EnumSet.noneOf(AddressFlag.class);
        for (AddressFlag f : values()) {
            if ((bits & f.bit) != 0) {
                s.add(f);
            }
        }
        return s;
    }

    /**
     * iproute2's name for the flag in {@code ip -j addr} output.
     *
     * @return the name
     */
    public String label() {
        return switch (this) {
            case SECONDARY -> "secondary";
            case NODAD -> "nodad";
            case OPTIMISTIC -> "optimistic";
            case DADFAILED -> "dadfailed";
            case HOMEADDRESS -> "home";
            case DEPRECATED -> "deprecated";
            case TENTATIVE -> "tentative";
            case PERMANENT -> "permanent";
            case MANAGETEMPADDR -> "mngtmpaddr";
            case NOPREFIXROUTE -> "noprefixroute";
            case MCAUTOJOIN -> "autojoin";
            case STABLE_PRIVACY -> "stable-privacy";
        };
    }
}
