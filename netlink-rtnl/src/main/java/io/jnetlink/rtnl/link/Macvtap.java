package io.jnetlink.rtnl.link;

import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.net.Interfaces;
import io.jnetlink.core.socket.NetlinkSocket;
import java.util.Objects;

/**
 * A macvtap on a parent link, like {@code ip link add NAME link PARENT type macvtap mode MODE}: a
 * macvlan whose frames a program reads and writes through {@code /dev/tapN}. Its data is
 * macvlan's ({@code IFLA_MACVLAN_*}).
 */
public final class Macvtap extends LinkSpec<Macvtap> {
    /**
     * What a macvtap's IFLA_INFO_DATA says, of what this library models.
     *
     * @param mode IFLA_MACVLAN_MODE, or null if not given
     */
    public record Data(Macvlan.Mode mode) implements KindData {
        @Override
        public String kind() {
            return "macvtap";
        }
    }

    static final LinkKind<Data> KIND = LinkKind.of("macvtap", Data.class, Macvlan.NAMES, Macvtap::decode);

    private final String parentName;
    private int parentIndex;
    private Macvlan.Mode mode = Macvlan.Mode.BRIDGE;

    private Macvtap(String name, String parentName, int parentIndex) {
        super(name, KIND);
        this.parentName = parentName;
        this.parentIndex = parentIndex;
    }

    /** A macvtap named {@code name} on the link named {@code parent}. */
    public static Macvtap named(String name, String parent) {
        Interfaces.validateName(parent);
        return new Macvtap(name, parent, 0);
    }

    /** A macvtap named {@code name} on the link with index {@code parentIndex}. */
    public static Macvtap named(String name, int parentIndex) {
        Interfaces.requireIndex(parentIndex);
        return new Macvtap(name, null, parentIndex);
    }

    /** Sets the mode (default BRIDGE). */
    public Macvtap mode(Macvlan.Mode mode) {
        this.mode = Objects.requireNonNull(mode, "mode");
        return this;
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
        Macvlan.writeMode(w, mode);
    }

    /** Null (so the link keeps the raw attributes) for a mode this library does not know. */
    private static Data decode(AttributeCursor data) {
        Macvlan.Data d = Macvlan.decodeData(data);
        return d == null ? null : new Data(d.mode());
    }
}
