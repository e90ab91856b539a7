package io.jnetlink.rtnl.tc;

import static io.jnetlink.core.codec.Netlink.NLM_F_CREATE;
import static io.jnetlink.core.codec.Netlink.NLM_F_EXCL;
import static io.jnetlink.core.codec.Netlink.NLM_F_REPLACE;

import io.jnetlink.core.NetlinkException;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.net.Interfaces;
import io.jnetlink.core.socket.NetlinkSocket;
import io.jnetlink.rtnl.family.RtnlFamily;
import java.util.List;
import java.util.Objects;

/**
 * The qdiscs of one network namespace: {@code tc qdisc add|replace|change|del|show}.
 *
 * <p>Each method is one netlink exchange on the namespace's NETLINK_ROUTE socket, written as
 * {@code tc} writes it (the golden tests compare the bytes). Failures raise {@link
 * NetlinkException} naming the qdisc and the link, with the kernel's text; a kind the kernel has
 * no module for raises {@link KindNotSupportedException} ("this kernel has no sch_netem").
 */
public final class Qdiscs {
    /** The qdisc family: RTM_NEWQDISC / RTM_DELQDISC / RTM_GETQDISC with {@code struct tcmsg}, group RTNLGRP_TC. */
    public static final RtnlFamily<QdiscInfo> FAMILY = RtnlFamily.builder("qdisc", QdiscInfo.class)
            .types(Tca.RTM_NEWQDISC, Tca.RTM_DELQDISC, Tca.RTM_GETQDISC)
            .header("struct tcmsg", Tca.TCMSG_LEN)
            .attributeNames(Tca.NAMES)
            .groups(Tca.RTNLGRP_TC)
            .decoder(QdiscInfo::decode)
            .build();

    private final NetlinkSocket rtnl;

    /** Qdiscs of the namespace {@code rtnl} belongs to. */
    public Qdiscs(NetlinkSocket rtnl) {
        this.rtnl = Objects.requireNonNull(rtnl, "rtnl");
    }

    /** Adds a qdisc ({@code tc qdisc add}: RTM_NEWQDISC with NLM_F_CREATE|NLM_F_EXCL). */
    public void add(int ifindex, QdiscSpec spec) {
        send("add", ifindex, spec, NLM_F_CREATE | NLM_F_EXCL);
    }

    /** Adds a qdisc or replaces the one in its place ({@code tc qdisc replace}: NLM_F_CREATE|NLM_F_REPLACE). */
    public void replace(int ifindex, QdiscSpec spec) {
        send("replace", ifindex, spec, NLM_F_CREATE | NLM_F_REPLACE);
    }

    /** Changes the options of an existing qdisc of the same kind ({@code tc qdisc change}: no create flags). */
    public void change(int ifindex, QdiscSpec spec) {
        send("change", ifindex, spec, 0);
    }

    /**
     * Deletes the qdisc under {@code parent} ({@code tc qdisc del dev X root}, or
     * {@link Handle#INGRESS}); the link falls back to its default qdisc.
     */
    public void delete(int ifindex, Handle parent) {
        requireIndex(ifindex);
        rtnl.request("delete qdisc " + parent + " of link " + ifindex, w -> encodeDelete(w, ifindex, parent, Handle.NONE, null));
    }

    /** Deletes a qdisc as listed, naming its kind and handle ({@code tc qdisc del dev X ingress}). */
    public void delete(QdiscInfo q) {
        rtnl.request("delete " + q.kind() + " qdisc " + q.handle() + " of link " + q.ifindex(),
                w -> encodeDelete(w, q.ifindex(), q.parent(), q.handle(), q.kind()));
    }

    /** Deletes the qdisc {@code spec} describes, naming its kind ({@code tc qdisc del dev X clsact}). */
    public void delete(int ifindex, QdiscSpec spec) {
        requireIndex(ifindex);
        rtnl.request("delete " + spec + " of link " + ifindex,
                w -> encodeDelete(w, ifindex, spec.parent(), spec.handle(), spec.kind().kind()));
    }

    /** {@return every qdisc of every link ({@code tc qdisc show}: one RTM_GETQDISC dump)} */
    public List<QdiscInfo> list() {
        return FAMILY.dump(rtnl, "list qdiscs");
    }

    /** {@return the qdiscs of link {@code ifindex} ({@code tc qdisc show dev X})} */
    public List<QdiscInfo> list(int ifindex) {
        requireIndex(ifindex);
        // tc puts the link in tcmsg; the kernel dumps every link's qdiscs anyway, so keep this link's
        return FAMILY.dump(rtnl, "list qdiscs of link " + ifindex, w -> Tca.tcmsg(w, ifindex, 0, 0, 0),
                q -> q.ifindex() == ifindex);
    }

    private void send(String verb, int ifindex, QdiscSpec spec, int createFlags) {
        requireIndex(ifindex);
        Objects.requireNonNull(spec, "spec");
        String op = verb + " " + spec + " on link " + ifindex;
        try {
            rtnl.request(op, w -> encode(w, createFlags, ifindex, spec));
        } catch (NetlinkException e) {
            throw TcMessages.explain(e, "sch_" + spec.kind().kind(), null, List.of());
        }
    }

    /** Writes RTM_NEWQDISC as tc does: tcmsg, TCA_KIND, TCA_OPTIONS. */
    static void encode(MessageWriter w, int createFlags, int ifindex, QdiscSpec spec) {
        FAMILY.begin(w, FAMILY.newType(), createFlags);
        Tca.tcmsg(w, ifindex, spec.handle().value(), spec.parent().value(), 0);
        w.attrString(Tca.TCA_KIND, spec.kind().kind());
        spec.kind().writeOptions(w);
        w.end();
    }

    /** Writes RTM_DELQDISC; {@code kind} null sends no TCA_KIND (as {@code tc qdisc del dev X root}). */
    static void encodeDelete(MessageWriter w, int ifindex, Handle parent, Handle handle, String kind) {
        FAMILY.begin(w, FAMILY.delType(), 0);
        Tca.tcmsg(w, ifindex, handle.value(), parent.value(), 0);
        if (kind != null) {
            w.attrString(Tca.TCA_KIND, kind);
        }
        w.end();
    }

    /** Writes the RTM_GETQDISC dump request ({@code tc qdisc show dev X} puts the link in tcmsg). */
    static void encodeDump(MessageWriter w, int ifindex) {
        FAMILY.writeDump(w, d -> Tca.tcmsg(d, ifindex, 0, 0, 0));
    }

    static void requireIndex(int ifindex) {
        Interfaces.requireIndex(ifindex);
    }
}
