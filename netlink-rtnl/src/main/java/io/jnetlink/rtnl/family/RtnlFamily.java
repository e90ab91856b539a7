package io.jnetlink.rtnl.family;

import static io.jnetlink.core.codec.Netlink.NLM_F_ACK;
import static io.jnetlink.core.codec.Netlink.NLM_F_DUMP;
import static io.jnetlink.core.codec.Netlink.NLM_F_REQUEST;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.Message;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.socket.NetlinkSocket;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The descriptor of one rtnetlink object family (links, addresses, routes, neighbours, ...): what
 * its service, its watch, its golden test and its fuzz test all read, written once.
 *
 * <p>It holds the family's message types (RTM_NEW*, RTM_DEL*, RTM_GET*), its fixed header (the
 * C struct's name and size, and how a request about one key writes it), the attribute names that
 * error paths use, the multicast groups its changes are announced on, and the decoder of its
 * record. On top of that it is the one shared request path: a GET or DELETE by key
 * ({@link #get}, {@link #delete}) and a dump, optionally filtered afterwards ({@link #dump}).
 *
 * <p>The keyed forms are allocation-free: the encoders are built once, here, and given the key as
 * an argument ({@link NetlinkSocket#query(String, int, NetlinkSocket.KeyEncoder, NetlinkSocket.Decoder)}).
 *
 * <p>How to add a family: see the {@linkplain io.jnetlink.rtnl.family package documentation}.
 *
 * @param <T> the record a message of this family decodes into
 */
public final class RtnlFamily<T> {
    private final String name;
    private final Class<T> recordType;
    private final int newType;
    private final int delType;
    private final int getType;
    private final String headerName;
    private final int headerLength;
    private final NetlinkSocket.KeyEncoder keyHeader;
    private final AttrNames attributeNames;
    private final int[] groups;
    private final NetlinkSocket.Decoder<T> decoder;
    // built once, so that keyed requests allocate nothing
    private final NetlinkSocket.KeyEncoder getByKey;
    private final NetlinkSocket.KeyEncoder deleteByKey;
    private final NetlinkSocket.Encoder dumpAll;

    private RtnlFamily(Builder<T> b) {
        this.name = Objects.requireNonNull(b.name, "name");
        this.recordType = Objects.requireNonNull(b.recordType, name + ": record type");
        if (b.newType <= 0 || b.delType <= 0 || b.getType <= 0) {
            throw new IllegalArgumentException(name + ": message types new/del/get must be set");
        }
        if (b.headerName == null || b.headerLength <= 0 || b.headerLength % 4 != 0) {
            throw new IllegalArgumentException(name + ": the fixed header needs a name and a length that is a"
                    + " multiple of 4, got " + b.headerName + " of " + b.headerLength);
        }
        this.newType = b.newType;
        this.delType = b.delType;
        this.getType = b.getType;
        this.headerName = b.headerName;
        this.headerLength = b.headerLength;
        this.keyHeader = b.keyHeader;
        this.attributeNames = Objects.requireNonNull(b.attributeNames, name + ": attribute names");
        this.groups = b.groups.clone();
        this.decoder = Objects.requireNonNull(b.decoder, name + ": decoder");
        int get = getType;
        int del = delType;
        int len = headerLength;
        NetlinkSocket.KeyEncoder key = keyHeader;
        this.getByKey = key == null ? null : (w, k) -> {
            w.begin(get, NLM_F_REQUEST); // no ACK: the reply (or the error) ends the exchange
            key.encode(w, k);
            w.end();
        };
        this.deleteByKey = key == null ? null : (w, k) -> {
            w.begin(del, NLM_F_REQUEST | NLM_F_ACK);
            key.encode(w, k);
            w.end();
        };
        this.dumpAll = w -> {
            w.begin(get, NLM_F_REQUEST | NLM_F_DUMP);
            w.zeros(len); // strict checking wants an all-zero header: no filter
            w.end();
        };
    }

    /**
     * A descriptor for the family called {@code name} ("link", "address", ...) whose messages
     * decode into {@code recordType}, to be filled in.
     *
     * @param <T> the family's record type
     * @param name the family's name, as operations name it
     * @param recordType the record's class
     * @return the builder
     */
    public static <T> Builder<T> builder(String name, Class<T> recordType) {
        return new Builder<>(name, recordType);
    }

    /** {@return the family's name ("link", "address", "route", "neighbour"), as operations name it} */
    public String name() {
        return name;
    }

    /** {@return the record a message of the family decodes into} */
    public Class<T> recordType() {
        return recordType;
    }

    /**
     * RTM_NEW*: the type of a create/change request, of a GET's reply and of an "added" event.
     *
     * @return the message type
     */
    public int newType() {
        return newType;
    }

    /**
     * RTM_DEL*: the type of a delete request and of a "removed" event.
     *
     * @return the message type
     */
    public int delType() {
        return delType;
    }

    /**
     * RTM_GET*: the type of a lookup or dump request.
     *
     * @return the message type
     */
    public int getType() {
        return getType;
    }

    /** {@return the C name of the fixed header ("struct ifinfomsg"), for error messages} */
    public String headerName() {
        return headerName;
    }

    /** {@return the size of the fixed header in bytes (its attributes start after it)} */
    public int headerLength() {
        return headerLength;
    }

    /** {@return the names of the family's top-level attributes, for error paths ("IFLA_LINKINFO/...")} */
    public AttrNames attributeNames() {
        return attributeNames;
    }

    /** {@return the multicast groups (RTNLGRP_*) that announce the family's changes} */
    public int[] groups() {
        return groups.clone();
    }

    /** {@return the decoder of the family's record (returns null for messages of the type it does not model)} */
    public NetlinkSocket.Decoder<T> decoder() {
        return decoder;
    }

    /**
     * {@return whether {@code type} is the family's NEW or DEL type: a message a watch of it decodes}
     *
     * @param type a message type
     */
    public boolean isEvent(int type) {
        return type == newType || type == delType;
    }

    // ---- decoding ------------------------------------------------------------------------------

    /**
     * Checks that {@code m} holds the fixed header and returns a cursor over the attributes after
     * it, errors naming the family's attributes.
     *
     * @param m the message
     * @throws io.jnetlink.core.MalformedMessageException if the payload is shorter than the header
     * @return a cursor over its attributes
     */
    public AttributeCursor attributes(Message m) {
        m.requirePayload(headerLength, headerName);
        return m.attributes(headerLength, attributeNames);
    }

    /**
     * Like {@link #attributes}, with the message view's own cursor ({@link Message#scan}): nothing
     * allocated per message, for a decoder's one top-level pass (see there for the rule it keeps).
     *
     * @param m the message
     * @return the message view's cursor, at the first attribute
     */
    public AttributeCursor scan(Message m) {
        m.requirePayload(headerLength, headerName);
        return m.scan(headerLength, attributeNames);
    }

    // ---- the shared request path -------------------------------------------------------------

    /**
     * Starts a NEW or DEL request of this family with NLM_F_REQUEST | NLM_F_ACK and
     * {@code extraFlags} (NLM_F_CREATE, NLM_F_EXCL, NLM_F_REPLACE, NLM_F_ECHO); the caller writes
     * the header and attributes and ends it.
     *
     * @param w the writer
     * @param type the message type (the family's NEW or DEL)
     * @param extraFlags flags besides NLM_F_REQUEST | NLM_F_ACK (NLM_F_CREATE, ...)
     */
    public void begin(MessageWriter w, int type, int extraFlags) {
        if (type != newType && type != delType) {
            throw new IllegalArgumentException(name + ": " + type + " is neither RTM_NEW nor RTM_DEL of this family");
        }
        w.begin(type, NLM_F_REQUEST | NLM_F_ACK | extraFlags);
    }

    /**
     * {@return the object with key {@code key} (one RTM_GET* without NLM_F_ACK: the reply ends the
     * exchange), or null if the kernel answered with nothing this family models} Allocation-free
     * up to what the decoder makes.
     *
     * @param verb what is being done, the key appended when it fails ("get link" -> "get link 7")
     * @param rtnl a NETLINK_ROUTE socket of the namespace
     * @param key the object's key
     * @throws IllegalStateException if the family has no key header
     */
    public T get(NetlinkSocket rtnl, String verb, int key) {
        return rtnl.query(verb, key, keyed(getByKey), decoder);
    }

    /**
     * Like {@link #get} with another decoder (a lean one, say).
     *
     * @param <R> the decoded type
     * @param rtnl a NETLINK_ROUTE socket of the namespace
     * @param verb what is done, for errors
     * @param key the object's key
     * @param decoder turns the reply into the value
     * @return the decoded reply
     */
    public <R> R get(NetlinkSocket rtnl, String verb, int key, NetlinkSocket.Decoder<R> decoder) {
        return rtnl.query(verb, key, keyed(getByKey), decoder);
    }

    /**
     * Deletes the object with key {@code key} (one RTM_DEL* with NLM_F_ACK). Allocation-free.
     *
     * @param rtnl a NETLINK_ROUTE socket of the namespace
     * @param verb what is done, for errors
     * @param key the object's key
     */
    public void delete(NetlinkSocket rtnl, String verb, int key) {
        rtnl.request(verb, key, keyed(deleteByKey));
    }

    private NetlinkSocket.KeyEncoder keyed(NetlinkSocket.KeyEncoder e) {
        if (e == null) {
            throw new IllegalStateException(name + " objects have no single numeric key");
        }
        return e;
    }

    /**
     * {@return every object of the family (one unfiltered RTM_GET* dump)}
     *
     * @param rtnl a NETLINK_ROUTE socket of the namespace
     * @param op what is dumped, for errors
     */
    public List<T> dump(NetlinkSocket rtnl, String op) {
        return rtnl.dumpAll(op, dumpAll, decoder);
    }

    /**
     * Hands every object of the family to {@code each} (one unfiltered dump) without building a list.
     *
     * @param rtnl a NETLINK_ROUTE socket of the namespace
     * @param op what is dumped, for errors
     * @param decoder turns each message into an object, or null to skip it
     * @param each receives each object
     */
    public void forEach(NetlinkSocket rtnl, String op, NetlinkSocket.Decoder<? extends T> decoder,
                        Consumer<? super T> each) {
        rtnl.dump(op, dumpAll, m -> {
            T t = decoder.decode(m);
            if (t != null) {
                each.accept(t);
            }
        });
    }

    /**
     * {@return every object of the family, decoded by {@code decoder} (a lean variant of the family's)}
     *
     * @param <R> the decoded type
     * @param rtnl a NETLINK_ROUTE socket of the namespace
     * @param op what is dumped, for errors
     * @param decoder turns each message into a value, or null to skip it
     */
    public <R> List<R> dump(NetlinkSocket rtnl, String op, NetlinkSocket.Decoder<R> decoder) {
        return rtnl.dumpAll(op, dumpAll, decoder);
    }

    /**
     * {@return a filtered dump: {@code filter} writes the header (and any filter attributes) of the
     * RTM_GET* dump request, which the kernel's strict checking honours; then every object
     * {@code keep} refuses is dropped, so the result is right even where the kernel ignores a
     * filter} {@code keep} null keeps all.
     *
     * @param rtnl a NETLINK_ROUTE socket of the namespace
     * @param op what is dumped, for errors
     * @param filter writes the request's header and filter attributes
     * @param keep which of the returned objects to keep
     */
    public List<T> dump(NetlinkSocket rtnl, String op, NetlinkSocket.Encoder filter, Predicate<? super T> keep) {
        if (keep == null) {
            return dumpDecoded(rtnl, op, filter, decoder);
        }
        // filtered as each message is decoded: no second pass over the list
        return dumpDecoded(rtnl, op, filter, m -> {
            T t = decoder.decode(m);
            return t != null && keep.test(t) ? t : null;
        });
    }

    /**
     * {@return a filtered dump decoded by {@code decoder}, which may drop what it does not keep by
     * returning null} As {@link #dump(NetlinkSocket, String, NetlinkSocket.Encoder, Predicate)}, for a
     * family whose own decoder checks what to keep as it decodes (one call per message).
     *
     * @param <R> the decoded type
     * @param rtnl a NETLINK_ROUTE socket of the namespace
     * @param op what is dumped, for errors
     * @param filter writes the request's header and filter attributes
     * @param decoder turns each message into a value, or null to skip it
     */
    public <R> List<R> dumpDecoded(NetlinkSocket rtnl, String op, NetlinkSocket.Encoder filter,
                                   NetlinkSocket.Decoder<R> decoder) {
        return rtnl.dumpAll(op, w -> {
            w.begin(getType, NLM_F_REQUEST | NLM_F_DUMP);
            filter.encode(w);
            w.end();
        }, decoder);
    }

    /**
     * Writes the dump request a filtered {@link #dump} sends: for golden tests.
     *
     * @param w the writer
     * @param filter writes the request's header and filter attributes
     */
    public void writeDump(MessageWriter w, NetlinkSocket.Encoder filter) {
        w.begin(getType, NLM_F_REQUEST | NLM_F_DUMP);
        filter.encode(w);
        w.end();
    }

    @Override
    public String toString() {
        return "RtnlFamily[" + name + "]";
    }

    /**
     * Fills in a {@link RtnlFamily}; every field but the key header is required.
     *
     * @param <T> the family's record type
     */
    public static final class Builder<T> {
        private final String name;
        private final Class<T> recordType;
        private int newType;
        private int delType;
        private int getType;
        private String headerName;
        private int headerLength;
        private NetlinkSocket.KeyEncoder keyHeader;
        private AttrNames attributeNames;
        private int[] groups = new int[0];
        private NetlinkSocket.Decoder<T> decoder;

        private Builder(String name, Class<T> recordType) {
            this.name = name;
            this.recordType = recordType;
        }

        /**
         * The RTM_NEW*, RTM_DEL* and RTM_GET* message types ({@code linux/rtnetlink.h}).
         *
         * @param newType the RTM_NEW* type
         * @param delType the RTM_DEL* type
         * @param getType the RTM_GET* type
         * @return this builder
         */
        public Builder<T> types(int newType, int delType, int getType) {
            this.newType = newType;
            this.delType = delType;
            this.getType = getType;
            return this;
        }

        /**
         * The fixed header: its C name ("struct ifinfomsg") and size.
         *
         * @param headerName the header's C name
         * @param headerLength its size in bytes
         * @return this builder
         */
        public Builder<T> header(String headerName, int headerLength) {
            this.headerName = headerName;
            this.headerLength = headerLength;
            return this;
        }

        /**
         * How a request about one key (a link index, a nexthop id) writes its header and key
         * attributes, for {@link RtnlFamily#get} and {@link RtnlFamily#delete}. Families keyed by
         * several fields (addresses, routes) leave it out.
         *
         * @param keyHeader writes the header and key of a request about one key
         * @return this builder
         */
        public Builder<T> keyHeader(NetlinkSocket.KeyEncoder keyHeader) {
            this.keyHeader = keyHeader;
            return this;
        }

        /**
         * The names of the top-level attributes, for error paths.
         *
         * @param names the attribute names
         * @return this builder
         */
        public Builder<T> attributeNames(AttrNames names) {
            this.attributeNames = names;
            return this;
        }

        /**
         * The RTNLGRP_* multicast groups that announce changes.
         *
         * @param groups the group numbers
         * @return this builder
         */
        public Builder<T> groups(int... groups) {
            this.groups = groups.clone();
            return this;
        }

        /**
         * The decoder of a NEW or DEL message into the family's record.
         *
         * @param decoder the decoder
         * @return this builder
         */
        public Builder<T> decoder(NetlinkSocket.Decoder<T> decoder) {
            this.decoder = decoder;
            return this;
        }

        /** {@return the descriptor; throws naming what is missing} */
        public RtnlFamily<T> build() {
            return new RtnlFamily<>(this);
        }
    }
}
