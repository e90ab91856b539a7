package io.jnetlink.core.codec;

/**
 * Names of the attribute types of one attribute space, used only to say where a malformed message
 * went wrong ("IFLA_LINKINFO/IFLA_INFO_DATA").
 */
@FunctionalInterface
public interface AttrNames {
    /**
     * {@return the name of attribute type {@code type} (already masked of the nested/byte-order bits)}
     *
     * @param type the attribute type
     */
    String name(int type);

    /**
     * Names made of a prefix and the number, such as {@code IFLA#42}: for spaces without a table.
     *
     * @param prefix the name of the attribute space, such as {@code IFLA}
     * @return names such as {@code IFLA#42}
     */
    static AttrNames numbered(String prefix) {
        return type -> prefix + "#" + type;
    }

    /**
     * Names from a table indexed by type; types past the table or with a null entry are numbered.
     *
     * @param prefix the name of the attribute space, for types past the table
     * @param names the names, indexed by attribute type
     * @return the table's names
     */
    static AttrNames table(String prefix, String... names) {
        return type -> type >= 0 && type < names.length && names[type] != null ? names[type] : prefix + "#" + type;
    }
}
