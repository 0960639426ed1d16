package cookbook.launcher;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./cookbook test ID}: starts {@link ClaimRunner} in a JVM of its own, in the
 * recipe's module directory, with the module's test classes first on the class path, and
 * relays what it prints. The class path of the tests' libraries (JUnit, Awaitility,
 * test-support) is the file the build writes beside the run class path.
 */
final class ClaimTests {
    private ClaimTests() {
    }

    /** Runs the recipe's claims; returns the runner's exit code (0 all passed, 1 otherwise). */
    static int run(Recipe recipe, PrintStream out, PrintStream err) {
        Path root = Path.of(System.getProperty("cookbook.root", "."));
        Path module = root.resolve(recipe.module());
        Path testClasses = module.resolve("target/test-classes");
        Path libraries = root.resolve("launcher/target/cookbook-test.classpath");
        if (!Files.isDirectory(testClasses) || !Files.exists(libraries)) {
            throw new IllegalStateException("the tests of " + recipe.module() + " are not built (" + testClasses
                    + "); run ./mvnw -DskipTests package, or let ./cookbook build them");
        }
        List<String> classPath = new ArrayList<>(List.of(testClasses.toString(),
                module.resolve("target/classes").toString(), root.resolve("launcher/target/classes").toString()));
        classPath.add(read(libraries));
        String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new ArrayList<>(List.of(javaCommand, "-Xshare:auto", "-XX:+UseSerialGC"));
        // A module whose library needs JVM options (distributed: Hazelcast) keeps them in jvm.options.
        Path options = module.resolve("jvm.options");
        if (Files.exists(options)) {
            command.add("@" + options);
        }
        command.addAll(List.of("-cp", String.join(File.pathSeparator, classPath),
                ClaimRunner.class.getName(), recipe.id(), testClasses.toString()));
        Process runner = null;
        try {
            runner = new ProcessBuilder(command).directory(module.toFile()).redirectErrorStream(true).start();
            try (var lines = runner.inputReader(StandardCharsets.UTF_8)) {
                lines.lines().forEach(out::println);
            }
            return runner.waitFor();
        } catch (IOException e) {
            err.println("cookbook: could not start the test JVM: " + e.getMessage());
            return Cookbook.RECIPE_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Cookbook.RECIPE_FAILED;
        } finally {
            if (runner != null) {
                runner.destroyForcibly();
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
