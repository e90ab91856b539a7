package io.jnetlink.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives each test of the annotated class (or the annotated test method) a fresh {@link Lab}: as a
 * parameter of type {@code Lab} (of the test method, and of {@code @BeforeEach}/{@code @AfterEach}
 * methods, which see the same lab), and in every non-static field of type {@code Lab}. The lab
 * is closed after the test, whether it passed, failed or timed out.
 *
 * <p>The JVM must be allowed to create network namespaces: run as root, or rootless (as an
 * ordinary user, started in a user and mount namespace of its own by netlink-core's launcher
 * {@code rootless.sh}, for instance through a Surefire {@code <jvm>} wrapper; see
 * {@link io.jnetlink.core.netns.Rootless}). In a JVM that is neither, a test that asks for a lab is
 * skipped with a reason that says how to enable it (failed instead when the system property
 * {@value LabExtension#REQUIRE_PROPERTY} is {@code true}).
 *
 * <pre>{@code
 * @WithLab
 * class FailoverTest {
 *     @Test
 *     @Timeout(30)
 *     void minorityTimesOut(Lab lab) {
 *         var n = lab.nodes("n1", "n2", "n3");
 *         ...
 *     }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(LabExtension.class)
public @interface WithLab {
    /**
     * {@return the prefix of the lab's namespace names; empty for the system property
     * {@code jnetlink.lab.prefix}, else {@value Lab#DEFAULT_PREFIX}}
     */
    String prefix() default "";
}
