/**
 * Links: the typed layer. {@link io.jnetlink.rtnl.link.Links} sends the requests (through the
 * link family's descriptor, {@link io.jnetlink.rtnl.link.Links#FAMILY}),
 * {@link io.jnetlink.rtnl.link.LinkInfo} is what the kernel reports, and each link kind
 * ({@link io.jnetlink.rtnl.link.Veth}, {@link io.jnetlink.rtnl.link.Bridge},
 * {@link io.jnetlink.rtnl.link.Vxlan}, {@link io.jnetlink.rtnl.link.Macvlan}) is one file: a
 * {@link io.jnetlink.rtnl.link.LinkSpec} subclass that writes its IFLA_INFO_DATA and reads it
 * back into its own {@link io.jnetlink.rtnl.link.KindData} record
 * ({@link io.jnetlink.rtnl.link.LinkInfo#kindData()}). Kinds without a file keep their data as
 * {@link io.jnetlink.rtnl.link.KindData.Other}; the whole IFLA_LINKINFO also stays in
 * {@link io.jnetlink.rtnl.link.LinkInfo#unknown()}, so nothing the kernel sent is lost. A link of
 * a kind without a file is created with {@link io.jnetlink.rtnl.link.GenericKind}: the kind's
 * name and IFLA_INFO_DATA written by the caller. Tun and tap devices
 * ({@link io.jnetlink.rtnl.link.Tun}) are the one kind the kernel will not make over rtnetlink:
 * {@link io.jnetlink.rtnl.link.Links#create} makes them through /dev/net/tun on a thread inside the
 * namespace (a kind's {@code createWithoutNetlink} hook), then they are links like any other.
 *
 * <h2>How to add a link kind</h2>
 *
 * One new file, {@code Foo.java} in this package, plus its name in two {@code permits} clauses
 * ({@code LinkSpec} and {@code KindData}); nothing else. Take {@code Vxlan.java} as the model:
 * <ol>
 *   <li>The attribute numbers of its IFLA_INFO_DATA (the header named once) and an
 *       {@link io.jnetlink.core.codec.AttrNames} table for error paths.</li>
 *   <li>{@code public record Data(...) implements KindData}: the settings the file models, null (or
 *       0 where the kernel means "none") for what a message does not carry; {@code kind()}
 *       returns the kernel's name.</li>
 *   <li>{@code static final LinkKind<Data> KIND = LinkKind.of("foo", Data.class, NAMES, Foo::decode)}:
 *       the registry is built from {@code LinkSpec}'s permitted subclasses and reads this field,
 *       so a permitted kind without it fails to load, and {@code LinkKindTest} checks that every
 *       {@code KindData} record belongs to a registered kind.</li>
 *   <li>{@code public final class Foo extends LinkSpec<Foo>}: an immutable spec (the one idiom of
 *       every request spec: an immutable value made by a nested {@code Builder} whose
 *       {@code build()} checks it). It has a {@code private final Builder fields} and a private
 *       constructor {@code Foo(Builder fields)} calling {@code super(KIND, fields)}; static
 *       factories {@code Foo.builder(name, ...)} and {@code Foo.named(name, ...)} (the latter
 *       {@code builder(...).build()}); {@code toBuilder()} returning {@code fields.copy()}; one
 *       setter per option that returns a changed copy, {@code toBuilder().option(v).build()};
 *       {@code data()} returning the settings as a {@code Data}, {@code hasInfoData()}/
 *       {@code writeInfoData(w)} writing them from {@code fields} in iproute2's attribute order,
 *       and {@code private static Data decode(AttributeCursor)} reading them back (return null
 *       for data it cannot model: the link then keeps it as {@code KindData.Other}).</li>
 *   <li>{@code public static final class Builder extends LinkSpec.Builder<Foo, Builder>}: the
 *       kind's options as fields, setters that check their value at once and return
 *       {@code this}, {@code check()} (optional) for combinations, and {@code Foo make()}
 *       returning {@code new Foo(this)}. A stacked kind passes its {@code ParentLink} to
 *       {@code super(name, parent)}: IFLA_LINK and the lookup of a parent given by name are then
 *       done for it.</li>
 *   <li>Kinds that share one attribute space (gre and gretap: IFLA_GRE_*; ipip, sit and ip6tnl:
 *       IFLA_IPTUN_*) extend a sealed package-private base ({@code GreLink}, {@code IpTunnelLink},
 *       both under {@code TunnelLink}, which holds the endpoints and TTL they all have)
 *       that holds the options, their setters and the attribute layout once (its own
 *       {@code Builder} too); such a kind is named in its base's {@code permits} instead of
 *       {@code LinkSpec}'s, and still declares its own record and {@code KIND} (the registry walks
 *       through the base).</li>
 *   <li>Optional hooks, only if the kind needs them: {@code resolve(rtnl)} returning a copy with
 *       other links given by name replaced by their index ({@code Links.indexOf(rtnl, name)};
 *       vxlan's underlay), {@code writeTop(w)} for other top-level attributes,
 *       {@code holdingReferences(send)} to keep a descriptor the request names valid until the
 *       kernel has it (veth's peer namespace), {@code explain(e)} to turn a refusal into a
 *       {@code KernelLacksException} naming a feature of the kind (bridge VLAN filtering).</li>
 *   <li>Tests: add the kind to {@code LinkKindTest.everyKindReadsBackWhatItWrites} (it fails
 *       until every permitted kind is there), a golden fixture of {@code ip link add ... type foo}
 *       captured with strace (see {@code src/test/resources/golden/README.md}) compared with the
 *       encoder, and, where this kernel has the kind, a kernel test that reads
 *       {@code ip -j -d link}'s {@code info_data}.</li>
 * </ol>
 *
 * <p>For speed: {@link io.jnetlink.rtnl.link.Links#modeledOnly()} reads without copying the
 * attributes {@code LinkInfo} does not model; {@link io.jnetlink.rtnl.link.Links#createAll},
 * {@link io.jnetlink.rtnl.link.Links#setUpAll} and {@link io.jnetlink.rtnl.link.Links#setMasterAll}
 * pipeline many requests per send; {@link io.jnetlink.rtnl.link.Links#deleteGroup} deletes a
 * whole link group in one request; {@link io.jnetlink.rtnl.link.Links#createReturningIndex}
 * learns the new index from the kernel's echo.
 */
package io.jnetlink.rtnl.link;
