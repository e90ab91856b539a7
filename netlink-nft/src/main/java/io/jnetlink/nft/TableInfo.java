package io.jnetlink.nft;

import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.RawAttribute;
import java.util.ArrayList;
import java.util.List;

/**
 * A table as the kernel reports it.
 *
 * @param family  the address family
 * @param name    the name
 * @param handle  the kernel's handle
 * @param flags   NFT_TABLE_F_* flags
 * @param chains  how many chains it holds (NFTA_TABLE_USE)
 * @param ownerPortId the owning netlink port id for an owned table, else 0
 * @param unknown     the attributes this record does not model, as received (nothing the kernel sent is dropped)
 */
public record TableInfo(Family family, String name, long handle, int flags, int chains, int ownerPortId,
                        List<RawAttribute> unknown) {
    /** Keeps copies of the mutable components. */
    public TableInfo {
        unknown = List.copyOf(unknown);
    }

    /** {@return whether the table is owned by a netlink socket (NFT_TABLE_F_OWNER)} */
    public boolean isOwned() {
        return (flags & Nf.NFT_TABLE_F_OWNER) != 0;
    }

    static TableInfo decode(Message m) {
        if (!Nf.is(m, Nf.NFT_MSG_NEWTABLE)) {
            return null;
        }
        return decodeAny(m);
    }

    /** Decodes a NEW or DEL message of this object (events announce deletions with the content). */
    static TableInfo decodeAny(Message m) {
        m.requirePayload(Nf.NFGENMSG_LEN, "nfgenmsg");
        Family family = Family.of(m.u8(0));
        String name = null;
        long handle = 0;
        int flags = 0;
        int use = 0;
        int owner = 0;
        List<RawAttribute> unknown = new ArrayList<>();
        AttributeCursor a = m.attributes(Nf.NFGENMSG_LEN, Nf.TABLE_NAMES);
        while (a.next()) {
            switch (a.type()) {
                case Nf.NFTA_TABLE_NAME -> name = a.string();
                case Nf.NFTA_TABLE_HANDLE -> handle = a.u64be();
                case Nf.NFTA_TABLE_FLAGS -> flags = a.u32be();
                case Nf.NFTA_TABLE_USE -> use = a.u32be();
                case Nf.NFTA_TABLE_OWNER -> owner = a.u32be();
                default -> unknown.add(a.raw());
            }
        }
        if (name == null) {
            throw a.malformed("table without NFTA_TABLE_NAME");
        }
        return new TableInfo(family, name, handle, flags, use, owner, unknown);
    }
}
