/**
 * Traffic control over rtnetlink, what {@code tc} does: qdiscs ({@link io.jnetlink.rtnl.tc.Qdiscs}).
 *
 * <p>A qdisc is a {@link io.jnetlink.rtnl.tc.QdiscSpec} (parent, handle, kind) whose kind is one
 * file per qdisc kind ({@link io.jnetlink.rtnl.tc.Tbf}, {@link io.jnetlink.rtnl.tc.Htb}, ...),
 * each writing its TCA_OPTIONS exactly as {@code tc} does and reading them back; what the kernel
 * reports is a {@link io.jnetlink.rtnl.tc.QdiscInfo} with {@link io.jnetlink.rtnl.tc.TcStats}.
 * Handles are written and printed in tc's notation ({@link io.jnetlink.rtnl.tc.Handle}). A kind
 * the running kernel has no module for fails with
 * {@link io.jnetlink.rtnl.tc.KindNotSupportedException} ("this kernel has no sch_netem").
 *
 * <p>From the fluent API: {@code netns.link("eth0").qdisc(Tbf.rate(Rate.mbit(20)).burst(32 * 1024)
 * .latency(Duration.ofMillis(50)))}, {@code link.qdiscs()}, {@code netns.tc()}.
 */
package io.jnetlink.rtnl.tc;
