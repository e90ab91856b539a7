package io.jnetlink.nft;

/**
 * What the recipe classes ({@link Firewall}, {@link Nat}) share: the nf_tables client they send
 * through, the inet table they keep their rules in, and whether that table belongs to the client's
 * socket. Each class is entered the same way ({@code in(ns)} or {@code using(nft)}, then optionally
 * {@link #table} and {@link #ownedBySocket}); instances are immutable, the withers return new ones.
 *
 * @param <R> the recipe class
 */
public abstract sealed class TableRecipes<R extends TableRecipes<R>> permits Firewall, Nat {
    final NfTables nft;
    final String table;
    final boolean owned;

    TableRecipes(NfTables nft, String table, boolean owned) {
        this.nft = nft;
        this.table = Names.object("table", table);
        this.owned = owned;
    }

    /** The same recipes over {@code nft}, in {@code table}, owned or not: the subclass's constructor. */
    abstract R with(NfTables nft, String table, boolean owned);

    /**
     * {@return the same recipes in table {@code name} (family inet) instead}
     *
     * @param name the table's name
     */
    public R table(String name) {
        return with(nft, name, owned);
    }

    /** {@return the same recipes in a table the kernel removes when this client's socket closes (NFT_TABLE_F_OWNER)} */
    public R ownedBySocket() {
        return with(nft, table, true);
    }

    /** {@return the table's name} */
    public String tableName() {
        return table;
    }
}
