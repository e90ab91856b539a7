package io.jnetlink.rtnl.link;

import static io.jnetlink.core.codec.Netlink.NLM_F_CREATE;
import static io.jnetlink.core.codec.Netlink.NLM_F_ECHO;
import static io.jnetlink.core.codec.Netlink.NLM_F_EXCL;
import static io.jnetlink.core.codec.Netlink.NLM_F_REQUEST;

import io.jnetlink.core.Errno;
import io.jnetlink.core.NetlinkException;
import io.jnetlink.core.NoSuchDeviceException;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.netns.InNamespace;
import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.core.socket.NetlinkSocket;
import io.jnetlink.core.net.Interfaces;
import io.jnetlink.core.net.Mac;
import io.jnetlink.rtnl.family.KernelLacksException;
import io.jnetlink.rtnl.family.RtnlFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Links of one namespace, over its NETLINK_ROUTE socket: the typed layer under the fluent
 * {@code Netns}/{@code Link}. Each method is one request (named in its javadoc) and throws a
 * {@link io.jnetlink.core.NetlinkException} carrying the kernel's reason.
 *
 * <p>Thread-safe (the socket serialises requests).
 */
public final class Links {
    /**
     * The link family: RTM_NEWLINK / RTM_DELLINK / RTM_GETLINK over {@code struct ifinfomsg},
     * keyed by index, announced on RTNLGRP_LINK, decoded into {@link LinkInfo}.
     */
    public static final RtnlFamily<LinkInfo> FAMILY = RtnlFamily.builder("link", LinkInfo.class)
            .types(Ifla.RTM_NEWLINK, Ifla.RTM_DELLINK, Ifla.RTM_GETLINK)
            .header("struct ifinfomsg", Ifla.IFINFOMSG_LEN)
            .keyHeader((w, index) -> ifinfomsg(w, index, 0, 0))
            .attributeNames(Ifla.NAMES)
            .groups(Ifla.RTNLGRP_LINK)
            .decoder(LinkInfo::decode)
            .build();

    private final NetlinkSocket rtnl;
    private final NetlinkSocket.Decoder<LinkInfo> decoder;
    /** The namespace, when known: a {@link Tun} is made from a thread inside it. Null if made from a socket. */
    private final NetworkNamespace ns;

    /**
     * Links of the namespace {@code rtnl} belongs to. Reads keep the attributes {@link LinkInfo}
     * does not model ({@link LinkInfo#unknown()}); see {@link #modeledOnly()} for the lean form.
     * Knowing only the socket, it cannot make {@link Tun} devices; {@link #Links(InNamespace)} can.
     *
     * @param rtnl a NETLINK_ROUTE socket of the namespace
     */
    public Links(NetlinkSocket rtnl) {
        this(rtnl, LinkInfo::decode, null);
    }

    /**
     * Links of {@code namespace}, over its shared NETLINK_ROUTE socket. Besides what the socket
     * alone allows, it makes {@link Tun} devices, which the kernel makes only through
     * /dev/net/tun opened by a thread inside the namespace.
     *
     * @param namespace the namespace
     */
    public Links(InNamespace namespace) {
        this(namespace.namespace().socket(io.jnetlink.core.codec.Netlink.NETLINK_ROUTE), LinkInfo::decode,
                namespace.namespace());
    }

    private Links(NetlinkSocket rtnl, NetlinkSocket.Decoder<LinkInfo> decoder, NetworkNamespace ns) {
        this.rtnl = Objects.requireNonNull(rtnl, "rtnl");
        this.decoder = decoder;
        this.ns = ns;
    }

    /** The namespace, for {@code what}, which needs a thread inside it. */
    NetworkNamespace namespace(String what) {
        if (ns == null) {
            throw new IllegalStateException(what + " needs a thread inside the namespace, and these Links know only its"
                    + " socket: use new Links(namespace) (Netns.linkService() is one)");
        }
        return ns;
    }

    /**
     * {@return the same links over the same socket, but reads ({@link #get(int)}, {@link #find}, {@link #list},
     * {@link #forEach}) decode only the modeled fields ({@link LinkInfo#decodeModeled}): no copy of
     * the unmodeled attributes, which are most of a link message's bytes} For lookups in tight
     * loops and large dumps. Writes are the same as this instance's.
     */
    public Links modeledOnly() {
        return new Links(rtnl, LinkInfo::decodeModeled, ns);
    }

    /** {@return the socket the requests go through} */
    public NetlinkSocket socket() {
        return rtnl;
    }

    // ---- create / delete -----------------------------------------------------------------------

    /**
     * Creates a link: one RTM_NEWLINK with NLM_F_CREATE | NLM_F_EXCL (after RTM_GETLINK lookups of
     * parent devices named in the spec). The kernel creates it whole or not at all (a veth pair
     * with both ends, the peer possibly in another namespace).
     *
     * @param spec the link's settings
     * @throws io.jnetlink.core.AlreadyExistsException if a link of that name (or the peer's) exists
     */
    public void create(LinkSpec<?> spec) {
        createWith(spec, false);
    }

    /**
     * Creates a link like {@link #create} and returns its index: the RTM_NEWLINK also carries
     * NLM_F_ECHO, so the kernel (Linux 6.3 and later) answers with the new link's RTM_NEWLINK and
     * no second request is needed. On kernels that do not echo it, one RTM_GETLINK by name
     * follows. For a veth the index is the local end's.
     *
     * @param spec the link's settings
     * @return the new link's index
     */
    public int createReturningIndex(LinkSpec<?> spec) {
        Integer index = createWith(spec, true);
        return index != null ? index : indexOf(spec.name());
    }

    /** Creates; with {@code echo}, the index from the kernel's echo, or null if it sent none. */
    Integer createWith(LinkSpec<?> given, boolean echo) {
        LinkSpec<?> spec = given.resolve(rtnl);
        Integer made = spec.createWithoutNetlink(this);
        if (made != null) {
            return made;
        }
        try {
            return spec.holdingReferences(() -> sendCreate(spec, echo));
        } catch (NetlinkException e) {
            throw spec.explain(e);
        }
    }

    private Integer sendCreate(LinkSpec<?> spec, boolean echo) {
        NetlinkSocket.Encoder encoder = w -> encodeCreate(w, spec, echo);
        if (!echo) {
            rtnl.request("create " + spec, encoder);
            return null;
        }
        String name = spec.name();
        // only the created link's own message counts (a veth's peer is never echoed, but be sure)
        return rtnl.query("create " + spec, encoder,
                m -> m.type() == Ifla.RTM_NEWLINK && m.payloadLength() >= Ifla.IFINFOMSG_LEN
                        && name.equals(LinkInfo.decodeModeled(m).name()) ? m.u32(4) : null);
    }

    /**
     * Writes the RTM_NEWLINK that creates {@code spec} (NLM_F_CREATE | NLM_F_EXCL, as
     * {@code ip link add}; with {@code echo} also NLM_F_ECHO). The spec must have been resolved.
     */
    static void encodeCreate(MessageWriter w, LinkSpec<?> spec, boolean echo) {
        FAMILY.begin(w, Ifla.RTM_NEWLINK, echo ? CREATE | NLM_F_ECHO : CREATE);
        int up = spec.isUp() ? Ifla.IFF_UP : 0;
        ifinfomsg(w, 0, up, up);
        spec.write(w);
        w.end();
    }

    /**
     * Creates many links in one send (pipelined RTM_NEWLINKs); the first failure is thrown after
     * all were tried. Links that were created stay.
     *
     * @param specs the links, in order
     */
    public void createAll(List<? extends LinkSpec<?>> specs) {
        List<LinkSpec<?>> resolved = new ArrayList<>(specs.size());
        for (LinkSpec<?> s : specs) {
            if (s instanceof Tun) {
                throw new IllegalArgumentException("create " + s + ": a tun/tap device is not made over rtnetlink and"
                        + " cannot be pipelined; make it with create()");
            }
            resolved.add(s.resolve(rtnl));
        }
        holdingAll(resolved, 0, () -> {
            rtnl.pipelineOrThrow("create " + specs.size() + " links", w -> {
                for (LinkSpec<?> spec : resolved) {
                    encodeCreate(w, spec, false);
                }
            }, (i, m) -> { });
            return null;
        });
    }

    /**
     * Creates many links in one send like {@link #createAll}, each RTM_NEWLINK with NLM_F_ECHO, and
     * returns what the kernel echoed for each (Linux 6.3 and later; before that one RTM_GETLINK by
     * name per link follows): its index and, for a veth, the peer's index in the peer's namespace
     * ({@link LinkInfo#peerIndex()}). So veths into several other namespaces are made, and both
     * ends of each known, in one exchange. The first failure is thrown after all were tried; links
     * that were created stay.
     *
     * @param specs the links to create
     * @return the new links as the kernel reported them, in the order of {@code specs}
     */
    public List<LinkInfo> createAllReturning(List<? extends LinkSpec<?>> specs) {
        List<LinkSpec<?>> resolved = new ArrayList<>(specs.size());
        for (LinkSpec<?> s : specs) {
            resolved.add(s.resolve(rtnl));
        }
        LinkInfo[] out = new LinkInfo[specs.size()];
        NetlinkException[] errors = holdingAll(resolved, 0, () -> rtnl.pipeline("create " + specs.size() + " links",
                w -> {
                    for (LinkSpec<?> spec : resolved) {
                        encodeCreate(w, spec, true);
                    }
                }, (i, m) -> {
                    if (m.type() == Ifla.RTM_NEWLINK && m.payloadLength() >= Ifla.IFINFOMSG_LEN) {
                        LinkInfo l = LinkInfo.decode(m);
                        if (l.name().equals(specs.get(i).name())) {
                            out[i] = l;
                        }
                    }
                }));
        for (int i = 0; i < errors.length; i++) {
            if (errors[i] != null) {
                NetlinkException e = errors[i]; // named after the link it is about, not the batch
                throw resolved.get(i).explain(NetlinkException.of("create " + specs.get(i), e.errnoValue(),
                        e.extAckMessage(), e.extAckOffset(), e.sequence()));
            }
        }
        for (int i = 0; i < out.length; i++) {
            if (out[i] == null) {
                out[i] = get(specs.get(i).name()); // a kernel that does not echo new links
            }
        }
        return List.of(out);
    }

    /** Runs {@code send} while every spec from {@code from} on holds what it refers to by number. */
    private static <R> R holdingAll(List<? extends LinkSpec<?>> specs, int from, java.util.function.Supplier<R> send) {
        if (from == specs.size()) {
            return send.get();
        }
        return specs.get(from).holdingReferences(() -> holdingAll(specs, from + 1, send));
    }

    /**
     * Changes the existing link named {@code spec.name()} to the settings {@code spec} gives, as
     * {@code ip link set dev NAME [mtu M] [address A] [group G] type KIND OPTIONS}: one RTM_GETLINK
     * to find it, then one RTM_NEWLINK by index carrying the shared settings given and the kind's
     * IFLA_LINKINFO (for a {@link Bridge}, only the options set; the others keep their values).
     *
     * @param spec the link's settings
     * @throws NoSuchDeviceException    if no link has that name
     * @throws IllegalArgumentException if the link is of another kind than the spec, or the spec
     *                                  carries a creation setting ({@link LinkSpec#master}, {@link LinkSpec#up})
     * @throws KernelLacksException     if the kernel lacks what the spec asks for (a bridge's VLAN filtering)
     */
    public void change(LinkSpec<?> spec) {
        LinkInfo link;
        try {
            link = get(spec.name());
        } catch (NoSuchDeviceException e) {
            throw NoSuchDeviceException.named("change " + spec, spec.name());
        }
        change(link, spec);
    }

    /**
     * Changes link {@code index} to the settings {@code spec} gives, as {@link #change(LinkSpec)}; the spec's name is not used.
     *
     * @param index the link's index
     * @param spec the link's settings
     */
    public void change(int index, LinkSpec<?> spec) {
        Interfaces.requireIndex(index);
        change(get(index), spec);
    }

    private void change(LinkInfo link, LinkSpec<?> spec) {
        if (spec.hasCreateOnlySettings()) {
            throw new IllegalArgumentException("change " + spec + ": master and up are settings of creation; use setMaster"
                    + " and setUp on an existing link");
        }
        if (!spec.kind().equals(link.kind())) {
            throw new IllegalArgumentException("change " + spec + ": link " + link.name() + " (index " + link.index()
                    + ") is " + (link.kind() == null ? "of no kind" : "a " + link.kind()) + ", not a " + spec.kind());
        }
        LinkSpec<?> resolved = spec.resolve(rtnl);
        try {
            rtnl.request("change link " + link.name() + " to " + spec, w -> encodeChange(w, link.index(), resolved));
        } catch (NetlinkException e) {
            throw resolved.explain(e);
        }
    }

    /** Writes the RTM_NEWLINK that changes link {@code index} to {@code spec}, as {@code ip link set dev ... type KIND ...}. */
    static void encodeChange(MessageWriter w, int index, LinkSpec<?> spec) {
        FAMILY.begin(w, Ifla.RTM_NEWLINK, 0);
        ifinfomsg(w, index, 0, 0);
        spec.writeChange(w);
        w.end();
    }

    /**
     * Deletes link {@code index} (RTM_DELLINK); a veth's peer goes with it.
     *
     * @param index the link's index
     */
    public void delete(int index) {
        Interfaces.requireIndex(index);
        FAMILY.delete(rtnl, "delete link", index);
    }

    /**
     * Deletes the link named {@code name} (RTM_DELLINK by IFLA_IFNAME).
     *
     * @param name the link's name
     */
    public void delete(String name) {
        Interfaces.validateName(name);
        try {
            rtnl.request("delete link " + name, w -> {
                FAMILY.begin(w, Ifla.RTM_DELLINK, 0);
                ifinfomsg(w, 0, 0, 0);
                w.attrString(Ifla.IFLA_IFNAME, name);
                w.end();
            });
        } catch (NoSuchDeviceException e) {
            throw NoSuchDeviceException.named("delete link " + name, name);
        }
    }

    /**
     * Deletes every link of group {@code group} in one request (RTM_DELLINK with ifindex 0 and
     * IFLA_GROUP). The kernel's per-delete wait (an RCU grace period, about 16 ms) is then paid
     * once for all of them instead of once each.
     *
     * @param group the group number
     */
    public void deleteGroup(int group) {
        if (group <= 0) {
            throw new IllegalArgumentException("group delete needs a group > 0 (group 0 holds every link), got " + group);
        }
        rtnl.request("delete link group " + group, w -> {
            FAMILY.begin(w, Ifla.RTM_DELLINK, 0);
            ifinfomsg(w, 0, 0, 0);
            w.attrU32(Ifla.IFLA_GROUP, group);
            w.end();
        });
    }

    // ---- read ------------------------------------------------------------------------------------

    /**
     * {@return the link with index {@code index} (RTM_GETLINK)}
     *
     * <p>Lookups are sent without NLM_F_ACK: the kernel answers a GET with the link or with an
     * error either way, and the reply itself ends the exchange ({@link NetlinkSocket#query}). That
     * spares the kernel an ACK and the socket one datagram per lookup.
     *
     * @param index the link's index
     * @throws NoSuchDeviceException if no link has that index (the kernel's ENODEV)
     */
    public LinkInfo get(int index) {
        Interfaces.requireIndex(index);
        LinkInfo l = FAMILY.get(rtnl, "get link", index, decoder);
        if (l == null) {
            throw noReply("get link " + index);
        }
        return l;
    }

    private static LinkInfo replied(String op, LinkInfo l) {
        if (l == null) {
            throw noReply(op);
        }
        return l;
    }

    /** A GET is answered by the link or an error; nothing at all means the reply was lost. */
    private static IllegalStateException noReply(String op) {
        return new IllegalStateException(op + ": the kernel sent no reply");
    }

    /**
     * The links with the given indexes, fetched in one send: one RTM_GETLINK per index, pipelined
     * (see {@link NetlinkSocket#pipeline}), so the round trips of many lookups are paid once. The
     * same index may appear more than once.
     *
     * @param indexes the links' indexes
     * @return the links, in the order of {@code indexes}
     * @throws NoSuchDeviceException if some index names no link (the first such failure)
     */
    public LinkInfo[] getAll(int[] indexes) {
        for (int index : indexes) {
            Interfaces.requireIndex(index);
        }
        LinkInfo[] out = new LinkInfo[indexes.length];
        if (indexes.length == 0) {
            return out;
        }
        rtnl.queryAll("get " + indexes.length + " links", w -> {
            for (int index : indexes) {
                w.begin(Ifla.RTM_GETLINK, NLM_F_REQUEST); // no ACK: each reply ends its request
                ifinfomsg(w, index, 0, 0);
                w.end();
            }
        }, (i, m) -> out[i] = decoder.decode(m));
        return out;
    }

    /**
     * {@return the link named {@code name} (RTM_GETLINK with IFLA_IFNAME)}
     *
     * @param name the link's name
     */
    public LinkInfo get(String name) {
        return find(name).orElseThrow(() -> NoSuchDeviceException.named("get link " + name, name));
    }

    /**
     * {@return the link named {@code name}, if there is one (RTM_GETLINK with IFLA_IFNAME, without
     * NLM_F_ACK like {@link #get(int)})}
     *
     * @param name the link's name
     */
    public Optional<LinkInfo> find(String name) {
        Interfaces.validateName(name);
        String op = "get link " + name;
        try {
            return Optional.of(replied(op, rtnl.query(op, w -> {
                w.begin(Ifla.RTM_GETLINK, NLM_F_REQUEST);
                ifinfomsg(w, 0, 0, 0);
                w.attrString(Ifla.IFLA_IFNAME, name);
                w.end();
            }, decoder)));
        } catch (NoSuchDeviceException e) {
            return Optional.empty();
        }
    }

    /**
     * {@return the index of the link named {@code name}}
     *
     * @param name the link's name
     */
    public int indexOf(String name) {
        return indexOf(rtnl, name);
    }

    /**
     * {@return the index of the link named {@code name} in the namespace of {@code rtnl}: one RTM_GETLINK by
     * IFLA_IFNAME with statistics left out of the reply} The lookup the address, route and
     * neighbour layers need for links given by name.
     *
     * @param name the link's name
     * @param rtnl a NETLINK_ROUTE socket of the namespace
     * @throws IllegalArgumentException if the name is not a valid link name
     * @throws NoSuchDeviceException    if no link has that name
     */
    public static int indexOf(NetlinkSocket rtnl, String name) {
        Interfaces.validateName(name);
        String op = "look up link " + name;
        try {
            Integer index = rtnl.query(op, w -> {
                w.begin(Ifla.RTM_GETLINK, NLM_F_REQUEST); // no ACK: the reply ends the exchange
                ifinfomsg(w, 0, 0, 0);
                w.attrU32(Ifla.IFLA_EXT_MASK, Ifla.RTEXT_FILTER_SKIP_STATS);
                w.attrString(Ifla.IFLA_IFNAME, name);
                w.end();
            }, Links::indexOfReply);
            if (index == null) {
                throw NoSuchDeviceException.named(op, name);
            }
            return index;
        } catch (NoSuchDeviceException e) {
            throw NoSuchDeviceException.named(op, name);
        }
    }

    /**
     * {@return the name of link {@code index} in the namespace of {@code rtnl} (one RTM_GETLINK without
     * statistics)}
     *
     * @param index the link's index
     * @param rtnl a NETLINK_ROUTE socket of the namespace
     * @throws NoSuchDeviceException if no link has that index
     */
    public static String nameOf(NetlinkSocket rtnl, int index) {
        Interfaces.requireIndex(index);
        String name = rtnl.query("look up link", index, Links::getWithoutStats, Links::nameOfReply);
        if (name == null) {
            throw new NoSuchDeviceException("look up link " + index, "no link with index " + index);
        }
        return name;
    }

    private static void getWithoutStats(MessageWriter w, int index) {
        w.begin(Ifla.RTM_GETLINK, NLM_F_REQUEST); // no ACK: the reply ends the exchange
        ifinfomsg(w, index, 0, 0);
        w.attrU32(Ifla.IFLA_EXT_MASK, Ifla.RTEXT_FILTER_SKIP_STATS);
        w.end();
    }

    private static Integer indexOfReply(io.jnetlink.core.codec.Message m) {
        if (m.type() != Ifla.RTM_NEWLINK) {
            return null;
        }
        m.requirePayload(Ifla.IFINFOMSG_LEN, "struct ifinfomsg");
        return m.u32(4);
    }

    private static String nameOfReply(io.jnetlink.core.codec.Message m) {
        if (m.type() != Ifla.RTM_NEWLINK) {
            return null;
        }
        io.jnetlink.core.codec.AttributeCursor a = FAMILY.attributes(m);
        while (a.next()) {
            if (a.type() == Ifla.IFLA_IFNAME) {
                return a.string();
            }
        }
        return null;
    }

    /** {@return every link (an RTM_GETLINK dump), in index order as the kernel sends them} */
    public List<LinkInfo> list() {
        return FAMILY.dump(rtnl, "list links", decoder);
    }

    /**
     * Hands every link to {@code each} (an RTM_GETLINK dump) without building a list.
     *
     * @param each receives each link
     */
    public void forEach(Consumer<LinkInfo> each) {
        FAMILY.forEach(rtnl, "list links", decoder, each);
    }

    // ---- change ----------------------------------------------------------------------------------

    /**
     * Sets the link up or down: RTM_NEWLINK with IFF_UP in ifi_flags and ifi_change.
     *
     * @param index the link's index
     * @param up true for up, false for down
     */
    public void setUp(int index, boolean up) {
        Interfaces.requireIndex(index);
        if (up) {
            rtnl.request("set up link", index, Links::setUpByIndex);
        } else {
            rtnl.request("set down link", index, Links::setDownByIndex);
        }
    }

    private static void setUpByIndex(MessageWriter w, int index) {
        FAMILY.begin(w, Ifla.RTM_NEWLINK, 0);
        ifinfomsg(w, index, Ifla.IFF_UP, Ifla.IFF_UP);
        w.end();
    }

    private static void setDownByIndex(MessageWriter w, int index) {
        FAMILY.begin(w, Ifla.RTM_NEWLINK, 0);
        ifinfomsg(w, index, 0, Ifla.IFF_UP);
        w.end();
    }

    /** How many requests the bulk setters put into one datagram. */
    private static final int BATCH = 256;

    /**
     * Sets many links up or down: one RTM_NEWLINK per link (as {@link #setUp}), pipelined, up to 256
     * per send, instead of one exchange each. All indexes are checked before anything is sent. If
     * the kernel refuses one, the first error is thrown after its batch was tried: the other links
     * of that batch and of earlier batches are changed, later batches are not sent.
     *
     * @param indexes the links' indexes
     * @param up true for up, false for down
     */
    public void setUpAll(int[] indexes, boolean up) {
        for (int index : indexes) {
            Interfaces.requireIndex(index);
        }
        for (int from = 0; from < indexes.length; from += BATCH) {
            int start = from;
            int end = Math.min(indexes.length, from + BATCH);
            rtnl.pipelineOrThrow("set " + (end - start) + " links" + (up ? " up" : " down"), w -> {
                for (int i = start; i < end; i++) {
                    FAMILY.begin(w, Ifla.RTM_NEWLINK, 0);
                    ifinfomsg(w, indexes[i], up ? Ifla.IFF_UP : 0, Ifla.IFF_UP);
                    w.end();
                }
            }, (i, m) -> { });
        }
    }

    /**
     * Enslaves many links to {@code masterIndex} (or releases them with 0): one RTM_NEWLINK with
     * IFLA_MASTER per link (as {@link #setMaster}), pipelined like {@link #setUpAll}, with the same
     * error rule.
     *
     * @param indexes the links' indexes
     * @param masterIndex the master's index, or 0 to release
     */
    public void setMasterAll(int[] indexes, int masterIndex) {
        for (int index : indexes) {
            Interfaces.requireIndex(index);
        }
        if (masterIndex < 0) {
            throw new IllegalArgumentException("master index must be positive (or 0 for none), got " + masterIndex);
        }
        for (int from = 0; from < indexes.length; from += BATCH) {
            int start = from;
            int end = Math.min(indexes.length, from + BATCH);
            rtnl.pipelineOrThrow("set master " + masterIndex + " of " + (end - start) + " links", w -> {
                for (int i = start; i < end; i++) {
                    encodeSetMaster(w, indexes[i], masterIndex);
                }
            }, (i, m) -> { });
        }
    }

    /**
     * Sets the MTU: RTM_NEWLINK with IFLA_MTU.
     *
     * @param index the link's index
     * @param mtu the MTU in bytes
     */
    public void setMtu(int index, int mtu) {
        Interfaces.requireIndex(index);
        checkMtu(mtu);
        set("set mtu " + mtu + " on link " + index, index, w -> w.attrU32(Ifla.IFLA_MTU, mtu));
    }

    /**
     * Renames the link: RTM_NEWLINK with IFLA_IFNAME (the link must be down for most kinds).
     *
     * @param index the link's index
     * @param name the new name
     */
    public void setName(int index, String name) {
        Interfaces.requireIndex(index);
        Interfaces.validateName(name);
        set("rename link " + index + " to " + name, index, w -> w.attrString(Ifla.IFLA_IFNAME, name));
    }

    /**
     * Sets the MAC address: RTM_NEWLINK with IFLA_ADDRESS.
     *
     * @param index the link's index
     * @param mac the MAC address
     */
    public void setMac(int index, String mac) {
        Interfaces.requireIndex(index);
        byte[] b = Mac.parseUnicast(mac);
        set("set address " + mac + " on link " + index, index, w -> w.attrBytes(Ifla.IFLA_ADDRESS, b));
    }

    /**
     * Enslaves the link to a bridge (or other master): RTM_NEWLINK with IFLA_MASTER.
     *
     * @param index the link's index
     * @param masterIndex the master's index, or 0 to release
     */
    public void setMaster(int index, int masterIndex) {
        Interfaces.requireIndex(index);
        Interfaces.requireIndex(masterIndex);
        rtnl.request("set master " + masterIndex + " of link " + index, w -> encodeSetMaster(w, index, masterIndex));
    }

    /** Writes the RTM_NEWLINK of {@code ip link set dev INDEX master MASTER} (0: nomaster). */
    static void encodeSetMaster(MessageWriter w, int index, int masterIndex) {
        FAMILY.begin(w, Ifla.RTM_NEWLINK, 0);
        ifinfomsg(w, index, 0, 0);
        w.attrU32(Ifla.IFLA_MASTER, masterIndex);
        w.end();
    }

    /**
     * Releases the link from its master: RTM_NEWLINK with IFLA_MASTER 0.
     *
     * @param index the link's index
     */
    public void setNoMaster(int index) {
        Interfaces.requireIndex(index);
        set("release link " + index + " from its master", index, w -> w.attrU32(Ifla.IFLA_MASTER, 0));
    }

    /**
     * Puts the link in group {@code group}: RTM_NEWLINK with IFLA_GROUP.
     *
     * @param group the group number
     * @param index the link's index
     */
    public void setGroup(int index, int group) {
        Interfaces.requireIndex(index);
        if (group < 0) {
            throw new IllegalArgumentException("link group must be >= 0, got " + group);
        }
        set("set group " + group + " on link " + index, index, w -> w.attrU32(Ifla.IFLA_GROUP, group));
    }

    /**
     * Moves the link into namespace {@code target}: RTM_NEWLINK with IFLA_NET_NS_FD. The link keeps
     * its name; its index in the target may differ.
     *
     * @param index the link's index
     * @param target the namespace to move the link to
     */
    public void moveTo(int index, InNamespace target) {
        Interfaces.requireIndex(index);
        NetworkNamespace ns = target.namespace();
        ns.withFd(fd -> {
            set("move link " + index + " to " + (ns.isSelf() ? "the JVM's namespace" : "namespace " + ns.name()), index,
                    w -> w.attrU32(Ifla.IFLA_NET_NS_FD, fd));
            return null;
        });
    }

    /**
     * Sets the transmit queue length: RTM_NEWLINK with IFLA_TXQLEN, as {@code ip link set dev X txqueuelen N}.
     *
     * @param index the link's index
     * @param length the queue length in packets
     */
    public void setTxQueueLength(int index, int length) {
        Interfaces.requireIndex(index);
        if (length < 0) {
            throw new IllegalArgumentException("transmit queue length must be >= 0, got " + length);
        }
        set("set txqueuelen " + length + " on link " + index, index, w -> w.attrU32(Ifla.IFLA_TXQLEN, length));
    }

    /**
     * Sets the alias (a free-text description): RTM_NEWLINK with IFLA_IFALIAS, as {@code ip link set dev X alias TEXT}.
     *
     * @param alias the alias
     * @param index the link's index
     */
    public void setAlias(int index, String alias) {
        Interfaces.requireIndex(index);
        Objects.requireNonNull(alias, "alias");
        if (alias.getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= 256) {
            throw new IllegalArgumentException("link alias is longer than 255 bytes (IFALIASZ)");
        }
        set("set alias \"" + alias + "\" on link " + index, index, w -> w.attrStringNoNul(Ifla.IFLA_IFALIAS, alias));
    }

    /**
     * Promiscuous mode on or off (IFF_PROMISC), as {@code ip link set dev X promisc on|off}.
     *
     * @param index the link's index
     * @param on true for on
     */
    public void setPromisc(int index, boolean on) {
        setFlag("set promisc " + (on ? "on" : "off") + " on link " + index, index, Ifla.IFF_PROMISC, on);
    }

    /**
     * All-multicast on or off (IFF_ALLMULTI), as {@code ip link set dev X allmulticast on|off}.
     *
     * @param index the link's index
     * @param on true for on
     */
    public void setAllMulticast(int index, boolean on) {
        setFlag("set allmulticast " + (on ? "on" : "off") + " on link " + index, index, Ifla.IFF_ALLMULTI, on);
    }

    /**
     * ARP on or off (off sets IFF_NOARP), as {@code ip link set dev X arp on|off}.
     *
     * @param index the link's index
     * @param on true for on
     */
    public void setArp(int index, boolean on) {
        setFlag("set arp " + (on ? "on" : "off") + " on link " + index, index, Ifla.IFF_NOARP, !on);
    }

    private void setFlag(String op, int index, int flag, boolean set) {
        Interfaces.requireIndex(index);
        rtnl.request(op, w -> encodeSetFlag(w, index, flag, set));
    }

    /** Writes the RTM_NEWLINK that sets ({@code set}) or clears one IFF_* flag: the flag in ifi_change, its value in ifi_flags. */
    static void encodeSetFlag(MessageWriter w, int index, int flag, boolean set) {
        FAMILY.begin(w, Ifla.RTM_NEWLINK, 0);
        ifinfomsg(w, index, set ? flag : 0, flag);
        w.end();
    }

    void set(String op, int index, Consumer<MessageWriter> attrs) {
        rtnl.request(op, w -> encodeSet(w, index, attrs));
    }

    /** Writes the RTM_NEWLINK of {@code ip link set dev INDEX ...}: no flags changed, the attributes {@code attrs} writes. */
    static void encodeSet(MessageWriter w, int index, Consumer<MessageWriter> attrs) {
        FAMILY.begin(w, Ifla.RTM_NEWLINK, 0);
        ifinfomsg(w, index, 0, 0);
        attrs.accept(w);
        w.end();
    }

    /** NLM_F_CREATE | NLM_F_EXCL: what {@code ip link add} sends. */
    private static final int CREATE = NLM_F_CREATE | NLM_F_EXCL;

    /** Writes {@code struct ifinfomsg}: family and type 0 (the kernel's strict check wants them so). */
    static void ifinfomsg(MessageWriter w, int index, int flags, int change) {
        w.u8(0).u8(0).u16(0).s32(index).u32(flags).u32(change);
    }

    static void checkMtu(int mtu) {
        if (mtu < 68 || mtu > 65535) {
            throw new IllegalArgumentException("MTU must be 68..65535, got " + mtu);
        }
    }
}
