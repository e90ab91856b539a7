package io.jnetlink.rtnl.link;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.net.Interfaces;
import io.jnetlink.core.socket.NetlinkSocket;
import java.util.Objects;

/** A macvlan on a parent link, like {@code ip link add NAME link PARENT type macvlan mode MODE}. */
public final class Macvlan extends LinkSpec<Macvlan> {
    // linux/if_link.h IFLA_MACVLAN_*
    private static final int IFLA_MACVLAN_MODE = 1;
    private static final AttrNames NAMES = AttrNames.table("IFLA_MACVLAN", "IFLA_MACVLAN_UNSPEC", "IFLA_MACVLAN_MODE",
            "IFLA_MACVLAN_FLAGS", "IFLA_MACVLAN_MACADDR_MODE", "IFLA_MACVLAN_MACADDR", "IFLA_MACVLAN_MACADDR_DATA",
            "IFLA_MACVLAN_MACADDR_COUNT", "IFLA_MACVLAN_BC_QUEUE_LEN", "IFLA_MACVLAN_BC_QUEUE_LEN_USED");

    /** macvlan modes ({@code MACVLAN_MODE_*}). */
    public enum Mode {
        PRIVATE(1), VEPA(2), BRIDGE(4), PASSTHRU(8), SOURCE(16);

        final int value;

        Mode(int value) {
            this.value = value;
        }

        /** The mode with kernel value {@code value}, or null. */
        static Mode of(int value) {
            for (Mode m : values()) {
                if (m.value == value) {
                    return m;
                }
            }
            return null;
        }
    }

    /**
     * What a macvlan's IFLA_INFO_DATA says, of what this library models (the parent link is the
     * top-level IFLA_LINK: {@link LinkInfo#peerIndex()}).
     *
     * @param mode IFLA_MACVLAN_MODE, or null if not given
     */
    public record Data(Mode mode) implements KindData {
        @Override
        public String kind() {
            return "macvlan";
        }
    }

    static final LinkKind<Data> KIND = LinkKind.of("macvlan", Data.class, NAMES, Macvlan::decode);

    private final String parentName;
    private int parentIndex;
    private Mode mode = Mode.BRIDGE;

    private Macvlan(String name, String parentName, int parentIndex) {
        super(name);
        this.parentName = parentName;
        this.parentIndex = parentIndex;
    }

    /** A macvlan named {@code name} on the link named {@code parent}. */
    public static Macvlan named(String name, String parent) {
        Interfaces.validateName(parent);
        return new Macvlan(name, parent, 0);
    }

    /** A macvlan named {@code name} on the link with index {@code parentIndex}. */
    public static Macvlan named(String name, int parentIndex) {
        if (parentIndex <= 0) {
            throw new IllegalArgumentException("parent link index must be positive, got " + parentIndex);
        }
        return new Macvlan(name, null, parentIndex);
    }

    /** Sets the mode (default BRIDGE). */
    public Macvlan mode(Mode mode) {
        this.mode = Objects.requireNonNull(mode, "mode");
        return this;
    }

    @Override
    LinkKind<Data> linkKind() {
        return KIND;
    }

    @Override
    public Data data() {
        return new Data(mode);
    }

    @Override
    void resolve(NetlinkSocket rtnl) {
        if (parentName != null) {
            parentIndex = Links.indexOf(rtnl, parentName);
        }
    }

    @Override
    void writeTop(MessageWriter w) {
        w.attrU32(Ifla.IFLA_LINK, parentIndex);
    }

    @Override
    boolean hasInfoData() {
        return true;
    }

    @Override
    void writeInfoData(MessageWriter w) {
        w.attrU32(IFLA_MACVLAN_MODE, mode.value);
    }

    /** Null (so the link keeps the raw attributes) for a mode this library does not know. */
    private static Data decode(AttributeCursor data) {
        Mode mode = null;
        while (data.next()) {
            if (data.type() == IFLA_MACVLAN_MODE) {
                mode = Mode.of(data.u32());
                if (mode == null) {
                    return null;
                }
            }
        }
        return new Data(mode);
    }
}
