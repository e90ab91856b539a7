package io.jnetlink.core.netns;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Name validation alone (no privileges needed; nothing touches the file system). */
class NetworkNamespaceNameTest {
    @ParameterizedTest
    @ValueSource(strings = {"", "/", "a/b", "/abs", ".", "..", "../x", "tab\tx", "nl\nx", "cr\rx", "nul\0x",
            "esc\u001bx", "del\u007fx", "c1\u0085x", "c1\u009fx", "\uD800", "x\uDC00"})
    void refused(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetworkNamespace.validateName(name));
        assertTrue(e.getMessage().startsWith("namespace name"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "red", "jnl-t-x-1-2", "with space", "dots.in.name", "...", "-dash", "x_y"})
    void accepted(String name) {
        assertDoesNotThrow(() -> NetworkNamespace.validateName(name));
    }

    @org.junit.jupiter.api.Test
    void lengthIsCountedInUtf8Bytes() {
        assertDoesNotThrow(() -> NetworkNamespace.validateName("n".repeat(255)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetworkNamespace.validateName("n".repeat(256)));
        assertTrue(e.getMessage().contains("256 bytes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NetworkNamespace.validateName(null));
        // 128 two-byte characters: 256 bytes
        assertThrows(IllegalArgumentException.class, () -> NetworkNamespace.validateName("é".repeat(128)));
    }
}
