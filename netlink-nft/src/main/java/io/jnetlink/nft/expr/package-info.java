/**
 * nf_tables rule expressions as a sealed family of records ({@link io.jnetlink.nft.expr.Expression}),
 * one file per expression holding its attribute numbers, encoder and decoder, framed by one
 * registry ({@link io.jnetlink.nft.expr.Expressions}). Whatever is not modeled decodes to
 * {@link io.jnetlink.nft.expr.Unknown}, which encodes back to the same bytes.
 *
 * <p>Registers are the kernel's numbers: {@link io.jnetlink.nft.expr.Expressions#REG_VERDICT} (0),
 * the 16-byte registers 1..4 and the 4-byte registers 8..23. Data (addresses, ports, interface
 * names) is in the byte order the packet or the kernel has it: network order for header fields.
 */
package io.jnetlink.nft.expr;
