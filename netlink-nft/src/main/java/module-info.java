/**
 * nf_tables over NETLINK_NETFILTER: tables, chains and rules in atomic transactions, a sealed
 * family of expression records, and NAT recipes (masquerade, port forwarding).
 */
module io.jnetlink.nft {
    requires transitive io.jnetlink.core;

    exports io.jnetlink.nft;
    exports io.jnetlink.nft.expr;
}
