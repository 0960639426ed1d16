package cookbook.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjdk.jmh.runner.RunnerException;

/** The JMH suite compiles into real benchmarks and runs; how fast is for ./cookbook bench --jmh. */
class BenchmarkSuiteTest {
    @Test
    @DisplayName("JMH's processor ran: META-INF/BenchmarkList names every benchmark of the suite")
    void benchmarkListIsComplete() throws IOException {
        assertEquals(new TreeSet<>(Set.of(
                "CounterBenchmark.longAdder", "CounterBenchmark.atomicLong", "CounterBenchmark.synchronizedBlock",
                "CounterBenchmark.reentrantLock", "ContextBenchmark.threadLocalGet", "ContextBenchmark.scopedValueGet",
                "ContextBenchmark.threadLocalBind", "ContextBenchmark.scopedValueBind", "QueueHandOffBenchmark.oneToOne",
                "QueueHandOffBenchmark.threeToOne", "ThreadStartBenchmark.platformStartJoin",
                "ThreadStartBenchmark.virtualStartJoin", "CompletableFutureBenchmark.directCalls",
                "CompletableFutureBenchmark.completedChain", "CompletableFutureBenchmark.asyncChainOnPool")), listed());
    }

    /** What JMH's generated list names: class.method, or class.group for a group. */
    private static Set<String> listed() throws IOException {
        Set<String> listed = new TreeSet<>();
        try (InputStream in = BenchmarkSuiteTest.class.getResourceAsStream("/META-INF/BenchmarkList")) {
            assertTrue(in != null, "no META-INF/BenchmarkList: the JMH annotation processor did not run");
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                // Each line names the class, then the generated class, then the method or group.
                String[] words = line.split(" ");
                if (words.length > 9) {
                    listed.add(words[3].replace("cookbook.benchmarks.jmh.", "") + "." + words[9]);
                }
            }
        }
        return listed;
    }

    @Test
    @DisplayName("the two JMH targets are computed from the rows and shown with their verdicts in the Markdown table")
    void targetsAndMarkdown() {
        List<Map<String, Object>> rows = List.of(
                row("CounterBenchmark.longAdder", 2, Map.of(), 300.0, Map.of()),
                row("CounterBenchmark.atomicLong", 2, Map.of(), 100.0, Map.of()),
                row("QueueHandOffBenchmark.oneToOne", 2, Map.of("queueType", "ArrayBlockingQueue"), 10.0,
                        Map.of("take1", Map.of("score", 5.3, "unit", "ops/us"))));
        var summary = new LinkedHashMap<String, Object>(Map.of("date", "today", "cores", 2, "java", "25", "results", rows));
        summary.put("ratios", JmhSuite.ratios(rows));
        String markdown = JmhSuite.markdown(summary);
        assertTrue(markdown.contains("| LongAdder ÷ AtomicLong increments/µs at 2 threads | 3.00× | ≥ 2: met |"), markdown);
        assertTrue(markdown.contains("1P1C (5.3) | 1.00× | ≥ 1.5: **missed** |"), markdown);
        assertTrue(markdown.contains("| &nbsp;&nbsp;take1 | 2 | ArrayBlockingQueue | 5.30 | ops/us |"), markdown);
    }

    private static Map<String, Object> row(String benchmark, int threads, Map<String, Object> params, double score,
                                           Map<String, Object> secondary) {
        var row = new LinkedHashMap<String, Object>();
        row.put("benchmark", benchmark);
        row.put("threads", threads);
        row.put("params", params);
        row.put("score", score);
        row.put("error", null);
        row.put("unit", "ops/us");
        row.put("secondary", secondary);
        return row;
    }

    @Test
    @Timeout(120)
    @DisplayName("bench --jmh --smoke: every benchmark runs once (the counters at 1, 2 and 8 threads), with the JSON shape the README and the site read")
    @SuppressWarnings("unchecked")
    void everyBenchmarkRunsOnce() throws RunnerException, IOException {
        var summary = JmhSuite.runSuite(true, "cookbook\\.benchmarks\\.jmh\\..*");
        var rows = (List<Map<String, Object>>) summary.get("results");
        var ran = new TreeSet<String>();
        for (var row : rows) {
            String name = (String) row.get("benchmark");
            assertTrue((Double) row.get("score") > 0, name + " did nothing");
            ran.add(name);
        }
        assertEquals(listed(), ran);
        for (String counter : List.of("longAdder", "atomicLong", "synchronizedBlock", "reentrantLock")) {
            assertEquals(List.of(1.0, 2.0, 8.0), rows.stream().filter(r -> r.get("benchmark").equals("CounterBenchmark." + counter))
                    .map(r -> r.get("threads")).toList(), counter);
        }
        var queueGroup = rows.stream().filter(r -> r.get("benchmark").equals("QueueHandOffBenchmark.oneToOne")).findFirst().orElseThrow();
        assertTrue(((Map<String, Object>) queueGroup.get("secondary")).containsKey("take1"), "the group reports put and take apart");
        assertEquals(3, ((List<?>) summary.get("ratios")).size(), "LongAdder ÷ AtomicLong, and both queue groups against the paper");
        assertTrue(JmhSuite.markdown(summary).contains("| CounterBenchmark.longAdder | 8 |"));
    }
}
