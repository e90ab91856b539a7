package io.jnetlink.rtnl.link;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.RawAttribute;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * How one link kind's IFLA_INFO_DATA is read: the kernel's name of the kind, the record it decodes
 * into, the names of its attributes (for error paths) and the decoder. Declared once in the kind's
 * own file as {@code static final LinkKind<Data> KIND}; the registry ({@link #named}) is built
 * from {@link LinkSpec}'s permitted subclasses, so a kind that is permitted is registered too (the
 * registry refuses to load otherwise).
 *
 * @param <D> the kind's record
 */
final class LinkKind<D extends KindData> {
    private final String name;
    private final Class<D> type;
    private final AttrNames names;
    private final Function<AttributeCursor, D> decoder;

    private LinkKind(String name, Class<D> type, AttrNames names, Function<AttributeCursor, D> decoder) {
        this.name = Objects.requireNonNull(name);
        this.type = Objects.requireNonNull(type);
        this.names = Objects.requireNonNull(names);
        this.decoder = Objects.requireNonNull(decoder);
    }

    /**
     * A kind the kernel names {@code name}, whose IFLA_INFO_DATA {@code decoder} reads into a
     * {@code type}. The decoder gets a cursor over the data's attributes (empty when the kernel
     * sent no IFLA_INFO_DATA) and may return null for data it cannot model: the link then carries
     * a {@link KindData.Other} with the raw attributes.
     */
    static <D extends KindData> LinkKind<D> of(String name, Class<D> type, AttrNames names,
                                               Function<AttributeCursor, D> decoder) {
        return new LinkKind<>(name, type, names, decoder);
    }

    String name() {
        return name;
    }

    Class<D> type() {
        return type;
    }

    AttrNames names() {
        return names;
    }

    /** The registered kind called {@code name}, or null. */
    static LinkKind<?> named(String name) {
        return Registry.BY_NAME.get(name);
    }

    /** Every registered kind. */
    static List<LinkKind<?>> all() {
        return List.copyOf(Registry.BY_NAME.values());
    }

    /**
     * Decodes the IFLA_INFO_DATA of a link of kind {@code kind}: {@code info} is the IFLA_LINKINFO
     * cursor standing on IFLA_INFO_DATA, or null when the kernel sent none. Unregistered kinds, and
     * data a kind's decoder could not model, come back as {@link KindData.Other}.
     */
    static KindData decode(String kind, AttributeCursor info) {
        LinkKind<?> k = named(kind);
        if (k != null) {
            AttributeCursor data = info != null ? info.nested(k.names) : new AttributeCursor(EMPTY, 0, 0, k.names);
            KindData d = k.decoder.apply(data);
            if (d != null) {
                return d;
            }
        }
        return other(kind, info != null ? info.nested(k != null ? k.names : OTHER_NAMES) : null);
    }

    /**
     * Decodes IFLA_INFO_DATA given as the bytes of its attributes (what a {@link GenericKind} spec
     * writes), or null for none, as {@link #decode(String, AttributeCursor)} decodes the kernel's.
     */
    static KindData decodeWritten(String kind, byte[] infoData) {
        if (infoData == null) {
            return decode(kind, (AttributeCursor) null);
        }
        LinkKind<?> k = named(kind);
        AttrNames names = k != null ? k.names : OTHER_NAMES;
        MemorySegment s = MemorySegment.ofArray(infoData);
        if (k != null) {
            KindData d = k.decoder.apply(new AttributeCursor(s, 0, s.byteSize(), names));
            if (d != null) {
                return d;
            }
        }
        return other(kind, new AttributeCursor(s, 0, s.byteSize(), names));
    }

    /** The attributes under {@code data} (none if null), kept raw. */
    private static KindData.Other other(String kind, AttributeCursor data) {
        List<RawAttribute> raw = new ArrayList<>(4);
        if (data != null) {
            while (data.next()) {
                raw.add(data.raw());
            }
        }
        return new KindData.Other(kind, raw);
    }

    private static final MemorySegment EMPTY = MemorySegment.ofArray(new byte[0]);
    private static final AttrNames OTHER_NAMES = AttrNames.numbered("IFLA_INFO_DATA");

    @Override
    public String toString() {
        return "LinkKind[" + name + " -> " + type.getSimpleName() + "]";
    }

    /**
     * The concrete kinds: {@link LinkSpec}'s permitted subclasses, with a sealed abstract one (the
     * base that kinds sharing an attribute space extend, such as {@link GreLink}) replaced by its
     * own permitted subclasses.
     */
    static List<Class<?>> specClasses() {
        List<Class<?>> out = new ArrayList<>();
        addConcrete(LinkSpec.class, out);
        return out;
    }

    private static void addConcrete(Class<?> sealed, List<Class<?>> out) {
        for (Class<?> c : sealed.getPermittedSubclasses()) {
            if (c.isSealed() && java.lang.reflect.Modifier.isAbstract(c.getModifiers())) {
                addConcrete(c, out);
            } else {
                out.add(c);
            }
        }
    }

    /**
     * The spec classes that are kinds of their own, each with a {@code KIND}: every concrete
     * {@link LinkSpec} but {@link GenericKind}, which carries any kind's data and has no kind of its own.
     */
    static List<Class<?>> kindClasses() {
        List<Class<?>> out = specClasses();
        out.remove(GenericKind.class);
        return out;
    }

    /** Built on first use, from {@link #kindClasses()}. */
    private static final class Registry {
        static final Map<String, LinkKind<?>> BY_NAME = build();

        private static Map<String, LinkKind<?>> build() {
            Map<String, LinkKind<?>> out = new HashMap<>();
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            for (Class<?> c : kindClasses()) {
                LinkKind<?> k;
                try {
                    VarHandle h = lookup.findStaticVarHandle(c, "KIND", LinkKind.class);
                    k = (LinkKind<?>) h.get();
                } catch (ReflectiveOperationException e) {
                    throw new ExceptionInInitializerError(c.getName()
                            + " is a LinkSpec but declares no static final LinkKind KIND: " + e);
                }
                if (k == null || out.put(k.name, k) != null) {
                    throw new ExceptionInInitializerError(c.getName() + ": missing or duplicate link kind " + k);
                }
            }
            return Map.copyOf(out);
        }
    }
}
