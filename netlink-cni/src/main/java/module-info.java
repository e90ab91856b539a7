/**
 * A CNI plugin on jnetlink: the reference {@code bridge} plugin's configuration (IPAM delegated to
 * the plugin the configuration names, {@code ipMasq} and the {@code portMappings} capability through
 * nf_tables), run as {@code jnetlink-bridge}. See {@link io.jnetlink.cni.Main}.
 */
module io.jnetlink.cni {
    requires io.jnetlink.rtnl;
    requires io.jnetlink.nft;
    requires com.fasterxml.jackson.jr.ob;
    requires com.fasterxml.jackson.core;

    exports io.jnetlink.cni;
}
