package io.jnetlink.nft;

/** The type of a base chain. */
public enum ChainType {
    /** A base chain of type {@code filter}. */
    FILTER("filter"),
    /** A base chain of type {@code nat}. */
    NAT("nat"),
    /** A base chain of type {@code route}. */
    ROUTE("route");

    private final String wireName;

    ChainType(String wireName) {
        this.wireName = wireName;
    }

    /** {@return the kernel's name ("nat")} */
    public String wireName() {
        return wireName;
    }
}
