/**
 * Traffic control over rtnetlink, what {@code tc} does: qdiscs ({@link io.jnetlink.rtnl.tc.Qdiscs}),
 * classes ({@link io.jnetlink.rtnl.tc.TcClasses}) and filters ({@link io.jnetlink.rtnl.tc.Filters}),
 * three families on the shared shape ({@link io.jnetlink.rtnl.family.RtnlFamily}), each with a
 * watch ({@code Netns.watchQdiscs}, {@code watchClasses}, {@code watchFilters}).
 *
 * <p>A qdisc is a {@link io.jnetlink.rtnl.tc.QdiscSpec} (parent, handle, kind) whose kind is one
 * file per qdisc kind ({@link io.jnetlink.rtnl.tc.Tbf}, {@link io.jnetlink.rtnl.tc.Htb}, ...),
 * each writing its TCA_OPTIONS exactly as {@code tc} does and reading them back; what the kernel
 * reports is a {@link io.jnetlink.rtnl.tc.QdiscInfo} with {@link io.jnetlink.rtnl.tc.TcStats}.
 * Classes are a {@link io.jnetlink.rtnl.tc.ClassSpec} with the options of their qdisc's kind
 * ({@link io.jnetlink.rtnl.tc.HtbClass}); filters a {@link io.jnetlink.rtnl.tc.FilterSpec} with a
 * classifier ({@link io.jnetlink.rtnl.tc.U32}, {@link io.jnetlink.rtnl.tc.Matchall},
 * {@link io.jnetlink.rtnl.tc.Flower}, {@link io.jnetlink.rtnl.tc.Bpf}) and actions
 * ({@link io.jnetlink.rtnl.tc.Gact}, {@link io.jnetlink.rtnl.tc.Mirred},
 * {@link io.jnetlink.rtnl.tc.Police}). Whatever the library does not model reads back as an
 * {@code Other*} record holding the kernel's bytes.
 *
 * <p>The request specs follow the project's one builder idiom: each kind with settable options
 * ({@link io.jnetlink.rtnl.tc.Netem}, {@link io.jnetlink.rtnl.tc.Htb},
 * {@link io.jnetlink.rtnl.tc.HtbClass}, {@link io.jnetlink.rtnl.tc.Tbf},
 * {@link io.jnetlink.rtnl.tc.FqCodel}, {@link io.jnetlink.rtnl.tc.Sfq},
 * {@link io.jnetlink.rtnl.tc.Flower}, {@link io.jnetlink.rtnl.tc.U32},
 * {@link io.jnetlink.rtnl.tc.Matchall}, {@link io.jnetlink.rtnl.tc.Bpf}) and the
 * {@code QdiscSpec}/{@code FilterSpec} wrappers has a nested {@code Builder}
 * ({@code builder(...)}, {@code toBuilder()}); a setter on a spec ({@code netem.loss(1)}) is
 * {@code toBuilder().loss(1).build()}, a new value, the old one unchanged. The kinds stay records:
 * the record's constructor is the one place their values are checked (so {@code build()} and
 * decoding check alike), and a kind read back from the kernel is equal to the spec that made it.
 *
 * <p>To add a qdisc kind: one file implementing {@link io.jnetlink.rtnl.tc.QdiscKind} (its
 * {@code writeOptions}, a static {@code decode}), named in the interface's {@code permits} and in
 * its {@code decode} switch, with a golden fixture of tc's request; {@code QdiscCodecTest} fails
 * until the kind has a sample that reads back. Classifiers ({@link io.jnetlink.rtnl.tc.FilterKind})
 * and actions ({@link io.jnetlink.rtnl.tc.Action}) work the same way.
 * Handles are written and printed in tc's notation ({@link io.jnetlink.rtnl.tc.Handle}). A kind
 * the running kernel has no module for fails with
 * {@link io.jnetlink.rtnl.tc.KindNotSupportedException} ("this kernel has no sch_netem").
 *
 * <p>From the fluent API: {@code netns.link("eth0").qdisc(Tbf.rate(Rate.mbit(20)).burst(32 * 1024)
 * .latency(Duration.ofMillis(50)))}, {@code link.qdiscs()}, {@code netns.tc()}.
 */
package io.jnetlink.rtnl.tc;
