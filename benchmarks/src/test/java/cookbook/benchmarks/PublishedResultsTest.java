package cookbook.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published run ({@code benchmarks/results}, written by {@code --publish}) is a full run, and
 * the root README and the site's Markdown show exactly what its JSON holds: a table edited by hand,
 * or left behind by a newer run that was not published, fails here.
 */
class PublishedResultsTest {
    /** Surefire runs in the module's directory. */
    private static final Path MODULE = Path.of("").toAbsolutePath();

    @Test
    @DisplayName("the published harness run is a full one, and README.md and results.md show what results.json holds")
    @SuppressWarnings("unchecked")
    void harnessTablesMatchTheRecordedRun() throws IOException {
        var results = (Map<String, Object>) Json.parse(Files.readString(Published.dir(MODULE).resolve("results.json")));
        assertEquals(Boolean.FALSE, results.get("smoke"));
        assertTrue(((Double) results.get("rounds")) >= 5);
        assertEquals(Pairs.all(false).stream().map(Pairs.Pair::name).toList(),
                ((List<Map<String, Object>>) results.get("pairs")).stream().map(p -> p.get("name")).toList(),
                "a full run has every pair; publish again after adding one");
        assertEquals(Report.markdown(results), Files.readString(Published.dir(MODULE).resolve("results.md")));
        assertTrue(Files.readString(Published.dir(MODULE).resolve("ratios.svg")).startsWith("<svg"));
        assertEquals(Report.readmeSummary(results),
                Published.region(Files.readString(Published.readme(MODULE)), Published.HARNESS));
    }

    @Test
    @DisplayName("the published JMH run is the whole suite, and README.md and jmh-results.md show what its JSON holds")
    @SuppressWarnings("unchecked")
    void jmhTablesMatchTheRecordedRun() throws IOException {
        var summary = (Map<String, Object>) Json.parse(Files.readString(Published.dir(MODULE).resolve("jmh-results.json")));
        assertEquals(Boolean.FALSE, summary.get("smoke"));
        assertEquals(2, ((List<?>) summary.get("ratios")).stream().filter(r -> ((Map<?, ?>) r).get("target") != null).count(),
                "both JMH targets were measured");
        assertEquals(JmhSuite.markdown(summary), Files.readString(Published.dir(MODULE).resolve("jmh-results.md")));
        assertEquals(JmhSuite.readmeSummary(summary),
                Published.region(Files.readString(Published.readme(MODULE)), Published.JMH));
    }

    @Test
    @DisplayName("--publish replaces only its README region, and names the two marker lines when they are missing")
    void readmeRegionIsReplacedInPlace(@TempDir Path root) throws IOException {
        Path module = Files.createDirectories(root.resolve("benchmarks"));
        Files.writeString(root.resolve("README.md"), "before\n<!-- bench-jmh:start -->\nold\n<!-- bench-jmh:end -->\nafter\n");
        Published.intoReadme(module, Published.JMH, "new\n");
        assertEquals("before\n<!-- bench-jmh:start -->\nnew\n<!-- bench-jmh:end -->\nafter\n", Files.readString(root.resolve("README.md")));

        var missing = assertThrows(IllegalStateException.class, () -> Published.intoReadme(module, Published.HARNESS, "x"));
        assertTrue(missing.getMessage().contains("'<!-- bench-harness:start -->' ... '<!-- bench-harness:end -->'"), missing.getMessage());
        assertFalse(Files.readString(root.resolve("README.md")).contains("x"));
    }
}
