package io.jnetlink.testing;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Optional;
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
        return context.getStore(NS).getOrComputeIfAbsent(Holder.class,
                k -> new Holder(Lab.create(prefix(context))), Holder.class).lab();
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
