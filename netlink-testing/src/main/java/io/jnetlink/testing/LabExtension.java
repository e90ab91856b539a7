package io.jnetlink.testing;

import io.jnetlink.core.netns.Rootless;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link WithLab}: one {@link Lab} per test, made on first use
 * (parameter or field) and closed when the test's extension context closes, which JUnit does
 * after {@code @AfterEach} also when the test failed or timed out.
 *
 * <p>Register it with {@code @WithLab}, or with {@code @ExtendWith(LabExtension.class)} for the
 * default prefix.
 */
public final class LabExtension implements ParameterResolver, BeforeEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LabExtension.class);

    /** Made by JUnit, through {@link WithLab} or {@code @ExtendWith(LabExtension.class)}. */
    public LabExtension() {}

    /** The lab is kept in the test method's store; JUnit closes it when that context closes. */
    private record Holder(Lab lab) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            lab.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Lab.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            throw new org.junit.jupiter.api.extension.ParameterResolutionException(
                    "a Lab belongs to one test: ask for it in a test method or @BeforeEach/@AfterEach, not in "
                            + "a constructor or @BeforeAll (" + context.getDisplayName() + ")");
        }
        return labFor(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IllegalAccessException {
        // Here, not only when the lab is made: a parameter resolver's exception always fails the
        // test, and a test that cannot run here should be skipped, saying why.
        if (context.getTestMethod().map(m -> java.util.Arrays.asList(m.getParameterTypes()).contains(Lab.class))
                .orElse(false)) {
            requirePrivileges();
        }
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            for (Class<?> c = instance.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    int m = f.getModifiers();
                    if (f.getType() == Lab.class && !Modifier.isStatic(m) && !Modifier.isFinal(m)) {
                        f.setAccessible(true);
                        f.set(instance, labFor(context));
                    }
                }
            }
        }
    }

    /** The test's lab, made on first use. */
    static Lab labFor(ExtensionContext context) {
        requirePrivileges();
        return context.getStore(NS).getOrComputeIfAbsent(Holder.class,
                k -> new Holder(Lab.create(prefix(context))), Holder.class).lab();
    }

    /**
     * Set to {@code true} (system property, or environment variable
     * {@code JNETLINK_REQUIRE_KERNEL_TESTS}) to make a lab test that cannot run fail instead of
     * being skipped, so that a CI run never passes with its lab tests silently left out.
     */
    public static final String REQUIRE_PROPERTY = "jnetlink.requireKernelTests";

    /**
     * Skips the test (or, with {@link #REQUIRE_PROPERTY}, fails it) when this JVM cannot make
     * network namespaces: neither root nor rootless. The reason says how to enable it.
     */
    static void requirePrivileges() {
        if (Rootless.privileged()) {
            return;
        }
        String reason = unprivilegedReason();
        if (Boolean.parseBoolean(System.getProperty(REQUIRE_PROPERTY, "false"))
                || "true".equalsIgnoreCase(System.getenv("JNETLINK_REQUIRE_KERNEL_TESTS"))) {
            Assertions.fail(reason + " (" + REQUIRE_PROPERTY + " is set, so this is a failure, not a skip)");
        }
        Assumptions.abort(reason);
    }

    /** Why no lab can be made in this JVM, and the ways to enable it. */
    static String unprivilegedReason() {
        return "@WithLab needs a JVM that may create network namespaces (CAP_SYS_ADMIN and CAP_NET_ADMIN), and this "
                + "one runs as uid " + uid() + " without them and not rootless. Enable it in one of these ways: "
                + "(1) rootless, as an ordinary user: start the test JVM inside a user and mount namespace of its "
                + "own with jnetlink's launcher, `sh rootless.sh java ...` (rootless.sh ships in netlink-core's jar "
                + "next to io.jnetlink.core.netns.Rootless); for Maven Surefire set <jvm> to a wrapper script that "
                + "runs `exec sh rootless.sh /path/to/java \"$@\"` (as jnetlink's own build does with "
                + ".mvn/rootless/bin/java); a program's main can call Rootless.ensure() first instead; "
                + "(2) run the tests as root. Where the kernel forbids unprivileged user namespaces, rootless.sh "
                + "--check names the setting (README, \"Without root\").";
    }

    private static String uid() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.substring(4).strip().split("\\s+")[1];
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // only for the message
        }
        return "?";
    }

    private static String prefix(ExtensionContext context) {
        Optional<WithLab> a = context.getTestMethod()
                .flatMap(m -> AnnotationSupport.findAnnotation(m, WithLab.class));
        if (a.isEmpty()) {
            a = context.getTestClass().flatMap(c -> AnnotationSupport.findAnnotation(c, WithLab.class));
        }
        String p = a.map(WithLab::prefix).orElse("");
        return p.isEmpty() ? System.getProperty("jnetlink.lab.prefix", Lab.DEFAULT_PREFIX) : p;
    }
}
