/**
 * The shape every rtnetlink object family shares: one {@link io.jnetlink.rtnl.family.RtnlFamily}
 * descriptor per family (message types, fixed header, attribute names, multicast groups, decoder)
 * and the one request path on it (get / delete by key, dump, dump-then-filter) that the family
 * services use. Links ({@code Links.FAMILY}), addresses ({@code Addresses.FAMILY}), routes
 * ({@code Routes.FAMILY}) and neighbours ({@code Neighbours.FAMILY}) are built on it.
 *
 * <h2>How to add an rtnetlink family</h2>
 *
 * A family is a spec, a record, a descriptor and a few lines of wiring. Say qdiscs, in a package
 * {@code io.jnetlink.rtnl.tc}:
 * <ol>
 *   <li><b>Constants</b> ({@code Tca.java}, package-private): the RTM_* types, the header size,
 *       the attribute numbers and an {@link io.jnetlink.core.codec.AttrNames} table, the RTNLGRP_*
 *       groups; each header file named once, in the class comment.</li>
 *   <li><b>The record</b> ({@code QdiscInfo.java}): a Java record of what the kernel reports, with
 *       {@code public static QdiscInfo decode(Message m)} that returns null for a message of
 *       another type or a kind it does not model, reads the attributes through
 *       {@code FAMILY.attributes(m)} (which checks the header and names attributes in errors),
 *       uses {@link io.jnetlink.rtnl.family.Attributes} for shared field shapes, and keeps every
 *       attribute it does not model in an {@code unknown} list: nothing the kernel sent may
 *       vanish. A family whose lists are long (thousands of routes) follows {@code RouteInfo}
 *       instead: one checking pass through {@code FAMILY.scan(m)} (the view's own cursor, no
 *       allocation) that reads the numbers and notes where the rest is, the message kept as
 *       {@link io.jnetlink.core.codec.Message#retained()} (one copy per datagram, shared), and
 *       addresses, strings and the {@code unknown} list made from it on first access
 *       ({@link io.jnetlink.rtnl.family.Attributes#address(java.lang.foreign.MemorySegment, int, int)},
 *       {@link io.jnetlink.rtnl.family.Attributes#unmodeled}).</li>
 *   <li><b>The spec</b> ({@code Qdisc.java}): the request, with a package-private
 *       {@code write(MessageWriter)} of the header and attributes in iproute2's order. The idiom
 *       for a new family's spec is the one {@code AddressSpec}, {@code NeighbourSpec}, {@code Rule},
 *       {@code Nexthop} and {@code FdbEntry} share: an immutable value made by a nested {@code Builder}
 *       ({@code Qdisc.builder()...build()}), each setter checking its value at once and
 *       {@code build()} checking the combination, plus static factories for the common one-liners
 *       ({@code AddressSpec.of(index, prefix)}). (Link kinds and {@code Route} still have their
 *       older fluent forms, a mutable kind spec and a copy-on-write route, which the README's
 *       chains use; bringing them onto this idiom is still open.)</li>
 *   <li><b>The service and its descriptor</b> ({@code Qdiscs.java}): a
 *       {@code public static final RtnlFamily<QdiscInfo> FAMILY = RtnlFamily.builder("qdisc", QdiscInfo.class)
 *       .types(...).header("struct tcmsg", 20).attributeNames(...).groups(...)
 *       .decoder(QdiscInfo::decode).build()}, and methods that go through it:
 *       {@code FAMILY.begin(w, FAMILY.newType(), NLM_F_CREATE | NLM_F_EXCL)} then the spec's
 *       {@code write} for add/replace/delete, {@code FAMILY.dump(rtnl, op)} or
 *       {@code FAMILY.dump(rtnl, op, filter, keep)} for lists (the filter writes the header and
 *       attributes the kernel's strict check honours; {@code keep} makes sure),
 *       {@code FAMILY.get}/{@code FAMILY.delete} when one number is the key (give the builder a
 *       {@code keyHeader}: these forms allocate nothing). Check link indexes with
 *       {@link io.jnetlink.core.net.Interfaces#requireIndex} and names with
 *       {@link io.jnetlink.core.net.Interfaces#validateName}; look up links by name with
 *       {@code Links.indexOf(rtnl, name)}.</li>
 *   <li><b>Wiring</b> (small, additive edits): an accessor on {@code io.jnetlink.rtnl.Netns}
 *       ({@code qdiscs()}, cached like {@code routes()}); a watch in {@code io.jnetlink.rtnl.Watches}
 *       (one line: {@code watch(ns, Qdiscs.FAMILY, QdiscKey::of, () -> ns.qdiscs().list(), ...)},
 *       the key record beside the record); the family in {@code Watches.FAMILIES}; the package in
 *       {@code module-info.java}'s exports.</li>
 *   <li><b>Tests</b>: a golden fixture of iproute2's request for each request shape (captured
 *       with strace, command recorded; see {@code src/test/resources/golden/README.md}) compared
 *       with the spec's encoder, a fuzz run of the decoder seeded from those fixtures, and a
 *       kernel test in namespaces of its own checked against {@code tc -j}/{@code ip -j}. The
 *       family-registration test fails until the new descriptor has all three.</li>
 * </ol>
 */
package io.jnetlink.rtnl.family;
