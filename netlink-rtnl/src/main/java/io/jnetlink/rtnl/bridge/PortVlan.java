package io.jnetlink.rtnl.bridge;

/**
 * VLANs of a bridge port ({@code struct bridge_vlan_info}): one VLAN or a range, as
 * {@code bridge vlan add dev PORT vid ID[-LAST] [pvid] [untagged]} gives and {@code bridge vlan
 * show} lists them.
 *
 * @param vid      the (first) VLAN id, 1..4094
 * @param last     the last VLAN id of a range, {@code vid} for one VLAN
 * @param pvid     untagged frames coming in get this VLAN (one VLAN only)
 * @param untagged frames of these VLANs leave the port untagged
 */
public record PortVlan(int vid, int last, boolean pvid, boolean untagged) {
    /** Checks the ids. */
    public PortVlan {
        if (vid < 1 || vid > 4094 || last < vid || last > 4094) {
            throw new IllegalArgumentException("VLAN " + vid + (last != vid ? "-" + last : "") + " is not within 1..4094 in order");
        }
        if (pvid && last != vid) {
            throw new IllegalArgumentException("a PVID is one VLAN, not the range " + vid + "-" + last);
        }
    }

    /**
     * {@return one VLAN, tagged, not the PVID}
     *
     * @param vid the VLAN id (1..4094)
     */
    public static PortVlan of(int vid) {
        return new PortVlan(vid, vid, false, false);
    }

    /**
     * {@return a range of tagged VLANs}
     *
     * @param first the first VLAN id
     * @param last the last VLAN id
     */
    public static PortVlan range(int first, int last) {
        return new PortVlan(first, last, false, false);
    }

    /**
     * {@return the port's PVID, untagged on the way out (the usual access port)}
     *
     * @param vid the VLAN id (1..4094)
     */
    public static PortVlan pvidUntagged(int vid) {
        return new PortVlan(vid, vid, true, true);
    }

    /** The {@code BRIDGE_VLAN_INFO_*} flags of the entry (range flags aside). */
    int flags() {
        return (pvid ? Br.BRIDGE_VLAN_INFO_PVID : 0) | (untagged ? Br.BRIDGE_VLAN_INFO_UNTAGGED : 0);
    }

    @Override
    public String toString() {
        return "vid " + vid + (last != vid ? "-" + last : "") + (pvid ? " pvid" : "") + (untagged ? " untagged" : "");
    }
}
