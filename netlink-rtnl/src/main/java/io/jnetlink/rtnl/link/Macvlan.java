package io.jnetlink.rtnl.link;

import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.socket.NetlinkSocket;
import io.jnetlink.core.net.Interfaces;

/** A macvlan on a parent link, like {@code ip link add NAME link PARENT type macvlan mode MODE}. */
public final class Macvlan extends LinkSpec<Macvlan> {
    private static final int IFLA_MACVLAN_MODE = 1;

    /** macvlan modes ({@code MACVLAN_MODE_*}). */
    public enum Mode {
        PRIVATE(1), VEPA(2), BRIDGE(4), PASSTHRU(8), SOURCE(16);

        final int value;

        Mode(int value) {
            this.value = value;
        }
    }

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
        this.mode = java.util.Objects.requireNonNull(mode, "mode");
        return this;
    }

    @Override
    public String kind() {
        return "macvlan";
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
}
