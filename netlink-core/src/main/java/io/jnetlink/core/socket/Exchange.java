package io.jnetlink.core.socket;

import static io.jnetlink.core.codec.Netlink.NLMSG_DONE;
import static io.jnetlink.core.codec.Netlink.NLMSG_ERROR;
import static io.jnetlink.core.codec.Netlink.NLMSG_HDRLEN;
import static io.jnetlink.core.codec.Netlink.NLMSG_NOOP;
import static io.jnetlink.core.codec.Netlink.NLMSG_OVERRUN;

import io.jnetlink.core.MalformedMessageException;
import io.jnetlink.core.NetlinkException;
import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.Netlink;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * The protocol logic of one request/reply exchange, free of I/O: which replies belong to which
 * request (by sequence number), when a multipart dump ends, what an NLMSG_ERROR says (ACK or error,
 * with the extended ACK's message and offset), and whether a dump was interrupted.
 *
 * <p>{@link #start} numbers the messages the writer wrote (the sequence numbers are the
 * exchange's, not the writer's) and reads what each expects; {@link #accept} takes each received datagram;
 * {@link #complete()} says when every request that expects an answer (NLM_F_ACK or a dump) has it.
 * Requests that expect none (nf_tables batch delimiters) are complete at once; their errors, if
 * any, are still routed to them. Replies with a sequence number outside the exchange (left over
 * from an earlier exchange that timed out) are skipped. Reused by one socket for every exchange.
 */
final class Exchange {
    static final AttrNames ERR_NAMES = AttrNames.table("NLMSGERR_ATTR", null, "NLMSGERR_ATTR_MSG",
            "NLMSGERR_ATTR_OFFS", "NLMSGERR_ATTR_COOKIE", "NLMSGERR_ATTR_POLICY", "NLMSGERR_ATTR_MISS_TYPE",
            "NLMSGERR_ATTR_MISS_NEST");

    private static final java.lang.foreign.ValueLayout.OfInt U32 = java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
    private static final java.lang.foreign.ValueLayout.OfShort U16 = java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

    private final Message view = new Message();
    private String verb;
    private int key;
    private NetlinkSocket.ReplyHandler handler;
    /** A dump's handler, called directly (one call per message, not two through a ReplyHandler). */
    private NetlinkSocket.DumpHandler dumpHandler;
    /** Whether the dump handler was given a message of the datagram being handled. */
    private boolean handedData;
    /** Whether the last datagram whose messages reached a dump handler was kept by what they became. */
    private boolean lastKept = true;
    private int firstSeq;
    private int count;
    private int open; // requests still waiting for their ACK or DONE
    private boolean[] waiting = new boolean[16];
    private boolean[] interrupted = new boolean[16];
    private boolean[] expects = new boolean[16];
    private boolean[] endsOnReply = new boolean[16];
    private NetlinkException[] errors; // lazily, only when something failed
    private int stale;

    /** What ends a request's part of the exchange. */
    enum Mode {
        /** NLMSG_ERROR (ACK or error) for requests with NLM_F_ACK; nothing for the others. */
        ACK,
        /** Like ACK, but a request without NLM_F_ACK ends with its first reply (a GET by key). */
        REPLY,
        /** NLMSG_DONE (or an error): a dump. */
        DUMP
    }

    /**
     * Begins tracking the messages {@code w} holds, numbering them {@code firstSeq},
     * {@code firstSeq + 1}, ... in their headers. The operation's text, for errors, is
     * {@code verb} followed by {@code key} unless the key is {@link NetlinkSocket#NO_KEY}; it is
     * built only when an error needs it.
     *
     * @param firstSeq the first sequence number, not 0 (kept for notifications), and such that
     *                 the run does not wrap through 0
     */
    /** Makes the next exchange (a dump) hand each message to {@code h}; {@link #clear()} forgets it. */
    void dumpTo(NetlinkSocket.DumpHandler h) {
        this.dumpHandler = h;
    }

    void start(String verb, int key, MessageWriter w, int firstSeq, NetlinkSocket.ReplyHandler handler, Mode mode) {
        this.verb = verb;
        this.key = key;
        this.handler = handler;
        this.count = w.messageCount();
        this.firstSeq = firstSeq;
        MemorySegment bytes = w.written();
        if (waiting.length < count) {
            waiting = new boolean[Math.max(count, waiting.length * 2)];
            interrupted = new boolean[waiting.length];
            expects = new boolean[waiting.length];
            endsOnReply = new boolean[waiting.length];
        }
        open = 0;
        errors = null;
        long pos = 0;
        for (int i = 0; i < count; i++) {
            // The writer checked every header it closed; a length below the header's own would
            // mean a hand-edited buffer, and would loop here forever.
            int len = bytes.get(U32, pos);
            if (len < NLMSG_HDRLEN || pos + len > bytes.byteSize()) {
                throw new IllegalStateException("message " + i + " of the request has a bad length " + len);
            }
            bytes.set(U32, pos + 8, firstSeq + i);
            int flags = bytes.get(U16, pos + 6) & 0xFFFF;
            pos += Netlink.align((long) len);
            // A dump ends with NLMSG_DONE; anything else answers only if it asked for an ACK. (The
            // dump bits overlap NEW's REPLACE/EXCL, so the caller says which it is.)
            boolean acked = (flags & Netlink.NLM_F_ACK) != 0;
            boolean expectsAnswer = mode != Mode.ACK || acked;
            expects[i] = expectsAnswer;
            endsOnReply[i] = mode == Mode.REPLY && !acked;
            waiting[i] = expectsAnswer;
            interrupted[i] = false;
            if (expectsAnswer) {
                open++;
            }
        }
    }

    /** The sequence number of the exchange's first request. */
    int firstSequence() {
        return firstSeq;
    }

    /** True when every request that expects an answer has had it. */
    boolean complete() {
        return open == 0;
    }

    /** Whether some request expects no answer (so an error for it can only be drained). */
    boolean hasSilentRequests() {
        for (int i = 0; i < count; i++) {
            if (!expects[i]) {
                return true;
            }
        }
        return false;
    }

    /** The error of request {@code i}, or null if it succeeded (or is not finished). */
    NetlinkException errorAt(int i) {
        return errors == null ? null : errors[i];
    }

    /** Whether a reply of request {@code i} carried NLM_F_DUMP_INTR. */
    boolean interruptedAt(int i) {
        return interrupted[i];
    }

    /** Replies skipped because their sequence number belonged to no request of this exchange. */
    int staleReplies() {
        return stale;
    }

    /** How many requests were tracked. */
    int count() {
        return count;
    }

    /** Processes one received datagram: {@code size} bytes (one or more messages) at the start of {@code buffer}. */
    /** Handles every message of a datagram received into an array of its own ({@link Transport#receiveOwned}). */
    void acceptOwned(MemorySegment datagram) {
        long size = datagram.byteSize();
        if (!(datagram.heapBase().orElse(null) instanceof byte[] array) || datagram.address() != 0) {
            accept(datagram, size); // not an array from its index 0: records copy it as from a buffer
            return;
        }
        handedData = false;
        long pos = 0;
        while (pos < size) {
            long step = view.bindOwned(array, datagram, pos, size - pos);
            handle(view);
            pos += step;
        }
        noteKept();
    }

    void accept(MemorySegment buffer, long size) {
        handedData = false;
        long pos = 0;
        while (pos < size) {
            long step = view.bind(buffer, pos, size - pos);
            handle(view);
            pos += step;
        }
        noteKept();
    }

    private void noteKept() {
        if (handedData) {
            lastKept = view.isRetained();
        }
    }

    /**
     * {@return whether the records of the last dump datagram kept it} A dump whose decoder keeps nothing
     * (a modeled-only one) then has its next datagrams received into the socket's buffer rather than
     * into arrays of their own.
     */
    boolean lastDatagramKept() {
        return lastKept;
    }

    private void handle(Message m) {
        int idx = m.sequence() - firstSeq;
        if (idx < 0 || idx >= count) {
            stale++;
            return;
        }
        if ((m.flags() & Netlink.NLM_F_DUMP_INTR) != 0) {
            interrupted[idx] = true;
        }
        switch (m.type()) {
            case NLMSG_NOOP -> { }
            case NLMSG_OVERRUN -> throw new MalformedMessageException("nlmsghdr", m.offset(),
                    "NLMSG_OVERRUN received: the kernel lost data of this exchange");
            case NLMSG_ERROR -> {
                m.requirePayload(4 + NLMSG_HDRLEN, "struct nlmsgerr");
                int err = m.u32(0);
                if (err != 0) {
                    fail(idx, m, err, errorTlvOffset(m));
                }
                finish(idx);
            }
            case NLMSG_DONE -> {
                // A dump's end: may carry an error (the dump failed part-way) and ext-ack TLVs.
                if (m.payloadLength() >= 4) {
                    int err = m.u32(0);
                    if (err < 0) {
                        fail(idx, m, err, 4);
                    }
                }
                finish(idx);
            }
            default -> {
                if (dumpHandler != null) {
                    if (errors == null || errors[idx] == null) {
                        handedData = true;
                        dumpHandler.onMessage(m);
                    }
                    return;
                }
                if (errorAt(idx) == null && handler != null && (waiting[idx] || !endsOnReply[idx])) {
                    handler.onReply(idx, m);
                }
                if (endsOnReply[idx]) {
                    finish(idx);
                }
            }
        }
    }

    /** Where the TLVs of an NLMSG_ERROR start: after the error and the (maybe capped) echoed request. */
    private static int errorTlvOffset(Message m) {
        if ((m.flags() & Netlink.NLM_F_CAPPED) != 0) {
            return 4 + NLMSG_HDRLEN;
        }
        int echoed = m.u32(4);
        return 4 + Netlink.align(Math.max(echoed, NLMSG_HDRLEN));
    }

    private void fail(int idx, Message m, int err, int tlvOffset) {
        String text = null;
        int offset = -1;
        if ((m.flags() & Netlink.NLM_F_ACK_TLVS) != 0 && tlvOffset <= m.payloadLength()) {
            AttributeCursor a = m.attributes(tlvOffset, ERR_NAMES);
            while (a.next()) {
                switch (a.type()) {
                    case Netlink.NLMSGERR_ATTR_MSG -> text = a.string();
                    case Netlink.NLMSGERR_ATTR_OFFS -> offset = a.u32();
                    default -> { }
                }
            }
        }
        if (errors == null) {
            errors = new NetlinkException[count];
        }
        if (errors[idx] == null) {
            errors[idx] = NetlinkException.of(NetlinkSocket.describe(verb, key), -err, text, offset, m.sequence());
        }
    }

    private void finish(int idx) {
        if (waiting[idx]) {
            waiting[idx] = false;
            open--;
        }
    }

    /** Drops the references of the last exchange (handler, verb) so that they can be collected. */
    void clear() {
        handler = null;
        dumpHandler = null;
        verb = null;
    }

    /** Errors per request, or null when none failed. */
    NetlinkException[] errors() {
        return errors == null ? null : Arrays.copyOf(errors, count);
    }
}
