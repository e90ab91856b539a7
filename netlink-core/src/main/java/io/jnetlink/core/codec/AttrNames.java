package io.jnetlink.core.codec;

/**
 * Names of the attribute types of one attribute space, used only to say where a malformed message
 * went wrong ("IFLA_LINKINFO/IFLA_INFO_DATA").
 */
@FunctionalInterface
public interface AttrNames {
    /** The name of attribute type {@code type} (already masked of the nested/byte-order bits). */
    String name(int type);

    /** Names made of a prefix and the number, such as {@code IFLA#42}: for spaces without a table. */
    static AttrNames numbered(String prefix) {
        return type -> prefix + "#" + type;
    }

    /**
     * Names from a table indexed by type; types past the table or with a null entry are numbered.
     */
    static AttrNames table(String prefix, String... names) {
        return type -> type >= 0 && type < names.length && names[type] != null ? names[type] : prefix + "#" + type;
    }
}
