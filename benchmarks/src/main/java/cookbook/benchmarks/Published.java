package cookbook.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code --publish}: a full run's files go to {@code benchmarks/results}, which the site's results
 * page reads, and its ratios go into the root README between {@code <!-- NAME:start -->} and
 * {@code <!-- NAME:end -->}. {@code PublishedResultsTest} checks that the README's tables are the
 * ones the recorded JSON gives, so the README always shows a run that happened.
 */
final class Published {
    /** The README regions: the harness's ratios, the JMH suite's. */
    static final String HARNESS = "bench-harness";
    static final String JMH = "bench-jmh";

    private Published() {
    }

    /**
     * Writes a run's {@code files} (name to text) to {@code outDir}; with {@code publish}, also to
     * {@code benchmarks/results} and {@code readmeText} into the README's region {@code region}.
     */
    static void write(Path moduleDir, Path outDir, Map<String, String> files, boolean publish, String region,
                      String readmeText, PrintStream out) throws IOException {
        for (Path dir : publish ? List.of(outDir, dir(moduleDir)) : List.of(outDir)) {
            Files.createDirectories(dir);
            for (var file : files.entrySet()) {
                Files.writeString(dir.resolve(file.getKey()), file.getValue());
            }
            out.println("wrote " + String.join(", ", files.keySet()) + " in " + dir);
        }
        if (publish) {
            intoReadme(moduleDir, region, readmeText);
            out.println("wrote the ratios into " + readme(moduleDir));
        }
    }

    static Path dir(Path moduleDir) {
        return moduleDir.resolve("results");
    }

    static Path readme(Path moduleDir) {
        return moduleDir.toAbsolutePath().normalize().getParent().resolve("README.md");
    }

    /** Writes {@code text} into the README's region {@code name}, replacing what was there. */
    static void intoReadme(Path moduleDir, String name, String text) throws IOException {
        Path readme = readme(moduleDir);
        String old = Files.readString(readme);
        int[] at = bounds(old, name);
        Files.writeString(readme, old.substring(0, at[0]) + text + old.substring(at[1]));
    }

    /** What the README's region {@code name} holds now. */
    static String region(String readme, String name) {
        int[] at = bounds(readme, name);
        return readme.substring(at[0], at[1]);
    }

    private static int[] bounds(String readme, String name) {
        String start = "<!-- " + name + ":start -->\n";
        String end = "<!-- " + name + ":end -->";
        int from = readme.indexOf(start);
        int to = readme.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalStateException("README.md has no '" + start.strip() + "' ... '" + end
                    + "' region: add the two lines where the table belongs");
        }
        return new int[] {from + start.length(), to};
    }
}
