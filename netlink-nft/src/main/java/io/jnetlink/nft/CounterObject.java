package io.jnetlink.nft;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.nft.expr.Counter;
import java.util.ArrayList;
import java.util.List;

/**
 * A named counter ({@code counter NAME} in a table, NFT_OBJECT_COUNTER) as the kernel reports it:
 * rules count into it by name ({@code counter name "NAME"}).
 *
 * @param family  the table's family
 * @param table   the table's name
 * @param name    the counter's name
 * @param handle  the kernel's handle
 * @param packets packets counted
 * @param bytes   bytes counted
 * @param unknown the attributes this record does not model, as received (references, user data)
 */
public record CounterObject(Family family, String table, String name, long handle, long packets, long bytes,
                            List<RawAttribute> unknown) {
    /** Copies {@code unknown}. */
    public CounterObject {
        unknown = List.copyOf(unknown);
    }

    /** A counter object from a NEWOBJ message (a dump or get answer), or null for another object type. */
    static CounterObject decode(Message m) {
        if (!Nf.is(m, Nf.NFT_MSG_NEWOBJ) && !Nf.is(m, Nf.NFT_MSG_DELOBJ)) {
            return null;
        }
        m.requirePayload(Nf.NFGENMSG_LEN, "nfgenmsg");
        Family family = Family.of(m.u8(0));
        String table = null;
        String name = null;
        long handle = 0;
        int type = -1;
        Counter state = Counter.zero();
        List<RawAttribute> unknown = new ArrayList<>();
        AttributeCursor a = m.attributes(Nf.NFGENMSG_LEN, Nf.OBJ_NAMES);
        while (a.next()) {
            switch (a.type()) {
                case Nf.NFTA_OBJ_TABLE -> table = a.string();
                case Nf.NFTA_OBJ_NAME -> name = a.string();
                case Nf.NFTA_OBJ_HANDLE -> handle = a.u64be();
                case Nf.NFTA_OBJ_TYPE -> type = a.u32be();
                case Nf.NFTA_OBJ_DATA -> state = Counter.readState(a.nested(AttrNames.table("NFTA_COUNTER", null,
                        "NFTA_COUNTER_BYTES", "NFTA_COUNTER_PACKETS", "NFTA_COUNTER_PAD")));
                default -> unknown.add(a.raw());
            }
        }
        if (type != Nf.NFT_OBJECT_COUNTER) {
            return null;
        }
        if (table == null || name == null) {
            throw a.malformed("object without NFTA_OBJ_TABLE or NFTA_OBJ_NAME");
        }
        return new CounterObject(family, table, name, handle, state.packets(), state.bytes(), unknown);
    }
}
