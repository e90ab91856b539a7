package io.jnetlink.rtnl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point down only: the fluent package {@code io.jnetlink.rtnl} uses the family
 * packages (link, addr, route, neigh, family, and every other subpackage), and none of them uses it back (the cycle
 * {@code rtnl.Netns -> link/addr/route/neigh -> rtnl.LinkNames/IpPrefix/Scope} is gone);
 * {@code family} uses none of the families.
 */
class PackageLayersTest {
    private static final Path MAIN = Path.of("src/main/java/io/jnetlink/rtnl");
    /** A class of the top package (capitalised name right after "io.jnetlink.rtnl."). */
    private static final Pattern TOP = Pattern.compile("io\\.jnetlink\\.rtnl\\.[A-Z]\\w*");
    private static final Pattern FAMILY_USE = Pattern.compile("io\\.jnetlink\\.rtnl\\.(link|addr|route|neigh)\\.");

    @Test
    void familyPackagesDoNotUseTheFluentPackage() throws IOException {
        assertTrue(Files.isDirectory(MAIN), "run from the module directory: " + MAIN.toAbsolutePath());
        List<String> found = new ArrayList<>();
        List<Path> subpackages;
        try (Stream<Path> s = Files.list(MAIN)) {
            subpackages = s.filter(Files::isDirectory).sorted().toList();
        }
        assertTrue(subpackages.contains(MAIN.resolve("family")), subpackages::toString);
        for (Path sub : subpackages) {
            for (Path p : javaFiles(sub)) {
                Matcher m = TOP.matcher(code(p));
                while (m.find()) {
                    found.add(MAIN.relativize(p) + " uses " + m.group());
                }
            }
        }
        for (Path p : javaFiles(MAIN.resolve("family"))) {
            Matcher m = FAMILY_USE.matcher(code(p));
            while (m.find()) {
                found.add(MAIN.relativize(p) + " uses " + m.group());
            }
        }
        assertEquals(List.of(), found);
    }

    private static List<Path> javaFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    /** The file without comments: javadoc may name the fluent API. */
    private static String code(Path p) throws IOException {
        String s = Files.readString(p);
        return s.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
    }
}
