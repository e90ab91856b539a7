package io.jnetlink.nft;

/** The type of a base chain. */
public enum ChainType {
    FILTER("filter"), NAT("nat"), ROUTE("route");

    private final String wireName;

    ChainType(String wireName) {
        this.wireName = wireName;
    }

    /** The kernel's name ("nat"). */
    public String wireName() {
        return wireName;
    }
}
