/**
 * nf_tables over NETLINK_NETFILTER, without nft or libnftnl.
 *
 * <ul>
 *   <li>{@link io.jnetlink.nft.NfTables}: a client per network namespace; lists tables, chains
 *       and rules (decoded into {@link io.jnetlink.nft.TableInfo}, {@link io.jnetlink.nft.ChainInfo},
 *       {@link io.jnetlink.nft.RuleInfo}).</li>
 *   <li>{@link io.jnetlink.nft.Transaction}: atomic batches of changes; errors name the call that
 *       caused them ({@link io.jnetlink.nft.TransactionException}).</li>
 *   <li>{@link io.jnetlink.nft.RuleSpec}: a typed rule builder of {@link io.jnetlink.nft.Match}es and
 *       {@link io.jnetlink.nft.Statement}s that renders as {@code nft list} prints the rule, encodes
 *       as nft does, and decodes back from the kernel's rules.</li>
 *   <li>{@link io.jnetlink.nft.Nat}: masquerade and port-forwarding recipes in a table of the
 *       library's own.</li>
 *   <li>{@link io.jnetlink.nft.Firewall}: filtering recipes (block one way, isolate, allow, loss,
 *       rate limit, or any rule spec) in a table of the library's own, each removable.</li>
 * </ul>
 *
 * <p>Expressions are in {@link io.jnetlink.nft.expr}.
 */
package io.jnetlink.nft;
