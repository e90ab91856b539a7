package io.jnetlink.rtnl.link;

/** A Linux bridge ("virtual switch"), like {@code ip link add NAME type bridge}. */
public final class Bridge extends LinkSpec<Bridge> {
    private Bridge(String name) {
        super(name);
    }

    /** A bridge named {@code name}. */
    public static Bridge named(String name) {
        return new Bridge(name);
    }

    @Override
    public String kind() {
        return "bridge";
    }
}
