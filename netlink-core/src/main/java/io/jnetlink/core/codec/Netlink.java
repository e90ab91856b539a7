package io.jnetlink.core.codec;

/**
 * Constants of the netlink framing itself, from {@code linux/netlink.h}: message types, header
 * flags, the error message's extended-ACK attributes and the attribute type bits.
 */
public final class Netlink {
    private Netlink() {}

    /** Netlink protocol family (for {@code socket(AF_NETLINK, SOCK_RAW, protocol)}): rtnetlink. */
    public static final int NETLINK_ROUTE = 0;
    /** nfnetlink: nf_tables and the other netfilter subsystems. */
    public static final int NETLINK_NETFILTER = 12;

    /** Size of {@code struct nlmsghdr}. */
    public static final int NLMSG_HDRLEN = 16;
    /** Size of {@code struct nlattr}. */
    public static final int NLA_HDRLEN = 4;
    /** The largest attribute: nla_len is 16 bits. */
    public static final int NLA_MAX_LEN = 0xFFFF;

    /** Message type: nothing; to be ignored. */
    public static final int NLMSG_NOOP = 1;
    /** Message type: an error, or an ACK (error 0), carrying {@code struct nlmsgerr}. */
    public static final int NLMSG_ERROR = 2;
    /** Message type: the end of a multipart message (a dump). */
    public static final int NLMSG_DONE = 3;
    /** Message type: data was lost. */
    public static final int NLMSG_OVERRUN = 4;
    /** Types below this are netlink's own control messages. */
    public static final int NLMSG_MIN_TYPE = 0x10;

    /** Flag: the message is a request. */
    public static final int NLM_F_REQUEST = 0x01;
    /** Flag: part of a multipart message, ended by NLMSG_DONE. */
    public static final int NLM_F_MULTI = 0x02;
    /** Flag: reply with an ACK (an NLMSG_ERROR with error 0) on success. */
    public static final int NLM_F_ACK = 0x04;
    /** Flag: echo the request back (nf_tables: report the objects made, with their handles). */
    public static final int NLM_F_ECHO = 0x08;
    /** Flag: the dump was interrupted by a change of the data; it may be inconsistent. */
    public static final int NLM_F_DUMP_INTR = 0x10;
    /** Flag: the dump was filtered as the request asked. */
    public static final int NLM_F_DUMP_FILTERED = 0x20;
    // GET requests
    /** GET flag: return the whole table rather than one entry. */
    public static final int NLM_F_ROOT = 0x100;
    /** GET flag: return every entry that matches. */
    public static final int NLM_F_MATCH = 0x200;
    /** GET flag: an atomic snapshot of the table. */
    public static final int NLM_F_ATOMIC = 0x400;
    /** GET flags of a dump: NLM_F_ROOT | NLM_F_MATCH. */
    public static final int NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH;
    // NEW requests
    /** NEW flag: replace an existing entry. */
    public static final int NLM_F_REPLACE = 0x100;
    /** NEW flag: fail if the entry exists already. */
    public static final int NLM_F_EXCL = 0x200;
    /** NEW flag: create the entry if it does not exist. */
    public static final int NLM_F_CREATE = 0x400;
    /** NEW flag: add at the end of the list. */
    public static final int NLM_F_APPEND = 0x800;
    // DELETE requests
    /** DELETE flag: do not delete recursively. */
    public static final int NLM_F_NONREC = 0x100;
    /** DELETE flag: delete every matching entry (bulk delete). */
    public static final int NLM_F_BULK = 0x200;
    // ACK flags
    /** ACK flag: the request is not repeated in the error message (capped). */
    public static final int NLM_F_CAPPED = 0x100;
    /** ACK flag: extended-ACK attributes follow. */
    public static final int NLM_F_ACK_TLVS = 0x200;

    // enum nlmsgerr_attrs
    /** Extended ACK: the kernel's error message, a string. */
    public static final int NLMSGERR_ATTR_MSG = 1;
    /** Extended ACK: the offset in the request of the attribute at fault, u32. */
    public static final int NLMSGERR_ATTR_OFFS = 2;
    /** Extended ACK: an arbitrary cookie the operation returns. */
    public static final int NLMSGERR_ATTR_COOKIE = 3;
    /** Extended ACK: the policy of the attribute at fault, nested. */
    public static final int NLMSGERR_ATTR_POLICY = 4;
    /** Extended ACK: the type of a missing required attribute, u32. */
    public static final int NLMSGERR_ATTR_MISS_TYPE = 5;
    /** Extended ACK: the offset of the nest the missing attribute belongs in, u32. */
    public static final int NLMSGERR_ATTR_MISS_NEST = 6;

    /** Attribute type bit: the payload is nested attributes. */
    public static final int NLA_F_NESTED = 0x8000;
    /** Attribute type bit: the payload is in network byte order. */
    public static final int NLA_F_NET_BYTEORDER = 0x4000;
    /** The attribute type without the NLA_F_NESTED and NLA_F_NET_BYTEORDER bits. */
    public static final int NLA_TYPE_MASK = ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER) & 0xFFFF;

    /**
     * Rounds up to netlink's 4-byte alignment.
     *
     * @param len a length in bytes
     * @return {@code len} rounded up to a multiple of 4
     */
    public static int align(int len) {
        return (len + 3) & ~3;
    }

    /**
     * Rounds up to netlink's 4-byte alignment.
     *
     * @param len a length in bytes
     * @return {@code len} rounded up to a multiple of 4
     */
    public static long align(long len) {
        return (len + 3) & ~3L;
    }
}
