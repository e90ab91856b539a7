package io.jnetlink.rtnl.link;

import io.jnetlink.core.AlreadyExistsException;
import io.jnetlink.core.Errno;
import io.jnetlink.core.NetlinkException;
import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.ffi.Libc;
import io.jnetlink.core.netns.NetworkNamespace;
import io.jnetlink.rtnl.family.KernelLacksException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A persistent tun (layer 3) or tap (layer 2) device, like
 * {@code ip tuntap add NAME mode tun|tap [user U] [group G] [pi] [vnet_hdr] [multi_queue]}.
 *
 * <p>The kernel does not make these over rtnetlink ({@code ip link add NAME type tun} is refused:
 * "tun/tap creation via rtnetlink is not supported"). {@link Links#create} makes one the way
 * {@code ip tuntap} does: it opens /dev/net/tun on a thread inside the namespace (the device is
 * born in the namespace of the thread that opened the file), asks for the device with
 * {@code TUNSETIFF} (with {@code IFF_TUN_EXCL}, so an existing device of that name is an error and
 * not silently attached to), sets its owner and group ({@code TUNSETOWNER}, {@code TUNSETGROUP}),
 * makes it persistent ({@code TUNSETPERSIST}, last: if anything before fails, closing the file
 * takes the device away, so nothing is left half-made) and closes the file. That needs the
 * namespace, not only its socket: use {@code new Links(namespace)} or {@code Netns}. The device
 * is then an ordinary link: listed, set up, given addresses and deleted over rtnetlink, and read
 * back with its IFLA_INFO_DATA (kind "tun" for both tun and tap) decoded into {@link Data}.
 *
 * <p>The kernel refuses every RTM_NEWLINK of kind "tun", so {@link Links#change} cannot change a
 * device's tun settings (type, owner, flags); its MTU, address and group change with the
 * {@link Links} setters as on any link.
 *
 * <p>A program reads and writes the device's packets through a descriptor of its own, attached
 * with {@code TUNSETIFF} on the same name (as the device's owner, if one is set); this library
 * does not hand out such descriptors.
 *
 * <p>Rootless (see the README), the device node /dev/net/tun must be open to every user (mode
 * 0666, as on most distributions; a 0600 node fails with a {@link io.jnetlink.core.PermissionException}
 * that says so), and the only owner and group there are 0, the one id the user namespace maps.
 *
 * <p>The {@code TUN*} request numbers are those of x86-64 and aarch64 ({@code _IOW('T', n, int)}).
 */
public final class Tun extends LinkSpec<Tun> {
    // linux/if_link.h IFLA_TUN_*
    private static final int IFLA_TUN_OWNER = 1;
    private static final int IFLA_TUN_GROUP = 2;
    private static final int IFLA_TUN_TYPE = 3;
    private static final int IFLA_TUN_PI = 4;
    private static final int IFLA_TUN_VNET_HDR = 5;
    private static final int IFLA_TUN_PERSIST = 6;
    private static final int IFLA_TUN_MULTI_QUEUE = 7;
    private static final AttrNames NAMES = AttrNames.table("IFLA_TUN", "IFLA_TUN_UNSPEC", "IFLA_TUN_OWNER",
            "IFLA_TUN_GROUP", "IFLA_TUN_TYPE", "IFLA_TUN_PI", "IFLA_TUN_VNET_HDR", "IFLA_TUN_PERSIST",
            "IFLA_TUN_MULTI_QUEUE", "IFLA_TUN_NUM_QUEUES", "IFLA_TUN_NUM_DISABLED_QUEUES");
    // linux/if_tun.h
    private static final long TUNSETIFF = 0x400454caL;
    private static final long TUNSETPERSIST = 0x400454cbL;
    private static final long TUNSETOWNER = 0x400454ccL;
    private static final long TUNSETGROUP = 0x400454ceL;
    private static final int IFF_NO_PI = 0x1000;
    private static final int IFF_VNET_HDR = 0x4000;
    private static final int IFF_TUN_EXCL = 0x8000;
    private static final int IFF_MULTI_QUEUE = 0x0100;
    /** struct ifreq: the name (IFNAMSIZ 16 bytes), then a union whose first member here is the short flags. */
    private static final int IFREQ_SIZE = 40;
    private static final int IFREQ_FLAGS = 16;

    /** The device's type: its IFF_TUN / IFF_TAP flag, as IFLA_TUN_TYPE reports it (1, 2). */
    public enum Type {
        /** Layer 3: IP packets, no Ethernet header (IFF_TUN). */
        TUN,
        /** Layer 2: Ethernet frames (IFF_TAP); it can be a bridge port. */
        TAP;

        int flag() {
            return ordinal() + 1;
        }
    }

    /**
     * What a tun/tap device's IFLA_INFO_DATA says (queue counts of a multi-queue device stay in
     * {@link LinkInfo#unknown()}).
     *
     * @param type       IFLA_TUN_TYPE, or null if not given
     * @param owner      IFLA_TUN_OWNER, the user id allowed to attach, or null for none
     * @param ownerGroup IFLA_TUN_GROUP, the group id allowed to attach, or null for none
     * @param packetInfo IFLA_TUN_PI: packets carry the 4-byte packet information header
     * @param vnetHeader IFLA_TUN_VNET_HDR: packets carry a virtio-net header
     * @param persist    IFLA_TUN_PERSIST: the device outlives the descriptors attached to it
     * @param multiQueue IFLA_TUN_MULTI_QUEUE: several descriptors may attach, one queue each
     */
    public record Data(Type type, Integer owner, Integer ownerGroup, boolean packetInfo, boolean vnetHeader,
                       boolean persist, boolean multiQueue) implements KindData {
        @Override
        public String kind() {
            return "tun";
        }
    }

    static final LinkKind<Data> KIND = LinkKind.of("tun", Data.class, NAMES, Tun::decode);

    private final Builder fields;

    private Tun(Builder fields) {
        super(KIND, fields);
        this.fields = fields;
    }

    /**
     * {@return a persistent device named {@code name} of type {@code type}, without packet information headers}
     *
     * @param name the link's name
     * @param type TUN or TAP
     */
    public static Tun named(String name, Type type) {
        return builder(name, type).build();
    }

    /**
     * A builder of devices named {@code name} of type {@code type}.
     *
     * @param name the link's name
     * @param type TUN or TAP
     * @return the builder
     */
    public static Builder builder(String name, Type type) {
        return new Builder(name, type);
    }

    @Override
    public Builder toBuilder() {
        return fields.copy();
    }

    /**
     * This spec owned by user {@code uid} (who may then attach to it without CAP_NET_ADMIN).
     *
     * @param uid the user id
     * @return a copy with it
     */
    public Tun owner(int uid) {
        return toBuilder().owner(uid).build();
    }

    /**
     * This spec owned by group {@code gid} (whose members may then attach to it).
     *
     * @param gid the group id
     * @return a copy with it
     */
    public Tun ownerGroup(int gid) {
        return toBuilder().ownerGroup(gid).build();
    }

    /**
     * This spec with ({@code true}) or without (the default) the packet information header.
     *
     * @param on true for on
     * @return a copy with it
     */
    public Tun packetInfo(boolean on) {
        return toBuilder().packetInfo(on).build();
    }

    /**
     * This spec with ({@code true}) or without (the default) the virtio-net header.
     *
     * @param on true for on
     * @return a copy with it
     */
    public Tun vnetHeader(boolean on) {
        return toBuilder().vnetHeader(on).build();
    }

    /**
     * This spec with ({@code true}) or without (the default) several queues.
     *
     * @param on true for on
     * @return a copy with it
     */
    public Tun multiQueue(boolean on) {
        return toBuilder().multiQueue(on).build();
    }

    /** The settings; a device made by {@link Links#create} is always persistent. */
    @Override
    public Data data() {
        return new Data(fields.type, fields.owner, fields.ownerGroup, fields.packetInfo, fields.vnetHeader, true,
                fields.multiQueue);
    }

    /**
     * IFLA_TUN_* as the kernel reports them for such a device (type, owner and group if set, the
     * four flags). The kernel refuses them in an RTM_NEWLINK; {@link #createWithoutNetlink} is how
     * the device is made.
     */
    @Override
    boolean hasInfoData() {
        return true;
    }

    @Override
    void writeInfoData(MessageWriter w) {
        Data d = data();
        w.attrU8(IFLA_TUN_TYPE, d.type().flag());
        if (d.owner() != null) {
            w.attrU32(IFLA_TUN_OWNER, d.owner());
        }
        if (d.ownerGroup() != null) {
            w.attrU32(IFLA_TUN_GROUP, d.ownerGroup());
        }
        w.attrU8(IFLA_TUN_PI, d.packetInfo() ? 1 : 0);
        w.attrU8(IFLA_TUN_VNET_HDR, d.vnetHeader() ? 1 : 0);
        w.attrU8(IFLA_TUN_PERSIST, d.persist() ? 1 : 0);
        w.attrU8(IFLA_TUN_MULTI_QUEUE, d.multiQueue() ? 1 : 0);
    }

    @Override
    Integer createWithoutNetlink(Links links) {
        String op = "create " + this;
        NetworkNamespace ns = links.namespace(op);
        ns.run(() -> makeDevice(op));
        int index = links.indexOf(name());
        if (hasSharedSettings()) { // MTU, MAC address, group: over rtnetlink, as on any link
            try {
                links.set(op + ": set its mtu, address, group", index, this::writeShared);
            } catch (RuntimeException e) {
                try {
                    links.delete(index); // nothing half-made
                } catch (RuntimeException again) {
                    e.addSuppressed(again);
                }
                throw e;
            }
        }
        return index;
    }

    /** On a thread inside the namespace: open /dev/net/tun, TUNSETIFF, owner, group, persist, close. */
    private void makeDevice(String op) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = Libc.newCallState(arena);
            int fd = Libc.open(st, arena.allocateFrom("/dev/net/tun"), Libc.O_RDWR | Libc.O_CLOEXEC, 0);
            if (fd < 0) {
                int err = Libc.errno(st);
                NetlinkException e = NetlinkException.ofSyscall(op + ": open /dev/net/tun", err);
                if (err == Errno.ENOENT.value() || err == Errno.ENODEV.value()) {
                    throw new KernelLacksException(e, "tun/tap devices (no /dev/net/tun: CONFIG_TUN, or the device node)");
                }
                if (err == Errno.EACCES.value()) { // its mode, not a capability: rootless, a 0600 node is closed
                    throw NetlinkException.of(op + ": open /dev/net/tun", err, null, -1, 0, "the device node's mode"
                            + " does not let this user open it (rootless mode needs it readable and writable by all,"
                            + " as most distributions make it: 0666)");
                }
                throw e;
            }
            try {
                MemorySegment ifr = arena.allocate(IFREQ_SIZE);
                byte[] name = name().getBytes(StandardCharsets.UTF_8); // at most 15 bytes: checked by the builder
                MemorySegment.copy(name, 0, ifr, ValueLayout.JAVA_BYTE, 0, name.length);
                int flags = fields.type.flag() | IFF_TUN_EXCL | (fields.packetInfo ? 0 : IFF_NO_PI)
                        | (fields.vnetHeader ? IFF_VNET_HDR : 0) | (fields.multiQueue ? IFF_MULTI_QUEUE : 0);
                ifr.set(ValueLayout.JAVA_SHORT, IFREQ_FLAGS, (short) flags);
                if (Libc.ioctl(st, fd, TUNSETIFF, ifr) < 0) {
                    int err = Libc.errno(st);
                    if (err == Errno.EBUSY.value()) {
                        throw new AlreadyExistsException(op, "a link named " + name() + " exists (TUNSETIFF: busy)");
                    }
                    throw NetlinkException.ofSyscall(op + ": TUNSETIFF", err);
                }
                set(st, fd, TUNSETOWNER, fields.owner, op + ": TUNSETOWNER");
                set(st, fd, TUNSETGROUP, fields.ownerGroup, op + ": TUNSETGROUP");
                set(st, fd, TUNSETPERSIST, 1, op + ": TUNSETPERSIST");
            } finally {
                Libc.close(st, fd); // a device not yet persistent goes with it
            }
        }
    }

    private static void set(MemorySegment st, int fd, long request, Integer value, String op) {
        if (value != null && Libc.ioctl(st, fd, request, Integer.toUnsignedLong(value)) < 0) {
            throw NetlinkException.ofSyscall(op, Libc.errno(st));
        }
    }

    /** Null (the raw attributes kept) for a type this library does not know. */
    private static Data decode(AttributeCursor data) {
        Type type = null;
        Integer owner = null;
        Integer group = null;
        boolean pi = false;
        boolean vnetHdr = false;
        boolean persist = false;
        boolean multiQueue = false;
        while (data.next()) {
            switch (data.type()) {
                case IFLA_TUN_TYPE -> {
                    int t = data.u8();
                    if (t < 1 || t > Type.values().length) {
                        return null;
                    }
                    type = Type.values()[t - 1];
                }
                case IFLA_TUN_OWNER -> owner = data.u32();
                case IFLA_TUN_GROUP -> group = data.u32();
                case IFLA_TUN_PI -> pi = data.u8() != 0;
                case IFLA_TUN_VNET_HDR -> vnetHdr = data.u8() != 0;
                case IFLA_TUN_PERSIST -> persist = data.u8() != 0;
                case IFLA_TUN_MULTI_QUEUE -> multiQueue = data.u8() != 0;
                default -> { }
            }
        }
        return new Data(type, owner, group, pi, vnetHdr, persist, multiQueue);
    }

    /** Builds a {@link Tun}. */
    public static final class Builder extends LinkSpec.Builder<Tun, Builder> {
        private final Type type;
        private Integer owner;
        private Integer ownerGroup;
        private boolean packetInfo;
        private boolean vnetHeader;
        private boolean multiQueue;

        private Builder(String name, Type type) {
            super(name);
            this.type = Objects.requireNonNull(type, "type");
        }

        /**
         * Lets user {@code uid} attach to the device (TUNSETOWNER).
         *
         * @param uid the user id
         * @return this builder
         */
        public Builder owner(int uid) {
            this.owner = checkId(uid, "owner uid");
            return this;
        }

        /**
         * Lets group {@code gid} attach to the device (TUNSETGROUP; not the link group of {@link #group(int)}).
         *
         * @param gid the group id
         * @return this builder
         */
        public Builder ownerGroup(int gid) {
            this.ownerGroup = checkId(gid, "group gid");
            return this;
        }

        /**
         * Packets carry the 4-byte packet information header (without: IFF_NO_PI, the default).
         *
         * @param on true for on
         * @return this builder
         */
        public Builder packetInfo(boolean on) {
            this.packetInfo = on;
            return this;
        }

        /**
         * Packets carry a virtio-net header (IFF_VNET_HDR).
         *
         * @param on true for on
         * @return this builder
         */
        public Builder vnetHeader(boolean on) {
            this.vnetHeader = on;
            return this;
        }

        /**
         * Several descriptors may attach, one queue each (IFF_MULTI_QUEUE).
         *
         * @param on true for on
         * @return this builder
         */
        public Builder multiQueue(boolean on) {
            this.multiQueue = on;
            return this;
        }

        private static int checkId(int id, String what) {
            if (id < 0) { // (uid_t) -1 means "none" to the kernel
                throw new IllegalArgumentException("tun/tap " + what + " must be >= 0, got " + id);
            }
            return id;
        }

        @Override
        Tun make() {
            return new Tun(this);
        }
    }
}
