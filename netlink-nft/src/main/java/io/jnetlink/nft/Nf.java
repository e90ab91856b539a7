package io.jnetlink.nft;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.MessageWriter;

/**
 * nf_tables' wire constants, from {@code linux/netfilter/nfnetlink.h} and
 * {@code linux/netfilter/nf_tables.h}, and the nfgenmsg header every message carries.
 */
final class Nf {
    private Nf() {}

    static final int NFNL_SUBSYS_NFTABLES = 10;
    static final int NFNL_MSG_BATCH_BEGIN = 0x10;
    static final int NFNL_MSG_BATCH_END = 0x11;
    static final int NFNETLINK_V0 = 0;
    /** sizeof(struct nfgenmsg): family u8, version u8, res_id be16. */
    static final int NFGENMSG_LEN = 4;

    // enum nf_tables_msg_types
    static final int NFT_MSG_NEWTABLE = 0;
    static final int NFT_MSG_GETTABLE = 1;
    static final int NFT_MSG_DELTABLE = 2;
    static final int NFT_MSG_NEWCHAIN = 3;
    static final int NFT_MSG_GETCHAIN = 4;
    static final int NFT_MSG_DELCHAIN = 5;
    static final int NFT_MSG_NEWRULE = 6;
    static final int NFT_MSG_GETRULE = 7;
    static final int NFT_MSG_DELRULE = 8;
    static final int NFT_MSG_NEWSET = 9;
    static final int NFT_MSG_DELSET = 11;
    static final int NFT_MSG_NEWSETELEM = 12;
    static final int NFT_MSG_DELSETELEM = 14;
    static final int NFT_MSG_NEWGEN = 15;
    static final int NFT_MSG_GETGEN = 16;
    static final int NFT_MSG_NEWOBJ = 18;
    static final int NFT_MSG_GETOBJ = 19;
    static final int NFT_MSG_DELOBJ = 20;
    static final int NFT_MSG_GETOBJ_RESET = 21;
    static final int NFT_MSG_NEWFLOWTABLE = 22;
    static final int NFT_MSG_DELFLOWTABLE = 24;
    /**
     * Dump (or get) rules and reset their stateful expressions (counters, quotas), answering with
     * the values before the reset. Linux 6.3 and later; newer than this machine's UAPI headers,
     * which end at NFT_MSG_DELFLOWTABLE (24): the number is the kernel's, after it.
     */
    static final int NFT_MSG_GETRULE_RESET = 25;

    /** The multicast group of nf_tables' change events (enum nfnetlink_groups). */
    static final int NFNLGRP_NFTABLES = 7;

    // enum nft_gen_attributes
    static final int NFTA_GEN_ID = 1;
    static final int NFTA_GEN_PROC_PID = 2;
    static final int NFTA_GEN_PROC_NAME = 3;
    static final AttrNames GEN_NAMES = AttrNames.table("NFTA_GEN", null, "NFTA_GEN_ID", "NFTA_GEN_PROC_PID",
            "NFTA_GEN_PROC_NAME");

    // enum nft_object_attributes
    static final int NFTA_OBJ_TABLE = 1;
    static final int NFTA_OBJ_NAME = 2;
    static final int NFTA_OBJ_TYPE = 3;
    static final int NFTA_OBJ_DATA = 4;
    static final int NFTA_OBJ_USE = 5;
    static final int NFTA_OBJ_HANDLE = 6;
    static final int NFTA_OBJ_USERDATA = 8;
    static final AttrNames OBJ_NAMES = AttrNames.table("NFTA_OBJ", null, "NFTA_OBJ_TABLE", "NFTA_OBJ_NAME",
            "NFTA_OBJ_TYPE", "NFTA_OBJ_DATA", "NFTA_OBJ_USE", "NFTA_OBJ_HANDLE", "NFTA_OBJ_PAD", "NFTA_OBJ_USERDATA");
    static final int NFT_OBJECT_COUNTER = 1;

    // enum nft_table_attributes
    static final int NFTA_TABLE_NAME = 1;
    static final int NFTA_TABLE_FLAGS = 2;
    static final int NFTA_TABLE_USE = 3;
    static final int NFTA_TABLE_HANDLE = 4;
    static final int NFTA_TABLE_OWNER = 7;
    static final AttrNames TABLE_NAMES = AttrNames.table("NFTA_TABLE", null, "NFTA_TABLE_NAME", "NFTA_TABLE_FLAGS",
            "NFTA_TABLE_USE", "NFTA_TABLE_HANDLE", "NFTA_TABLE_PAD", "NFTA_TABLE_USERDATA", "NFTA_TABLE_OWNER");

    // enum nft_chain_attributes
    static final int NFTA_CHAIN_TABLE = 1;
    static final int NFTA_CHAIN_HANDLE = 2;
    static final int NFTA_CHAIN_NAME = 3;
    static final int NFTA_CHAIN_HOOK = 4;
    static final int NFTA_CHAIN_POLICY = 5;
    static final int NFTA_CHAIN_USE = 6;
    static final int NFTA_CHAIN_TYPE = 7;
    static final int NFTA_CHAIN_FLAGS = 10;
    static final AttrNames CHAIN_NAMES = AttrNames.table("NFTA_CHAIN", null, "NFTA_CHAIN_TABLE", "NFTA_CHAIN_HANDLE",
            "NFTA_CHAIN_NAME", "NFTA_CHAIN_HOOK", "NFTA_CHAIN_POLICY", "NFTA_CHAIN_USE", "NFTA_CHAIN_TYPE",
            "NFTA_CHAIN_COUNTERS", "NFTA_CHAIN_PAD", "NFTA_CHAIN_FLAGS", "NFTA_CHAIN_ID", "NFTA_CHAIN_USERDATA");
    // enum nft_hook_attributes
    static final int NFTA_HOOK_HOOKNUM = 1;
    static final int NFTA_HOOK_PRIORITY = 2;
    static final int NFTA_HOOK_DEV = 3;
    static final AttrNames HOOK_NAMES = AttrNames.table("NFTA_HOOK", null, "NFTA_HOOK_HOOKNUM", "NFTA_HOOK_PRIORITY",
            "NFTA_HOOK_DEV", "NFTA_HOOK_DEVS");

    // enum nft_rule_attributes
    static final int NFTA_RULE_TABLE = 1;
    static final int NFTA_RULE_CHAIN = 2;
    static final int NFTA_RULE_HANDLE = 3;
    static final int NFTA_RULE_EXPRESSIONS = 4;
    static final int NFTA_RULE_POSITION = 6;
    static final int NFTA_RULE_USERDATA = 7;
    static final AttrNames RULE_NAMES = AttrNames.table("NFTA_RULE", null, "NFTA_RULE_TABLE", "NFTA_RULE_CHAIN",
            "NFTA_RULE_HANDLE", "NFTA_RULE_EXPRESSIONS", "NFTA_RULE_COMPAT", "NFTA_RULE_POSITION",
            "NFTA_RULE_USERDATA", "NFTA_RULE_PAD", "NFTA_RULE_ID", "NFTA_RULE_POSITION_ID", "NFTA_RULE_CHAIN_ID");

    static final int NFT_TABLE_F_OWNER = 0x2;

    /** The netlink message type of nf_tables message {@code msg}. */
    static int type(int msg) {
        return NFNL_SUBSYS_NFTABLES << 8 | msg;
    }

    /** Writes struct nfgenmsg. */
    static void nfgenmsg(MessageWriter w, int family, int resId) {
        w.u8(family).u8(NFNETLINK_V0).u16be(resId);
    }

    /** Whether {@code m} is nf_tables message {@code msg}. */
    static boolean is(Message m, int msg) {
        return m.type() == type(msg);
    }
}
