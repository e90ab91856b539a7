package io.jnetlink.core.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class (or method) that talks to the real kernel: it needs root (CAP_NET_ADMIN and
 * CAP_SYS_ADMIN) and works only inside namespaces it creates through {@link TestNamespaces}.
 *
 * <p>Without root such tests are skipped with the reason. When the system property
 * {@code jnetlink.requireKernelTests} is true (CI sets it), they fail instead, so a CI run can
 * never pass with its kernel tests silently skipped.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("kernel")
@ExtendWith(RootCheck.class)
public @interface KernelTest {
}
