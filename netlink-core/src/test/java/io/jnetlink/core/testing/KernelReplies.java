package io.jnetlink.core.testing;

import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.Netlink;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Builds the messages the kernel answers with (ACK, error with extended ACK, data, NLMSG_DONE), for
 * {@link ScriptedTransport} scripts. All numbers in native byte order, as the kernel sends them.
 */
public final class KernelReplies {
    private KernelReplies() {}

    /** The sequence numbers of the messages in one sent datagram, in order. */
    public static List<Integer> sequences(byte[] sent) {
        ByteBuffer b = ByteBuffer.wrap(sent).order(ByteOrder.nativeOrder());
        List<Integer> out = new ArrayList<>();
        int pos = 0;
        while (pos + 16 <= sent.length) {
            int len = b.getInt(pos);
            out.add(b.getInt(pos + 8));
            pos += Math.max(16, (len + 3) & ~3);
        }
        return out;
    }

    /** One data message. */
    public static byte[] data(int seq, int type, int flags, Consumer<MessageWriter> body) {
        try (Arena a = Arena.ofConfined()) {
            MessageWriter w = new MessageWriter(a, 256);
            w.begin(type, flags);
            body.accept(w);
            w.end();
            byte[] b = w.toByteArray();
            // the writer leaves the sequence number to the socket; the kernel's reply carries it
            java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.nativeOrder()).putInt(8, seq);
            return b;
        }
    }

    /** An ACK (NLMSG_ERROR with error 0), capped as with NETLINK_CAP_ACK. */
    public static byte[] ack(int seq) {
        return error(seq, 0, null, -1);
    }

    /** An error reply with the extended ACK's message and offset (omitted when null / -1). */
    public static byte[] error(int seq, int errno, String message, int offset) {
        int flags = Netlink.NLM_F_CAPPED | (message != null || offset >= 0 ? Netlink.NLM_F_ACK_TLVS : 0);
        return data(seq, Netlink.NLMSG_ERROR, flags, w -> {
            w.s32(-errno);
            // the echoed request header (capped: header only)
            w.u32(16).u16(16).u16(Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK).u32(seq).u32(0);
            if (message != null) {
                w.attrString(Netlink.NLMSGERR_ATTR_MSG, message);
            }
            if (offset >= 0) {
                w.attrU32(Netlink.NLMSGERR_ATTR_OFFS, offset);
            }
        });
    }

    /** The end of a dump; {@code flags} may carry NLM_F_DUMP_INTR. */
    public static byte[] done(int seq, int flags) {
        return data(seq, Netlink.NLMSG_DONE, Netlink.NLM_F_MULTI | flags, w -> w.s32(0));
    }

    /** Concatenates messages into one datagram. */
    public static byte[] datagram(byte[]... messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] m : messages) {
            out.writeBytes(m);
        }
        return out.toByteArray();
    }
}
