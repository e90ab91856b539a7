package io.jnetlink.nft;

/**
 * A table to create.
 *
 * @param family the address family
 * @param name   the table's name
 * @param flags  NFT_TABLE_F_* flags; see {@link #ownedBySocket()}
 */
public record Table(Family family, String name, int flags) {
    /** Checks the components. */
    public Table {
        if (family == null) {
            throw new IllegalArgumentException("table family is null");
        }
        Names.object("table", name);
    }

    /**
     * {@return a plain table}
     *
     * @param family the family
     * @param name the table's name
     */
    public static Table of(Family family, String name) {
        return new Table(family, name, 0);
    }

    /**
     * {@return the same table with NFT_TABLE_F_OWNER: the kernel makes the creating netlink socket (its
     * port id) the table's owner} Only that socket may change the table, and the kernel deletes
     * the table when the socket closes, so a crashed program leaves no rules behind. With
     * {@link NfTables#in} that socket is the namespace handle's cached one: the table lives as
     * long as the handle.
     */
    public Table ownedBySocket() {
        return new Table(family, name, flags | Nf.NFT_TABLE_F_OWNER);
    }

    /** {@return whether the table is owned by its creating socket} */
    public boolean isOwned() {
        return (flags & Nf.NFT_TABLE_F_OWNER) != 0;
    }
}
