package io.jnetlink.rtnl.link;

import io.jnetlink.core.codec.RawAttribute;
import java.util.List;

/**
 * The settings of a link's kind as the kernel reports them in IFLA_LINKINFO / IFLA_INFO_DATA:
 * one record per modeled kind, declared in the kind's own file beside its spec, and
 * {@link Other} for every other kind, with the raw attributes. A spec's {@link LinkSpec#data()}
 * is a value of the same record, so what a spec wrote can be compared with what the kernel read
 * back.
 *
 * <p>A kind's record holds null for a setting the message does not carry. The kernel's attributes
 * a kind does not model stay, with the whole IFLA_LINKINFO, in {@link LinkInfo#unknown()}.
 */
public sealed interface KindData permits Veth.Data, Bridge.Data, Vxlan.Data, Macvlan.Data, Macvtap.Data, Vlan.Data, Vrf.Data,
        Dummy.Data, Ifb.Data, Ipvlan.Data, Bond.Data, Wireguard.Data, Gre.Data, Gretap.Data, Ipip.Data, Sit.Data, Ip6tnl.Data,
        Geneve.Data, Tun.Data, KindData.Other {
    /** {@return the kernel's name of the kind ("veth", "vxlan", ...)} */
    String kind();

    /**
     * A kind this library does not model (or data its kind's decoder could not model): its name and
     * the attributes of its IFLA_INFO_DATA, as received (empty when the kernel sent none).
     *
     * @param kind       IFLA_INFO_KIND
     * @param attributes the attributes of IFLA_INFO_DATA
     */
    record Other(String kind, List<RawAttribute> attributes) implements KindData {
        /** Copies the list, so the record is immutable. */
        public Other {
            attributes = List.copyOf(attributes);
        }
    }
}
