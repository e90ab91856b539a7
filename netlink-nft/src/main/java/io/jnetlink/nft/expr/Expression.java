package io.jnetlink.nft.expr;

/**
 * One nf_tables expression of a rule. The family is sealed: every expression the kernel holds
 * decodes into one of these records, and what the library does not model becomes {@link Unknown}
 * (its name and raw attributes), which encodes back to the same bytes.
 *
 * <p>Encoding and decoding go through one registry, {@link Expressions}, built from this
 * interface's {@code permits}: each record declares its codec once, in its own file.
 */
public sealed interface Expression
        permits Meta, MetaSet, Payload, PayloadSet, Cmp, Bitwise, Immediate, Verdict, NatExpr, Masq, Redir, Counter, Lookup, Ct,
                CtSet, Limit, Numgen, Byteorder, Reject, Quota, Log, Fib, Notrack, Objref, Dynset, Exthdr, Rt, Unknown {

    /** {@return the kernel's name of the expression type ("meta", "payload", ...)} */
    String kind();
}
