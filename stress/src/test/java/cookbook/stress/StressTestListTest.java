package cookbook.stress;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.infra.TestInfo;
import org.openjdk.jcstress.infra.runners.TestList;

/**
 * The default build never runs jcstress, but it checks what a run depends on: the annotation
 * processor (which JDK 25 runs only when the compiler plugin names it) generated the test
 * list, every {@code @JCStressTest} class is in it, and every test says which recipe it backs
 * and what each of its outcomes means.
 */
class StressTestListTest {

    @Test
    @DisplayName("stress: META-INF/TestList lists every @JCStressTest class in this module")
    void everyAnnotatedTestIsListed() throws IOException, URISyntaxException, ClassNotFoundException {
        assertNotNull(getClass().getResource(TestList.LIST), TestList.LIST + " was not generated: JDK 25 runs no "
                + "annotation processor found on the class path, so the compiler plugin must name jcstress's");
        Set<String> listed = new TreeSet<>(TestList.tests());
        assertFalse(listed.isEmpty(), "META-INF/TestList is empty: the jcstress processor did not run");

        Path classes = Path.of(LostUpdatesStress.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> annotated = new TreeSet<>();
        try (var files = Files.walk(classes.resolve("cookbook/stress"), 1)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String binary = "cookbook.stress." + file.getFileName().toString().replace(".class", "");
                Class<?> type = Class.forName(binary, false, getClass().getClassLoader());
                if (type.isAnnotationPresent(JCStressTest.class)) {
                    annotated.add(type.getCanonicalName());
                }
            }
        }
        assertTrue(annotated.size() >= 21, "expected the 21 stress tests, found " + annotated);
        assertEquals(annotated, listed);
    }

    @Test
    @DisplayName("stress: each test names its recipe, and a broken variant has a fixed twin for the same recipe")
    void everyTestNamesItsRecipeAndDescribesItsOutcomes() {
        var infos = TestList.tests().stream().map(TestList::getInfo).toList();
        assertAll(infos.stream().map(info -> () -> {
            assertTrue(info.description() != null && info.description().matches("(THR|LCK)-\\d\\d: .+"),
                    info.name() + " should describe itself as 'ID: claim', got " + info.description());
            info.cases().forEach(c -> assertFalse(c.description() == null || c.description().isBlank(),
                    info.name() + ": outcome " + c.matchPattern() + " has no description"));
        }));
        var recipesWithBroken = infos.stream().filter(StressTestListTest::declaresInteresting)
                .map(i -> i.description().substring(0, 6)).collect(Collectors.toSet());
        var recipesWithFixed = infos.stream().filter(i -> !declaresInteresting(i))
                .map(i -> i.description().substring(0, 6)).collect(Collectors.toSet());
        assertEquals(Set.of("LCK-01", "LCK-07", "LCK-08", "THR-06", "THR-07", "THR-10"), recipesWithBroken);
        assertEquals(recipesWithBroken, recipesWithFixed);
    }

    private static boolean declaresInteresting(TestInfo info) {
        return info.cases().stream().anyMatch(c -> c.expect() == Expect.ACCEPTABLE_INTERESTING)
                || info.unmatched().expect() == Expect.ACCEPTABLE_INTERESTING;
    }
}
