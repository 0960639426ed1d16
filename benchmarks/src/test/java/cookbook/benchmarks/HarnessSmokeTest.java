package cookbook.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every pair runs once with tiny sizes and results.json has the shape the README and the site
 * read. No timing is asserted: the numbers come from ./cookbook bench, not from a test.
 */
class HarnessSmokeTest {
    @Test
    @Timeout(300)
    @DisplayName("bench --smoke: every pair and side runs once, the sides agree, results.json and ratios.svg are written")
    @SuppressWarnings("unchecked")
    void everyPairRunsOnce(@TempDir Path out) throws Exception {
        var printed = new ByteArrayOutputStream();
        int code = Bench.run(new String[] {"--smoke", "--out", out.toString()},
                new PrintStream(printed, true, StandardCharsets.UTF_8), System.err);
        assertEquals(0, code, printed.toString(StandardCharsets.UTF_8));

        var results = (Map<String, Object>) Json.parse(Files.readString(out.resolve("results.json")));
        var machine = (Map<String, Object>) results.get("machine");
        assertTrue(((Double) machine.get("cores")) >= 1);
        assertEquals(List.of("-Xshare:auto"), machine.get("jvm_flags"));
        boolean python = machine.get("python") != null;
        if (!python) {
            System.out.println("HarnessSmokeTest: no python3 here, so the Python sides were skipped and only the Java sides checked");
        }
        var pairs = (List<Map<String, Object>>) results.get("pairs");
        assertEquals(Pairs.all(true).stream().map(Pairs.Pair::name).toList(),
                pairs.stream().map(p -> p.get("name")).toList());
        for (var pair : pairs) {
            assertEquals(Boolean.TRUE, pair.get("checks_agree"), pair.get("name") + ": sides computed different results");
            for (var side : (List<Map<String, Object>>) pair.get("sides")) {
                if (!python && side.get("language").equals("python")) {
                    assertNotNull(side.get("skipped"));
                    continue;
                }
                String where = pair.get("name") + "/" + side.get("label");
                assertNotNull(side.get("check"), where);
                for (String times : List.of("cold_ms", "warm_ms", "wall_ms")) {
                    var spread = assertInstanceOf(Map.class, side.get(times), where + " " + times);
                    assertTrue((Double) spread.get("min") <= (Double) spread.get("median")
                            && (Double) spread.get("median") <= (Double) spread.get("max"), where + " " + times);
                }
                var run = ((List<Map<String, Object>>) side.get("runs")).getFirst();
                assertEquals(2, ((List<?>) run.get("runs_ms")).size(), where + ": one cold and one warm run");
                assertInstanceOf(Boolean.class, run.get("noisy"));
            }
            for (var ratio : (List<Map<String, Object>>) pair.get("ratios")) {
                if (python || !ratio.toString().contains("python")) {
                    assertInstanceOf(Double.class, ratio.get("value"), pair.get("name") + ": " + ratio.get("name"));
                }
            }
        }
        assertTrue(Files.readString(out.resolve("ratios.svg")).startsWith("<svg"));
        String markdown = Files.readString(out.resolve("results.md"));
        assertTrue(markdown.contains("](ratios.svg)") && markdown.contains("| `mutex` (LCK-02) | python"), markdown);
        assertTrue(markdown.contains("| ≥ 15: "), "every target has its verdict:\n" + markdown);
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("mutex (LCK-02)"), "the table is printed");
    }

    @Test
    @DisplayName("--publish records only a full run: with a filter or --smoke it exits with 2 before running anything")
    void publishNeedsTheFullRun() throws Exception {
        for (String[] args : List.of(new String[] {"mutex", "--publish"}, new String[] {"--smoke", "--publish"})) {
            var err = new ByteArrayOutputStream();
            int code = Bench.run(args, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(2, code, List.of(args).toString());
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("drop the filter and --smoke"), err.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    @DisplayName("without Python the harness says so in one line and runs the Java sides only")
    void noPython() throws Exception {
        var err = new ByteArrayOutputStream();
        assertEquals(null, Bench.findPython("/no/such/python3", new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertEquals("bench: no Python 3.8 or later here ('/no/such/python3' did not start, or is older); only the Java "
                + "sides run and ratios to Python are left empty. Install python3, or point COOKBOOK_PYTHON at one.",
                err.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    @DisplayName("bench with an unknown filter lists the benchmark names and exits with 2")
    void unknownFilter() throws Exception {
        var err = new ByteArrayOutputStream();
        int code = Bench.run(new String[] {"no-such-pair"}, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        String message = err.toString(StandardCharsets.UTF_8);
        for (var pair : Pairs.all(false)) {
            assertTrue(message.contains(pair.name()), message);
        }
    }
}
