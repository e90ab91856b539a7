package io.jnetlink.nft;

import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.Message;

/**
 * A NEWGEN message: the generation a commit made, and who committed it. The kernel sends it to
 * NFNLGRP_NFTABLES after the events of each transaction, and as the answer to NFT_MSG_GETGEN.
 *
 * @param id      the generation (NFTA_GEN_ID, an unsigned 32-bit count)
 * @param pid     the committing process (NFTA_GEN_PROC_PID), 0 if not sent
 * @param process its name (NFTA_GEN_PROC_NAME), null if not sent
 */
record Generation(long id, int pid, String process) {
    static Generation decode(Message m) {
        m.requirePayload(Nf.NFGENMSG_LEN, "nfgenmsg");
        long id = -1;
        int pid = 0;
        String process = null;
        AttributeCursor a = m.attributes(Nf.NFGENMSG_LEN, Nf.GEN_NAMES);
        while (a.next()) {
            switch (a.type()) {
                case Nf.NFTA_GEN_ID -> id = a.u32be() & 0xFFFF_FFFFL;
                case Nf.NFTA_GEN_PROC_PID -> pid = a.u32be();
                case Nf.NFTA_GEN_PROC_NAME -> process = a.string();
                default -> { }
            }
        }
        if (id < 0) {
            throw a.malformed("NEWGEN without NFTA_GEN_ID");
        }
        return new Generation(id, pid, process);
    }

    /** Whether generation {@code a} is later than {@code b}, across the 32-bit wrap. */
    static boolean after(long a, long b) {
        return (int) (a - b) > 0;
    }
}
