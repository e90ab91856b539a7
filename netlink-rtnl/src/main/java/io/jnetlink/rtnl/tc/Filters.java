package io.jnetlink.rtnl.tc;

import static io.jnetlink.core.codec.Netlink.NLM_F_CREATE;
import static io.jnetlink.core.codec.Netlink.NLM_F_EXCL;

import io.jnetlink.core.NetlinkException;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.net.Interfaces;
import io.jnetlink.core.socket.NetlinkSocket;
import io.jnetlink.rtnl.family.RtnlFamily;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The filters of one network namespace: {@code tc filter add|replace|change|del|show}.
 *
 * <p>Each method is one netlink exchange written as {@code tc} writes it (golden tests compare the
 * bytes); failures name the filter and the link, with the kernel's text. A classifier or action
 * the kernel has no module for raises {@link KindNotSupportedException} ("this kernel has no
 * cls_matchall", "... no act_gact"). tc's flags: {@code replace} sends NLM_F_CREATE alone,
 * {@code change} no create flag.
 */
public final class Filters {
    /** The filter family: RTM_NEWTFILTER / RTM_DELTFILTER / RTM_GETTFILTER with {@code struct tcmsg}, group RTNLGRP_TC. */
    public static final RtnlFamily<FilterInfo> FAMILY = RtnlFamily.builder("filter", FilterInfo.class)
            .types(Tca.RTM_NEWTFILTER, Tca.RTM_DELTFILTER, Tca.RTM_GETTFILTER)
            .header("struct tcmsg", Tca.TCMSG_LEN)
            .attributeNames(Tca.NAMES)
            .groups(Tca.RTNLGRP_TC)
            .decoder(FilterInfo::decode)
            .build();

    private final NetlinkSocket rtnl;

    /** Filters of the namespace {@code rtnl} belongs to. */
    public Filters(NetlinkSocket rtnl) {
        this.rtnl = Objects.requireNonNull(rtnl, "rtnl");
    }

    /** Adds a filter ({@code tc filter add}: RTM_NEWTFILTER with NLM_F_CREATE|NLM_F_EXCL). */
    public void add(int ifindex, FilterSpec spec) {
        send("add", ifindex, spec, NLM_F_CREATE | NLM_F_EXCL);
    }

    /** Adds a filter or replaces the one with its handle ({@code tc filter replace}: NLM_F_CREATE). */
    public void replace(int ifindex, FilterSpec spec) {
        send("replace", ifindex, spec, NLM_F_CREATE);
    }

    /** Changes an existing filter ({@code tc filter change}: no create flags). */
    public void change(int ifindex, FilterSpec spec) {
        send("change", ifindex, spec, 0);
    }

    /** Deletes one filter ({@code tc filter del dev X parent P protocol T prio N handle H KIND}). */
    public void delete(int ifindex, FilterSpec spec) {
        Interfaces.requireIndex(ifindex);
        rtnl.request("delete " + spec + " of link " + ifindex, w -> encodeDelete(w, ifindex, spec.parent(),
                spec.prio(), spec.protocol(), spec.handle(), spec.kind().kind()));
    }

    /** Deletes a filter as listed. */
    public void delete(FilterInfo f) {
        rtnl.request("delete " + f.kind() + " filter " + Integer.toHexString(f.handle()) + " of link " + f.ifindex(),
                w -> encodeDelete(w, f.ifindex(), f.parent(), f.prio(), f.protocol(), f.handle(), f.kind()));
    }

    /** Deletes every filter of priority {@code prio} and {@code protocol} on {@code parent} ({@code tc filter del dev X parent P protocol T prio N}). */
    public void delete(int ifindex, Handle parent, int prio, int protocol) {
        Interfaces.requireIndex(ifindex);
        rtnl.request("delete filters prio " + prio + " parent " + parent + " of link " + ifindex,
                w -> encodeDelete(w, ifindex, parent, prio, protocol, 0, null));
    }

    /** {@return the filters on {@code parent} of link {@code ifindex} ({@code tc filter show dev X parent P}: one dump)} */
    public List<FilterInfo> list(int ifindex, Handle parent) {
        Interfaces.requireIndex(ifindex);
        return FAMILY.dump(rtnl, "list filters of link " + ifindex + " parent " + parent,
                w -> Tca.tcmsg(w, ifindex, 0, parent.value(), 0), f -> f.ifindex() == ifindex);
    }

    /**
     * {@return every filter of every link: the qdiscs and classes are listed, then the filters of each
     * (for ingress and clsact: of their hooks), one dump each}
     */
    public List<FilterInfo> list() {
        Set<FilterInfo> out = new LinkedHashSet<>();
        TcClasses classes = new TcClasses(rtnl);
        Set<Integer> links = new LinkedHashSet<>();
        for (QdiscInfo q : Qdiscs.FAMILY.dump(rtnl, "list qdiscs for their filters")) {
            links.add(q.ifindex());
            if (q.options() instanceof HookQdisc) {
                out.addAll(list(q.ifindex(), Handle.INGRESS_HOOK));
                if (q.options() instanceof Clsact) {
                    out.addAll(list(q.ifindex(), Handle.EGRESS_HOOK));
                }
            } else if (q.handle().value() != 0) {
                out.addAll(list(q.ifindex(), q.handle()));
            }
        }
        for (int link : links) {
            for (ClassInfo c : classes.list(link)) {
                out.addAll(list(link, c.handle()));
            }
        }
        return new ArrayList<>(out);
    }

    private void send(String verb, int ifindex, FilterSpec spec, int createFlags) {
        Interfaces.requireIndex(ifindex);
        Objects.requireNonNull(spec, "spec");
        try {
            rtnl.request(verb + " " + spec + " on link " + ifindex, w -> encode(w, createFlags, ifindex, spec));
        } catch (NetlinkException e) {
            List<String> acts = spec.kind().actions().stream().map(a -> "act_" + a.kind()).distinct().toList();
            throw TcMessages.explain(e, null, "cls_" + spec.kind().kind(), acts);
        }
    }

    /** Writes RTM_NEWTFILTER as tc does: tcmsg (prio and protocol in tcm_info), TCA_KIND, TCA_OPTIONS. */
    static void encode(MessageWriter w, int createFlags, int ifindex, FilterSpec spec) {
        FAMILY.begin(w, FAMILY.newType(), createFlags);
        Tca.tcmsg(w, ifindex, spec.handle(), spec.parent().value(), FilterSpec.info(spec.prio(), spec.protocol()));
        w.attrString(Tca.TCA_KIND, spec.kind().kind());
        spec.kind().writeOptions(w);
        w.end();
    }

    /** Writes RTM_DELTFILTER; {@code kind} null sends no TCA_KIND (a whole priority). */
    static void encodeDelete(MessageWriter w, int ifindex, Handle parent, int prio, int protocol, int handle,
                             String kind) {
        FAMILY.begin(w, FAMILY.delType(), 0);
        Tca.tcmsg(w, ifindex, handle, parent.value(), FilterSpec.info(prio, protocol));
        if (kind != null) {
            w.attrString(Tca.TCA_KIND, kind);
        }
        w.end();
    }

    /** Writes the RTM_GETTFILTER dump request of {@code tc filter show dev X parent P}. */
    static void encodeDump(MessageWriter w, int ifindex, Handle parent) {
        FAMILY.writeDump(w, d -> Tca.tcmsg(d, ifindex, 0, parent.value(), 0));
    }
}
