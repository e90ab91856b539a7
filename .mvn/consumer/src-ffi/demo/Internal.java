package demo;

/** Must not compile on the module path: the native bindings are not part of the published API. */
public final class Internal {
    private Internal() {}

    static Class<?> libc() {
        return io.jnetlink.core.ffi.Libc.class;
    }
}
