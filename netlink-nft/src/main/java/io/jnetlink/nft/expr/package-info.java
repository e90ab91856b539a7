/**
 * nf_tables rule expressions as a sealed family of records ({@link io.jnetlink.nft.expr.Expression}),
 * one file per expression holding its attribute numbers, encoder and decoder, framed by one
 * registry ({@link io.jnetlink.nft.expr.Expressions}). Whatever is not modeled decodes to
 * {@link io.jnetlink.nft.expr.Unknown}, which encodes back to the same bytes.
 *
 * <p>Registers are the kernel's numbers: {@link io.jnetlink.nft.expr.Expressions#REG_VERDICT} (0),
 * the 16-byte registers 1..4 and the 4-byte registers 8..23. Data (addresses, ports, interface
 * names) is in the byte order the packet or the kernel has it: network order for header fields.
 *
 * <h2>Adding an expression</h2>
 * One new file, {@code expr/Foo.java}, a record that:
 * <ol>
 *   <li>implements {@code Expression} and names its attributes once ({@code // enum nft_foo_attributes}
 *       from {@code linux/netfilter/nf_tables.h}, and an {@code AttrNames} table for error paths);</li>
 *   <li>declares {@code static final Codec<Foo> CODEC = Codec.of("foo", Foo.class, NAMES, Foo::decode,
 *       Foo::writeData)}, with {@code kind()} returning {@code CODEC.kind};</li>
 *   <li>writes its NFTA_EXPR_DATA in {@code writeData(MessageWriter)} in the order {@code nft} sends it
 *       (so golden bytes match), and reads it back in {@code static Foo decode(AttributeCursor)},
 *       throwing {@code Wire.NOT_MODELED} for any attribute or value it does not model (the registry
 *       then keeps the whole expression as {@code Unknown}: nothing is lost).</li>
 * </ol>
 * Then add {@code Foo} to the {@code permits} clause of {@code Expression} (the compiler refuses the
 * record otherwise) and a value of it to {@code ExpressionCodecTest.SAMPLES}. Nothing else: the
 * registry is built from the sealed interface's permitted classes, reading each one's {@code CODEC}
 * when it loads, so a permitted record without a codec, or two records decoding the same name, stop
 * the class from loading; {@code ExpressionCodecTest.everyPermittedRecordIsRegistered} walks the
 * permits and fails for a record without a codec or without a round-trip sample. An expression
 * that is written under another's name and decoded by it (a {@link io.jnetlink.nft.expr.Verdict} is an
 * {@code immediate}) declares {@code Codec.sharing("immediate", ...)} instead.
 */
package io.jnetlink.nft.expr;
