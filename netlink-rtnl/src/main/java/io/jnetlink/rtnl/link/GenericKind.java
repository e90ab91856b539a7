package io.jnetlink.rtnl.link;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.RawAttribute;
import java.lang.foreign.Arena;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A link of any kind, with IFLA_INFO_DATA the caller writes: for a kind this library has no file
 * for (macsec, hsr, netkit, ...), or a setting a kind's file does not model. Like
 * {@code ip link add NAME [link PARENT] type KIND ...}, with the kind's attributes written through
 * a {@link MessageWriter}:
 *
 * <pre>{@code
 * // ip link add vx9 type vxlan id 9 dstport 4789 ttl 5  (IFLA_VXLAN_ID 1, _PORT 15, _TTL 5)
 * links.create(GenericKind.named("vx9", "vxlan")
 *         .infoData(w -> w.attrU32(1, 9).attrU16Be(15, 4789).attrU8(5, 5)));
 * }</pre>
 *
 * <p>The attributes are written once, when set, and kept as bytes: the spec stays an immutable
 * value, and a writer that fails (or leaves a nest open) fails there. The library does not check
 * them; the kernel does, and its extended-ACK message says what it refused. A kind the kernel has
 * no driver for fails with {@link io.jnetlink.rtnl.family.KernelLacksException} as for any kind.
 * A link made this way reads back like any other: {@link LinkInfo#kindData()} is the kind's record
 * if this library has a file for the kind, else {@link KindData.Other} with the raw attributes.
 */
public final class GenericKind extends LinkSpec<GenericKind> {
    private static final AttrNames NAMES = AttrNames.numbered("IFLA_INFO_DATA");

    private final Builder fields;

    private GenericKind(Builder fields) {
        super(fields.linkKind, fields);
        this.fields = fields;
    }

    /**
     * {@return a link named {@code name} of the kernel's kind {@code kind} ("macsec", "vxlan", ...), with no IFLA_INFO_DATA yet}
     *
     * @param kind the kernel's name of the kind
     * @param name the link's name
     */
    public static GenericKind named(String name, String kind) {
        return builder(name, kind).build();
    }

    /**
     * A builder of links named {@code name} of the kernel's kind {@code kind}.
     *
     * @param kind the kernel's name of the kind
     * @param name the link's name
     * @return the builder
     */
    public static Builder builder(String name, String kind) {
        return new Builder(name, kind);
    }

    @Override
    public Builder toBuilder() {
        return fields.copy();
    }

    /**
     * This spec with IFLA_INFO_DATA holding what {@code attributes} writes (see {@link Builder#infoData(Consumer)}).
     *
     * @param attributes writes the attributes
     * @return a copy with it
     */
    public GenericKind infoData(Consumer<MessageWriter> attributes) {
        return toBuilder().infoData(attributes).build();
    }

    /**
     * This spec with IFLA_INFO_DATA holding {@code attributes} (see {@link Builder#infoData(List)}).
     *
     * @param attributes the attributes
     * @return a copy with it
     */
    public GenericKind infoData(List<RawAttribute> attributes) {
        return toBuilder().infoData(attributes).build();
    }

    /**
     * This spec stacked on the link named {@code parent} (IFLA_LINK, as ip link's {@code link PARENT}).
     *
     * @param parent the parent link's name
     * @return a copy with it
     */
    public GenericKind parent(String parent) {
        return toBuilder().parent(parent).build();
    }

    /**
     * This spec stacked on the link with index {@code parentIndex} (IFLA_LINK).
     *
     * @param parentIndex the parent link's index
     * @return a copy with it
     */
    public GenericKind parent(int parentIndex) {
        return toBuilder().parent(parentIndex).build();
    }

    /**
     * The written attributes as the kernel's IFLA_INFO_DATA of this kind reads back: the kind's
     * record if this library has a file for the kind (so a {@code vxlan} made here compares equal
     * with {@code links.get(...).kindData()}), else {@link KindData.Other} with the attributes.
     */
    @Override
    public KindData data() {
        return LinkKind.decodeWritten(kind(), fields.infoData);
    }

    @Override
    boolean hasInfoData() {
        return fields.infoData != null;
    }

    @Override
    void writeInfoData(MessageWriter w) {
        w.bytes(fields.infoData); // whole attributes, each padded: the nest stays aligned
    }

    /** Builds a {@link GenericKind}. */
    public static final class Builder extends LinkSpec.Builder<GenericKind, Builder> {
        private final LinkKind<?> linkKind;
        private byte[] infoData; // never changed in place, so copies may share it

        private Builder(String name, String kind) {
            super(name);
            Objects.requireNonNull(kind, "kind");
            if (kind.isEmpty() || kind.length() > 64 || !kind.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
                throw new IllegalArgumentException("link kind must be 1..64 printable ASCII characters, got \""
                        + kind + "\"");
            }
            LinkKind<?> known = LinkKind.named(kind);
            // a kind without a file still needs a descriptor for its name; its data reads back raw
            this.linkKind = known != null ? known : LinkKind.of(kind, KindData.Other.class, NAMES, data -> null);
        }

        /**
         * Sets IFLA_INFO_DATA to what {@code attributes} writes (attributes only: the writer is
         * inside the nest, which the spec opens and closes). It runs once, here, into a scratch
         * buffer.
         *
         * @param attributes writes the attributes
         * @throws IllegalArgumentException if it began or ended a message, left a nest open, or
         *                                  wrote more than an attribute can hold
         * @return this builder
         */
        public Builder infoData(Consumer<MessageWriter> attributes) {
            Objects.requireNonNull(attributes, "attributes");
            try (Arena arena = Arena.ofConfined()) {
                MessageWriter w = new MessageWriter(arena, 256);
                w.begin(0, 0);
                long start = w.position();
                try {
                    attributes.accept(w);
                    if (w.messageCount() != 1 || !w.inMessage()) {
                        throw new IllegalStateException("it began or ended a message");
                    }
                    w.end(); // refuses a nest left open
                } catch (IllegalStateException e) {
                    throw new IllegalArgumentException("IFLA_INFO_DATA writer of kind " + linkKind.name()
                            + " must write attributes only: " + e.getMessage(), e);
                }
                long length = w.position() - start;
                MessageWriter.checkAttrLength(Ifla.IFLA_INFO_DATA, length + 4);
                this.infoData = w.written().asSlice(start, length).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
            }
            return this;
        }

        /**
         * Sets IFLA_INFO_DATA to {@code attributes}, as given (a {@link KindData.Other}'s, to copy a link).
         *
         * @param attributes the attributes
         * @return this builder
         */
        public Builder infoData(List<RawAttribute> attributes) {
            List<RawAttribute> copy = List.copyOf(attributes);
            return infoData(w -> copy.forEach(a -> w.attrBytes(a.type(), a.value())));
        }

        /**
         * Stacks the link on the link named {@code parent} (IFLA_LINK).
         *
         * @param parent the parent link's name
         * @return this builder
         */
        public Builder parent(String parent) {
            return parent(ParentLink.named(parent));
        }

        /**
         * Stacks the link on the link with index {@code parentIndex} (IFLA_LINK).
         *
         * @param parentIndex the parent link's index
         * @return this builder
         */
        public Builder parent(int parentIndex) {
            return parent(ParentLink.index(parentIndex));
        }

        @Override
        GenericKind make() {
            return new GenericKind(this);
        }
    }
}
