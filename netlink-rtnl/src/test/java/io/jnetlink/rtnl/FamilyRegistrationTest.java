package io.jnetlink.rtnl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.events.WatchedTable;
import io.jnetlink.rtnl.family.RtnlFamily;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every rtnetlink family is registered everywhere or the build fails: each {@link RtnlFamily}
 * constant of the module's main classes is in {@link Watches#FAMILIES}, has a watch in
 * {@link Watches} (and on {@link Netns}), has at least one golden fixture of its RTM_NEW* type,
 * and survives a fuzz run of its decoder seeded from those fixtures.
 */
class FamilyRegistrationTest {
    @Test
    void everyDescriptorIsInTheRegistry() throws Exception {
        List<RtnlFamily<?>> declared = declaredFamilies();
        assertFalse(declared.isEmpty(), "found no RtnlFamily constant at all: the scan is broken");
        Set<RtnlFamily<?>> registered = identitySet(Watches.FAMILIES);
        for (RtnlFamily<?> f : declared) {
            assertTrue(registered.contains(f), f + " is declared but missing from Watches.FAMILIES");
        }
        assertEquals(declared.size(), Watches.FAMILIES.size(),
                "Watches.FAMILIES holds a descriptor that no class declares as a constant: " + Watches.FAMILIES);
    }

    @Test
    void everyFamilyHasAWatch() {
        Set<Class<?>> watchedInWatches = watchedRecords(Watches.class);
        Set<Class<?>> watchedOnNetns = watchedRecords(Netns.class);
        for (RtnlFamily<?> f : Watches.FAMILIES) {
            assertTrue(watchedInWatches.contains(f.recordType()), f + " has no watch in Watches");
            assertTrue(watchedOnNetns.contains(f.recordType()), f + " has no watch on Netns");
        }
    }

    @Test
    void everyFamilyHasAGoldenFixtureAndSurvivesAFuzzRun() throws Exception {
        List<byte[]> fixtures = goldenFixtures();
        for (RtnlFamily<?> f : Watches.FAMILIES) {
            List<byte[]> seeds = new ArrayList<>();
            for (byte[] b : fixtures) {
                if (type(b) == f.newType()) {
                    seeds.add(b);
                }
            }
            assertFalse(seeds.isEmpty(), f + " has no golden fixture of its RTM_NEW type " + f.newType());
            Fuzz.Result r = Fuzz.run(13, 3_000, f.newType(), seeds, m -> f.decoder().decode(m));
            assertTrue(r.decoded() > 100 && r.malformed() > 100, f + ": fuzzer reached both outcomes: " + r);
        }
    }

    /** The public static final RtnlFamily fields of every class compiled from src/main/java. */
    private static List<RtnlFamily<?>> declaredFamilies() throws Exception {
        Path classes = Path.of(Watches.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names;
        try (Stream<Path> s = Files.walk(classes)) {
            names = s.map(p -> classes.relativize(p).toString())
                    .filter(n -> n.endsWith(".class") && !n.equals("module-info.class"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                    .toList();
        }
        List<RtnlFamily<?>> out = new ArrayList<>();
        for (String n : names) {
            Class<?> c = Class.forName(n, false, FamilyRegistrationTest.class.getClassLoader());
            for (Field fd : c.getDeclaredFields()) {
                if (Modifier.isStatic(fd.getModifiers()) && RtnlFamily.class.isAssignableFrom(fd.getType())) {
                    fd.setAccessible(true);
                    out.add((RtnlFamily<?>) fd.get(null));
                }
            }
        }
        return out;
    }

    /** The record types V of every public method of {@code c} that returns a WatchedTable<K, V>. */
    private static Set<Class<?>> watchedRecords(Class<?> c) {
        Set<Class<?>> out = new HashSet<>();
        for (Method m : c.getMethods()) {
            if (m.getReturnType() == WatchedTable.class
                    && m.getGenericReturnType() instanceof ParameterizedType p
                    && p.getActualTypeArguments()[1] instanceof Class<?> v) {
                out.add(v);
            }
        }
        return out;
    }

    private static List<byte[]> goldenFixtures() throws Exception {
        Path dir = Path.of(FamilyRegistrationTest.class.getResource("/golden").toURI());
        List<byte[]> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) { // subdirectories too (rule/, nexthop/, bridge/, ...)
            for (Path p : s.filter(p -> p.toString().endsWith(".hex")).sorted().toList()) {
                String name = dir.relativize(p).toString();
                out.add(Golden.load(name.substring(0, name.length() - ".hex".length())));
            }
        }
        return out;
    }

    private static int type(byte[] message) {
        return ByteBuffer.wrap(message).order(ByteOrder.nativeOrder()).getShort(4) & 0xFFFF;
    }

    private static Set<RtnlFamily<?>> identitySet(List<RtnlFamily<?>> families) {
        Set<RtnlFamily<?>> s = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        s.addAll(families);
        return s;
    }
}
