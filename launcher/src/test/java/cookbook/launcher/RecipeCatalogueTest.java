package cookbook.launcher;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Keeps the catalogue honest: every recipe listed in a module's recipes.tsv has a runnable
 * main, states its ID in its class comment, has a section in its module's README and a test
 * whose display name starts with its ID, compiles alone with only the JDK, Guava and SLF4J (and
 * Hazelcast, in distributed alone), and appears in the root README's index. Nothing here can drift without a red build.
 */
class RecipeCatalogueTest {
    private static final Path ROOT = Path.of(System.getProperty("cookbook.root", "..")).toAbsolutePath().normalize();
    private static final Map<String, String> MODULE_OF_PREFIX = Map.of(
            "THR", "threads", "LCK", "locks", "POOL", "pools", "PROC", "processes",
            "ASYNC", "async", "PC", "producer-consumer", "DIST", "distributed");
    private static final List<Recipe> RECIPES = RecipeRegistry.load().all();

    @TempDir
    Path classesOut;

    @Test
    @DisplayName("the registry lists each ID once, in the module its prefix names")
    void idsAreUniqueAndInTheRightModule() {
        assertFalse(RECIPES.isEmpty(), "no recipes found on the class path");
        assertEquals(RECIPES.size(), RECIPES.stream().map(Recipe::id).distinct().count(), "duplicate IDs");
        for (Recipe r : RECIPES) {
            assertEquals(MODULE_OF_PREFIX.get(Recipe.prefix(r.id())), r.module(), r.id() + " is in the wrong module");
        }
    }

    @TestFactory
    @DisplayName("each recipe has a public main and names its ID in its class comment")
    Stream<DynamicTest> eachRecipeHasAMainAndItsId() {
        return RECIPES.stream().map(r -> DynamicTest.dynamicTest(r.id(), () -> {
            Class<?> type = Class.forName(r.className());
            Method main = type.getMethod("main", String[].class);
            assertTrue(Modifier.isStatic(main.getModifiers()) && Modifier.isPublic(type.getModifiers()),
                    r.className() + " needs a public class with a public static main(String[])");
            String source = read(ROOT.resolve(r.sourcePath()));
            assertTrue(source.contains("* " + r.id() + ". Python original:"),
                    r.sourcePath() + ": the class comment must open with '" + r.id() + ". Python original: ...'");
        }));
    }

    @TestFactory
    @DisplayName("each recipe has a section in its module README, linking its source")
    Stream<DynamicTest> eachRecipeHasANote() {
        return RECIPES.stream().map(r -> DynamicTest.dynamicTest(r.id(), () -> {
            String readme = read(ROOT.resolve(r.module()).resolve("README.md"));
            String link = r.sourcePath().substring(r.module().length() + 1);
            assertTrue(readme.contains(r.id()), r.module() + "/README.md does not mention " + r.id());
            assertTrue(readme.contains("(" + link + ")"), r.module() + "/README.md does not link " + link);
        }));
    }

    @TestFactory
    @DisplayName("each recipe has a test whose display name starts with its ID")
    Stream<DynamicTest> eachRecipeHasAProvingTest() {
        return RECIPES.stream().map(r -> DynamicTest.dynamicTest(r.id(), () -> {
            String wanted = "@DisplayName(\"" + r.id() + ":";
            try (Stream<Path> tests = Files.walk(ROOT.resolve(r.module()).resolve("src/test/java"))) {
                assertTrue(tests.filter(p -> p.toString().endsWith(".java")).anyMatch(p -> read(p).contains(wanted)),
                        "no test in " + r.module() + " has " + wanted + "...\")");
            }
        }));
    }

    @TestFactory
    @DisplayName("each recipe file compiles alone with only the JDK, Guava and SLF4J")
    Stream<DynamicTest> eachRecipeCompilesAlone() {
        var compiler = ToolProvider.getSystemJavaCompiler();
        String libraries = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> p.contains("com/google/") || p.contains("slf4j-api") || p.contains("jspecify")
                        || p.contains("failureaccess") || p.contains("com" + File.separator + "google"))
                .collect(Collectors.joining(File.pathSeparator));
        return RECIPES.stream().map(r -> DynamicTest.dynamicTest(r.id(), () -> {
            Path empty = Files.createDirectories(classesOut.resolve("empty-sourcepath"));
            Path out = Files.createDirectories(classesOut.resolve(r.id()));
            var diagnostics = new DiagnosticCollector<JavaFileObject>();
            try (var files = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
                var units = files.getJavaFileObjects(ROOT.resolve(r.sourcePath()));
                var options = List.of("--release", "25", "-proc:none", "-implicit:none",
                        "-classpath", withHazelcastFor(r, libraries), "-sourcepath", empty.toString(), "-d", out.toString());
                boolean ok = compiler.getTask(null, files, diagnostics, options, null, units).call();
                if (!ok) {
                    fail(r.sourcePath() + " does not compile alone with JDK + Guava + SLF4J:\n"
                            + diagnostics.getDiagnostics().stream().map(Object::toString)
                            .collect(Collectors.joining("\n")));
                }
            }
        }));
    }

    @Test
    @DisplayName("the root README's recipe index is exactly what ./cookbook index prints")
    void rootReadmeIndexMatchesTheRegistry() {
        var buffer = new ByteArrayOutputStream();
        new Cookbook(RecipeRegistry.load(), new PrintStream(buffer, true, StandardCharsets.UTF_8), System.err)
                .execute("index");
        String expected = buffer.toString(StandardCharsets.UTF_8).strip();
        String readme = read(ROOT.resolve("README.md"));
        String start = "<!-- recipe-index:start -->";
        String end = "<!-- recipe-index:end -->";
        assertTrue(readme.contains(start) && readme.contains(end), "README.md needs the index markers");
        String actual = readme.substring(readme.indexOf(start) + start.length(), readme.indexOf(end)).strip();
        assertEquals(expected, actual, "README.md's recipe index is out of date: run bin/refresh-readme-index"
                + " (it writes the output of ./cookbook index between the markers)");
    }

    /** The distributed module alone may also use Hazelcast (its README says so). */
    private static String withHazelcastFor(Recipe r, String libraries) {
        if (!r.module().equals("distributed")) {
            return libraries;
        }
        return Stream.concat(Stream.of(libraries), Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> p.contains("hazelcast"))).collect(Collectors.joining(File.pathSeparator));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
