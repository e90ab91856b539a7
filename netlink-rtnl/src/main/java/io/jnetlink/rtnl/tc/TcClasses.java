package io.jnetlink.rtnl.tc;

import static io.jnetlink.core.codec.Netlink.NLM_F_CREATE;
import static io.jnetlink.core.codec.Netlink.NLM_F_EXCL;

import io.jnetlink.core.NetlinkException;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.net.Interfaces;
import io.jnetlink.core.socket.NetlinkSocket;
import io.jnetlink.rtnl.family.RtnlFamily;
import io.jnetlink.rtnl.link.LinkInfo;
import io.jnetlink.rtnl.link.Links;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The traffic classes of one network namespace: {@code tc class add|replace|change|del|show}.
 *
 * <p>Each method is one netlink exchange written as {@code tc} writes it (golden tests compare the
 * bytes); failures name the class and the link, with the kernel's text. Note tc's flags: {@code
 * tc class replace} sends NLM_F_CREATE alone (the kernel changes a class that exists), and
 * {@code change} no create flag at all.
 */
public final class TcClasses {
    /** The class family: RTM_NEWTCLASS / RTM_DELTCLASS / RTM_GETTCLASS with {@code struct tcmsg}, group RTNLGRP_TC. */
    public static final RtnlFamily<ClassInfo> FAMILY = RtnlFamily.builder("class", ClassInfo.class)
            .types(Tca.RTM_NEWTCLASS, Tca.RTM_DELTCLASS, Tca.RTM_GETTCLASS)
            .header("struct tcmsg", Tca.TCMSG_LEN)
            .attributeNames(Tca.NAMES)
            .groups(Tca.RTNLGRP_TC)
            .decoder(ClassInfo::decode)
            .build();

    private final NetlinkSocket rtnl;

    /** Classes of the namespace {@code rtnl} belongs to. */
    public TcClasses(NetlinkSocket rtnl) {
        this.rtnl = Objects.requireNonNull(rtnl, "rtnl");
    }

    /** Adds a class ({@code tc class add}: RTM_NEWTCLASS with NLM_F_CREATE|NLM_F_EXCL). */
    public void add(int ifindex, ClassSpec spec) {
        send("add", ifindex, spec, NLM_F_CREATE | NLM_F_EXCL);
    }

    /** Adds a class or changes the one with its id ({@code tc class replace}: NLM_F_CREATE). */
    public void replace(int ifindex, ClassSpec spec) {
        send("replace", ifindex, spec, NLM_F_CREATE);
    }

    /** Changes an existing class ({@code tc class change}: no create flags). */
    public void change(int ifindex, ClassSpec spec) {
        send("change", ifindex, spec, 0);
    }

    /** Deletes class {@code classid} of link {@code ifindex} ({@code tc class del dev X classid 1:10}). */
    public void delete(int ifindex, Handle classid) {
        Interfaces.requireIndex(ifindex);
        rtnl.request("delete class " + classid + " of link " + ifindex, w -> encodeDelete(w, ifindex, classid));
    }

    /** {@return the classes of link {@code ifindex} ({@code tc class show dev X}: one RTM_GETTCLASS dump)} */
    public List<ClassInfo> list(int ifindex) {
        Interfaces.requireIndex(ifindex);
        // the kernel dumps the classes of the link in tcmsg (it needs one); keep makes sure
        return FAMILY.dump(rtnl, "list classes of link " + ifindex, w -> Tca.tcmsg(w, ifindex, 0, 0, 0),
                c -> c.ifindex() == ifindex);
    }

    /** {@return the classes of every link: a link dump, then one class dump per link} */
    public List<ClassInfo> list() {
        List<ClassInfo> out = new ArrayList<>();
        for (LinkInfo l : Links.FAMILY.dump(rtnl, "list links for their classes")) {
            out.addAll(list(l.index()));
        }
        return out;
    }

    private void send(String verb, int ifindex, ClassSpec spec, int createFlags) {
        Interfaces.requireIndex(ifindex);
        Objects.requireNonNull(spec, "spec");
        try {
            rtnl.request(verb + " " + spec + " on link " + ifindex, w -> encode(w, createFlags, ifindex, spec));
        } catch (NetlinkException e) {
            throw TcMessages.explain(e, "sch_" + spec.kind().kind(), null, List.of());
        }
    }

    /** Writes RTM_NEWTCLASS as tc does: tcmsg, TCA_KIND, TCA_OPTIONS. */
    static void encode(MessageWriter w, int createFlags, int ifindex, ClassSpec spec) {
        FAMILY.begin(w, FAMILY.newType(), createFlags);
        Tca.tcmsg(w, ifindex, spec.classid().value(), spec.parent().value(), 0);
        w.attrString(Tca.TCA_KIND, spec.kind().kind());
        spec.kind().writeOptions(w);
        w.end();
    }

    /** Writes RTM_DELTCLASS as {@code tc class del dev X classid C}: the class id only. */
    static void encodeDelete(MessageWriter w, int ifindex, Handle classid) {
        FAMILY.begin(w, FAMILY.delType(), 0);
        Tca.tcmsg(w, ifindex, classid.value(), 0, 0);
        w.end();
    }

    /** Writes the RTM_GETTCLASS dump request of {@code tc class show dev X}. */
    static void encodeDump(MessageWriter w, int ifindex) {
        FAMILY.writeDump(w, d -> Tca.tcmsg(d, ifindex, 0, 0, 0));
    }
}
